// systemc_bench: simulation speed of the timed SystemC NPU model on every shared
// Vela model (ethos-u55-128 and -256, Ethos_U55_High_End_Embedded, Shared_Sram):
// wall time per inference through the driver (register writes, the whole
// simulation, the CPU operators around the NPU) and simulated NPU cycles per
// wall second. The functional backend runs the same inference as a baseline.
// Before timing, each model's output is checked against its golden
// (output_1_0.npy); a mismatch aborts. A MobileNetV2-224-sized model
// (bench/mobilenet_v2_224.h), compiled by our compiler, runs the same way,
// checked against the CPU runtime's output. `firmware/...` runs the same Vela
// models through the C firmware runner and driver (firmware/) on the SystemC
// device (driver/npu/firmware_hal.h): the cost of the code an MCU would run
// against the C++ invoke path.
// Run: taskset -c 1 systemc_bench --benchmark_repetitions=3
#include <benchmark/benchmark.h>

#include <systemc>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

#include "bench/mobilenet_v2_224.h"
#include "compiler/compile_model.h"
#include "driver/cpu/cpu_runtime.h"
#include "driver/npu/firmware_hal.h"
#include "driver/npu/systemc_device.h"
#include "driver/npu/functional_backend.h"
#include "driver/npu/systemc_backend.h"
#include "driver/npy.h"
#include "driver/tensor_io.h"
#include "firmware/runner/include/vnpu_runner.h"
#include "isa/command_decoder.h"
#include "isa/cop1_payload.h"
#include "perf/estimator.h"
#include "tflite/offline_memory_plan.h"
#include "tflite/reader.h"
#include "tflite/writer.h"

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

// Prepares `model` on the backend and checks one inference of `input` against `expected`.
std::unique_ptr<Session> open_model(ir::Model model, const std::string& config, bool systemc,
                                    const std::vector<uint8_t>& input,
                                    const std::vector<uint8_t>& expected, std::string* error) {
  auto session = std::make_unique<Session>();
  session->model = std::move(model);
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
  auto offsets = tflite::read_offline_memory_plan(session->model);
  if (!offsets) {
    *error = offsets.status().message();
    return nullptr;
  }
  options.fixed_offsets = *offsets;
  auto runtime = driver::cpu::CpuRuntime::create(session->model.main_graph(), options);
  if (!runtime) {
    *error = runtime.status().message();
    return nullptr;
  }
  session->runtime = std::move(*runtime);
  if (!session->runtime->set_input(0, input) || !session->runtime->invoke() ||
      session->runtime->output(0) != expected) {
    *error = config + ": output differs from the expected output";
    return nullptr;
  }
  return session;
}

std::unique_ptr<Session> open_session(const std::string& name, const std::string& config,
                                      bool systemc, std::string* error) {
  auto model = tflite::load_tflite(model_file(name, "vela/" + config + "/" + name + "_vela.tflite"));
  auto input = driver::load_npy(model_file(name, "input_1_0.npy"));
  auto expected = driver::load_npy(model_file(name, "output_1_0.npy"));
  if (!model || !input || !expected) {
    *error = name + ": cannot read the model or its golden files";
    return nullptr;
  }
  return open_model(std::move(*model), config, systemc, input->data, expected->data, error);
}

// The MobileNetV2-224-sized model compiled by our compiler for `config` (Shared_Sram),
// through the file format, with a random input and the CPU runtime's output for it.
struct CompiledMobileNet {
  ir::Model model;
  std::vector<uint8_t> input;
  std::vector<uint8_t> expected;
  int64_t macs = 0;
};

