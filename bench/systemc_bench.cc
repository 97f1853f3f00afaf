// systemc_bench: simulation speed of the timed SystemC NPU model on every shared
// Vela model (ethos-u55-128 and -256, Ethos_U55_High_End_Embedded, Shared_Sram):
// wall time per inference through the driver (register writes, the whole
// simulation, the CPU operators around the NPU) and simulated NPU cycles per
// wall second. The functional backend runs the same inference as a baseline.
// Before timing, each model's output is checked against its golden
// (output_1_0.npy); a mismatch aborts.
// Run: systemc_bench --benchmark_repetitions=3
#include <benchmark/benchmark.h>

#include <cstdio>
#include <algorithm>
#include <cstdlib>
#include <memory>
#include <string>

#include "driver/cpu/cpu_runtime.h"
#include "driver/npu/functional_backend.h"
#include "driver/npu/systemc_backend.h"
#include "driver/npy.h"
#include "driver/offline_memory_plan.h"
#include "tflite/reader.h"

namespace vnpu {
namespace {

std::string model_file(const std::string& model, const std::string& file) {
  return std::string(VNPU_SHARED_MODELS_DIR) + "/" + model + "/" + file;
}

struct Session {
  ir::Model model;
  std::unique_ptr<driver::cpu::CpuRuntime> runtime;
  std::shared_ptr<driver::npu::SystemcLog> log = std::make_shared<driver::npu::SystemcLog>();
};

// Loads the model, prepares it on the backend and checks one inference against its golden.
std::unique_ptr<Session> open_session(const std::string& name, const std::string& config,
                                      bool systemc, std::string* error) {
  auto session = std::make_unique<Session>();
  auto model = tflite::load_tflite(model_file(name, "vela/" + config + "/" + name + "_vela.tflite"));
  if (!model) {
    *error = model.status().message();
    return nullptr;
  }
  session->model = std::move(*model);
  const auto accelerator = *isa::find_accelerator_config(config);
  driver::cpu::CpuOptions options;
  if (systemc) {
    const perf::VelaIni& ini = perf::builtin_vela_ini();
    options.npu_prepare = driver::npu::systemc_npu_prepare(
        {accelerator, *ini.find_system_config(perf::kDefaultSystemConfig),
         *ini.find_memory_mode(perf::kDefaultMemoryMode), false},
        session->log);
  } else {
    options.npu_prepare = driver::npu::functional_npu_prepare(accelerator);
  }
  options.fixed_offsets = *driver::read_offline_memory_plan(session->model);
  auto runtime = driver::cpu::CpuRuntime::create(session->model.main_graph(), options);
  if (!runtime) {
    *error = runtime.status().message();
    return nullptr;
  }
  session->runtime = std::move(*runtime);
  auto input = driver::load_npy(model_file(name, "input_1_0.npy"));
  auto expected = driver::load_npy(model_file(name, "output_1_0.npy"));
  if (!input || !expected || !session->runtime->set_input(0, input->data) ||
      !session->runtime->invoke() || session->runtime->output(0) != expected->data) {
    *error = name + " " + config + ": output differs from output_1_0.npy";
    return nullptr;
  }
  return session;
}

void run_model(benchmark::State& state, const std::string& name, const std::string& config,
               bool systemc) {
  std::string error;
  std::unique_ptr<Session> session = open_session(name, config, systemc, &error);
  if (!session) {
    state.SkipWithError(error.c_str());
    return;
  }
  session->log->runs.clear();
  for (auto _ : state) {
    if (!session->runtime->invoke()) {
      state.SkipWithError("inference failed");
      return;
    }
  }
  if (!systemc) return;
  uint64_t cycles = 0;
  for (const driver::npu::SystemcOpRun& run : session->log->runs) cycles += run.record.cycles;
  const double per_inference =
      static_cast<double>(cycles) / static_cast<double>(std::max<int64_t>(1, state.iterations()));
  state.counters["npu_cycles"] = benchmark::Counter(per_inference);
  state.counters["cycles_per_s"] =
      benchmark::Counter(per_inference, benchmark::Counter::kIsIterationInvariantRate);
}

void register_all() {
  for (const char* name : {"kws_dscnn", "vww_mobilenetv1", "ic_resnet8", "ad_autoencoder",
                           "person_detect", "hello_world"}) {
    for (const char* config : {"ethos-u55-128", "ethos-u55-256"}) {
      for (bool systemc : {true, false}) {
        const std::string label = std::string(systemc ? "systemc/" : "functional/") + name + "/" +
                                  (config + std::string(config).rfind('-') + 1);
        benchmark::RegisterBenchmark(label.c_str(), [=](benchmark::State& state) {
          run_model(state, name, config, systemc);
        })->Unit(benchmark::kMillisecond);
      }
    }
  }
}

}  // namespace
}  // namespace vnpu

int main(int argc, char** argv) {
  vnpu::register_all();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
