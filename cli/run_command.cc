// vnpu run MODEL --backend cpu|functional|systemc|rtl: runs a model and reports
// per-layer results; with the timed SystemC NPU, per-operation cycles, MAC
// utilisation, bytes per AXI port, stall causes, energy (cli/run_report.h), and
// optionally a --report file, a --trace timeline and a --vcd waveform.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/describe.h"
#include "cli/options.h"
#include "cli/run_backends.h"
#include "cli/run_progress.h"
#include "driver/cpu/cpu_runtime.h"
#include "driver/npu/backend_registry.h"
#include "driver/npy.h"
#include "driver/tensor_io.h"
#include "ir/model_stats.h"
#include "isa/accelerator_config.h"
#include "perf/energy_model.h"
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
  std::string inject_fault;
  bool progress = false;
};

// What plan_run decided: the model, the backend's session, the runtime's
// options and, for the timed report, the energy table.
struct RunPlan {
  LoadedModel loaded;
  std::unique_ptr<driver::npu::NpuSession> session;
  driver::cpu::CpuOptions cpu_options;
  perf::EnergyTable energy;
};

// --energy-ini FILE picks the table from FILE (its first unless --energy-table
// names one); otherwise --energy-table names a built-in table.
Status resolve_energy(const RunSettings& settings, RunPlan& plan) {
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
  plan.energy = std::move(*table);
  return Status::ok();
}

// Options only some backends accept (the registry says which), and the
// --report file's format.
Status check_backend_options(const RunSettings& settings, const driver::npu::BackendInfo& backend) {
  const std::pair<const char*, bool> options[] = {
      {"--trace", !settings.trace_path.empty()},
      {"--report", !settings.report_path.empty()},
      {"--vcd", !settings.vcd_path.empty()},
      {"--inject", !settings.inject_fault.empty()},
      {"--energy-table", !settings.energy_table.empty()},
      {"--energy-ini", !settings.energy_ini.empty()}};
  for (const auto& [name, given] : options) {
    if (!given) continue;
    const auto& accepted = backend.options;
    if (std::find(accepted.begin(), accepted.end(), name) != accepted.end()) continue;
    const std::string accepting = run_backends().accepting(name);
    if (accepting.empty()) {
      return Status::invalid_input(std::string(name) + ": no backend of this build accepts it");
    }
    return Status::invalid_input(std::string(name) + " needs --backend " + accepting);
  }
  if (!settings.report_path.empty()) {
    Expected<std::string> format = timed_report_format(settings.report_path);
    if (!format) return format.status();
  }
  return Status::ok();
}

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

