#include "sim/functional/convolution.h"

#include <string>

#include "isa/weight_decoder.h"
#include "isa/weight_layout.h"
#include "sim/functional/convolution_fast.h"
#include "sim/functional/feature_map.h"
#include "sim/functional/kernel_geometry.h"
#include "sim/functional/output_stage.h"
#include "sim/functional/weight_cache.h"

namespace vnpu::sim {
namespace {

// The bytes [base, base + length) of region `index`, or kBus naming `what`.
ExecResult stream_bytes(const NpuMemory& memory, uint8_t region, uint64_t base, uint64_t length,
                        const char* what, const uint8_t** out) {
  if (region > 7) return ExecResult::parse(std::string(what) + " region out of range");
  const MemoryRegion& r = memory.region(region);
  const uint64_t size = r.data == nullptr ? 0 : r.size;
  if (base > size || length > size - base) {
    return ExecResult::bus(std::string(what) + " [" + std::to_string(base) + ", +" +
                           std::to_string(length) + ") lies outside region " +
                           std::to_string(region) + " (size " + std::to_string(size) + ")");
  }
  *out = r.data == nullptr ? nullptr : r.data + base;
  return ExecResult::success();
}

}  // namespace

isa::WeightLayoutParams conv_weight_layout(const isa::Operation& op, const KernelGeometry& g,
                                           const isa::AcceleratorConfig& config) {
  const isa::RegisterState& s = op.state;
  const bool depthwise = op.kind == isa::OperationKind::kDepthwise;
  isa::WeightLayoutParams params = isa::weight_layout_for(config);
  params.ofm_depth = g.ofm.depth;
  params.kernel_height = g.kernel_height;
  params.kernel_width = g.kernel_width;
  params.ifm_depth = depthwise ? 1 : g.ifm.depth;
  params.ofm_block_depth = static_cast<int32_t>(s.ofm.block_depth_m1) + 1;
  params.ifm_bits = s.ifm.type.bits;
  params.order = depthwise ? isa::WeightOrder::kDepthFirst : s.kernel.weight_order;
  params.depthwise = depthwise;
  params.dilation_x = g.dilation_x;
  params.dilation_y = g.dilation_y;
  return params;
}

ExecResult load_conv_weights(const isa::Operation& op, const NpuMemory& memory,
                             const isa::AcceleratorConfig& config, ConvWeights* out) {
  const isa::RegisterState& s = op.state;
  KernelGeometry g;
  ExecResult result = make_kernel_geometry(op, &g);
  if (!result.ok()) return result;
  const bool depthwise = op.kind == isa::OperationKind::kDepthwise;
  if (!(result = memory.check_work(kernel_work(g, depthwise ? 1 : g.ifm.depth))).ok()) {
    return result;
  }
  const isa::WeightLayoutParams params = conv_weight_layout(op, g, config);
  // A stream can code long zero runs in few bits, so its length does not bound the count.
  constexpr int64_t kMaxWeights = int64_t{1} << 26;
  const int64_t weight_count = static_cast<int64_t>(params.ofm_depth) * params.kernel_height *
                               params.kernel_width * params.ifm_depth;
  if (weight_count > kMaxWeights) {
    return ExecResult::parse("operation needs " + std::to_string(weight_count) +
                             " weights, more than the functional model's limit of " +
                             std::to_string(kMaxWeights));
  }
  const Status valid = isa::validate_weight_layout(params);
  if (!valid) return ExecResult::parse("weight layout: " + valid.message());

  const uint8_t* bytes = nullptr;
  result = stream_bytes(memory, s.weights.region, s.weights.base, s.weights.length,
                        "weight stream", &bytes);
  if (!result.ok()) return result;
  out->ofm_depth = params.ofm_depth;
  out->kernel_height = params.kernel_height;
  out->kernel_width = params.kernel_width;
  out->ifm_depth = params.ifm_depth;
  const size_t length = static_cast<size_t>(s.weights.length);
  WeightCache* cache = memory.weight_cache;
  if (cache != nullptr) {
    if (const std::vector<int16_t>* known = cache->find(params, bytes, length)) {
      out->ohwi = *known;
      return ExecResult::success();
    }
  }
  Expected<std::vector<int16_t>> ohwi = isa::decode_weights(params, bytes, length);
  if (!ohwi) return ExecResult::weights(ohwi.status().message());
  if (cache != nullptr) cache->insert(params, bytes, length, *ohwi);
  out->ohwi = std::move(*ohwi);
  return ExecResult::success();
}

ExecResult load_scale_stream(const isa::Operation& op, const NpuMemory& memory, int32_t channels,
                             std::vector<isa::ScaleBiasEntry>* out) {
  const isa::StreamState& stream = op.state.scales;
  const uint8_t* bytes = nullptr;
  ExecResult result =
      stream_bytes(memory, stream.region, stream.base, stream.length, "scale stream", &bytes);
  if (!result.ok()) return result;
  isa::ScaleDecodeOptions options;
  options.exact_length = false;
  Expected<std::vector<isa::ScaleBiasEntry>> entries = isa::decode_scale_stream(
      bytes, static_cast<size_t>(stream.length), static_cast<size_t>(channels), options);
  if (!entries) return ExecResult::parse("scale stream: " + entries.status().message());
  *out = std::move(*entries);
  return ExecResult::success();
}

ExecResult prepare_convolution(const isa::Operation& op, const NpuMemory& memory,
                               const ConvWeights& weights, ConvolutionSetup* setup) {
  const isa::RegisterState& s = op.state;
  const bool depthwise = op.kind == isa::OperationKind::kDepthwise;
  KernelGeometry& g = setup->g;
  ExecResult result = make_kernel_geometry(op, &g);
  if (!result.ok()) return result;
  if (weights.ofm_depth != g.ofm.depth || weights.kernel_height != g.kernel_height ||
      weights.kernel_width != g.kernel_width ||
      weights.ifm_depth != (depthwise ? 1 : g.ifm.depth)) {
    return ExecResult::parse("weights do not match the operation's shape");
  }
  if (depthwise && g.ofm.depth > g.ifm.depth) {
    return ExecResult::parse("DEPTHWISE OFM depth " + std::to_string(g.ofm.depth) +
                             " exceeds IFM depth " + std::to_string(g.ifm.depth));
  }
  if (s.acc_format == isa::AccFormat::kFloat16) {
    return ExecResult::parse("ACC_FORMAT F16 is not supported for integer convolution");
  }
  if (!(result = FeatureMap::bind(s.ifm, g.ifm, memory, "IFM", &setup->ifm)).ok()) return result;
  if (!(result = FeatureMap::bind(s.ofm, g.ofm, memory, "OFM", &setup->ofm)).ok()) return result;
  if (!(result = OutputStage::create(op, memory, &setup->stage)).ok()) return result;
  if (s.ofm.global_scale) {
    setup->scales.assign(static_cast<size_t>(g.ofm.depth),
                         isa::ScaleBiasEntry{0, s.ofm_scale.multiplier, s.ofm_scale.shift});
  } else if (!(result = load_scale_stream(op, memory, g.ofm.depth, &setup->scales)).ok()) {
    return result;
  }
  setup->depthwise = depthwise;
  setup->acc_format = s.acc_format;
  setup->round_mode = s.ofm.round_mode;
  setup->ifm_zero_point = s.ifm.zero_point;
  setup->shram = memory.shram;
  return ExecResult::success();
}

namespace {

// The per-element loop: every tap through KernelGeometry::source() and FeatureMap::read().
ExecResult run_reference_convolution(ConvolutionSetup* setup, const ConvWeights& weights) {
  const KernelGeometry& g = setup->g;
  const FeatureMap& ifm = setup->ifm;
  const int64_t zero_point = setup->ifm_zero_point;
  for (int32_t oy = 0; oy < g.ofm.height; ++oy) {
    for (int32_t ox = 0; ox < g.ofm.width; ++ox) {
      for (int32_t oc = 0; oc < g.ofm.depth; ++oc) {
        int64_t acc = 0;
        for (int32_t ky = 0; ky < g.kernel_height; ++ky) {
          for (int32_t kx = 0; kx < g.kernel_width; ++kx) {
            int32_t y = 0;
            int32_t x = 0;
            if (!g.source(oy * g.stride_y - g.pad_top + ky * g.dilation_y,
                          ox * g.stride_x - g.pad_left + kx * g.dilation_x, &y, &x)) {
              continue;
            }
            if (setup->depthwise) {
              acc += (ifm.read(y, x, oc) - zero_point) * weights.at(oc, ky, kx, 0);
              continue;
            }
            for (int32_t ic = 0; ic < g.ifm.depth; ++ic) {
              acc += (ifm.read(y, x, ic) - zero_point) * weights.at(oc, ky, kx, ic);
            }
          }
        }
        setup->ofm.write(oy, ox, oc, setup->requantize(acc, oc));
      }
    }
  }
  if (ifm.access_fault() || setup->ofm.access_fault()) {
    return ExecResult::bus("feature-map access outside its region");
  }
  return ExecResult::success();
}

}  // namespace

ExecResult execute_convolution(const isa::Operation& op, const NpuMemory& memory,
                               const ConvWeights& weights) {
  ConvolutionSetup setup;
  const ExecResult result = prepare_convolution(op, memory, weights, &setup);
  if (!result.ok()) return result;
  if (run_fast_convolution(&setup, weights)) {
    if (setup.ofm.access_fault()) return ExecResult::bus("feature-map access outside its region");
    return ExecResult::success();
  }
  return run_reference_convolution(&setup, weights);
}

ExecResult execute_convolution_reference(const isa::Operation& op, const NpuMemory& memory,
                                         const ConvWeights& weights) {
  ConvolutionSetup setup;
  const ExecResult result = prepare_convolution(op, memory, weights, &setup);
  if (!result.ok()) return result;
  return run_reference_convolution(&setup, weights);
}

}  // namespace vnpu::sim
