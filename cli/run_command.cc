// vnpu run MODEL --backend cpu|functional|systemc: runs a model and reports
// per-layer results; with the timed SystemC NPU, per-operation cycles, MAC
// utilisation, bytes per AXI port, stall causes, energy (cli/run_report.h), and
// optionally a --report file, a --trace timeline and a --vcd waveform.
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
#include "cli/run_report.h"
#include "driver/npu/systemc_backend.h"
#include "sim/systemc/chrome_trace.h"
#include "sim/systemc/platform.h"
#endif
#include "cli/run_progress.h"
#include "driver/npy.h"
#include "driver/tensor_io.h"
#include "ir/model_stats.h"
#include "isa/accelerator_config.h"
#include "perf/system_config.h"
#include "tflite/offline_memory_plan.h"

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
  std::string energy_table;
  std::string energy_ini;
  std::string report_path;
  std::string vcd_path;
  bool progress = false;
};

// The timed backend's choices and, after the run, its log.
struct TimedRun {
  perf::SystemConfig system;
  perf::MemoryMode mode;
  isa::AcceleratorConfig accelerator{};
  perf::EnergyTable energy;
#ifdef VNPU_HAVE_SYSTEMC
  std::shared_ptr<driver::npu::SystemcLog> log = std::make_shared<driver::npu::SystemcLog>();
#endif
};

// --energy-ini FILE picks the table from FILE (its first unless --energy-table
// names one); otherwise --energy-table names a built-in table.
Status resolve_energy(const RunSettings& settings, TimedRun& timed) {
  perf::EnergyTables tables = perf::builtin_energy_tables();
  std::string name = settings.energy_table.empty() ? perf::kDefaultEnergyTable
                                                    : settings.energy_table;
  if (!settings.energy_ini.empty()) {
    Expected<perf::EnergyTables> loaded = perf::load_energy_ini(settings.energy_ini);
    if (!loaded) return loaded.status();
    tables = std::move(*loaded);
    if (settings.energy_table.empty() && !tables.tables.empty()) name = tables.tables[0].name;
  }
  Expected<perf::EnergyTable> table = tables.find(name);
  if (!table) return table.status().with_context("--energy-table");
  timed.energy = std::move(*table);
  return Status::ok();
}

// Options that only the systemc backend uses, and the --report file's format.
Status check_systemc_only_options(const RunSettings& settings, bool systemc) {
  const std::pair<const char*, bool> options[] = {
      {"--trace", !settings.trace_path.empty()},
      {"--report", !settings.report_path.empty()},
      {"--vcd", !settings.vcd_path.empty()},
      {"--energy-table", !settings.energy_table.empty()},
      {"--energy-ini", !settings.energy_ini.empty()}};
  for (const auto& [name, given] : options) {
    if (given && !systemc) return Status::invalid_input(std::string(name) + " needs --backend systemc");
  }
#ifdef VNPU_HAVE_SYSTEMC
  if (!settings.report_path.empty()) {
    Expected<std::string> format = report_format(settings.report_path);
    if (!format) return format.status();
  }
#endif
  return Status::ok();
}

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

// NPU cycles of the timed runs so far (0 without the systemc backend).
uint64_t npu_cycles_so_far(const TimedRun& timed) {
  uint64_t cycles = 0;
#ifdef VNPU_HAVE_SYSTEMC
  for (const driver::npu::SystemcOpRun& run : timed.log->runs) cycles += run.record.cycles;
#else
  (void)timed;
#endif
  return cycles;
}

