// vnpu run MODEL --backend cpu|functional|systemc: runs a model and reports
// per-layer results; with the timed SystemC NPU, per-operation cycles, MAC
// utilisation, bytes per AXI port, stall causes and an optional trace.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/describe.h"
#include "cli/options.h"
#include "driver/cpu/cpu_runtime.h"
#include "driver/npu/functional_backend.h"
#ifdef VNPU_HAVE_SYSTEMC
#include "driver/npu/systemc_backend.h"
#include "sim/systemc/chrome_trace.h"
#endif
#include "driver/npy.h"
#include "driver/offline_memory_plan.h"
#include "driver/tensor_io.h"
#include "isa/accelerator_config.h"
#include "ir/model_stats.h"
#include "perf/system_config.h"

namespace vnpu::cli {
namespace {

struct RunSettings {
  std::string model_path;
  std::string backend;
  std::string cpu_kernels;
  std::string accelerator_config;
  std::vector<std::string> inputs;
  std::string output_dir;
  std::string dump_dir;
  uint64_t seed = 1;
  // --backend systemc
  std::string ini_path;
  std::string system_config;
  std::string memory_mode;
  std::string trace_path;
};

// The timed backend's choices and, after the run, its log.
struct TimedRun {
  perf::SystemConfig system;
  perf::MemoryMode mode;
  isa::AcceleratorConfig accelerator{};
#ifdef VNPU_HAVE_SYSTEMC
  std::shared_ptr<driver::npu::SystemcLog> log = std::make_shared<driver::npu::SystemcLog>();
#endif
};

#ifdef VNPU_HAVE_SYSTEMC
Status resolve_system(const RunSettings& settings, TimedRun& timed) {
  perf::VelaIni ini = perf::builtin_vela_ini();
  if (!settings.ini_path.empty()) {
    Expected<perf::VelaIni> loaded = perf::load_vela_ini(settings.ini_path);
    if (!loaded) return loaded.status();
    ini = std::move(*loaded);
  }
  Expected<perf::SystemConfig> system = ini.find_system_config(settings.system_config);
  if (!system) return system.status();
  Expected<perf::MemoryMode> mode = ini.find_memory_mode(settings.memory_mode);
  if (!mode) return mode.status();
  timed.system = std::move(*system);
  timed.mode = std::move(*mode);
  return Status::ok();
}

// The operator that wrote `tensor`, as "#i OPTYPE".
std::string operator_label(const ir::Graph& graph, int32_t tensor) {
  for (size_t i = 0; i < graph.operators.size(); ++i) {
    const auto& outputs = graph.operators[i].outputs;
    if (!outputs.empty() && outputs[0] == tensor) {
      return "#" + std::to_string(i) + " " + ir::op_type_name(graph.operators[i].type);
    }
  }
  return "ethos-u";
}

std::string stall_causes(const sim::systemc::JobRecord& job) {
  const std::pair<const char*, uint64_t> causes[] = {
      {"IB", job.mac_stalled_by_ib},   {"WD", job.mac_stalled_by_wd},
      {"ACC", job.mac_stalled_by_acc}, {"AO>OB", job.ao_stalled_by_ob},
      {"AO>IB", job.ao_stalled_by_ib}, {"BLOCKDEP", job.blockdep_stall}};
  std::string out;
  for (const auto& [name, cycles] : causes) {
    if (cycles == 0) continue;
    out += (out.empty() ? "" : " ") + std::string(name) + ":" + std::to_string(cycles);
  }
  return out.empty() ? "-" : out;
}

// Per NPU operation of every ethos-u run: cycles, MAC utilisation, bytes per
// AXI port, stall causes; then the run's PMU counters and totals.
void print_systemc_report(const driver::cpu::CpuRuntime& runtime,
                          const driver::npu::SystemcLog& log,
                          const isa::AcceleratorConfig& accelerator) {
  const ir::Graph& graph = runtime.graph();
  uint64_t total_cycles = 0;
  double clock_hz = 0;
  for (const driver::npu::SystemcOpRun& run : log.runs) {
    const sim::systemc::RunRecord& r = run.record;
    clock_hz = run.core_clock_hz;
    std::printf("\nNPU run of %s (timed SystemC model): %s cycles, %.1f us at %.0f MHz\n",
                operator_label(graph, run.output_tensor).c_str(),
                with_thousands(static_cast<int64_t>(r.cycles)).c_str(),
                static_cast<double>(r.cycles) / run.core_clock_hz * 1e6, run.core_clock_hz / 1e6);
    std::printf("%4s  %-20s %-4s %10s %10s %10s %6s %6s %7s %10s %10s %10s %10s  %s\n", "#",
                "operation", "unit", "start", "cycles", "estimate", "MAC%", "blocks", "MAC/AO",
                "AXI0 rd", "AXI0 wr", "AXI1 rd", "AXI1 wr", "stalls (cycles)");
    for (size_t i = 0; i < r.jobs.size(); ++i) {
      const sim::systemc::JobRecord& job = r.jobs[i];
      const bool dma = job.kind == isa::OperationKind::kDmaStart;
      const uint64_t cycles = job.cycles();
      const double utilisation =
          cycles == 0 ? 0.0
                      : 100.0 * static_cast<double>(job.macs) /
                            (static_cast<double>(cycles) * accelerator.macs_per_cycle);
      const std::string per_block = dma ? "-"
                                        : std::to_string(job.mac_cycles_per_block) + "/" +
                                              std::to_string(job.output_cycles_per_block);
      std::printf("%4zu  %-20s %-4s %10llu %10llu %10.0f %6.1f %6lld %7s %10llu %10llu %10llu "
                  "%10llu  %s\n",
                  i, job.name.c_str(), dma ? "DMA" : "NPU",
                  static_cast<unsigned long long>(job.start_cycle),
                  static_cast<unsigned long long>(cycles), dma ? 0.0 : job.estimate_cycles,
                  utilisation, static_cast<long long>(job.blocks), per_block.c_str(),
                  static_cast<unsigned long long>(job.read_bytes[0]),
                  static_cast<unsigned long long>(job.write_bytes[0]),
                  static_cast<unsigned long long>(job.read_bytes[1]),
                  static_cast<unsigned long long>(job.write_bytes[1]),
                  dma ? "-" : stall_causes(job).c_str());
    }
    std::printf("PMU (registers): cycle counter %llu; PMEVCNTR0..3:",
                static_cast<unsigned long long>(run.pmu_cycles));
    for (size_t i = 0; i < run.pmu_counters.size(); ++i) {
      std::printf(" %s=%u", sim::systemc::pmu_event_name(driver::npu::kDriverPmuEvents[i]).c_str(),
                  run.pmu_counters[i]);
    }
    std::printf("\nPMU (all events):");
    int column = 0;
    for (const sim::systemc::PmuEventInfo& event : sim::systemc::counted_pmu_events()) {
      if (column++ % 4 == 0) std::printf("\n ");
      std::printf(" %-26s %12llu", event.name,
                  static_cast<unsigned long long>(r.events[event.code]));
    }
    std::printf("\n");
    total_cycles += r.cycles;
  }
  if (log.runs.empty()) return;
  std::printf("\ntotal NPU: %s cycles = %.1f us at %.0f MHz (%zu ethos-u run%s); CPU operators "
              "are not timed (see host us above)\n",
              with_thousands(static_cast<int64_t>(total_cycles)).c_str(),
              static_cast<double>(total_cycles) / clock_hz * 1e6, clock_hz / 1e6, log.runs.size(),
              log.runs.size() == 1 ? "" : "s");
  std::printf("not modelled yet: energy and power, --report, --vcd\n");
}

Status write_systemc_trace(const driver::cpu::CpuRuntime& runtime,
                           const driver::npu::SystemcLog& log, const std::string& path) {
  std::vector<sim::systemc::TraceRun> runs;
  double clock_hz = 500e6;
  for (const driver::npu::SystemcOpRun& run : log.runs) {
    runs.push_back({operator_label(runtime.graph(), run.output_tensor), &run.record});
    clock_hz = run.core_clock_hz;
  }
  const std::string json = sim::systemc::chrome_trace_json(runs, clock_hz);
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) return Status::io_error(path + ": cannot open for writing");
  const size_t written = std::fwrite(json.data(), 1, json.size(), file);
  const bool closed = std::fclose(file) == 0;
  if (written != json.size() || !closed) return Status::io_error(path + ": write failed");
  return Status::ok();
}
#endif

Status feed_inputs(driver::cpu::CpuRuntime& runtime, const RunSettings& settings) {
  const ir::Graph& graph = runtime.graph();
  if (!settings.inputs.empty() && settings.inputs.size() != graph.inputs.size()) {
    return Status::invalid_input("the model has " + std::to_string(graph.inputs.size()) +
                                 " inputs, " + std::to_string(settings.inputs.size()) +
                                 " --input files were given");
  }
  for (size_t i = 0; i < graph.inputs.size(); ++i) {
    const ir::Tensor& tensor = graph.tensor(graph.inputs[i]);
    std::vector<uint8_t> bytes;
    if (settings.inputs.empty()) {
      bytes = driver::random_input_bytes(tensor, settings.seed * 1000 + i);
    } else {
      auto array = driver::load_npy(settings.inputs[i]);
      if (!array) return array.status();
      auto checked = driver::input_bytes_from_npy(*array, tensor,
                                                  settings.inputs[i] + ": input " + std::to_string(i));
      if (!checked) return checked.status();
      bytes = std::move(*checked);
    }
    Status status = runtime.set_input(i, bytes);
    if (!status) return status;
  }
  if (settings.inputs.empty()) {
    std::printf("inputs: none given; using deterministic random inputs (seed %llu, uniform over "
                "each input type's range)\n",
                static_cast<unsigned long long>(settings.seed));
  }
  return Status::ok();
}

Status make_directory(const std::string& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) return Status::io_error(dir + ": cannot create directory: " + error.message());
  return Status::ok();
}

