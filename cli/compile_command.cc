// vnpu compile MODEL.tflite -o OUT.tflite: the whole compiler (compiler/compile_model.h).
// Options follow Vela's: --accelerator-config, --config vela.ini, --system-config,
// --memory-mode, --arena-cache-size. It prints each operator's placement (with
// the support rule and reason for CPU operators) and where it landed in the
// command streams, writes the output .tflite (an ethos-u operator per NPU
// segment, laid out like Vela's), the analytic estimate of the compiled streams
// as CSV and JSON beside it, and optionally the JSON compile report.
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "cli/command.h"
#include "cli/options.h"
#include "cli/system_options.h"
#include "compiler/compile_model.h"
#include "compiler/layer_estimate.h"
#include "compiler/report.h"
#include "core/file_io.h"
#include "isa/accelerator_config.h"
#include "isa/command_decoder.h"
#include "perf/estimator.h"
#include "perf/report.h"
#include "tflite/writer.h"

namespace vnpu::cli {
namespace {

std::string model_stem(const std::string& model_path) {
  std::string stem = model_path.empty() ? "kws-dscnn" : model_path;
  const size_t slash = stem.find_last_of('/');
  if (slash != std::string::npos) stem = stem.substr(slash + 1);
  if (stem.size() > 7 && stem.compare(stem.size() - 7, 7, ".tflite") == 0) {
    stem.resize(stem.size() - 7);
  }
  return stem;
}

// OUT.tflite -> OUT (the prefix of the estimate files).
std::string output_prefix(const std::string& output) {
  if (output.size() > 7 && output.compare(output.size() - 7, 7, ".tflite") == 0) {
    return output.substr(0, output.size() - 7);
  }
  return output;
}

std::map<std::string, std::string> dump_requests(const std::vector<std::string>& passes,
                                                 const std::string& model_path) {
  std::map<std::string, std::string> dumps;
  for (const std::string& pass : passes) {
    dumps[pass] = model_stem(model_path) + "_after_" + pass + ".tflite";
  }
  return dumps;
}

Expected<uint64_t> parse_bytes(const std::string& text) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos ||
      text.size() > 13) {
    return Status::invalid_input("--arena-cache-size '" + text +
                                 "' is not a byte count (digits only, at most 2^40)");
  }
  const uint64_t bytes = std::stoull(text);
  if (bytes > (uint64_t{1} << 40)) {
    return Status::invalid_input("--arena-cache-size " + text + " is above 2^40 bytes");
  }
  return bytes;
}

void print_operators(const compiler::CompiledModel& compiled) {
  std::printf("\n%-4s %-20s %-4s %-8s %-10s %-24s %s\n", "op", "type", "on", "ethos-u",
              "kick-offs", "stream words", "rule / reason / weights");
  for (size_t i = 0; i < compiled.operators.size(); ++i) {
    const compiler::OpPlacement& placement = compiled.front.partition.ops[i];
    const compiler::CompiledOperator& op = compiled.operators[i];
    if (!placement.on_npu) {
      std::printf("%-4zu %-20s %-4s %-8s %-10s %-24s %s: %s\n", i, ir::op_type_name(op.type),
                  "CPU", "-", "-", "-", placement.rule.c_str(), placement.reason.c_str());
      continue;
    }
    std::string words;
    for (size_t w = 0; w < op.word_offsets.size() && w < 4; ++w) {
      words += (w ? "," : "") + std::to_string(op.word_offsets[w]);
    }
    if (op.word_offsets.size() > 4) words += ",...";
    std::string detail = op.alias ? "memory alias (no command)" : "";
    if (op.encoded_weight_bytes > 0) {
      detail = std::to_string(op.source_weight_bytes) + " B weights -> " +
               std::to_string(op.encoded_weight_bytes) + " B encoded, " +
               (op.weights_buffered ? "DMA'd to SRAM" : "read in place");
      if (!op.note.empty()) detail += " (" + op.note + ")";
    }
    std::printf("%-4zu %-20s %-4s %-8d %-10zu %-24s %s\n", i, ir::op_type_name(op.type), "NPU",
                op.segment, op.kick_offs, words.empty() ? "-" : words.c_str(), detail.c_str());
  }
}

void print_layer_estimates(const compiler::LayerEstimates& layers) {
  std::printf("\n%-4s %-20s %-4s %12s %-13s %9s %12s %12s %10s\n", "op", "type", "on", "cycles",
              "bound", "MAC util", "AXI0 bytes", "AXI1 bytes", "MACs");
  for (const compiler::LayerEstimate& l : layers.layers) {
    if (!l.on_npu) {
      std::printf("%-4d %-20s %-4s %12s\n", l.op_index, l.type.c_str(), "CPU", "-");
      continue;
    }
    std::printf("%-4d %-20s %-4s %12.0f %-13s %8.1f%% %12.0f %12.0f %10lld\n", l.op_index,
                l.type.c_str(), "NPU", l.cycles, l.bound.c_str(), l.mac_utilisation * 100.0,
                l.port_bytes[0], l.port_bytes[1], static_cast<long long>(l.macs));
  }
}

