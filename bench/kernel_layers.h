// kernel_layers: the three benchmark layers of bench_kernels and bench_peers,
// the peer shapes of ../shared/reference/peer-figures.md:
//   depthwise 3x3 on 1x56x56x128 (stride 1, SAME),
//   pointwise 1x1 28x28x256 -> 256,
//   3x3 conv 28x28x64 -> 64 (SAME).
// Each layer's data (seeded random weights, inputs, per-channel requantization)
// is made once here, so every program that times these shapes runs the same bytes.
#pragma once

#include <benchmark/benchmark.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "kernels/conv2d.h"
#include "kernels/depthwise_conv2d.h"
#include "kernels/quant_math.h"

namespace vnpu::kernels::bench {

// One layer's shapes, quantization and data, as our kernels take them.
struct LayerData {
  std::string name;
  bool depthwise = false;
  ConvParams conv;                  // used when !depthwise
  DepthwiseConvParams depthwise_conv;  // used when depthwise
  Dims input_dims;
  Dims filter_dims;  // conv: OHWI; depthwise: 1 x H x W x C
  Dims output_dims;
  std::vector<int8_t> input;
  std::vector<int8_t> filter;
  std::vector<int32_t> bias;
  std::vector<QuantizedMultiplier> multipliers;  // one per output channel
  int64_t macs = 0;

  int32_t input_offset() const { return depthwise ? depthwise_conv.input_offset : conv.input_offset; }
  int32_t output_offset() const {
    return depthwise ? depthwise_conv.output_offset : conv.output_offset;
  }
  int32_t pad_top() const { return depthwise ? depthwise_conv.pad_top : conv.pad_top; }
  int32_t pad_left() const { return depthwise ? depthwise_conv.pad_left : conv.pad_left; }
};

using LayerRunner = std::function<void(std::vector<int8_t>&)>;

// One benchmarked layer: its data, an output buffer, and a runner per variant.
struct Layer {
  std::shared_ptr<const LayerData> data;
  std::vector<int8_t> output;
  LayerRunner reference;
  std::vector<std::pair<std::string, LayerRunner>> fast;  // "fast_<isa>", every ISA this CPU has
};

// The three layers above, in that order.
std::vector<std::shared_ptr<Layer>> make_benchmark_layers();

// Aborts (naming `program`) unless every fast variant reproduces the reference bytes.
void verify_or_abort(const Layer& layer, const char* program);

// A named fact reported as a constant counter beside GOPS (e.g. differing bytes).
using LayerFacts = std::vector<std::pair<std::string, double>>;

// Registers "<layer>/<variant>" with counter GOPS = 2 * MACs / s, and `facts`.
void register_variant(const std::shared_ptr<Layer>& layer, const std::string& variant,
                      LayerRunner run, LayerFacts facts = {});

}  // namespace vnpu::kernels::bench