// Invokes the graph; with a dump directory, writes each operator's outputs as it goes.
Status invoke(driver::cpu::CpuRuntime& runtime, const std::string& dump_dir) {
  if (dump_dir.empty()) return runtime.invoke();
  Status status = make_directory(dump_dir);
  if (!status) return status;
  const ir::Graph& graph = runtime.graph();
  Status run_status = runtime.invoke([&](size_t op_index) {
    for (int32_t index : graph.operators[op_index].outputs) {
      if (!status) return;
      const ir::Tensor& tensor = graph.tensor(index);
      status = driver::save_npy(dump_dir + "/" + driver::intermediate_file_name(index, tensor.name),
                                driver::tensor_to_npy(tensor, runtime.tensor_data(index)));
    }
  });
  return run_status ? status : run_status;
}

void print_layers(const driver::cpu::CpuRuntime& runtime, bool fixed_plan) {
  const ir::Graph& graph = runtime.graph();
  std::printf("\n%4s  %-18s %-14s %-18s %14s %12s\n", "#", "operator", "backend", "output",
              "MACs", "host us");
  int64_t total_ns = 0;
  int64_t total_macs = 0;
  for (size_t i = 0; i < graph.operators.size(); ++i) {
    const ir::Operator& op = graph.operators[i];
    const int64_t ns = runtime.op_host_ns()[i];
    const int64_t macs = ir::mac_count(graph, op);
    total_ns += ns;
    total_macs += macs;
    std::printf("%4zu  %-18s %-14s %-18s %14s %12.1f\n", i, ir::op_type_name(op.type),
                runtime.op_backend(i),
                ir::shape_to_string(graph.tensor(op.outputs[0]).shape).c_str(),
                with_thousands(macs).c_str(), static_cast<double>(ns) / 1e3);
  }
  std::printf("%4s  %-18s %-14s %-18s %14s %12.1f\n", "", "total", "", "",
              with_thousands(total_macs).c_str(), static_cast<double>(total_ns) / 1e3);
  std::printf("\narena: %s bytes (%s; %s bytes without sharing)\n",
              with_thousands(runtime.arena_bytes()).c_str(),
              fixed_plan ? "feature maps at the model's offline-planned offsets"
                         : "liveness-planned",
              with_thousands(runtime.memory_plan().unshared_bytes).c_str());
}

