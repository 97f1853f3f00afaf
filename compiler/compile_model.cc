#include "compiler/compile_model.h"

#include <string>

#include <utility>

#include "compiler/output/ethos_u_model.h"
#include "isa/accelerator_config.h"
#include "isa/cop1_payload.h"

namespace vnpu::compiler {
namespace {

ScheduleOptions schedule_options(const CompilerOptions& options) {
  const perf::MemoryMode& mode = options.memory_mode;
  ScheduleOptions schedule;
  schedule.buffer_weights = mode.const_area != mode.cache_area;
  schedule.buffers_in_fast_scratch = mode.cache_area != mode.arena_area;
  schedule.budget_bytes = options.arena_cache_size ? options.arena_cache_size
                                                   : mode.arena_cache_size_bytes;
  return schedule;
}

// Moves the operators the code generator refused to the CPU in the partition.
void record_refusals(const Schedule& schedule, Partition* partition) {
  for (const LoweringRefusal& refusal : schedule.refusals) {
    OpPlacement& placement = partition->ops[static_cast<size_t>(refusal.op_index)];
    placement.on_npu = false;
    placement.rule = "npu_lowering";
    placement.reason = refusal.reason;
  }
}

std::vector<CompiledOperator> describe_operators(const ir::Graph& graph, const Schedule& schedule,
                                                 const std::vector<SegmentStream>& streams) {
  std::vector<CompiledOperator> operators(graph.operators.size());
  for (size_t i = 0; i < graph.operators.size(); ++i) {
    operators[i].op_index = static_cast<int32_t>(i);
    operators[i].type = graph.operators[i].type;
    const std::vector<int32_t>& outputs = graph.operators[i].outputs;
    if (!outputs.empty()) operators[i].output_name = graph.tensor(outputs[0]).name;
  }
  for (size_t s = 0; s < schedule.segments.size(); ++s) {
    const ScheduledSegment& segment = schedule.segments[s];
    for (size_t k = 0; k < segment.ops.size(); ++k) {
      const ScheduledOp& op = segment.ops[k];
      CompiledOperator& compiled = operators[static_cast<size_t>(op.op_index)];
      compiled.segment = static_cast<int32_t>(s);
      compiled.alias = op.alias;
      compiled.word_offsets = streams[s].op_word_offsets[k];
      compiled.kick_offs = op.kick_offs.size();
      compiled.weights_buffered = op.weights_buffered;
      compiled.note = op.note;
      compiled.source_weight_bytes = op.source_weight_bytes;
      compiled.encoded_weight_bytes = static_cast<int64_t>(op.encoded_weights.size());
    }
  }
  return operators;
}

}  // namespace

Expected<CompiledModel> compile_model(ir::Model model, const CompilerOptions& options) {
  Expected<isa::AcceleratorConfig> config = isa::find_accelerator_config(options.accelerator_config);
  if (!config) return config.status();
  // Without outputs every operator is dead: the ethos-u operator written would
  // have no outputs, which no reader accepts.
  if (model.graphs.empty() || model.graphs[0].outputs.empty()) {
    return Status::invalid_input("the main subgraph has no outputs; nothing to compile");
  }
  Expected<CompileResult> front = compile_graph(std::move(model), options);
  if (!front) return front.status();

  CompiledModel compiled;
  compiled.front = std::move(*front);
  const ir::Graph& graph = compiled.front.model.graphs.at(0);
  std::vector<bool> on_npu;
  for (const OpPlacement& placement : compiled.front.partition.ops) on_npu.push_back(placement.on_npu);
  Expected<Schedule> schedule = schedule_graph(graph, on_npu, *config, schedule_options(options));
  if (!schedule) return schedule.status();
  for (const ScheduledSegment& segment : schedule->segments) {
    if (!segment.segment.outputs.empty()) continue;
    // Its ethos-u operator would have no outputs, which no reader accepts.
    return Status::invalid_input(
        "operators " + std::to_string(segment.segment.ops.front()) + ".." +
        std::to_string(segment.segment.ops.back()) +
        " (one NPU segment) compute nothing the graph reads or outputs; nothing to compile them to");
  }
  compiled.schedule = std::move(*schedule);
  record_refusals(compiled.schedule, &compiled.front.partition);

  OutputModelInputs output;
  output.source = &compiled.front.model;
  output.schedule = &compiled.schedule;
  for (const ScheduledSegment& segment : compiled.schedule.segments) {
    compiled.streams.push_back(
        write_segment_stream(segment, static_cast<uint64_t>(config->shram_kb) * 1024));
    output.payloads.push_back(isa::build_cop1_payload(*config, compiled.streams.back().words));
  }
  output.description = std::string("vnpu compile for ") + config->name + " (" +
                        (options.memory_mode.name.empty() ? "Shared_Sram"
                                                          : options.memory_mode.name) +
                        ")";
  compiled.operators = describe_operators(graph, compiled.schedule, compiled.streams);
  compiled.output = build_ethos_u_model(output);
  return compiled;
}

}  // namespace vnpu::compiler
