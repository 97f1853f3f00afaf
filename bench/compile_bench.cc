// compile_bench: wall time of the whole compiler (compiler::compile_model and
// tflite::write_tflite, as `vnpu compile` runs them) on every shared model for
// ethos-u55-128 and ethos-u55-256 (Ethos_U55_High_End_Embedded's Shared_Sram
// memory mode, arena-cache size 4 GiB as in the shared Vela runs), and on a
// MobileNetV2-1.0-224-shaped model built here with models::GraphBuilder (about
// 300 M MACs, synthetic weights). Each model is loaded or built once, outside
// the timed loop; the per-iteration copy of the input model is not timed.
// Goal: each shared model <= 100 ms, MobileNetV2 <= 1 s.
// Counters: NPU and CPU operators after partitioning, output bytes, MACs.
// Run: taskset -c 1 compile_bench --benchmark_repetitions=3
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "compiler/compile_model.h"
#include "models/graph_builder.h"
#include "perf/system_config.h"
#include "tflite/reader.h"
#include "tflite/writer.h"

namespace vnpu::bench {
namespace {

constexpr uint64_t kArenaCacheBytes = uint64_t{1} << 32;  // as the shared Vela runs
constexpr const char* kSharedModels[] = {"kws_dscnn",      "vww_mobilenetv1", "ic_resnet8",
                                         "ad_autoencoder", "person_detect",   "hello_world"};
constexpr const char* kAccelerators[] = {"ethos-u55-128", "ethos-u55-256"};

// ---- A MobileNetV2-1.0-224-shaped model -------------------------------------
// Scales follow models/kws_dscnn.cc: an accumulator of K products of weights
// (~73 levels std) and inputs (~40 levels std) maps to ~40 output levels.
constexpr double kWeightStdLevels = 73.0;
constexpr double kActivationStdLevels = 40.0;

struct Layer {
  int32_t tensor = 0;
  float scale = 1.0f;
  int32_t height = 0;
  int32_t width = 0;
  int32_t depth = 0;
};

class MobileNetV2Builder {
 public:
  MobileNetV2Builder() : b_("mobilenet_v2_1.0_224_synthetic", 7) {}

  ir::Model build() {
    input_ = b_.add_activation("input", {1, 224, 224, 3}, {1.0f / 128, 0});
    Layer x{input_, 1.0f / 128, 224, 224, 3};
    x = conv(x, "conv_0", 3, 32, 2, true);
    // (expansion t, output channels c, repeats n, first stride s) per stage.
    const int32_t stages[7][4] = {{1, 16, 1, 1}, {6, 24, 2, 2},  {6, 32, 3, 2}, {6, 64, 4, 2},
                                  {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1}};
    int32_t block = 0;
    for (const auto& stage : stages) {
      for (int32_t i = 0; i < stage[2]; ++i) {
        x = inverted_residual(x, "block_" + std::to_string(block++), stage[0], stage[1],
                              i == 0 ? stage[3] : 1);
      }
    }
    x = conv(x, "conv_last", 1, 1280, 1, true);
    x = head(x);
    return b_.finish("MobileNetV2-1.0-224-shaped model with synthetic weights (compile_bench)");
  }

  int64_t macs() const { return macs_; }

 private:
  std::vector<float> channel_scales(int32_t channels) {
    std::vector<float> scales(static_cast<size_t>(channels));
    for (float& s : scales) s = static_cast<float>(0.004 * (0.75 + 0.5 * b_.rng().unit()));
    return scales;
  }

  static float output_scale(float input_scale, const std::vector<float>& weight_scales,
                            int32_t products) {
    double mean = 0;
    for (float s : weight_scales) mean += s;
    mean /= static_cast<double>(weight_scales.size());
    return static_cast<float>(std::sqrt(static_cast<double>(products)) * kWeightStdLevels *
                              static_cast<double>(input_scale) * mean);
  }