Status report_outputs(const driver::cpu::CpuRuntime& runtime, const std::string& output_dir) {
  const ir::Graph& graph = runtime.graph();
  if (!output_dir.empty()) {
    Status status = make_directory(output_dir);
    if (!status) return status;
  }
  for (size_t i = 0; i < graph.outputs.size(); ++i) {
    const int32_t index = graph.outputs[i];
    const ir::Tensor& tensor = graph.tensor(index);
    const driver::NpyArray array = driver::tensor_to_npy(tensor, runtime.tensor_data(index));
    std::printf("output %zu '%s' %s %s:", i, tensor.name.c_str(), ir::data_type_name(tensor.type),
                ir::shape_to_string(tensor.shape).c_str());
    if (tensor.type == ir::DataType::kInt8) {
      for (size_t k = 0; k < array.data.size() && k < 16; ++k) {
        std::printf(" %d", static_cast<int8_t>(array.data[k]));
      }
      if (array.data.size() > 16) std::printf(" ...");
    }
    std::printf("\n");
    if (!output_dir.empty()) {
      const std::string path = output_dir + "/output_" + std::to_string(i) + ".npy";
      Status status = driver::save_npy(path, array);
      if (!status) return status;
      std::printf("  written to %s\n", path.c_str());
    }
  }
  return Status::ok();
}

