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

std::string report_json(const CompileResult& result, const std::string& model_label,
                        const std::string& accelerator_config) {
  const ir::Graph& graph = result.model.main_graph();
  std::string out = "{\n";
  out += "  \"model\": " + quoted(model_label) + ",\n";
  out += "  \"accelerator_config\": " + quoted(accelerator_config) + ",\n";
  out += "  \"command_stream\": \"not generated: command-stream generation is not implemented "
         "yet\",\n";
  out += "  \"passes_run\": [";
  for (size_t i = 0; i < result.passes_run.size(); ++i) {
    out += (i ? ", " : "") + quoted(result.passes_run[i]);
  }
  out += "],\n";
  out += "  \"npu_ops\": " + std::to_string(result.partition.npu_count()) + ",\n";
  out += "  \"cpu_ops\": " + std::to_string(result.partition.cpu_count()) + ",\n";
  out += "  \"operators\": [\n";
  const auto& ops = result.partition.ops;
  for (size_t i = 0; i < ops.size(); ++i) {
    const OpPlacement& op = ops[i];
    const ir::Operator& ir_op = graph.operators[op.op_index];
    const std::string output =
        ir_op.outputs.empty() ? std::string() : graph.tensor(ir_op.outputs[0]).name;
    out += "    {\"index\": " + std::to_string(op.op_index) + ", \"type\": " +
           quoted(ir::op_type_name(op.type)) + ", \"output\": " + quoted(output) +
           ", \"placement\": " + quoted(op.on_npu ? "npu" : "cpu") + ", \"rule\": " +
           quoted(op.rule) + ", \"reason\": " + quoted(op.reason) + "}";
    out += i + 1 < ops.size() ? ",\n" : "\n";
  }
  out += "  ]\n}\n";
  return out;
}

}  // namespace vnpu::compiler
