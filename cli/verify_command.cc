// vnpu verify MODEL [--source SRC] | --random N --seed S: every NPU operation
// of a compiled model (or of constrained-random single-operator graphs) run on
// a backend and compared with the CPU reference kernels and the functional NPU
// (verify/verify_model.h, docs/verify.md).
#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <string>

#include "cli/command.h"
#include "cli/options.h"
#include "cli/run_backends.h"
#include "cli/system_options.h"
#include "isa/accelerator_config.h"
#include "verify/npu_operations.h"
#include "verify/verify_model.h"
#include "verify/verify_random.h"

namespace vnpu::cli {
namespace {

constexpr int kMismatchExitCode = 1;

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string folder_of(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? std::string(".") : path.substr(0, slash);
}

bool file_exists(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return false;
  std::fclose(file);
  return true;
}

// The source a compiled model came from, where the usual layouts put it:
// `vnpu compile`'s X_vnpu.tflite beside X.tflite, and the shared models'
// <model>/vela/<config>/<model>_vela.tflite under <model>/model.tflite.
std::string default_source(const std::string& model_path) {
  if (ends_with(model_path, "_vnpu.tflite")) {
    const std::string source = model_path.substr(0, model_path.size() - 12) + ".tflite";
    if (file_exists(source)) return source;
  }
  if (ends_with(model_path, "_vela.tflite")) {
    const std::string source = folder_of(folder_of(folder_of(model_path))) + "/model.tflite";
    if (file_exists(source)) return source;
  }
  return "";
}

constexpr size_t kLayerColumn = 48;

// A layer label cut to its column: TFLite's fused names run to hundreds of characters.
std::string fit_layer(const std::string& label) {
  if (label.size() <= kLayerColumn) return label;
  return label.substr(0, kLayerColumn - 3) + "...";
}

std::string count_text(int64_t value) { return value < 0 ? "-" : std::to_string(value); }

void print_table(const verify::VerifyReport& report) {
  std::printf("%s\n\n", report.mapping_note.c_str());
  std::printf("%-48s %-24s %9s %9s %9s %9s\n", "layer", "NPU op", "elements", "vs cpu", "vs func",
              "max|diff|");
  int64_t mismatches = 0, cpu_checked = 0, on_cpu = 0;
  for (const verify::OperationCheck& row : report.rows) {
    on_cpu += row.on_cpu ? 1 : 0;
    std::printf("%-48s %-24s %9" PRId64 " %9s %9s %9" PRId64 "\n", fit_layer(row.layer).c_str(),
                row.npu_op.c_str(), row.elements, count_text(row.cpu_mismatches).c_str(),
                count_text(row.functional_mismatches).c_str(), row.max_abs_diff);
    mismatches +=
        std::max<int64_t>(row.cpu_mismatches, 0) + std::max<int64_t>(row.functional_mismatches, 0);
    if (row.cpu_mismatches >= 0) ++cpu_checked;
  }
  std::printf("\n%zu NPU operations, %" PRId64 " compared with the CPU reference, %" PRId64
              " mismatching elements: %s\n",
              report.rows.size() - static_cast<size_t>(on_cpu), cpu_checked, mismatches,
              report.passed() ? "PASS" : "FAIL");
  if (on_cpu > 0) std::printf("%" PRId64 " random operators stayed on the CPU\n", on_cpu);
}

void print_first_mismatch(const verify::MismatchDetail& m) {
  std::printf("\nfirst mismatch (seed %d): layer %s, NPU operation %s\n", m.seed, m.layer.c_str(),
              m.npu_op.c_str());
  std::printf("  %s against the %s at (n, h, w, c) = (%" PRId64 ", %" PRId64 ", %" PRId64
              ", %" PRId64 "): expected %" PRId64 ", actual %" PRId64 "\n",
              m.tensor.c_str(), m.against.c_str(), m.coordinate[0], m.coordinate[1],
              m.coordinate[2], m.coordinate[3], m.expected, m.actual);
  if (!m.inputs.empty()) std::printf("  contributing inputs (%s):\n", m.inputs_from.c_str());
  for (const std::string& line : m.inputs) std::printf("    %s\n", line.c_str());
}

Expected<ir::Model> read_model(const std::string& path) {
  Expected<LoadedModel> loaded = load_model(path);
  if (!loaded) return loaded.status();
  return std::move(loaded->model);
}

Expected<verify::VerifyReport> verify_model_file(const po::variables_map& values,
                                                 verify::VerifyOptions options) {
  if (values.count("model") == 0) {
    return Status::invalid_input("missing MODEL (a compiled .tflite), or use --random N");
  }
  const std::string model_path = values["model"].as<std::string>();
  Expected<ir::Model> compiled = read_model(model_path);
  if (!compiled) return compiled.status();
  const std::string compiled_for = verify::payload_accelerator(*compiled);
  if (values["accelerator-config"].defaulted() && !compiled_for.empty()) {
    options.choice.accelerator_config = compiled_for;  // the preset the payload names
  }
  std::string source_path =
      values.count("source") != 0 ? values["source"].as<std::string>() : default_source(model_path);
  if (source_path.empty()) {
    return Status::invalid_input(model_path +
                                 ": no source model found beside it for the CPU reference; pass "
                                 "--source MODEL.tflite");
  }
  Expected<ir::Model> source = read_model(source_path);
  if (!source) return source.status();
  Expected<verify::OpenedBackends> backends = verify::open_backends(run_backends(), options);
  if (!backends) return backends.status();
  std::printf("verify: %s (source %s) on %s, %s, seeds 1..%d\n", model_path.c_str(),
              source_path.c_str(), options.backend.c_str(),
              options.choice.accelerator_config.c_str(), options.seeds);
  return verify::verify_compiled_model(*compiled, *source, *backends, options);
}

Expected<verify::VerifyReport> verify_random(const po::variables_map& values,
                                             const verify::VerifyOptions& options) {
  if (values.count("model") != 0 || values.count("source") != 0) {
    return Status::invalid_input("--random takes no MODEL and no --source");
  }
  Expected<verify::OpenedBackends> backends = verify::open_backends(run_backends(), options);
  if (!backends) return backends.status();
  const int count = values["random"].as<int>();
  const uint64_t seed = values["seed"].as<uint64_t>();
  std::printf("verify: %d random operations, seed %" PRIu64 ", on %s, %s\n", count, seed,
              options.backend.c_str(), options.choice.accelerator_config.c_str());
  return verify::verify_random_operations(count, seed, *backends, options);
}

// invalid_input when --inject was given for a backend that plants no faults
// (the registry says which do); an unknown backend is open_backends' to refuse.
Status check_inject_backend(const std::string& backend_name) {
  const driver::npu::BackendInfo* backend = run_backends().find(backend_name);
  if (backend == nullptr) return Status::ok();
  const auto& accepted = backend->options;
  if (std::find(accepted.begin(), accepted.end(), "--inject") != accepted.end()) {
    return Status::ok();
  }
  const std::string accepting = run_backends().accepting("--inject");
  if (accepting.empty()) {
    return Status::invalid_input("--inject: no backend of this build plants faults");
  }
  return Status::invalid_input("--inject needs --backend " + accepting + " (not " + backend_name +
                               ")");
}

}  // namespace

int run_verify(int argc, char** argv) {
  po::options_description options("options");
  options.add_options()("model", po::value<std::string>(),
                        "the compiled model (vnpu compile's or Vela's output)")(
      "source", po::value<std::string>(),
      "the model it was compiled from (default: X.tflite beside X_vnpu.tflite, or "
      "<model>/model.tflite for <model>/vela/<config>/<model>_vela.tflite)")(
      "backend", po::value<std::string>()->default_value("functional"),
      ("NPU backend to verify: " + run_backends().names()).c_str())(
      "accelerator-config", po::value<std::string>()->default_value(isa::kDefaultAcceleratorConfig),
      "NPU configuration (ethos-u55-32/64/128/256; default: the one the model was compiled for, "
      "else ethos-u55-256)")("seeds", po::value<int>()->default_value(1),
                             "random inputs from seeds 1..N")(
      "random", po::value<int>(), "verify N constrained-random single-operator graphs instead")(
      "seed", po::value<uint64_t>()->default_value(1), "seed of --random")(
      "inject", po::value<std::string>(),
      ("plant a fault in the simulated hardware to prove a mismatch is caught (--backend " +
       run_backends().accepting("--inject") + "; docs/verify.md)")
          .c_str());
  add_system_options(
      options);  // the systemc backend's, and the memory mode the model was compiled for
  po::positional_options_description positional;
  positional.add("model", 1);
  ParsedOptions parsed = parse_options(
      argc, argv,
      "usage: vnpu verify MODEL [--source SRC] [--backend B] [--accelerator-config C] [--seeds N]\n"
      "                   [--system-config NAME] [--memory-mode NAME] [--config vela.ini]\n"
      "       vnpu verify --random N [--seed S] [--backend B] [--accelerator-config C]\n"
      "       (either form: [--inject FAULT] plants a fault in the backend's hardware)\n"
      "Runs every NPU operation of a compiled model on the backend and compares its output with\n"
      "the CPU reference kernels (through the layer it computes) and the functional NPU. Prints\n"
      "one row per NPU operation and the first mismatch with its inputs. Exit code 0 when all\n"
      "match, 1 on a mismatch, 2 on bad input.",
      options, positional);
  if (parsed.exit_code) return *parsed.exit_code;
  const po::variables_map& values = parsed.values;
  verify::VerifyOptions verify_options;
  verify_options.backend = values["backend"].as<std::string>();
  verify_options.choice.accelerator_config = values["accelerator-config"].as<std::string>();
  verify_options.seeds = values["seeds"].as<int>();
  Expected<SystemSelection> selection = resolve_system_options(values);
  if (!selection) return report_error("verify", selection.status());
  verify_options.choice.system_config = values["system-config"].as<std::string>();
  verify_options.choice.memory_mode = values["memory-mode"].as<std::string>();
  if (values.count("config") != 0)
    verify_options.choice.ini_path = values["config"].as<std::string>();
  verify_options.compile.memory_mode = selection->mode;
  if (values.count("inject") != 0) {
    verify_options.choice.inject_fault = values["inject"].as<std::string>();
    if (Status accepted = check_inject_backend(verify_options.backend); !accepted) {
      return report_error("verify", accepted);
    }
  }
  if (Expected<isa::AcceleratorConfig> config =
          isa::find_accelerator_config(verify_options.choice.accelerator_config);
      !config) {
    return report_error("verify", config.status());
  }
  Expected<verify::VerifyReport> report = values.count("random") != 0
                                              ? verify_random(values, verify_options)
                                              : verify_model_file(values, verify_options);
  if (!report) return report_error("verify", report.status());
  print_table(*report);
  if (report->first_mismatch) {
    print_first_mismatch(*report->first_mismatch);
    return kMismatchExitCode;
  }
  return 0;
}

}  // namespace vnpu::cli