  Layer conv(Layer in, const std::string& name, int32_t kernel, int32_t out_depth, int32_t stride,
             bool relu) {
    const std::vector<float> scales = channel_scales(out_depth);
    const int32_t products = kernel * kernel * in.depth;
    const float scale = output_scale(in.scale, scales, products);
    const int32_t weights =
        b_.add_weights(name + "/weights", {out_depth, kernel, kernel, in.depth}, 0, scales);
    const int32_t bias = b_.add_bias(name + "/bias", out_depth, in.scale, scales, 2000);
    const Layer out{0, scale, (in.height + stride - 1) / stride, (in.width + stride - 1) / stride,
                    out_depth};
    const int32_t output = b_.add_activation(name + "/out", {1, out.height, out.width, out_depth},
                                             {scale, relu ? -128 : 0});
    ir::Conv2dOptions options;
    options.stride_h = stride;
    options.stride_w = stride;
    options.activation = relu ? ir::FusedActivation::kRelu6 : ir::FusedActivation::kNone;
    b_.add_op(ir::OpType::kConv2d, {in.tensor, weights, bias}, {output}, options);
    macs_ += int64_t{out.height} * out.width * out_depth * products;
    return {output, out.scale, out.height, out.width, out.depth};
  }

  Layer depthwise(Layer in, const std::string& name, int32_t stride) {
    const std::vector<float> scales = channel_scales(in.depth);
    const float scale = output_scale(in.scale, scales, 9);
    const int32_t weights = b_.add_weights(name + "/weights", {1, 3, 3, in.depth}, 3, scales);
    const int32_t bias = b_.add_bias(name + "/bias", in.depth, in.scale, scales, 500);
    const int32_t height = (in.height + stride - 1) / stride;
    const int32_t width = (in.width + stride - 1) / stride;
    const int32_t output =
        b_.add_activation(name + "/out", {1, height, width, in.depth}, {scale, -128});
    ir::DepthwiseConv2dOptions options;
    options.stride_h = stride;
    options.stride_w = stride;
    options.activation = ir::FusedActivation::kRelu6;
    b_.add_op(ir::OpType::kDepthwiseConv2d, {in.tensor, weights, bias}, {output}, options);
    macs_ += int64_t{height} * width * in.depth * 9;
    return {output, scale, height, width, in.depth};
  }

  Layer inverted_residual(Layer in, const std::string& name, int32_t expansion, int32_t out_depth,
                          int32_t stride) {
    Layer x = in;
    if (expansion != 1) x = conv(x, name + "/expand", 1, in.depth * expansion, 1, true);
    x = depthwise(x, name + "/depthwise", stride);
    x = conv(x, name + "/project", 1, out_depth, 1, false);
    if (stride != 1 || in.depth != out_depth) return x;
    const float scale = std::max(x.scale, in.scale) * 1.5f;
    const int32_t output =
        b_.add_activation(name + "/add", {1, x.height, x.width, out_depth}, {scale, 0});
    b_.add_op(ir::OpType::kAdd, {in.tensor, x.tensor}, {output}, ir::ElementwiseOptions{});
    return {output, scale, x.height, x.width, out_depth};
  }

  Layer head(Layer in) {
    const int32_t pooled = b_.add_activation("avg_pool", {1, 1, 1, in.depth}, {in.scale, -128});
    ir::Pool2dOptions pool;
    pool.padding = ir::Padding::kValid;
    pool.filter_h = in.height;
    pool.filter_w = in.width;
    b_.add_op(ir::OpType::kAveragePool2d, {in.tensor}, {pooled}, pool);
    const int32_t flat = b_.add_activation("flatten", {1, in.depth}, {in.scale, -128});
    const int32_t shape = b_.add_int32_constant("flatten/shape", {1, in.depth});
    ir::ReshapeOptions reshape;
    reshape.new_shape = {1, in.depth};
    b_.add_op(ir::OpType::kReshape, {pooled, shape}, {flat}, reshape);
    constexpr int32_t kClasses = 1000;
    const std::vector<float> scales = {0.002f};
    const float logit_scale = output_scale(in.scale, scales, in.depth);
    const int32_t weights = b_.add_weights("logits/weights", {kClasses, in.depth}, 0, scales);
    const int32_t bias = b_.add_bias("logits/bias", kClasses, in.scale, scales, 3000);
    const int32_t logits = b_.add_activation("logits", {1, kClasses}, {logit_scale, 0});
    b_.add_op(ir::OpType::kFullyConnected, {flat, weights, bias}, {logits},
              ir::FullyConnectedOptions{});
    macs_ += int64_t{kClasses} * in.depth;
    const int32_t probabilities = b_.add_activation("softmax", {1, kClasses}, {1.0f / 256, -128});
    b_.add_op(ir::OpType::kSoftmax, {logits}, {probabilities}, ir::SoftmaxOptions{});
    b_.set_io({input_}, {probabilities});
    return {probabilities, 1.0f / 256, 1, 1, kClasses};
  }

