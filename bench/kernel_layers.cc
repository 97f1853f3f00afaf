#include "bench/kernel_layers.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>

#include "kernels/optimized/conv2d_fast.h"
#include "kernels/optimized/depthwise_conv2d_fast.h"

namespace vnpu::kernels::bench {
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

// Every ISA this CPU supports.
std::vector<Isa> isas_to_run() {
  std::vector<Isa> isas;
  for (Isa isa : {Isa::kPortable, Isa::kAvx2, Isa::kAvx512Vnni}) {
    if (isa_supported(isa)) isas.push_back(isa);
  }
  return isas;
}

std::shared_ptr<const LayerData> conv_data(const std::string& name, int32_t size, int32_t in_c,
                                           int32_t out_c, int32_t k) {
  auto data = std::make_shared<LayerData>();
  data->name = name;
  std::mt19937 rng(42);
  data->conv.input_offset = 3;
  data->conv.output_offset = -5;
  data->conv.pad_top = (k - 1) / 2;
  data->conv.pad_left = (k - 1) / 2;
  data->input_dims = Dims{1, size, size, in_c};
  data->filter_dims = Dims{out_c, k, k, in_c};
  data->output_dims = Dims{1, size, size, out_c};
  data->input = random_int8(rng, data->input_dims.flat_size());
  data->filter = random_int8(rng, data->filter_dims.flat_size());
  data->bias = random_bias(rng, out_c);
  data->multipliers =
      random_multipliers(rng, out_c, -std::log2(static_cast<double>(in_c * k * k)) - 6.0);
  data->macs = data->output_dims.flat_size() * k * k * in_c;
  return data;
}

std::shared_ptr<const LayerData> depthwise_data(const std::string& name, int32_t size,
                                                int32_t channels) {
  auto data = std::make_shared<LayerData>();
  data->name = name;
  data->depthwise = true;
  std::mt19937 rng(7);
  data->depthwise_conv.input_offset = -4;
  data->depthwise_conv.output_offset = 9;
  data->depthwise_conv.pad_top = 1;
  data->depthwise_conv.pad_left = 1;
  data->input_dims = Dims{1, size, size, channels};
  data->filter_dims = Dims{1, 3, 3, channels};
  data->output_dims = Dims{1, size, size, channels};
  data->input = random_int8(rng, data->input_dims.flat_size());
  data->filter = random_int8(rng, data->filter_dims.flat_size());
  data->bias = random_bias(rng, channels);
  data->multipliers = random_multipliers(rng, channels, -10.0);
  data->macs = data->output_dims.flat_size() * 9;
  return data;
}

std::shared_ptr<Layer> conv_layer(std::shared_ptr<const LayerData> data) {
  auto layer = std::make_shared<Layer>();
  layer->data = data;
  layer->output.resize(static_cast<size_t>(data->output_dims.flat_size()));
  layer->reference = [data](std::vector<int8_t>& out) {
    s8_conv2d(data->conv, data->multipliers.data(), data->input_dims, data->input.data(),
              data->filter_dims, data->filter.data(), data->bias.data(), data->output_dims,
              out.data());
  };
  for (Isa isa : isas_to_run()) {
    auto packed = std::make_shared<PackedConvFilter>(pack_s8_conv2d_filter(
        data->conv, data->input_dims, data->filter_dims, data->filter.data(), isa));
    auto scratch = std::make_shared<std::vector<uint8_t>>(s8_conv2d_fast_scratch_bytes(
        data->conv, *packed, data->input_dims, data->output_dims));
    layer->fast.emplace_back(std::string("fast_") + isa_name(isa), [=](std::vector<int8_t>& out) {
      s8_conv2d_fast(data->conv, data->multipliers.data(), data->input_dims, data->input.data(),
                     data->filter_dims, data->filter.data(), data->bias.data(), data->output_dims,
                     out.data(), *packed, scratch->data());
    });
  }
  return layer;
}

std::shared_ptr<Layer> depthwise_layer(std::shared_ptr<const LayerData> data) {
  auto layer = std::make_shared<Layer>();
  layer->data = data;
  layer->output.resize(static_cast<size_t>(data->output_dims.flat_size()));
  layer->reference = [data](std::vector<int8_t>& out) {
    s8_depthwise_conv2d(data->depthwise_conv, data->multipliers.data(), data->input_dims,
                        data->input.data(), data->filter_dims, data->filter.data(),
                        data->bias.data(), data->output_dims, out.data());
  };
  for (Isa isa : isas_to_run()) {
    auto packed = std::make_shared<PackedDepthwiseFilter>(pack_s8_depthwise_conv2d_filter(
        data->depthwise_conv, data->filter_dims, data->filter.data(), isa));
    auto scratch = std::make_shared<std::vector<uint8_t>>(
        s8_depthwise_conv2d_fast_scratch_bytes(data->depthwise_conv, *packed, data->output_dims));
    layer->fast.emplace_back(std::string("fast_") + isa_name(isa), [=](std::vector<int8_t>& out) {
      s8_depthwise_conv2d_fast(data->depthwise_conv, data->multipliers.data(), data->input_dims,
                               data->input.data(), data->filter_dims, data->filter.data(),
                               data->bias.data(), data->output_dims, out.data(), *packed,
                               scratch->data());
    });
  }
  return layer;
}

}  // namespace

std::vector<std::shared_ptr<Layer>> make_benchmark_layers() {
  return {depthwise_layer(depthwise_data("depthwise3x3_1x56x56x128", 56, 128)),
          conv_layer(conv_data("pointwise1x1_28x28x256to256", 28, 256, 256, 1)),
          conv_layer(conv_data("conv3x3_28x28x64to64", 28, 64, 64, 3))};
}

void verify_or_abort(const Layer& layer, const char* program) {
  std::vector<int8_t> expected(layer.output.size(), 0x11);
  layer.reference(expected);
  for (const auto& [variant, run] : layer.fast) {
    std::vector<int8_t> actual(layer.output.size(), 0x22);
    run(actual);
    if (actual != expected) {
      std::fprintf(stderr, "%s: %s/%s differs from the reference kernel\n", program,
                   layer.data->name.c_str(), variant.c_str());
      std::abort();
    }
  }
  std::fprintf(stderr, "%s: %s: %zu fast variant(s) byte-identical to reference\n", program,
               layer.data->name.c_str(), layer.fast.size());
}

void register_variant(const std::shared_ptr<Layer>& layer, const std::string& variant,
                      LayerRunner run, LayerFacts facts) {
  const std::string name = layer->data->name + "/" + variant;
  benchmark::RegisterBenchmark(name.c_str(), [layer, run, facts](benchmark::State& state) {
           for (auto _ : state) {
             run(layer->output);
             benchmark::DoNotOptimize(layer->output.data());
             benchmark::ClobberMemory();
           }
           state.counters["GOPS"] = benchmark::Counter(
               2.0 * static_cast<double>(layer->data->macs) *
                   static_cast<double>(state.iterations()) / 1e9,
               benchmark::Counter::kIsRate);
           for (const auto& [fact, value] : facts) state.counters[fact] = value;
         })
      ->Unit(benchmark::kMicrosecond);
}

}  // namespace vnpu::kernels::bench
