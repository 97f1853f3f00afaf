#include "compiler/report.h"

#include <cstdio>

namespace vnpu::compiler {

std::string json_escape(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof(buffer), "\\u%04x", static_cast<unsigned>(c));
          out += buffer;
        } else {
          out += c;
        }
    }
  }
  return out;
}

namespace {

std::string quoted(const std::string& text) { return "\"" + json_escape(text) + "\""; }

}  // namespace

namespace {

std::string offsets_json(const std::vector<uint32_t>& offsets) {
  std::string out = "[";
  for (size_t i = 0; i < offsets.size(); ++i) out += (i ? ", " : "") + std::to_string(offsets[i]);
  return out + "]";
}

std::string operator_json(const OpPlacement& placement, const CompiledOperator& op) {
  std::string out = "{\"index\": " + std::to_string(op.op_index) +
                    ", \"type\": " + quoted(ir::op_type_name(op.type)) +
                    ", \"output\": " + quoted(op.output_name) +
                    ", \"placement\": " + quoted(placement.on_npu ? "npu" : "cpu") +
                    ", \"rule\": " + quoted(placement.rule) +
                    ", \"reason\": " + quoted(placement.reason);
  if (placement.on_npu) {
    out += ", \"ethos_u_operator\": " + std::to_string(op.segment) +
           ", \"memory_alias\": " + (op.alias ? "true" : "false") +
           ", \"kick_offs\": " + std::to_string(op.kick_offs) +
           ", \"stream_word_offsets\": " + offsets_json(op.word_offsets) +
           ", \"weight_bytes\": " + std::to_string(op.source_weight_bytes) +
           ", \"encoded_weight_bytes\": " + std::to_string(op.encoded_weight_bytes) +
           ", \"weights_buffered\": " + (op.weights_buffered ? "true" : "false");
    if (!op.note.empty()) out += ", \"note\": " + quoted(op.note);
  }
  return out + "}";
}

}  // namespace

std::string report_json(const CompiledModel& compiled, const ReportLabels& labels) {
  const CompileResult& result = compiled.front;
  std::string out = "{\n";
  out += "  \"model\": " + quoted(labels.model) + ",\n";
  out += "  \"output\": " + quoted(labels.output) + ",\n";
  out += "  \"accelerator_config\": " + quoted(labels.accelerator_config) + ",\n";
  out += "  \"memory_mode\": " + quoted(labels.memory_mode) + ",\n";
  out += "  \"passes_run\": [";
  for (size_t i = 0; i < result.passes_run.size(); ++i) {
    out += (i ? ", " : "") + quoted(result.passes_run[i]);
  }
  out += "],\n";
  out += "  \"npu_ops\": " + std::to_string(result.partition.npu_count()) + ",\n";
  out += "  \"cpu_ops\": " + std::to_string(result.partition.cpu_count()) + ",\n";
  out += "  \"ethos_u_operators\": " + std::to_string(compiled.schedule.segments.size()) + ",\n";
  out += "  \"arena_bytes\": " + std::to_string(compiled.schedule.arena.arena_bytes) + ",\n";
  out += "  \"fast_scratch_bytes\": " + std::to_string(compiled.schedule.fast_scratch_bytes) +
         ",\n";
  size_t flash = 0;
  size_t words = 0;
  for (const ScheduledSegment& segment : compiled.schedule.segments) flash += segment.flash.size();
  for (const SegmentStream& stream : compiled.streams) words += stream.words.size();
  out += "  \"flash_bytes\": " + std::to_string(flash) + ",\n";
  out += "  \"command_stream_words\": " + std::to_string(words) + ",\n";
  out += "  \"cascades\": [";
  for (size_t c = 0; c < compiled.schedule.cascades.size(); ++c) {
    out += c ? ", [" : "[";
    const std::vector<int32_t>& ops = compiled.schedule.cascades[c];
    for (size_t i = 0; i < ops.size(); ++i) out += (i ? ", " : "") + std::to_string(ops[i]);
    out += "]";
  }
  out += "],\n";
  out += "  \"operators\": [\n";
  const auto& ops = result.partition.ops;
  for (size_t i = 0; i < ops.size(); ++i) {
    out += "    " + operator_json(ops[i], compiled.operators[i]);
    out += i + 1 < ops.size() ? ",\n" : "\n";
  }
  out += "  ]\n}\n";
  return out;
}

}  // namespace vnpu::compiler