  models::GraphBuilder b_;
  int32_t input_ = 0;
  int64_t macs_ = 0;
};

// ---- The benchmark ------------------------------------------------------------

Expected<compiler::CompilerOptions> options_for(const char* accelerator) {
  Expected<perf::MemoryMode> mode =
      perf::builtin_vela_ini().find_memory_mode(perf::kDefaultMemoryMode);
  if (!mode) return mode.status();
  compiler::CompilerOptions options;
  options.accelerator_config = accelerator;
  options.memory_mode = *mode;
  options.arena_cache_size = kArenaCacheBytes;
  return options;
}

void compile_once(benchmark::State& state, const ir::Model& source,
                  const compiler::CompilerOptions& options, int64_t macs) {
  size_t output_bytes = 0;
  size_t npu_ops = 0;
  size_t cpu_ops = 0;
  for (auto _ : state) {
    state.PauseTiming();
    ir::Model copy = source;
    state.ResumeTiming();
    Expected<compiler::CompiledModel> compiled = compiler::compile_model(std::move(copy), options);
    if (!compiled) {
      state.SkipWithError(compiled.status().message().c_str());
      return;
    }
    Expected<std::vector<uint8_t>> bytes = tflite::write_tflite(compiled->output);
    if (!bytes) {
      state.SkipWithError(bytes.status().message().c_str());
      return;
    }
    output_bytes = bytes->size();
    npu_ops = compiled->front.partition.npu_count();
    cpu_ops = compiled->front.partition.cpu_count();
    benchmark::DoNotOptimize(bytes->data());
  }
  state.counters["npu_ops"] = static_cast<double>(npu_ops);
  state.counters["cpu_ops"] = static_cast<double>(cpu_ops);
  state.counters["output_bytes"] = static_cast<double>(output_bytes);
  if (macs > 0) state.counters["MACs"] = static_cast<double>(macs);
}

struct BenchModel {
  std::string name;
  ir::Model model;
  int64_t macs = 0;
};

std::vector<BenchModel>& bench_models() {
  static std::vector<BenchModel> models;
  return models;
}

bool load_models() {
  for (const char* name : kSharedModels) {
    const std::string path = std::string(VNPU_SHARED_MODELS_DIR) + "/" + name + "/model.tflite";
    Expected<ir::Model> model = tflite::load_tflite(path);
    if (!model) {
      std::fprintf(stderr, "compile_bench: %s\n", model.status().message().c_str());
      return false;
    }
    bench_models().push_back({name, std::move(*model), 0});
  }
  MobileNetV2Builder builder;
  ir::Model mobilenet = builder.build();
  bench_models().push_back({"mobilenet_v2_224_synthetic", std::move(mobilenet), builder.macs()});
  return true;
}

bool register_benchmarks() {
  for (const BenchModel& model : bench_models()) {
    for (const char* accelerator : kAccelerators) {
      Expected<compiler::CompilerOptions> found = options_for(accelerator);
      if (!found) {
        std::fprintf(stderr, "compile_bench: %s\n", found.status().message().c_str());
        return false;
      }
      const compiler::CompilerOptions options = *found;
      const ir::Model* source = &model.model;
      const int64_t macs = model.macs;
      benchmark::RegisterBenchmark(("compile/" + model.name + "/" + accelerator).c_str(),
                                   [source, options, macs](benchmark::State& state) {
                                     compile_once(state, *source, options, macs);
                                   })
          ->Unit(benchmark::kMillisecond)
          ->UseRealTime();
    }
  }
  return true;
}

}  // namespace
}  // namespace vnpu::bench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (!vnpu::bench::load_models() || !vnpu::bench::register_benchmarks()) return 2;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
