#include "compiler/report.h"

#include "core/json.h"

namespace vnpu::compiler {
namespace {

Json operator_json(const OpPlacement& placement, const CompiledOperator& op) {
  Json out = {{"index", op.op_index},     {"type", ir::op_type_name(op.type)},
              {"output", op.output_name}, {"placement", placement.on_npu ? "npu" : "cpu"},
              {"rule", placement.rule},   {"reason", placement.reason}};
  if (placement.on_npu) {
    out["ethos_u_operator"] = op.segment;
    out["memory_alias"] = op.alias;
    out["kick_offs"] = op.kick_offs;
    out["stream_word_offsets"] = op.word_offsets;
    out["weight_bytes"] = op.source_weight_bytes;
    out["encoded_weight_bytes"] = op.encoded_weight_bytes;
    out["weights_buffered"] = op.weights_buffered;
    if (!op.note.empty()) out["note"] = op.note;
  }
  return out;
}

}  // namespace

std::string report_json(const CompiledModel& compiled, const ReportLabels& labels) {
  const CompileResult& result = compiled.front;
  size_t flash = 0;
  size_t words = 0;
  for (const ScheduledSegment& segment : compiled.schedule.segments) flash += segment.flash.size();
  for (const SegmentStream& stream : compiled.streams) words += stream.words.size();
  Json operators = Json::array();
  const auto& ops = result.partition.ops;
  for (size_t i = 0; i < ops.size(); ++i) {
    operators.push_back(operator_json(ops[i], compiled.operators[i]));
  }
  const Json report = {{"model", labels.model},
                       {"output", labels.output},
                       {"accelerator_config", labels.accelerator_config},
                       {"memory_mode", labels.memory_mode},
                       {"passes_run", result.passes_run},
                       {"npu_ops", result.partition.npu_count()},
                       {"cpu_ops", result.partition.cpu_count()},
                       {"ethos_u_operators", compiled.schedule.segments.size()},
                       {"arena_bytes", compiled.schedule.arena.arena_bytes},
                       {"fast_scratch_bytes", compiled.schedule.fast_scratch_bytes},
                       {"flash_bytes", flash},
                       {"command_stream_words", words},
                       {"cascades", compiled.schedule.cascades},
                       {"operators", std::move(operators)}};
  return json_text(report);
}

}  // namespace vnpu::compiler
