// cpu_model_bench: whole-model latency of the CPU runtime, as `vnpu run
// --backend cpu` runs a model (driver::cpu::CpuRuntime; the fast kernels, its
// default, and the TFLM-port reference kernels, --cpu-kernels reference), on
// every model of ../shared/models and ../shared/more_models. One inference per
// iteration (invoke() on a prepared runtime with input_1_<k>.npy set once);
// preparing the runtime is not timed. Before timing, every output is checked
// against output_1_<k>.npy; a mismatch skips that benchmark with an error.
// Counters: MACs (ir/model_stats.h) and GOPS = 2 x MACs / wall second.
// Run: taskset -c 1 cpu_model_bench --benchmark_repetitions=3
#include <benchmark/benchmark.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "driver/cpu/cpu_runtime.h"
#include "driver/npy.h"
#include "driver/tensor_io.h"
#include "ir/model_stats.h"
#include "tflite/reader.h"

namespace vnpu::bench {
namespace {

struct BenchModel {
  const char* folder;  // relative to ../shared
  const char* name;
};

constexpr BenchModel kModels[] = {{"more_models", "audio_preprocessor_int8"},
                                  {"models", "ad_autoencoder"},
                                  {"models", "hello_world"},
                                  {"models", "ic_resnet8"},
                                  {"models", "kws_dscnn"},
                                  {"models", "person_detect"},
                                  {"models", "vww_mobilenetv1"},
                                  {"more_models", "keyword_scrambled"},
                                  {"more_models", "micro_speech_lstm"},
                                  {"more_models", "mnist_lstm"},
                                  {"more_models", "retinaface"},
                                  {"more_models", "transpose_conv"}};

std::string model_dir(const BenchModel& m) {
  return std::string(VNPU_SHARED_MODELS_DIR) + "/../" + m.folder + "/" + m.name + "/";
}

std::string seed1_file(const char* kind, size_t k) {
  return std::string(kind) + "_1_" + std::to_string(k) + ".npy";
}

// A prepared runtime with seed 1's inputs set, its first inference checked.
struct Prepared {
  ir::Model model;
  std::unique_ptr<driver::cpu::CpuRuntime> runtime;
  int64_t macs = 0;
};

Status prepare(const BenchModel& m, driver::cpu::KernelChoice kernels, Prepared* out) {
  const std::string dir = model_dir(m);
  auto model = tflite::load_tflite(dir + "model.tflite");
  if (!model) return model.status();
  out->model = std::move(*model);
  driver::cpu::CpuOptions options;
  options.kernels = kernels;
  auto runtime = driver::cpu::CpuRuntime::create(out->model, options);
  if (!runtime) return runtime.status();
  out->runtime = std::move(*runtime);
  const ir::Graph& graph = out->model.main_graph();
  for (const ir::Operator& op : graph.operators) out->macs += ir::mac_count(graph, op);
  for (size_t k = 0; k < graph.inputs.size(); ++k) {
    auto input = driver::load_npy(dir + seed1_file("input", k));
    if (!input) return input.status();
    auto bytes = driver::input_bytes_from_npy(*input, graph.tensor(graph.inputs[k]),
                                              "input " + std::to_string(k));
    if (!bytes) return bytes.status();
    if (Status s = out->runtime->set_input(k, *bytes); !s) return s;
  }
  if (Status s = out->runtime->invoke(); !s) return s;
  for (size_t k = 0; k < graph.outputs.size(); ++k) {
    auto expected = driver::load_npy(dir + seed1_file("output", k));
    if (!expected) return expected.status();
    if (out->runtime->output(k) != expected->data) {
      return Status::invalid_input(std::string(m.name) + ": output " + std::to_string(k) +
                                   " differs from " + seed1_file("output", k));
    }
  }
  return Status::ok();
}

void run_model(benchmark::State& state, const BenchModel& m, driver::cpu::KernelChoice kernels) {
  Prepared prepared;
  if (Status s = prepare(m, kernels, &prepared); !s) {
    state.SkipWithError(s.message().c_str());
    return;
  }
  for (auto _ : state) {
    Status s = prepared.runtime->invoke();
    if (!s) {
      state.SkipWithError(s.message().c_str());
      return;
    }
  }
  const auto macs = static_cast<double>(prepared.macs);
  state.counters["MACs"] = benchmark::Counter(macs);
  state.counters["GOPS"] =
      benchmark::Counter(2e-9 * macs, benchmark::Counter::kIsIterationInvariantRate);
}

void register_all() {
  for (const BenchModel& m : kModels) {
    for (auto kernels : {driver::cpu::KernelChoice::kFast, driver::cpu::KernelChoice::kReference}) {
      const std::string label =
          std::string(m.name) + "/" +
          (kernels == driver::cpu::KernelChoice::kFast ? "fast" : "reference");
      benchmark::RegisterBenchmark(label.c_str(), [m, kernels](benchmark::State& state) {
        run_model(state, m, kernels);
      })->Unit(benchmark::kMicrosecond);
    }
  }
}

}  // namespace
}  // namespace vnpu::bench

int main(int argc, char** argv) {
  vnpu::bench::register_all();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