// Invokes the graph; with a dump directory, writes each operator's outputs as
// it goes; with progress, reports each operator's end (and, on the SystemC
// platform, the cycles of the NPU run in progress).
Status invoke(driver::cpu::CpuRuntime& runtime, const std::string& dump_dir,
              const driver::npu::NpuSession& session, RunProgress* progress) {
  if (dump_dir.empty() && progress == nullptr) return runtime.invoke();
  Status status = dump_dir.empty() ? Status::ok() : make_directory(dump_dir);
  if (!status) return status;
  const ir::Graph& graph = runtime.graph();
  Status run_status = runtime.invoke([&](size_t op_index) {
    if (progress != nullptr) progress->operator_done(op_index, session.npu_cycles());
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
  const int name_width = operator_column_width(graph);
  std::printf("\n%4s  %-*s %-14s %-18s %14s %12s\n", "#", name_width, "operator", "backend",
              "output", "MACs", "host us");
  int64_t total_ns = 0;
  int64_t total_macs = 0;
  for (size_t i = 0; i < graph.operators.size(); ++i) {
    const ir::Operator& op = graph.operators[i];
    const int64_t ns = runtime.op_host_ns()[i];
    const int64_t macs = ir::mac_count(graph, op);
    total_ns += ns;
    total_macs += macs;
    std::printf("%4zu  %-*s %-14s %-18s %14s %12.1f\n", i, name_width, ir::op_type_name(op.type),
                runtime.op_backend(i),
                ir::shape_to_string(graph.tensor(op.outputs[0]).shape).c_str(),
                with_thousands(macs).c_str(), static_cast<double>(ns) / 1e3);
  }
  std::printf("%4s  %-*s %-14s %-18s %14s %12.1f\n", "", name_width, "total", "", "",
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
    const std::string values = preview_elements(tensor.type, array.data);
    std::printf("output %zu '%s' %s %s:%s%s\n", i, tensor.name.c_str(),
                ir::data_type_name(tensor.type), ir::shape_to_string(tensor.shape).c_str(),
                values.empty() ? "" : " ", values.c_str());
    if (!output_dir.empty()) {
      const std::string path = output_dir + "/output_" + std::to_string(i) + ".npy";
      Status status = driver::save_npy(path, array);
      if (!status) return status;
      std::printf("  written to %s\n", path.c_str());
    }
  }
  return Status::ok();
}

// CPU kernel choice, the model's offline memory plan, the backend's session
// and, for a timed report, the energy table: every option checked before the
// model runs.
Status plan_backend(const RunSettings& settings, RunPlan& plan) {
  driver::cpu::CpuOptions& options = plan.cpu_options;
  if (settings.cpu_kernels == "reference") {
    options.kernels = driver::cpu::KernelChoice::kReference;
  } else if (settings.cpu_kernels != "fast") {
    return Status::invalid_input("--cpu-kernels must be 'fast' or 'reference', got '" +
                                 settings.cpu_kernels + "'");
  }
  auto offsets = tflite::read_offline_memory_plan(plan.loaded.model);
  if (!offsets) return offsets.status();
  options.fixed_offsets = std::move(*offsets);
  const driver::npu::BackendInfo* backend = run_backends().find(settings.backend);
  if (backend == nullptr) {
    return Status::invalid_input("unknown backend '" + settings.backend + "' (available: " +
                                 run_backends().names() + ")");
  }
  Status status = check_backend_options(settings, *backend);
  if (!status) return status;
  status = resolve_energy(settings, plan);
  if (!status) return status;
  driver::npu::BackendChoice choice{settings.accelerator_config, settings.ini_path,
                                    settings.system_config,       settings.memory_mode,
                                    !settings.trace_path.empty(), settings.vcd_path,
                                    settings.inject_fault};
  auto session = backend->open(choice);
  if (!session) return session.status();
  plan.session = std::move(*session);
  options.npu_prepare = plan.session->npu_prepare();
  return Status::ok();
}

// Loads the model and plans the run; prints the run's header.
Expected<RunPlan> plan_run(const RunSettings& settings) {
  auto loaded = load_model(settings.model_path);
  if (!loaded) return loaded.status();
  std::printf("model: %s\n", loaded->label.c_str());
  RunPlan plan;
  plan.loaded = std::move(*loaded);
  Status status = plan_backend(settings, plan);
  if (!status) return status;
  const std::string summary = plan.session->summary();
  if (!summary.empty()) std::printf("backend: %s\n", summary.c_str());
  return plan;
}

// Feeds the inputs and invokes the graph, with a progress line when asked or
// when stderr is a terminal.
Status run_plan(const RunSettings& settings, const RunPlan& plan,
                driver::cpu::CpuRuntime& runtime) {
  Status status = feed_inputs(runtime, settings);
  if (!status) return status;
  if (!settings.progress && !stderr_is_terminal()) {
    return invoke(runtime, settings.dump_dir, *plan.session, nullptr);
  }
  RunProgress progress(runtime.graph().operators.size(), settings.progress);
  constexpr uint64_t kProgressSliceCycles = 20000;  // a few hundred microseconds of host time
  plan.session->set_progress([&progress](uint64_t cycles) { progress.npu_running(cycles); },
                             kProgressSliceCycles);
  status = invoke(runtime, settings.dump_dir, *plan.session, &progress);
  plan.session->set_progress({}, 0);
  progress.finish();
  return status;
}

// The per-layer table, the timed backend's report and files, the outputs.
Status report_run(const RunSettings& settings, const RunPlan& plan,
                  const driver::cpu::CpuRuntime& runtime) {
  print_layers(runtime, !plan.cpu_options.fixed_offsets.empty());
  Status status = report_timed_run(*plan.session, runtime,
                                   {plan.loaded.label, &plan.energy, settings.report_path,
                                    settings.trace_path, settings.vcd_path});
  if (!status) return status;
  const std::string note = plan.session->run_note();
  if (!note.empty()) std::printf("%s\n", note.c_str());
  if (!settings.dump_dir.empty()) {
    std::printf("intermediates: written to %s\n", settings.dump_dir.c_str());
  }
  return report_outputs(runtime, settings.output_dir);
}

Status run_model(const RunSettings& settings) {
  Expected<RunPlan> plan = plan_run(settings);
  if (!plan) return plan.status();
  auto runtime = driver::cpu::CpuRuntime::create(plan->loaded.model, plan->cpu_options);
  if (!runtime) return runtime.status().with_context(plan->loaded.label);
  Status status = run_plan(settings, *plan, **runtime);
  if (!status) return status;
  return report_run(settings, *plan, **runtime);
}

// "cpu (every operator on the CPU kernels), functional (...) or systemc (...)"
std::string backend_help() {
  const auto& backends = run_backends().backends();
  std::string help = "where to run: ";
  for (size_t i = 0; i < backends.size(); ++i) {
    if (i > 0) help += i + 1 == backends.size() ? " or " : ", ";
    help += backends[i].name + " (" + backends[i].description + ")";
  }
  return help;
}

// Fills `settings` from argv; an exit code when the command should stop now
// (--help printed, or a bad option).
std::optional<int> parse_run_options(int argc, char** argv, RunSettings& settings) {
  po::options_description options("options");
  options.add_options()
      ("model", po::value(&settings.model_path)->default_value(""),
       "model .tflite (default: the built-in kws-dscnn model)")
      ("backend", po::value(&settings.backend)->default_value("cpu"), backend_help().c_str())
      ("accelerator-config",
       po::value(&settings.accelerator_config)->default_value(isa::kDefaultAcceleratorConfig),
       "NPU configuration: ethos-u55-32, -64, -128 or -256")
      ("cpu-kernels", po::value(&settings.cpu_kernels)->default_value("fast"),
       "CPU kernels: fast (SIMD, bit-exact with the reference) or reference (TFLM-style loops)")
      ("input", po::value(&settings.inputs)->composing(),
       "input .npy, once per model input in order (default: deterministic random inputs)")
      ("seed", po::value(&settings.seed)->default_value(1), "seed of the random inputs")
      ("config", po::value(&settings.ini_path),
       "systemc, rtl: Vela-format INI with system configs and memory modes (default: the built-in "
       "configs/vela.ini)")
      ("system-config", po::value(&settings.system_config)->default_value(perf::kDefaultSystemConfig),
       "systemc, rtl: [System_Config.NAME] (clock, AXI ports, memories)")
      ("memory-mode", po::value(&settings.memory_mode)->default_value(perf::kDefaultMemoryMode),
       "systemc, rtl: [Memory_Mode.NAME] (which port holds constants, arena, cache)")
      ("trace", po::value(&settings.trace_path),
       "systemc, rtl: write a Chrome/Perfetto trace-event timeline (JSON), one track per unit")
      ("energy-table", po::value(&settings.energy_table),
       "systemc, rtl: [Energy.NAME] table for energy and power (default: Scaled_22nm of the built-in "
       "configs/energy.ini, or the first table of --energy-ini)")
      ("energy-ini", po::value(&settings.energy_ini),
       "systemc, rtl: INI file with your own [Energy.NAME] tables (docs/energy_model.md)")
      ("report", po::value(&settings.report_path),
       "systemc, rtl: write the per-operation table and totals as FILE.json or FILE.csv")
      ("vcd", po::value(&settings.vcd_path),
       "systemc, rtl: write a VCD waveform (FILE.vcd) of the IRQ, STATUS and each unit's busy signal")
      ("inject", po::value(&settings.inject_fault),
       "rtl: plant a fault in the RTL (docs/verify.md: output-rounding, mac-lane7, weight-order, "
       "acc-stuck-bit)")
      ("progress", po::bool_switch(&settings.progress),
       "show a one-line progress on stderr (default: only when stderr is a terminal)")
      ("output-dir", po::value(&settings.output_dir), "write output_<i>.npy here")
      ("dump-intermediates", po::value(&settings.dump_dir),
       "write every operator output here as t<tensor_index>_<sanitized_name>.npy");
  po::positional_options_description positional;
  positional.add("model", 1);
  ParsedOptions parsed = parse_options(
      argc, argv,
      "usage: vnpu run [MODEL.tflite] [--backend cpu|functional|systemc|rtl] [--accelerator-config NAME]\n"
      "                [--input FILE.npy ...] [--output-dir DIR]\n"
      "                [--dump-intermediates DIR] [--seed N] [--cpu-kernels fast|reference]\n"
      "                [--system-config NAME] [--memory-mode NAME] [--config vela.ini]\n"
      "                [--trace FILE.json] [--report FILE.json|FILE.csv] [--vcd FILE.vcd]\n"
      "                [--energy-table NAME] [--energy-ini FILE] [--progress] [--inject FAULT]\n"
      "Runs the model and prints a per-layer table (operator, backend, output shape, MACs,\n"
      "host time), the arena size and the outputs. With --backend systemc, also a table of\n"
      "every NPU operation (cycles, MAC utilisation, bytes per AXI port, stall causes,\n"
      "energy), the PMU counters, totals (cycles, time, energy, average power) and the\n"
      "energy per unit. --backend rtl is systemc with every CONV/DEPTHWISE/POOL value\n"
      "computed on the verilated RTL (ethos-u55-128, -256); its last line says what ran there.",
      options, positional);
  return parsed.exit_code;
}

}  // namespace

int run_run(int argc, char** argv) {
  RunSettings settings;
  if (std::optional<int> exit_code = parse_run_options(argc, argv, settings)) return *exit_code;
  Status status = run_model(settings);
  return status ? 0 : report_error("run", status);
}

}  // namespace vnpu::cli
