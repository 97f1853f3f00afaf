// bench_kernels: single-thread int8 kernel throughput, reference against fast
// variants, on the peer shapes of ../shared/reference/peer-figures.md:
//   depthwise 3x3 on 1x56x56x128 (stride 1, SAME),
//   pointwise 1x1 28x28x256 -> 256,
//   3x3 conv 28x28x64 -> 64 (SAME).
// Counter GOPS = 2 * MACs / s. Before any timing every fast variant is checked
// byte for byte against the reference on the same shape; a mismatch aborts.
// Run pinned and repeated: taskset -c 1 bench_kernels --benchmark_repetitions=3
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "kernels/conv2d.h"
#include "kernels/depthwise_conv2d.h"
#include "kernels/optimized/conv2d_fast.h"
#include "kernels/optimized/depthwise_conv2d_fast.h"

namespace vnpu::kernels {
namespace {

std::vector<int8_t> random_int8(std::mt19937& rng, int64_t count) {
  std::uniform_int_distribution<int> dist(-128, 127);
  std::vector<int8_t> values(static_cast<size_t>(count));
  for (int8_t& v : values) v = static_cast<int8_t>(dist(rng));
  return values;
}

std::vector<int32_t> random_bias(std::mt19937& rng, int32_t count) {
  std::uniform_int_distribution<int32_t> dist(-20000, 20000);
  std::vector<int32_t> values(static_cast<size_t>(count));
  for (int32_t& v : values) v = dist(rng);
  return values;
}

// Per-channel scales around what a trained layer has (outputs mostly in range).
std::vector<QuantizedMultiplier> random_multipliers(std::mt19937& rng, int32_t count,
                                                    double centre_log2) {
  std::uniform_real_distribution<double> spread(-1.5, 1.5);
  std::vector<QuantizedMultiplier> result;
  for (int32_t i = 0; i < count; ++i) {
    result.push_back(quantize_multiplier(std::exp2(centre_log2 + spread(rng))));
  }
  return result;
}

// One benchmarked layer: its data, and a runner per variant.
struct Layer {
  std::string name;
  int64_t macs = 0;
  std::vector<int8_t> output;
  std::function<void(std::vector<int8_t>&)> reference;
  std::vector<std::pair<std::string, std::function<void(std::vector<int8_t>&)>>> fast;
};

// Every ISA this CPU supports.
std::vector<Isa> isas_to_run() {
  std::vector<Isa> isas;
  for (Isa isa : {Isa::kPortable, Isa::kAvx2, Isa::kAvx512Vnni}) {
    if (isa_supported(isa)) isas.push_back(isa);
  }
  return isas;
}

std::shared_ptr<Layer> conv_layer(const std::string& name, int32_t size, int32_t in_c,
                                  int32_t out_c, int32_t k) {
  auto layer = std::make_shared<Layer>();
  layer->name = name;
  std::mt19937 rng(42);
  auto params = std::make_shared<ConvParams>();
  params->input_offset = 3;
  params->output_offset = -5;
  params->pad_top = (k - 1) / 2;
  params->pad_left = (k - 1) / 2;
  const Dims input_dims{1, size, size, in_c};
  const Dims filter_dims{out_c, k, k, in_c};
  const Dims output_dims{1, size, size, out_c};
  auto input = std::make_shared<std::vector<int8_t>>(random_int8(rng, input_dims.flat_size()));
  auto filter = std::make_shared<std::vector<int8_t>>(random_int8(rng, filter_dims.flat_size()));
  auto bias = std::make_shared<std::vector<int32_t>>(random_bias(rng, out_c));
  auto multipliers = std::make_shared<std::vector<QuantizedMultiplier>>(
      random_multipliers(rng, out_c, -std::log2(static_cast<double>(in_c * k * k)) - 6.0));
  layer->macs = output_dims.flat_size() * k * k * in_c;
  layer->output.resize(static_cast<size_t>(output_dims.flat_size()));
  layer->reference = [=](std::vector<int8_t>& out) {
    s8_conv2d(*params, multipliers->data(), input_dims, input->data(), filter_dims, filter->data(),
              bias->data(), output_dims, out.data());
  };
  for (Isa isa : isas_to_run()) {
    auto packed = std::make_shared<PackedConvFilter>(
        pack_s8_conv2d_filter(*params, input_dims, filter_dims, filter->data(), isa));
    auto scratch = std::make_shared<std::vector<uint8_t>>(
        s8_conv2d_fast_scratch_bytes(*params, *packed, input_dims, output_dims));
    layer->fast.emplace_back(std::string("fast_") + isa_name(isa), [=](std::vector<int8_t>& out) {
      s8_conv2d_fast(*params, multipliers->data(), input_dims, input->data(), filter_dims,
                     filter->data(), bias->data(), output_dims, out.data(), *packed,
                     scratch->data());
    });
  }
  return layer;
}

std::shared_ptr<Layer> depthwise_layer(const std::string& name, int32_t size, int32_t channels) {
  auto layer = std::make_shared<Layer>();
  layer->name = name;
  std::mt19937 rng(7);
  auto params = std::make_shared<DepthwiseConvParams>();
  params->input_offset = -4;
  params->output_offset = 9;
  params->pad_top = 1;
  params->pad_left = 1;
  const Dims input_dims{1, size, size, channels};
  const Dims filter_dims{1, 3, 3, channels};
  const Dims output_dims{1, size, size, channels};
  auto input = std::make_shared<std::vector<int8_t>>(random_int8(rng, input_dims.flat_size()));
  auto filter = std::make_shared<std::vector<int8_t>>(random_int8(rng, filter_dims.flat_size()));
  auto bias = std::make_shared<std::vector<int32_t>>(random_bias(rng, channels));
  auto multipliers =
      std::make_shared<std::vector<QuantizedMultiplier>>(random_multipliers(rng, channels, -10.0));
  layer->macs = output_dims.flat_size() * 9;
  layer->output.resize(static_cast<size_t>(output_dims.flat_size()));
  layer->reference = [=](std::vector<int8_t>& out) {
    s8_depthwise_conv2d(*params, multipliers->data(), input_dims, input->data(), filter_dims,
                        filter->data(), bias->data(), output_dims, out.data());
  };
  for (Isa isa : isas_to_run()) {
    auto packed = std::make_shared<PackedDepthwiseFilter>(
        pack_s8_depthwise_conv2d_filter(*params, filter_dims, filter->data(), isa));
    auto scratch = std::make_shared<std::vector<uint8_t>>(
        s8_depthwise_conv2d_fast_scratch_bytes(*params, *packed, output_dims));
    layer->fast.emplace_back(std::string("fast_") + isa_name(isa), [=](std::vector<int8_t>& out) {
      s8_depthwise_conv2d_fast(*params, multipliers->data(), input_dims, input->data(), filter_dims,
                               filter->data(), bias->data(), output_dims, out.data(), *packed,
                               scratch->data());
    });
  }
  return layer;
}

// Aborts unless every fast variant reproduces the reference bytes.
void verify_or_abort(const Layer& layer) {
  std::vector<int8_t> expected(layer.output.size(), 0x11);
  layer.reference(expected);
  for (const auto& [variant, run] : layer.fast) {
    std::vector<int8_t> actual(layer.output.size(), 0x22);
    run(actual);
    if (actual != expected) {
      std::fprintf(stderr, "bench_kernels: %s/%s differs from the reference kernel\n",
                   layer.name.c_str(), variant.c_str());
      std::abort();
    }
  }
  std::fprintf(stderr, "bench_kernels: %s: %zu fast variant(s) byte-identical to reference\n",
               layer.name.c_str(), layer.fast.size());
}

void register_variant(const std::shared_ptr<Layer>& layer, const std::string& variant,
                      std::function<void(std::vector<int8_t>&)> run) {
  benchmark::RegisterBenchmark((layer->name + "/" + variant).c_str(), [layer, run](
                                                                          benchmark::State& state) {
    for (auto _ : state) {
      run(layer->output);
      benchmark::DoNotOptimize(layer->output.data());
      benchmark::ClobberMemory();
    }
    state.counters["GOPS"] = benchmark::Counter(
        2.0 * static_cast<double>(layer->macs) * static_cast<double>(state.iterations()) / 1e9,
        benchmark::Counter::kIsRate);
  })->Unit(benchmark::kMicrosecond);
}

}  // namespace
}  // namespace vnpu::kernels

int main(int argc, char** argv) {
  using namespace vnpu::kernels;
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  const std::vector<std::shared_ptr<Layer>> layers = {
      depthwise_layer("depthwise3x3_1x56x56x128", 56, 128),
      conv_layer("pointwise1x1_28x28x256to256", 28, 256, 256, 1),
      conv_layer("conv3x3_28x28x64to64", 28, 64, 64, 3)};
  for (const auto& layer : layers) {
    verify_or_abort(*layer);
    register_variant(layer, "reference", layer->reference);
    for (const auto& [variant, run] : layer->fast) register_variant(layer, variant, run);
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
