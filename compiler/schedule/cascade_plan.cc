#include "compiler/schedule/cascade_plan.h"

#include <algorithm>

namespace vnpu::compiler {
namespace {

bool cascadable_op(const OpLowering* op) {
  if (op == nullptr || op->alias || !op->lowered.chain.empty() || !op->lowered.luts.empty() ||
      op->at_placement || op->lowered.weights.ranges.size() > 1 ||
      op->lowered.state.ifm.upscale != isa::UpscaleMode::kNone) {
    return false;  // (an upscaled IFM's rows are not the rows a stripe's kernel maps)
  }
  const isa::Cmd0 kick_off = op->lowered.kick_off;
  return kick_off == isa::Cmd0::kOpConv || kick_off == isa::Cmd0::kOpDepthwise ||
         kick_off == isa::Cmd0::kOpPool;
}

// A slice reads a box inside its input at an offset, a concatenation writes
// boxes of its output, a nearest resize reads each input row for two output
// rows, a transpose writes columns: not the rows a kernel maps, so none is
// striped through a ring.
bool copies_sub_box(ir::OpType type) {
  return type == ir::OpType::kSlice || type == ir::OpType::kStridedSlice ||
         type == ir::OpType::kConcatenation || type == ir::OpType::kPack ||
         type == ir::OpType::kResizeNearestNeighbor || type == ir::OpType::kTranspose;
}

size_t readers(const ir::Graph& graph, int32_t tensor) {
  size_t count = 0;
  for (const ir::Operator& op : graph.operators) {
    count += static_cast<size_t>(std::count(op.inputs.begin(), op.inputs.end(), tensor));
  }
  return count;
}

bool in_list(const std::vector<int32_t>& list, int32_t value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// The intermediate of producer -> consumer when the pair may be cascaded, else -1.
int32_t cascadable_pair(const ir::Graph& graph, const NpuSegment& segment,
                        const std::vector<OpLowering>& lowerings, int32_t producer) {
  const int32_t consumer = producer + 1;
  if (!in_list(segment.ops, producer) || !in_list(segment.ops, consumer)) return -1;
  if (!cascadable_op(find_lowering(lowerings, producer)) ||
      !cascadable_op(find_lowering(lowerings, consumer))) {
    return -1;
  }
  const ir::Operator& first = graph.operators[static_cast<size_t>(producer)];
  const ir::Operator& second = graph.operators[static_cast<size_t>(consumer)];
  if (copies_sub_box(first.type) || copies_sub_box(second.type)) return -1;
  const int32_t tensor = first.outputs[0];
  if (second.inputs.empty() || second.inputs[0] != tensor || readers(graph, tensor) != 1 ||
      in_list(graph.outputs, tensor) || in_list(segment.outputs, tensor)) {
    return -1;
  }
  return tensor;
}

// Steps and ring sizes of a cascade whose operator list is set.
void plan_stripes(const std::vector<OpLowering>& lowerings, CascadeGroup* group) {
  group->geometry.clear();
  for (int32_t op : group->ops) {
    group->geometry.push_back(row_geometry(find_lowering(lowerings, op)->lowered.state));
  }
  const isa::RegisterState& last = find_lowering(lowerings, group->ops.back())->lowered.state;
  // Stripes of at most an eighth of the output (the rings shrink with them),
  // and never taller than the OFM block.
  const auto block_rows = static_cast<int32_t>(last.ofm.block_height_m1) + 1;
  const auto out_rows = static_cast<int32_t>(last.ofm.height_m1) + 1;
  const int32_t stripe_rows = std::max(1, std::min(block_rows, (out_rows + 7) / 8));
  group->steps = cascade_steps(group->geometry, stripe_rows);
  group->ring_rows = ring_rows(group->geometry, group->steps);
}

// Adds producer -> producer + 1 to the cascades (extending or joining groups).
void add_pair(int32_t producer, int32_t tensor, std::vector<OpLowering>* lowerings,
              std::vector<CascadeGroup>* cascades) {
  OpLowering* first = find_lowering(*lowerings, producer);
  OpLowering* second = find_lowering(*lowerings, producer + 1);
  CascadeGroup joined;
  if (first->cascade >= 0) joined = (*cascades)[static_cast<size_t>(first->cascade)];
  if (joined.ops.empty()) joined.ops = {producer};
  joined.intermediates.push_back(tensor);
  if (second->cascade >= 0) {
    const CascadeGroup& tail = (*cascades)[static_cast<size_t>(second->cascade)];
    joined.ops.insert(joined.ops.end(), tail.ops.begin(), tail.ops.end());
    joined.intermediates.insert(joined.intermediates.end(), tail.intermediates.begin(),
                                tail.intermediates.end());
  } else {
    joined.ops.push_back(producer + 1);
  }
  std::vector<CascadeGroup> kept;
  for (size_t i = 0; i < cascades->size(); ++i) {
    if (static_cast<int32_t>(i) != first->cascade && static_cast<int32_t>(i) != second->cascade) {
      kept.push_back((*cascades)[i]);
    }
  }
  kept.push_back(joined);
  for (OpLowering& op : *lowerings) op.cascade = -1;
  for (size_t g = 0; g < kept.size(); ++g) {
    for (int32_t op : kept[g].ops) find_lowering(*lowerings, op)->cascade = static_cast<int32_t>(g);
    plan_stripes(*lowerings, &kept[g]);
  }
  *cascades = std::move(kept);
}

}  // namespace

bool cascade_at_peak(const ir::Graph& graph, const std::vector<AliasPair>& aliases,
                     const std::vector<NpuSegment>& segments, std::vector<OpLowering>* lowerings,
                     std::vector<CascadeGroup>* cascades) {
  const FeatureMapPeak peak =
      feature_map_peak(graph, aliases, cascade_adjustments(graph, *cascades));
  int32_t best_producer = -1;
  int32_t best_tensor = -1;
  for (const NpuSegment& segment : segments) {
    for (int32_t producer : segment.ops) {
      const int32_t tensor = cascadable_pair(graph, segment, *lowerings, producer);
      if (tensor < 0 || !in_list(peak.live, tensor)) continue;
      bool cascaded = false;
      for (const CascadeGroup& group : *cascades) cascaded |= in_list(group.intermediates, tensor);
      if (cascaded) continue;
      if (best_tensor < 0 || graph.tensor(tensor).size_bytes() > graph.tensor(best_tensor).size_bytes()) {
        best_producer = producer;
        best_tensor = tensor;
      }
    }
  }
  if (best_tensor < 0) return false;
  add_pair(best_producer, best_tensor, lowerings, cascades);
  return true;
}

ArenaAdjustments cascade_adjustments(const ir::Graph& graph,
                                     const std::vector<CascadeGroup>& cascades) {
  ArenaAdjustments adjustments;
  for (const CascadeGroup& group : cascades) {
    LifetimeSpan span;
    span.first_op = group.ops.front();
    span.last_op = group.ops.back();
    for (size_t k = 0; k < group.intermediates.size(); ++k) {
      const auto bytes = static_cast<int64_t>(group.ring_rows[k]) *
                         static_cast<int64_t>(group.geometry[k].out_row_bytes);
      adjustments.sizes.emplace_back(group.intermediates[k], bytes);
    }
    for (int32_t op : group.ops) {
      const ir::Operator& node = graph.operators[static_cast<size_t>(op)];
      for (int32_t t : node.inputs) {
        if (t != ir::kNoTensor && !graph.tensor(t).is_constant()) span.tensors.push_back(t);
      }
      for (int32_t t : node.outputs) span.tensors.push_back(t);
    }
    adjustments.spans.push_back(std::move(span));
  }
  return adjustments;
}

}  // namespace vnpu::compiler