Expected<CompiledMobileNet> compile_mobilenet(const std::string& config) {
  bench::SyntheticModel source = bench::build_mobilenet_v2_224();
  CompiledMobileNet out;
  out.macs = source.macs;
  const ir::Graph& graph = source.model.main_graph();
  out.input = driver::random_input_bytes(graph.tensor(graph.inputs[0]), 1);
  auto cpu = driver::cpu::CpuRuntime::create(graph);
  if (!cpu) return cpu.status();
  if (Status s = (*cpu)->set_input(0, out.input); !s) return s;
  if (Status s = (*cpu)->invoke(); !s) return s;
  out.expected = (*cpu)->output(0);
  compiler::CompilerOptions options;
  options.accelerator_config = config;
  options.memory_mode = *perf::builtin_vela_ini().find_memory_mode(perf::kDefaultMemoryMode);
  auto compiled = compiler::compile_model(std::move(source.model), options);
  if (!compiled) return compiled.status();
  auto bytes = tflite::write_tflite(compiled->output);
  if (!bytes) return bytes.status();
  auto model = tflite::read_tflite(bytes->data(), bytes->size(), "mobilenet_v2_224");
  if (!model) return model.status();
  out.model = std::move(*model);
  return out;
}

void time_session(benchmark::State& state, Session& session, bool systemc) {
  session.log->runs.clear();
  for (auto _ : state) {
    if (!session.runtime->invoke()) {
      state.SkipWithError("inference failed");
      return;
    }
  }
  if (!systemc) return;
  uint64_t cycles = 0;
  for (const driver::npu::SystemcOpRun& run : session.log->runs) cycles += run.record.cycles;
  const double per_inference =
      static_cast<double>(cycles) / static_cast<double>(std::max<int64_t>(1, state.iterations()));
  state.counters["npu_cycles"] = benchmark::Counter(per_inference);
  state.counters["cycles_per_s"] =
      benchmark::Counter(per_inference, benchmark::Counter::kIsIterationInvariantRate);
}

void run_model(benchmark::State& state, const std::string& name, const std::string& config,
               bool systemc) {
  std::string error;
  std::unique_ptr<Session> session = open_session(name, config, systemc, &error);
  if (!session) {
    state.SkipWithError(error.c_str());
    return;
  }
  time_session(state, *session, systemc);
}

// The C firmware stack on the SystemC device: runner, driver, hardware layer.
struct FirmwareStack {
  explicit FirmwareStack(const sim::systemc::TimedSystem& system)
      : device(system, false), hal(device) {}
  ~FirmwareStack() {
    device.unmap_all();
    if (npu.initialized) (void)vnpu_deinit(&npu);
  }
  driver::npu::SystemcDevice device;
  driver::npu::FirmwareHal hal;
  vnpu_driver npu{};
  vnpu_model model{};
  vnpu_runner runner{};
  std::vector<uint8_t> model_bytes;
  std::vector<uint8_t> arena = std::vector<uint8_t>(4u << 20);
};

// Loads the Vela model into the firmware stack and checks one inference of seed 1.
std::unique_ptr<FirmwareStack> open_firmware(const std::string& name, const std::string& config,
                                             std::string* error) {
  const perf::VelaIni& ini = perf::builtin_vela_ini();
  auto stack = std::make_unique<FirmwareStack>(sim::systemc::make_timed_system(
      *isa::find_accelerator_config(config), *ini.find_system_config(perf::kDefaultSystemConfig),
      *ini.find_memory_mode(perf::kDefaultMemoryMode)));
  std::ifstream file(model_file(name, "vela/" + config + "/" + name + "_vela.tflite"),
                     std::ios::binary);
  stack->model_bytes.assign(std::istreambuf_iterator<char>(file), {});
  auto input = driver::load_npy(model_file(name, "input_1_0.npy"));
  auto expected = driver::load_npy(model_file(name, "output_1_0.npy"));
  if (stack->model_bytes.empty() || !input || !expected) {
    *error = name + ": cannot read the model or its golden files";
    return nullptr;
  }
  if (vnpu_init(&stack->npu, stack->hal.hal(), nullptr, 0, false, false) != VNPU_OK) {
    *error = "vnpu_init failed";
    return nullptr;
  }
  stack->hal.attach(&stack->npu);
  stack->hal.map_at_own_address(stack->model_bytes.data(), stack->model_bytes.size());
  stack->hal.map_at_own_address(stack->arena.data(), stack->arena.size());
  if (vnpu_runner_init(&stack->runner, &stack->model, stack->model_bytes.data(),
                       static_cast<uint32_t>(stack->model_bytes.size()), stack->arena.data(),
                       static_cast<uint32_t>(stack->arena.size()), &stack->npu) != VNPU_RUN_OK) {
    *error = stack->runner.error;
    return nullptr;
  }
  uint8_t* in = nullptr;
  uint8_t* out = nullptr;
  const vnpu_tensor* in_tensor = vnpu_runner_input(&stack->runner, 0, &in);
  const vnpu_tensor* out_tensor = vnpu_runner_output(&stack->runner, 0, &out);
  if (in_tensor == nullptr || out_tensor == nullptr || in_tensor->bytes != input->data.size() ||
      out_tensor->bytes != expected->data.size()) {
    *error = name + ": input or output size differs from the goldens";
    return nullptr;
  }
  std::copy(input->data.begin(), input->data.end(), in);
  if (vnpu_runner_invoke(&stack->runner) != VNPU_RUN_OK ||
      !std::equal(expected->data.begin(), expected->data.end(), out)) {
    *error = config + ": output differs from the expected output";
    return nullptr;
  }
  return stack;
}

