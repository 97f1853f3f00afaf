#include "compiler/schedule/npu_segments.h"

#include <algorithm>

namespace vnpu::compiler {
namespace {

bool contains(const std::vector<int32_t>& list, int32_t value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// Inputs and outputs of the segment whose operator list is set.
void connect_segment(const ir::Graph& graph, NpuSegment* segment) {
  const int32_t last = segment->ops.back();
  std::vector<int32_t> produced;
  for (int32_t index : segment->ops) {
    const ir::Operator& op = graph.operators[static_cast<size_t>(index)];
    for (int32_t tensor : op.inputs) {
      if (tensor == ir::kNoTensor || graph.tensor(tensor).is_constant()) continue;
      if (!contains(produced, tensor) && !contains(segment->inputs, tensor)) {
        segment->inputs.push_back(tensor);
      }
    }
    for (int32_t tensor : op.outputs) produced.push_back(tensor);
  }
  for (int32_t tensor : produced) {
    bool used_later = contains(graph.outputs, tensor);
    for (size_t i = static_cast<size_t>(last) + 1; i < graph.operators.size() && !used_later; ++i) {
      used_later = contains(graph.operators[i].inputs, tensor);
    }
    if (used_later && !contains(segment->outputs, tensor)) segment->outputs.push_back(tensor);
  }
}

}  // namespace

std::vector<NpuSegment> find_npu_segments(const ir::Graph& graph, const std::vector<bool>& on_npu) {
  std::vector<NpuSegment> segments;
  bool open = false;
  for (size_t i = 0; i < graph.operators.size(); ++i) {
    if (!on_npu[i]) {
      open = false;
      continue;
    }
    if (!open) segments.emplace_back();
    open = true;
    segments.back().ops.push_back(static_cast<int32_t>(i));
  }
  for (NpuSegment& segment : segments) connect_segment(graph, &segment);
  return segments;
}

}  // namespace vnpu::compiler
