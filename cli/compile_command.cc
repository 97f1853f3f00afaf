// vnpu compile MODEL.tflite -o OUT.tflite: the whole compiler (compiler/compile_model.h).
// Options follow Vela's: --accelerator-config, --config vela.ini, --system-config,
// --memory-mode, --arena-cache-size. It prints each operator's placement (with
// the support rule and reason for CPU operators) and where it landed in the
// command streams, writes the output .tflite (an ethos-u operator per NPU
// segment, laid out like Vela's), the analytic estimate of the compiled streams
// as CSV and JSON beside it, and optionally the JSON compile report.
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/options.h"
#include "cli/system_options.h"
#include "compiler/compile_model.h"
#include "compiler/layer_estimate.h"
#include "compiler/report.h"
#include "core/file_io.h"
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

Status write_text(const std::string& path, const std::string& text) {
  return write_file(path, std::vector<uint8_t>(text.begin(), text.end()));
}

}  // namespace

int run_compile(int argc, char** argv) {
  po::options_description options("options");
  options.add_options()("model", po::value<std::string>()->default_value(""),
                        "MODEL.tflite (default: the built-in kws-dscnn)")(
      "output,o", po::value<std::string>(),
      "the compiled .tflite (default: <model>_vnpu.tflite in the current folder)")(
      "accelerator-config", po::value<std::string>()->default_value("ethos-u55-256"),
      "ethos-u55-32, ethos-u55-64, ethos-u55-128 or ethos-u55-256")(
      "arena-cache-size", po::value<std::string>(),
      "bytes of the arena/cache memory (overrides the memory mode's arena_cache_size)")(
      "dump-after", po::value<std::vector<std::string>>()->composing(),
      "write the graph after PASS as <model>_after_<PASS>.tflite (repeatable)")(
      "report", po::value<std::string>(), "write the JSON compile report to FILE")(
      "vela-view", "estimate with Vela 3.10's model only (buffered weights free, no command fetch, "
                   "latencies or shared memories), to compare with Vela's own figures");
  add_system_options(options);
  po::positional_options_description positional;
  positional.add("model", 1);
  ParsedOptions parsed = parse_options(
      argc, argv,
      "usage: vnpu compile MODEL.tflite [-o OUT.tflite] [--accelerator-config NAME]\n"
      "                    [--config vela.ini] [--system-config NAME] [--memory-mode NAME]\n"
      "                    [--arena-cache-size BYTES] [--dump-after PASS] [--report FILE.json]\n"
      "Compiles an INT8 TFLite model for an Ethos-U55-compatible NPU: NPU segments become\n"
      "ethos-u operators with command streams (as Vela writes them), the rest stays on the CPU.\n"
      "Also writes the analytic estimate per NPU operation (OUT_estimate.csv/.json) and per\n"
      "layer (OUT_layers.csv/.json: cycles, binding resource, bytes per memory and AXI port,\n"
      "MACs, utilisation, weight bytes before and after encoding).",
      options, positional);
  if (parsed.exit_code) return *parsed.exit_code;
  const std::string model_path = parsed.values["model"].as<std::string>();
  const std::string output = parsed.values.count("output")
                                 ? parsed.values["output"].as<std::string>()
                                 : model_stem(model_path) + "_vnpu.tflite";
  Expected<SystemSelection> selection = resolve_system_options(parsed.values);
  if (!selection) return report_error("compile", selection.status());
  compiler::CompilerOptions compiler_options;
  compiler_options.accelerator_config = parsed.values["accelerator-config"].as<std::string>();
  compiler_options.memory_mode = selection->mode;
  if (parsed.values.count("arena-cache-size")) {
    Expected<uint64_t> bytes = parse_bytes(parsed.values["arena-cache-size"].as<std::string>());
    if (!bytes) return report_error("compile", bytes.status());
    compiler_options.arena_cache_size = *bytes;
  }
  if (parsed.values.count("dump-after")) {
    compiler_options.dump_after = dump_requests(
        parsed.values["dump-after"].as<std::vector<std::string>>(), model_path);
  }
  Expected<isa::AcceleratorConfig> accelerator =
      isa::find_accelerator_config(compiler_options.accelerator_config);
  if (!accelerator) return report_error("compile", accelerator.status());
  auto loaded = load_model(model_path);
  if (!loaded) return report_error("compile", loaded.status());

  Expected<compiler::CompiledModel> compiled =
      compiler::compile_model(std::move(loaded->model), compiler_options);
  if (!compiled) return report_error("compile", compiled.status());
  Expected<std::vector<uint8_t>> bytes = tflite::write_tflite(compiled->output);
  if (!bytes) return report_error("compile", bytes.status());
  Status status = write_file(output, *bytes);
  if (!status) return report_error("compile", status);

  std::printf("vnpu compile: %s for %s, %s, %s\n", loaded->label.c_str(),
              accelerator->name, selection->system.name.c_str(),
              selection->mode.name.c_str());
  std::printf("passes run: ");
  for (size_t i = 0; i < compiled->front.passes_run.size(); ++i) {
    std::printf("%s%s", i ? ", " : "", compiled->front.passes_run[i].c_str());
  }
  std::printf("\n");
  print_operators(*compiled);
  std::printf("\n%zu operators on the NPU in %zu ethos-u operator(s), %zu on the CPU\n",
              compiled->front.partition.npu_count(), compiled->schedule.segments.size(),
              compiled->front.partition.cpu_count());
  for (const std::vector<int32_t>& cascade : compiled->schedule.cascades) {
    std::string ops;
    for (int32_t op : cascade) ops += (ops.empty() ? "" : " -> ") + std::to_string(op);
    std::printf("cascade (striped through ring buffers to fit the budget): operators %s\n",
                ops.c_str());
  }
  std::printf("arena %lld bytes, fast scratch %lld bytes\n",
              static_cast<long long>(compiled->schedule.arena.arena_bytes),
              static_cast<long long>(compiled->schedule.fast_scratch_bytes));
  for (const std::string& file : compiled->front.dumped_files) std::printf("wrote %s\n", file.c_str());
  std::printf("wrote %s (%zu bytes)\n", output.c_str(), bytes->size());

  const perf::EstimateOptions estimate_options = parsed.values.count("vela-view")
                                                     ? perf::EstimateOptions::vela_view()
                                                     : perf::EstimateOptions{};
  const perf::Estimate estimate =
      estimate_streams(*compiled, *accelerator, *selection, estimate_options);
  const perf::ReportContext context{output, accelerator->name, selection->system.name,
                                    selection->mode.name};
  const std::string prefix = output_prefix(output);
  for (const auto& [path, text] :
       {std::pair<std::string, std::string>{prefix + "_estimate.csv", perf::format_csv(estimate)},
        {prefix + "_estimate.json", perf::format_json(estimate, context)}}) {
    status = write_text(path, text);
    if (!status) return report_error("compile", status);
    std::printf("wrote %s\n", path.c_str());
  }
  const compiler::LayerEstimates layers =
      compiler::estimate_layers(*compiled, *accelerator, selection->system, selection->mode,
                                estimate_options);
  print_layer_estimates(layers);
  for (const auto& [path, text] :
       {std::pair<std::string, std::string>{prefix + "_layers.csv", compiler::layers_csv(layers)},
        {prefix + "_layers.json", compiler::layers_json(layers)}}) {
    status = write_text(path, text);
    if (!status) return report_error("compile", status);
    std::printf("wrote %s\n", path.c_str());
  }
  std::printf("estimate: %.0f cycles (%.3f ms at %.0f MHz), %lld MACs\n", estimate.total_cycles,
              estimate.inference_seconds() * 1e3, estimate.core_clock_hz / 1e6,
              static_cast<long long>(estimate.macs));
  if (parsed.values.count("report")) {
    const std::string path = parsed.values["report"].as<std::string>();
    const compiler::ReportLabels labels{loaded->label, accelerator->name, selection->mode.name,
                                        output};
    status = write_text(path, compiler::report_json(*compiled, labels));
    if (!status) return report_error("compile", status);
    std::printf("wrote report %s\n", path.c_str());
  }
  return 0;
}

}  // namespace vnpu::cli