// CPU kernel choice and, for an NPU backend, how `ethos-u` operators run.
Expected<driver::cpu::CpuOptions> runtime_options(const RunSettings& settings,
                                                  const ir::Model& model, TimedRun& timed) {
  driver::cpu::CpuOptions options;
  if (settings.cpu_kernels == "reference") {
    options.kernels = driver::cpu::KernelChoice::kReference;
  } else if (settings.cpu_kernels != "fast") {
    return Status::invalid_input("--cpu-kernels must be 'fast' or 'reference', got '" +
                                 settings.cpu_kernels + "'");
  }
  auto offsets = driver::read_offline_memory_plan(model);
  if (!offsets) return offsets.status();
  options.fixed_offsets = std::move(*offsets);
  if (settings.backend == "cpu") return options;
#ifdef VNPU_HAVE_SYSTEMC
  const bool systemc = settings.backend == "systemc";
  const char* const kBackends = "cpu, functional, systemc";
#else
  const bool systemc = false;
  const char* const kBackends = "cpu, functional (this build has no SystemC)";
#endif
  if (settings.backend != "functional" && !systemc) {
    return Status::invalid_input("unknown backend '" + settings.backend + "' (available: " +
                                 kBackends + ")");
  }
  if (!systemc && !settings.trace_path.empty()) {
    return Status::invalid_input("--trace needs --backend systemc");
  }
  auto config = isa::find_accelerator_config(settings.accelerator_config);
  if (!config) return config.status();
  if (!systemc) {
    options.npu_prepare = driver::npu::functional_npu_prepare(*config);
    return options;
  }
#ifdef VNPU_HAVE_SYSTEMC
  Status status = resolve_system(settings, timed);
  if (!status) return status;
  timed.accelerator = *config;
  driver::npu::SystemcOptions systemc_options{*config, timed.system, timed.mode,
                                              !settings.trace_path.empty()};
  options.npu_prepare = driver::npu::systemc_npu_prepare(systemc_options, timed.log);
#endif
  return options;
}