// Invokes the graph; with a dump directory, writes each operator's outputs as
// it goes; with progress, reports each operator's end (and, on the SystemC
// platform, the cycles of the NPU run in progress).
Status invoke(driver::cpu::CpuRuntime& runtime, const std::string& dump_dir, const TimedRun& timed,
              RunProgress* progress) {
  if (dump_dir.empty() && progress == nullptr) return runtime.invoke();
  Status status = dump_dir.empty() ? Status::ok() : make_directory(dump_dir);
  if (!status) return status;
  const ir::Graph& graph = runtime.graph();
  Status run_status = runtime.invoke([&](size_t op_index) {
    if (progress != nullptr) progress->operator_done(op_index, npu_cycles_so_far(timed));
    if (dump_dir.empty()) return;
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
  auto offsets = tflite::read_offline_memory_plan(model);
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
  Status checked = check_systemc_only_options(settings, systemc);
  if (!checked) return checked;
  auto config = isa::find_accelerator_config(settings.accelerator_config);
  if (!config) return config.status();
  if (!systemc) {
    options.npu_prepare = driver::npu::functional_npu_prepare(*config);
    return options;
  }
#ifdef VNPU_HAVE_SYSTEMC
  Status status = resolve_system(settings, timed);
  if (!status) return status;
  status = resolve_energy(settings, timed);
  if (!status) return status;
  if (!settings.vcd_path.empty()) {
    status = sim::systemc::Platform::open_vcd(settings.vcd_path);
    if (!status) return status;
  }
  timed.accelerator = *config;
  driver::npu::SystemcOptions systemc_options{*config, timed.system, timed.mode,
                                              !settings.trace_path.empty()};
  options.npu_prepare = driver::npu::systemc_npu_prepare(systemc_options, timed.log);
#endif
  return options;
}

Status invoke_with_progress(const RunSettings& settings, driver::cpu::CpuRuntime& runtime,
                            const TimedRun& timed) {
  if (!settings.progress && !stderr_is_terminal()) return invoke(runtime, settings.dump_dir, timed, nullptr);
  RunProgress progress(runtime.graph().operators.size(), settings.progress);
#ifdef VNPU_HAVE_SYSTEMC
  constexpr uint64_t kProgressSliceCycles = 20000;  // a few hundred microseconds of host time
  const bool systemc = settings.backend == "systemc";
  if (systemc) {
    sim::systemc::Platform::get().set_progress(
        [&progress](uint64_t cycles) { progress.npu_running(cycles); }, kProgressSliceCycles);
  }
#endif
  Status status = invoke(runtime, settings.dump_dir, timed, &progress);
#ifdef VNPU_HAVE_SYSTEMC
  if (systemc) sim::systemc::Platform::get().set_progress({}, 0);
#endif
  progress.finish();
  return status;
}

#ifdef VNPU_HAVE_SYSTEMC
// The report tables, energy, and the --report, --trace and --vcd files.
Status report_systemc_run(const RunSettings& settings, const driver::cpu::CpuRuntime& runtime,
                          const TimedRun& timed, const std::string& model_label) {
  const driver::npu::SystemcOptions options{timed.accelerator, timed.system, timed.mode,
                                            !settings.trace_path.empty()};
  Expected<RunReport> report = build_run_report(runtime, *timed.log, options, timed.energy,
                                                {model_label, timed.energy.name});
  if (!report) return report.status();
  print_run_report(*report, *timed.log);
  if (!settings.report_path.empty()) {
    Status status = write_run_report(*report, settings.report_path);
    if (!status) return status;
    std::printf("report: written to %s\n", settings.report_path.c_str());
  }
  if (!settings.trace_path.empty()) {
    Status status = write_systemc_trace(runtime, *timed.log, settings.trace_path);
    if (!status) return status;
    std::printf("trace: written to %s (open in ui.perfetto.dev)\n", settings.trace_path.c_str());
  }
  if (!settings.vcd_path.empty()) {
    sim::systemc::Platform& platform = sim::systemc::Platform::get();
    platform.close_vcd();
    const sim::systemc::NpuModel& npu = platform.npu();
    std::printf("vcd: written to %s (one time unit = one NPU cycle; %llu of %llu unit-busy cycles "
                "began before the model knew them and are drawn from then; --trace has them "
                "exact)\n",
                settings.vcd_path.c_str(),
                static_cast<unsigned long long>(npu.waveform_late_cycles()),
                static_cast<unsigned long long>(npu.waveform_busy_cycles()));
  }
  return Status::ok();
}
#endif

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
  status = invoke_with_progress(settings, **runtime, timed);
  if (!status) return status;
  print_layers(**runtime, !cpu_options->fixed_offsets.empty());
#ifdef VNPU_HAVE_SYSTEMC
  if (settings.backend == "systemc") {
    status = report_systemc_run(settings, **runtime, timed, loaded->label);
    if (!status) return status;
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
      ("energy-table", po::value(&settings.energy_table),
       "systemc: [Energy.NAME] table for energy and power (default: Scaled_22nm of the built-in "
       "configs/energy.ini, or the first table of --energy-ini)")
      ("energy-ini", po::value(&settings.energy_ini),
       "systemc: INI file with your own [Energy.NAME] tables (docs/energy_model.md)")
      ("report", po::value(&settings.report_path),
       "systemc: write the per-operation table and totals as FILE.json or FILE.csv")
      ("vcd", po::value(&settings.vcd_path),
       "systemc: write a VCD waveform (FILE.vcd) of the IRQ, STATUS and each unit's busy signal")
      ("progress", po::bool_switch(&settings.progress),
       "show a one-line progress on stderr (default: only when stderr is a terminal)")
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
      "                [--trace FILE.json] [--report FILE.json|FILE.csv] [--vcd FILE.vcd]\n"
      "                [--energy-table NAME] [--energy-ini FILE] [--progress]\n"
      "Runs the model and prints a per-layer table (operator, backend, output shape, MACs,\n"
      "host time), the arena size and the outputs. With --backend systemc, also a table of\n"
      "every NPU operation (cycles, MAC utilisation, bytes per AXI port, stall causes,\n"
      "energy), the PMU counters, totals (cycles, time, energy, average power) and the\n"
      "energy per unit.",
      options, positional);
  if (parsed.exit_code) return *parsed.exit_code;
  Status status = run_model(settings);
  return status ? 0 : report_error("run", status);
}

}  // namespace vnpu::cli