void run_firmware(benchmark::State& state, const std::string& name, const std::string& config) {
  std::string error;
  std::unique_ptr<FirmwareStack> stack = open_firmware(name, config, &error);
  if (!stack) {
    state.SkipWithError(error.c_str());
    return;
  }
  for (auto _ : state) {
    if (vnpu_runner_invoke(&stack->runner) != VNPU_RUN_OK) {
      state.SkipWithError(stack->runner.error);
      return;
    }
  }
}

// The analytic estimate (vnpu estimate) of every ethos-u operator of `model`.
double estimate_cycles(const ir::Model& model, const std::string& config) {
  const perf::VelaIni& ini = perf::builtin_vela_ini();
  double total = 0;
  for (const ir::Operator& op : model.main_graph().operators) {
    if (op.type != ir::OpType::kEthosU) continue;
    const ir::Tensor& tensor = model.main_graph().tensor(op.inputs[0]);
    auto payload = isa::parse_cop1_payload(tensor.data.data(), tensor.data.size());
    if (!payload) continue;
    const isa::DecodedStream decoded =
        isa::decode_stream(payload->command_stream.data(), payload->command_stream.size());
    total += perf::estimate_stream(decoded.operations, *isa::find_accelerator_config(config),
                                   *ini.find_system_config(perf::kDefaultSystemConfig),
                                   *ini.find_memory_mode(perf::kDefaultMemoryMode))
                 .total_cycles;
  }
  return total;
}

void run_mobilenet(benchmark::State& state, const std::string& config, bool systemc) {
  Expected<CompiledMobileNet> compiled = compile_mobilenet(config);
  if (!compiled) {
    state.SkipWithError(compiled.status().message().c_str());
    return;
  }
  std::string error;
  std::unique_ptr<Session> session = open_model(std::move(compiled->model), config, systemc,
                                                compiled->input, compiled->expected, &error);
  if (!session) {
    state.SkipWithError(("mobilenet_v2_224 " + error).c_str());
    return;
  }
  state.counters["MACs"] = benchmark::Counter(static_cast<double>(compiled->macs));
  if (systemc) state.counters["estimate_cycles"] = estimate_cycles(session->model, config);
  time_session(state, *session, systemc);
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
      const std::string label =
          std::string("firmware/") + name + "/" + (config + std::string(config).rfind('-') + 1);
      benchmark::RegisterBenchmark(label.c_str(), [=](benchmark::State& state) {
        run_firmware(state, name, config);
      })->Unit(benchmark::kMillisecond);
    }
  }
  for (const char* config : {"ethos-u55-128", "ethos-u55-256"}) {
    for (bool systemc : {true, false}) {
      const std::string label = std::string(systemc ? "systemc/" : "functional/") +
                                "mobilenet_v2_224/" + (config + std::string(config).rfind('-') + 1);
      benchmark::RegisterBenchmark(label.c_str(), [=](benchmark::State& state) {
        run_mobilenet(state, config, systemc);
      })->Unit(benchmark::kMillisecond);
    }
  }
}

}  // namespace
}  // namespace vnpu

// The entry: libsystemc.so exports main(), which runs sc_main()
// (../shared/reference/toolchain-notes.md §3).
int sc_main(int argc, char* argv[]) {
  vnpu::register_all();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