Status run_model(const RunSettings& settings) {
  auto loaded = load_model(settings.model_path);
  if (!loaded) return loaded.status();
  std::printf("model: %s\n", loaded->label.c_str());
  TimedRun timed;
  auto cpu_options = runtime_options(settings, loaded->model, timed);
  if (!cpu_options) return cpu_options.status();
  if (settings.backend == "systemc") {
    std::printf("backend: systemc (timed) NPU, %s, %s, %s\n", settings.accelerator_config.c_str(),
                timed.system.name.c_str(), timed.mode.name.c_str());
  } else if (settings.backend != "cpu") {
    std::printf("backend: %s NPU, %s\n", settings.backend.c_str(),
                settings.accelerator_config.c_str());
  }
  auto runtime = driver::cpu::CpuRuntime::create(loaded->model.main_graph(), *cpu_options);
  if (!runtime) return runtime.status().with_context(loaded->label);
  Status status = feed_inputs(**runtime, settings);
  if (!status) return status;
  status = invoke(**runtime, settings.dump_dir);
  if (!status) return status;
  print_layers(**runtime, !cpu_options->fixed_offsets.empty());
#ifdef VNPU_HAVE_SYSTEMC
  if (settings.backend == "systemc") {
    print_systemc_report(**runtime, *timed.log, timed.accelerator);
    if (!settings.trace_path.empty()) {
      status = write_systemc_trace(**runtime, *timed.log, settings.trace_path);
      if (!status) return status;
      std::printf("trace: written to %s (open in ui.perfetto.dev)\n", settings.trace_path.c_str());
    }
  }
#endif
  if (!settings.dump_dir.empty()) {
    std::printf("intermediates: written to %s\n", settings.dump_dir.c_str());
  }
  return report_outputs(**runtime, settings.output_dir);
}

}  // namespace

int run_run(int argc, char** argv) {
  RunSettings settings;
  po::options_description options("options");
  options.add_options()
      ("model", po::value(&settings.model_path)->default_value(""),
       "model .tflite (default: the built-in kws-dscnn model)")
      ("backend", po::value(&settings.backend)->default_value("cpu"),
       "where to run: cpu (every op on the CPU kernels), functional (ethos-u ops on the "
       "functional NPU model, the rest on the CPU) or systemc (ethos-u ops on the timed "
       "SystemC NPU model: cycles, utilisation, AXI bytes, stalls)")
      ("accelerator-config", po::value(&settings.accelerator_config)->default_value("ethos-u55-256"),
       "NPU configuration: ethos-u55-32, -64, -128 or -256")
      ("cpu-kernels", po::value(&settings.cpu_kernels)->default_value("fast"),
       "CPU kernels: fast (SIMD, bit-exact with the reference) or reference (TFLM-style loops)")
      ("input", po::value(&settings.inputs)->composing(),
       "input .npy, once per model input in order (default: deterministic random inputs)")
      ("seed", po::value(&settings.seed)->default_value(1), "seed of the random inputs")
      ("config", po::value(&settings.ini_path),
       "systemc: Vela-format INI with system configs and memory modes (default: the built-in "
       "configs/vela.ini)")
      ("system-config", po::value(&settings.system_config)->default_value(perf::kDefaultSystemConfig),
       "systemc: [System_Config.NAME] (clock, AXI ports, memories)")
      ("memory-mode", po::value(&settings.memory_mode)->default_value(perf::kDefaultMemoryMode),
       "systemc: [Memory_Mode.NAME] (which port holds constants, arena, cache)")
      ("trace", po::value(&settings.trace_path),
       "systemc: write a Chrome/Perfetto trace-event timeline (JSON), one track per unit")
      ("output-dir", po::value(&settings.output_dir), "write output_<i>.npy here")
      ("dump-intermediates", po::value(&settings.dump_dir),
       "write every operator output here as t<tensor_index>_<sanitized_name>.npy");
  po::positional_options_description positional;
  positional.add("model", 1);
  ParsedOptions parsed = parse_options(
      argc, argv,
      "usage: vnpu run [MODEL.tflite] [--backend cpu|functional|systemc] [--accelerator-config NAME]\n"
      "                [--input FILE.npy ...] [--output-dir DIR]\n"
      "                [--dump-intermediates DIR] [--seed N] [--cpu-kernels fast|reference]\n"
      "                [--system-config NAME] [--memory-mode NAME] [--config vela.ini]\n"
      "                [--trace FILE.json]\n"
      "Runs the model and prints a per-layer table (operator, backend, output shape, MACs,\n"
      "host time), the arena size and the outputs. With --backend systemc, also a table of\n"
      "every NPU operation (cycles, MAC utilisation, bytes per AXI port, stall causes), the\n"
      "PMU counters and totals (energy, VCD and --report are not implemented yet).",
      options, positional);
  if (parsed.exit_code) return *parsed.exit_code;
  Status status = run_model(settings);
  return status ? 0 : report_error("run", status);
}

}  // namespace vnpu::cli