// The analytic estimate of every compiled stream, in order.
perf::Estimate estimate_streams(const compiler::CompiledModel& compiled,
                                const isa::AcceleratorConfig& accelerator,
                                const SystemSelection& selection,
                                const perf::EstimateOptions& options) {
  std::vector<isa::Operation> operations;
  for (const compiler::SegmentStream& stream : compiled.streams) {
    const isa::DecodedStream decoded = isa::decode_stream(stream.words.data(), stream.words.size());
    operations.insert(operations.end(), decoded.operations.begin(), decoded.operations.end());
  }
  return perf::estimate_stream(operations, accelerator, selection.system, selection.mode, options);
}

constexpr const char* kUsage =
    "usage: vnpu compile MODEL.tflite [-o OUT.tflite] [--accelerator-config NAME]\n"
    "                    [--config vela.ini] [--system-config NAME] [--memory-mode NAME]\n"
    "                    [--arena-cache-size BYTES] [--dump-after PASS] [--report FILE.json]\n"
    "Compiles an INT8 TFLite model for an Ethos-U55-compatible NPU: NPU segments become\n"
    "ethos-u operators with command streams (as Vela writes them), the rest stays on the CPU.\n"
    "Also writes the analytic estimate per NPU operation (OUT_estimate.csv/.json) and per\n"
    "layer (OUT_layers.csv/.json: cycles, binding resource, bytes per memory and AXI port,\n"
    "MACs, utilisation, weight bytes before and after encoding).";

po::options_description compile_options() {
  po::options_description options("options");
  options.add_options()("model", po::value<std::string>()->default_value(""),
                        "MODEL.tflite (default: the built-in kws-dscnn)")(
      "output,o", po::value<std::string>(),
      "the compiled .tflite (default: <model>_vnpu.tflite in the current folder)")(
      "accelerator-config",
      po::value<std::string>()->default_value(isa::kDefaultAcceleratorConfig),
      "ethos-u55-32, ethos-u55-64, ethos-u55-128 or ethos-u55-256")(
      "arena-cache-size", po::value<std::string>(),
      "bytes of the arena/cache memory (overrides the memory mode's arena_cache_size)")(
      "dump-after", po::value<std::vector<std::string>>()->composing(),
      "write the graph after PASS as <model>_after_<PASS>.tflite (repeatable)")(
      "report", po::value<std::string>(), "write the JSON compile report to FILE")(
      "vela-view", "estimate with Vela 3.10's model only (buffered weights free, no command fetch, "
                   "latencies or shared memories), to compare with Vela's own figures");
  add_system_options(options);
  return options;
}

// What the command line asks for, checked.
struct CompileRequest {
  std::string model_path;
  std::string output;
  SystemSelection selection;
  isa::AcceleratorConfig accelerator{};
  compiler::CompilerOptions options;
  perf::EstimateOptions estimate_options;
  std::optional<std::string> report_path;
};

// The request, or the exit code when parsing ends the command (help, a bad option).
std::variant<CompileRequest, int> parse_compile_request(int argc, char** argv) {
  po::positional_options_description positional;
  positional.add("model", 1);
  ParsedOptions parsed = parse_options(argc, argv, kUsage, compile_options(), positional);
  if (parsed.exit_code) return *parsed.exit_code;
  const po::variables_map& values = parsed.values;
  CompileRequest request;
  request.model_path = values["model"].as<std::string>();
  request.output = values.count("output") ? values["output"].as<std::string>()
                                          : model_stem(request.model_path) + "_vnpu.tflite";
  Expected<SystemSelection> selection = resolve_system_options(values);
  if (!selection) return report_error("compile", selection.status());
  request.selection = *selection;
  request.options.accelerator_config = values["accelerator-config"].as<std::string>();
  request.options.memory_mode = selection->mode;
  if (values.count("arena-cache-size")) {
    Expected<uint64_t> bytes = parse_bytes(values["arena-cache-size"].as<std::string>());
    if (!bytes) return report_error("compile", bytes.status());
    request.options.arena_cache_size = *bytes;
  }
  if (values.count("dump-after")) {
    request.options.dump_after =
        dump_requests(values["dump-after"].as<std::vector<std::string>>(), request.model_path);
  }
  Expected<isa::AcceleratorConfig> accelerator =
      isa::find_accelerator_config(request.options.accelerator_config);
  if (!accelerator) return report_error("compile", accelerator.status());
  request.accelerator = *accelerator;
  request.estimate_options =
      values.count("vela-view") ? perf::EstimateOptions::vela_view() : perf::EstimateOptions{};
  if (values.count("report")) request.report_path = values["report"].as<std::string>();
  return request;
}

// The compiled model and the bytes written to the output file.
struct CompileOutcome {
  std::string label;  // the source model
  compiler::CompiledModel compiled;
  size_t output_bytes = 0;
};

