#include "compiler/output/ethos_u_model.h"

#include <algorithm>

#include "tflite/offline_memory_plan.h"

namespace vnpu::compiler {
namespace {

constexpr int64_t kMinimumBufferBytes = 16;

const NpuSegment* segment_starting_at(const Schedule& schedule, int32_t op_index) {
  for (const ScheduledSegment& segment : schedule.segments) {
    if (segment.segment.ops.front() == op_index) return &segment.segment;
  }
  return nullptr;
}

bool in_segment(const Schedule& schedule, int32_t op_index) {
  for (const ScheduledSegment& segment : schedule.segments) {
    const std::vector<int32_t>& ops = segment.segment.ops;
    if (std::find(ops.begin(), ops.end(), op_index) != ops.end()) return true;
  }
  return false;
}

// Tensors the output graph still names: graph inputs/outputs, operands of
// CPU operators, and the inputs/outputs of each segment.
std::vector<bool> kept_tensors(const ir::Graph& graph, const Schedule& schedule) {
  std::vector<bool> kept(graph.tensors.size(), false);
  auto keep = [&](int32_t tensor) {
    if (tensor != ir::kNoTensor) kept[static_cast<size_t>(tensor)] = true;
  };
  for (int32_t t : graph.inputs) keep(t);
  for (int32_t t : graph.outputs) keep(t);
  for (size_t i = 0; i < graph.operators.size(); ++i) {
    if (in_segment(schedule, static_cast<int32_t>(i))) continue;
    for (int32_t t : graph.operators[i].inputs) keep(t);
    for (int32_t t : graph.operators[i].outputs) keep(t);
  }
  for (const ScheduledSegment& segment : schedule.segments) {
    for (int32_t t : segment.segment.inputs) keep(t);
    for (int32_t t : segment.segment.outputs) keep(t);
  }
  return kept;
}

ir::Tensor byte_tensor(const std::string& name, std::vector<uint8_t> data, int64_t size) {
  ir::Tensor tensor;
  tensor.name = name;
  tensor.type = ir::DataType::kUInt8;
  tensor.data = std::move(data);
  const int64_t bytes = tensor.data.empty() ? std::max(size, kMinimumBufferBytes)
                                            : static_cast<int64_t>(tensor.data.size());
  tensor.shape = {static_cast<int32_t>(bytes)};
  return tensor;
}

std::vector<uint8_t> offline_plan_bytes(const std::vector<int64_t>& offsets) {
  std::vector<uint8_t> bytes;
  auto put = [&](int64_t value) {
    const auto word = static_cast<uint32_t>(static_cast<int32_t>(value));
    for (int shift = 0; shift < 32; shift += 8) bytes.push_back(static_cast<uint8_t>(word >> shift));
  };
  put(0);  // version
  put(1);  // subgraphs
  put(static_cast<int64_t>(offsets.size()));
  for (int64_t offset : offsets) put(offset);
  return bytes;
}

}  // namespace

const std::vector<uint8_t> kEthosUCustomOptions = {0x01, 0x04, 0x01};

ir::Model build_ethos_u_model(const OutputModelInputs& inputs) {
  const ir::Graph& graph = inputs.source->graphs.at(0);
  const Schedule& schedule = *inputs.schedule;
  const std::vector<bool> kept = kept_tensors(graph, schedule);

  ir::Graph out;
  out.name = graph.name;
  std::vector<int32_t> new_index(graph.tensors.size(), ir::kNoTensor);
  std::vector<int64_t> offsets;
  for (size_t t = 0; t < graph.tensors.size(); ++t) {
    if (!kept[t]) continue;
    new_index[t] = static_cast<int32_t>(out.tensors.size());
    out.tensors.push_back(graph.tensors[t]);
    offsets.push_back(graph.tensors[t].is_constant() ? -1 : schedule.arena.tensor_offsets[t]);
  }
  auto remap = [&](const std::vector<int32_t>& list) {
    std::vector<int32_t> mapped;
    for (int32_t t : list) mapped.push_back(t == ir::kNoTensor ? t : new_index[static_cast<size_t>(t)]);
    return mapped;
  };
  out.inputs = remap(graph.inputs);
  out.outputs = remap(graph.outputs);

  const bool fast_scratch_apart = schedule.fast_scratch_bytes > 0;
  size_t segment_number = 0;
  for (size_t i = 0; i < graph.operators.size(); ++i) {
    const auto op_index = static_cast<int32_t>(i);
    if (in_segment(schedule, op_index)) {
      const NpuSegment* segment = segment_starting_at(schedule, op_index);
      if (segment == nullptr) continue;
      const ScheduledSegment& scheduled = schedule.segments[segment_number];
      const std::string prefix = graph.name + "_split_" + std::to_string(segment_number + 1);
      const auto first = static_cast<int32_t>(out.tensors.size());
      out.tensors.push_back(
          byte_tensor(prefix + "_command_stream", inputs.payloads[segment_number], 0));
      std::vector<uint8_t> flash = scheduled.flash;
      if (flash.empty()) flash.assign(kMinimumBufferBytes, 0);
      out.tensors.push_back(byte_tensor(prefix + "_flash", std::move(flash), 0));
      out.tensors.push_back(byte_tensor(prefix + "_scratch", {}, schedule.arena.arena_bytes));
      out.tensors.back().is_variable = true;
      out.tensors.back().is_scratch = true;
      out.tensors.push_back(byte_tensor(
          prefix + "_scratch_fast", {},
          fast_scratch_apart ? schedule.fast_scratch_bytes : schedule.arena.arena_bytes));
      out.tensors.back().is_variable = true;
      out.tensors.back().is_scratch = true;
      offsets.insert(offsets.end(),
                     {-1, -1, 0, fast_scratch_apart ? schedule.arena.arena_bytes : 0});
      ir::Operator ethos_u;
      ethos_u.type = ir::OpType::kEthosU;
      ethos_u.inputs = {first, first + 1, first + 2, first + 3};
      for (int32_t t : remap(segment->inputs)) ethos_u.inputs.push_back(t);
      ethos_u.outputs = remap(segment->outputs);
      ethos_u.options = ir::CustomOptions{"ethos-u", kEthosUCustomOptions, {}};
      out.operators.push_back(std::move(ethos_u));
      ++segment_number;
      continue;
    }
    ir::Operator op = graph.operators[i];
    op.inputs = remap(op.inputs);
    op.outputs = remap(op.outputs);
    out.operators.push_back(std::move(op));
  }

  ir::Model model;
  model.description = inputs.description;
  model.graphs.push_back(std::move(out));
  for (size_t g = 1; g < inputs.source->graphs.size(); ++g) {
    model.graphs.push_back(inputs.source->graphs[g]);
  }
  for (const ir::Model::Metadata& metadata : inputs.source->metadata) {
    if (metadata.name != tflite::kOfflineMemoryAllocation) model.metadata.push_back(metadata);
  }
  model.metadata.push_back({tflite::kOfflineMemoryAllocation, offline_plan_bytes(offsets)});
  return model;
}

}  // namespace vnpu::compiler
