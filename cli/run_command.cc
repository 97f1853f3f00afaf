// vnpu run MODEL --backend cpu: runs a model and reports per-layer results.
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/describe.h"
#include "cli/options.h"
#include "driver/cpu/cpu_runtime.h"
#include "driver/npu/functional_backend.h"
#include "driver/npy.h"
#include "driver/offline_memory_plan.h"
#include "driver/tensor_io.h"
#include "isa/accelerator_config.h"
#include "ir/model_stats.h"

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
};

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
                                                  const ir::Model& model) {
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
  if (settings.backend != "functional") {
    return Status::invalid_input("unknown backend '" + settings.backend +
                                 "' (available: cpu, functional)");
  }
  auto config = isa::find_accelerator_config(settings.accelerator_config);
  if (!config) return config.status();
  options.npu_prepare = driver::npu::functional_npu_prepare(*config);
  return options;
}

Status run_model(const RunSettings& settings) {
  auto loaded = load_model(settings.model_path);
  if (!loaded) return loaded.status();
  std::printf("model: %s\n", loaded->label.c_str());
  auto cpu_options = runtime_options(settings, loaded->model);
  if (!cpu_options) return cpu_options.status();
  if (settings.backend != "cpu") {
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
       "where to run: cpu (every op on the CPU kernels) or functional (ethos-u ops on the "
       "functional NPU model, the rest on the CPU)")
      ("accelerator-config", po::value(&settings.accelerator_config)->default_value("ethos-u55-256"),
       "NPU configuration: ethos-u55-32, -64, -128 or -256")
      ("cpu-kernels", po::value(&settings.cpu_kernels)->default_value("fast"),
       "CPU kernels: fast (SIMD, bit-exact with the reference) or reference (TFLM-style loops)")
      ("input", po::value(&settings.inputs)->composing(),
       "input .npy, once per model input in order (default: deterministic random inputs)")
      ("seed", po::value(&settings.seed)->default_value(1), "seed of the random inputs")
      ("output-dir", po::value(&settings.output_dir), "write output_<i>.npy here")
      ("dump-intermediates", po::value(&settings.dump_dir),
       "write every operator output here as t<tensor_index>_<sanitized_name>.npy");
  po::positional_options_description positional;
  positional.add("model", 1);
  ParsedOptions parsed = parse_options(
      argc, argv,
      "usage: vnpu run [MODEL.tflite] [--backend cpu|functional] [--accelerator-config NAME]\n"
      "                [--input FILE.npy ...] [--output-dir DIR]\n"
      "                [--dump-intermediates DIR] [--seed N] [--cpu-kernels fast|reference]\n"
      "Runs the model and prints a per-layer table (operator, backend, output shape, MACs,\n"
      "host time), the arena size and the outputs.",
      options, positional);
  if (parsed.exit_code) return *parsed.exit_code;
  Status status = run_model(settings);
  return status ? 0 : report_error("run", status);
}

}  // namespace vnpu::cli