// Loads the model, compiles it and writes the output .tflite.
Expected<CompileOutcome> compile_and_write(const CompileRequest& request) {
  auto loaded = load_model(request.model_path);
  if (!loaded) return loaded.status();
  Expected<compiler::CompiledModel> compiled =
      compiler::compile_model(std::move(loaded->model), request.options);
  if (!compiled) return compiled.status();
  Expected<std::vector<uint8_t>> bytes = tflite::write_tflite(compiled->output);
  if (!bytes) return bytes.status();
  if (Status status = write_file(request.output, *bytes); !status) return status;
  return CompileOutcome{loaded->label, std::move(*compiled), bytes->size()};
}

// Placement, passes, segments, cascades and memory of the compiled model.
void print_compile_summary(const CompileRequest& request, const CompileOutcome& outcome) {
  const compiler::CompiledModel& compiled = outcome.compiled;
  std::printf("vnpu compile: %s for %s, %s, %s\n", outcome.label.c_str(), request.accelerator.name,
              request.selection.system.name.c_str(), request.selection.mode.name.c_str());
  std::printf("passes run: ");
  for (size_t i = 0; i < compiled.front.passes_run.size(); ++i) {
    std::printf("%s%s", i ? ", " : "", compiled.front.passes_run[i].c_str());
  }
  std::printf("\n");
  print_operators(compiled);
  std::printf("\n%zu operators on the NPU in %zu ethos-u operator(s), %zu on the CPU\n",
              compiled.front.partition.npu_count(), compiled.schedule.segments.size(),
              compiled.front.partition.cpu_count());
  for (const std::vector<int32_t>& cascade : compiled.schedule.cascades) {
    std::string ops;
    for (int32_t op : cascade) ops += (ops.empty() ? "" : " -> ") + std::to_string(op);
    std::printf("cascade (striped through ring buffers to fit the budget): operators %s\n",
                ops.c_str());
  }
  std::printf("arena %lld bytes, fast scratch %lld bytes\n",
              static_cast<long long>(compiled.schedule.arena.arena_bytes),
              static_cast<long long>(compiled.schedule.fast_scratch_bytes));
  for (const std::string& file : compiled.front.dumped_files)
    std::printf("wrote %s\n", file.c_str());
  std::printf("wrote %s (%zu bytes)\n", request.output.c_str(), outcome.output_bytes);
}

// Writes each (path, text) and says so.
Status write_files(const std::vector<std::pair<std::string, std::string>>& files) {
  for (const auto& [path, text] : files) {
    if (Status status = write_text_file(path, text); !status) return status;
    std::printf("wrote %s\n", path.c_str());
  }
  return Status::ok();
}

// The estimate per NPU operation and per layer (printed and written beside
// the output), and the JSON compile report when asked for.
Status report_compile(const CompileRequest& request, const CompileOutcome& outcome) {
  const isa::AcceleratorConfig& accelerator = request.accelerator;
  const SystemSelection& selection = request.selection;
  const perf::Estimate estimate =
      estimate_streams(outcome.compiled, accelerator, selection, request.estimate_options);
  const perf::ReportContext context{request.output, accelerator.name, selection.system.name,
                                    selection.mode.name};
  const std::string prefix = output_prefix(request.output);
  if (Status s = write_files({{prefix + "_estimate.csv", perf::format_csv(estimate)},
                              {prefix + "_estimate.json", perf::format_json(estimate, context)}});
      !s) {
    return s;
  }
  const compiler::LayerEstimates layers = compiler::estimate_layers(
      outcome.compiled, accelerator, selection.system, selection.mode, request.estimate_options);
  print_layer_estimates(layers);
  if (Status s = write_files({{prefix + "_layers.csv", compiler::layers_csv(layers)},
                              {prefix + "_layers.json", compiler::layers_json(layers)}});
      !s) {
    return s;
  }
  std::printf("estimate: %.0f cycles (%.3f ms at %.0f MHz), %lld MACs\n", estimate.total_cycles,
              estimate.inference_seconds() * 1e3, estimate.core_clock_hz / 1e6,
              static_cast<long long>(estimate.macs));
  if (!request.report_path) return Status::ok();
  const compiler::ReportLabels labels{outcome.label, accelerator.name, selection.mode.name,
                                      request.output};
  const std::string report = compiler::report_json(outcome.compiled, labels);
  if (Status s = write_text_file(*request.report_path, report); !s) return s;
  std::printf("wrote report %s\n", request.report_path->c_str());
  return Status::ok();
}

}  // namespace

int run_compile(int argc, char** argv) {
  std::variant<CompileRequest, int> request = parse_compile_request(argc, argv);
  if (const int* exit_code = std::get_if<int>(&request)) return *exit_code;
  const CompileRequest& compile = std::get<CompileRequest>(request);
  Expected<CompileOutcome> outcome = compile_and_write(compile);
  if (!outcome) return report_error("compile", outcome.status());
  print_compile_summary(compile, *outcome);
  if (Status status = report_compile(compile, *outcome); !status) {
    return report_error("compile", status);
  }
  return 0;
}

}  // namespace vnpu::cli
