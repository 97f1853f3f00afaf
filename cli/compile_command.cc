// vnpu compile MODEL.tflite --accelerator-config NAME: for now the front half
// of the compiler (graph passes and the NPU support check). It prints each
// operator's placement with the support rule and reason and writes the JSON
// report; command-stream generation is not implemented yet, so no .tflite is
// written.
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/options.h"
#include "compiler/pipeline.h"
#include "compiler/report.h"
#include "core/file_io.h"

namespace vnpu::cli {
namespace {

constexpr const char* kNotImplemented =
    "command-stream generation is not implemented yet: this preview runs the graph passes and "
    "the NPU support check only, and writes no output .tflite";

Expected<std::map<std::string, std::string>> dump_requests(const std::vector<std::string>& passes,
                                                           const std::string& model_path) {
  std::map<std::string, std::string> dumps;
  std::string stem = model_path.empty() ? "kws-dscnn" : model_path;
  const size_t slash = stem.find_last_of('/');
  if (slash != std::string::npos) stem = stem.substr(slash + 1);
  if (stem.size() > 7 && stem.compare(stem.size() - 7, 7, ".tflite") == 0) {
    stem.resize(stem.size() - 7);
  }
  for (const std::string& pass : passes) dumps[pass] = stem + "_after_" + pass + ".tflite";
  return dumps;
}

void print_partition(const compiler::CompileResult& result) {
  std::printf("passes run: ");
  for (size_t i = 0; i < result.passes_run.size(); ++i) {
    std::printf("%s%s", i ? ", " : "", result.passes_run[i].c_str());
  }
  std::printf("\n\n%-4s %-20s %-4s %-26s %s\n", "op", "type", "on", "rule", "reason");
  for (const compiler::OpPlacement& op : result.partition.ops) {
    std::printf("%-4zu %-20s %-4s %-26s %s\n", op.op_index, ir::op_type_name(op.type),
                op.on_npu ? "NPU" : "CPU", op.rule.c_str(), op.reason.c_str());
  }
  std::printf("\n%zu operators on the NPU, %zu on the CPU\n", result.partition.npu_count(),
              result.partition.cpu_count());
}

}  // namespace

int run_compile(int argc, char** argv) {
  po::options_description options("options");
  options.add_options()("model", po::value<std::string>()->default_value(""),
                        "MODEL.tflite (default: the built-in kws-dscnn)")(
      "accelerator-config", po::value<std::string>()->default_value("ethos-u55-128"),
      "ethos-u55-32, ethos-u55-64, ethos-u55-128 or ethos-u55-256")(
      "dump-after", po::value<std::vector<std::string>>()->composing(),
      "write the graph after PASS as <model>_after_<PASS>.tflite (repeatable)")(
      "report", po::value<std::string>(), "write the JSON report to FILE");
  po::positional_options_description positional;
  positional.add("model", 1);
  ParsedOptions parsed = parse_options(
      argc, argv,
      std::string("usage: vnpu compile MODEL.tflite --accelerator-config NAME [--dump-after PASS] "
                  "[--report FILE.json]\n\nPreview: ") +
          kNotImplemented + ".\n",
      options, positional);
  if (parsed.exit_code) return *parsed.exit_code;
  const std::string model_path = parsed.values["model"].as<std::string>();
  auto loaded = load_model(model_path);
  if (!loaded) return report_error("compile", loaded.status());

  compiler::CompilerOptions compiler_options;
  compiler_options.accelerator_config = parsed.values["accelerator-config"].as<std::string>();
  if (parsed.values.count("dump-after")) {
    auto dumps = dump_requests(parsed.values["dump-after"].as<std::vector<std::string>>(),
                               model_path);
    if (!dumps) return report_error("compile", dumps.status());
    compiler_options.dump_after = *dumps;
  }
  auto result = compiler::compile_graph(std::move(loaded->model), compiler_options);
  if (!result) return report_error("compile", result.status());

  std::printf("vnpu compile: %s for %s\n", loaded->label.c_str(),
              compiler_options.accelerator_config.c_str());
  print_partition(*result);
  for (const std::string& file : result->dumped_files) std::printf("wrote %s\n", file.c_str());
  if (parsed.values.count("report")) {
    const std::string path = parsed.values["report"].as<std::string>();
    const std::string json =
        compiler::report_json(*result, loaded->label, compiler_options.accelerator_config);
    const Status status = write_file(path, std::vector<uint8_t>(json.begin(), json.end()));
    if (!status) return report_error("compile", status);
    std::printf("wrote report %s\n", path.c_str());
  }
  std::printf("note: %s\n", kNotImplemented);
  return 0;
}

}  // namespace vnpu::cli
