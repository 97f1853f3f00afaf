#include "ir/memory_planner.h"

#include <algorithm>

namespace vnpu::ir {
namespace {

int64_t align_up(int64_t value) {
  return (value + kArenaAlignment - 1) / kArenaAlignment * kArenaAlignment;
}

bool lifetimes_overlap(const TensorPlacement& a, const TensorPlacement& b) {
  return a.first_op <= b.last_op && b.first_op <= a.last_op;
}

}  // namespace

std::vector<TensorPlacement> collect_lifetimes(const ir::Graph& graph) {
  const auto op_count = static_cast<int32_t>(graph.operators.size());
  std::vector<int32_t> first(graph.tensors.size(), -2);
  std::vector<int32_t> last(graph.tensors.size(), -2);
  auto touch = [&](int32_t tensor, int32_t op) {
    if (tensor == ir::kNoTensor || graph.tensor(tensor).is_constant()) return;
    const auto slot = static_cast<size_t>(tensor);
    if (first[slot] == -2 || op < first[slot]) first[slot] = op;
    if (last[slot] == -2 || op > last[slot]) last[slot] = op;
  };
  for (int32_t input : graph.inputs) touch(input, 0);
  for (int32_t op = 0; op < op_count; ++op) {
    for (int32_t tensor : graph.operators[static_cast<size_t>(op)].inputs) touch(tensor, op);
    for (int32_t tensor : graph.operators[static_cast<size_t>(op)].outputs) touch(tensor, op);
  }
  for (int32_t output : graph.outputs) touch(output, op_count);
  std::vector<TensorPlacement> lifetimes;
  for (size_t i = 0; i < graph.tensors.size(); ++i) {
    if (first[i] == -2) continue;
    TensorPlacement placement;
    placement.tensor = static_cast<int32_t>(i);
    placement.size_bytes = graph.tensors[i].size_bytes();
    placement.first_op = graph.tensors[i].is_variable ? 0 : first[i];
    placement.last_op = graph.tensors[i].is_variable ? op_count : last[i];
    lifetimes.push_back(placement);
  }
  return lifetimes;
}

MemoryPlan plan_memory(const ir::Graph& graph, const std::vector<int64_t>& fixed_offsets) {
  std::vector<TensorPlacement> buffers = collect_lifetimes(graph);
  std::vector<int64_t> fixed;
  if (!fixed_offsets.empty()) {
    for (const TensorPlacement& buffer : buffers) {
      const auto slot = static_cast<size_t>(buffer.tensor);
      fixed.push_back(slot < fixed_offsets.size() ? fixed_offsets[slot] : -1);
    }
  }
  return place_buffers(std::move(buffers), fixed);
}

MemoryPlan place_buffers(std::vector<TensorPlacement> buffers,
                         const std::vector<int64_t>& fixed_offsets) {
  MemoryPlan plan;
  plan.placements = std::move(buffers);
  auto fixed_offset = [&](size_t index) -> int64_t {
    return index < fixed_offsets.size() ? fixed_offsets[index] : -1;
  };
  std::vector<size_t> order;
  std::vector<size_t> placed;
  for (size_t i = 0; i < plan.placements.size(); ++i) {
    TensorPlacement& placement = plan.placements[i];
    const int64_t offset = fixed_offset(i);
    if (offset < 0) {
      order.push_back(i);
      continue;
    }
    placement.offset_bytes = offset;
    plan.unshared_bytes += align_up(placement.size_bytes);
    plan.arena_bytes = std::max(plan.arena_bytes, offset + placement.size_bytes);
    placed.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return plan.placements[a].size_bytes > plan.placements[b].size_bytes;
  });
  for (size_t index : order) {
    TensorPlacement& current = plan.placements[index];
    plan.unshared_bytes += align_up(current.size_bytes);
    // Conflicting neighbours sorted by offset; slide past each one we would overlap.
    std::vector<const TensorPlacement*> conflicts;
    for (size_t other : placed) {
      if (lifetimes_overlap(current, plan.placements[other])) {
        conflicts.push_back(&plan.placements[other]);
      }
    }
    std::sort(conflicts.begin(), conflicts.end(),
              [](const TensorPlacement* a, const TensorPlacement* b) {
                return a->offset_bytes < b->offset_bytes;
              });
    int64_t offset = 0;
    for (const TensorPlacement* other : conflicts) {
      const int64_t other_end = other->offset_bytes + align_up(other->size_bytes);
      if (offset + current.size_bytes <= other->offset_bytes) break;
      offset = std::max(offset, align_up(other_end));
    }
    current.offset_bytes = offset;
    plan.arena_bytes = std::max(plan.arena_bytes, offset + align_up(current.size_bytes));
    placed.push_back(index);
  }
  return plan;
}

}  // namespace vnpu::ir
