#include "compiler/schedule/arena_plan.h"

#include <algorithm>
#include <numeric>
#include <string>

#include "ir/memory_planner.h"

namespace vnpu::compiler {
namespace {

using ir::TensorPlacement;

int64_t align_up(int64_t value) {
  return (value + ir::kArenaAlignment - 1) / ir::kArenaAlignment * ir::kArenaAlignment;
}

// Union-find over tensor indices: each alias pair joins one group.
std::vector<int32_t> alias_roots(size_t tensor_count, const std::vector<AliasPair>& aliases) {
  std::vector<int32_t> parent(tensor_count);
  std::iota(parent.begin(), parent.end(), 0);
  auto find = [&](int32_t t) {
    while (parent[static_cast<size_t>(t)] != t) t = parent[static_cast<size_t>(t)];
    return t;
  };
  for (const AliasPair& alias : aliases) {
    const int32_t a = find(alias.first);
    const int32_t b = find(alias.second);
    if (a != b) parent[static_cast<size_t>(std::max(a, b))] = std::min(a, b);
  }
  std::vector<int32_t> roots(tensor_count);
  for (size_t i = 0; i < tensor_count; ++i) roots[i] = find(static_cast<int32_t>(i));
  return roots;
}

// The graph's lifetimes with the adjustments applied.
std::vector<TensorPlacement> adjusted_lifetimes(const ir::Graph& graph,
                                                const ArenaAdjustments& adjustments) {
  std::vector<TensorPlacement> lifetimes = ir::collect_lifetimes(graph);
  for (TensorPlacement& lifetime : lifetimes) {
    for (const auto& [tensor, bytes] : adjustments.sizes) {
      if (tensor == lifetime.tensor) lifetime.size_bytes = bytes;
    }
    for (const LifetimeSpan& span : adjustments.spans) {
      if (std::find(span.tensors.begin(), span.tensors.end(), lifetime.tensor) ==
          span.tensors.end()) {
        continue;
      }
      lifetime.first_op = std::min(lifetime.first_op, span.first_op);
      lifetime.last_op = std::max(lifetime.last_op, span.last_op);
    }
  }
  return lifetimes;
}

// One buffer per alias group: the union of the members' lifetimes, the largest size.
std::vector<TensorPlacement> feature_map_groups(const ir::Graph& graph,
                                                const std::vector<int32_t>& roots,
                                                const ArenaAdjustments& adjustments) {
  std::vector<TensorPlacement> groups;
  std::vector<int32_t> group_of_root(graph.tensors.size(), -1);
  for (const TensorPlacement& lifetime : adjusted_lifetimes(graph, adjustments)) {
    const auto root = static_cast<size_t>(roots[static_cast<size_t>(lifetime.tensor)]);
    if (group_of_root[root] < 0) {
      group_of_root[root] = static_cast<int32_t>(groups.size());
      TensorPlacement group = lifetime;
      group.tensor = static_cast<int32_t>(root);
      groups.push_back(group);
      continue;
    }
    TensorPlacement& group = groups[static_cast<size_t>(group_of_root[root])];
    group.first_op = std::min(group.first_op, lifetime.first_op);
    group.last_op = std::max(group.last_op, lifetime.last_op);
    group.size_bytes = std::max(group.size_bytes, lifetime.size_bytes);
  }
  return groups;
}

void add_buffers(const std::vector<WeightBufferRequest>& buffers,
                 std::vector<TensorPlacement>* placements) {
  for (const WeightBufferRequest& buffer : buffers) {
    TensorPlacement placement;
    placement.tensor = -1;
    placement.size_bytes = buffer.bytes;
    placement.first_op = buffer.first_op;
    placement.last_op = buffer.last_op;
    placements->push_back(placement);
  }
}

}  // namespace

ArenaPlan plan_arena(const ir::Graph& graph, const std::vector<AliasPair>& aliases,
                     const std::vector<WeightBufferRequest>& buffers,
                     const ArenaAdjustments& adjustments) {
  const std::vector<int32_t> roots = alias_roots(graph.tensors.size(), aliases);
  std::vector<TensorPlacement> placements = feature_map_groups(graph, roots, adjustments);
  const size_t group_count = placements.size();
  add_buffers(buffers, &placements);
  const ir::MemoryPlan memory = ir::place_buffers(std::move(placements));

  ArenaPlan plan;
  plan.tensor_offsets.assign(graph.tensors.size(), -1);
  std::vector<int64_t> root_offset(graph.tensors.size(), -1);
  for (size_t i = 0; i < group_count; ++i) {
    const TensorPlacement& group = memory.placements[i];
    root_offset[static_cast<size_t>(group.tensor)] = group.offset_bytes;
  }
  for (size_t t = 0; t < graph.tensors.size(); ++t) {
    plan.tensor_offsets[t] = root_offset[static_cast<size_t>(roots[t])];
  }
  for (size_t i = group_count; i < memory.placements.size(); ++i) {
    plan.buffer_offsets.push_back(memory.placements[i].offset_bytes);
  }
  plan.arena_bytes = align_up(memory.arena_bytes);
  return plan;
}

ArenaPlan plan_buffers(const std::vector<WeightBufferRequest>& buffers) {
  std::vector<TensorPlacement> placements;
  add_buffers(buffers, &placements);
  const ir::MemoryPlan memory = ir::place_buffers(std::move(placements));
  ArenaPlan plan;
  for (const TensorPlacement& placement : memory.placements) {
    plan.buffer_offsets.push_back(placement.offset_bytes);
  }
  plan.arena_bytes = align_up(memory.arena_bytes);
  return plan;
}

std::string group_digits(int64_t value) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) {
    digits.insert(static_cast<size_t>(i), ",");
  }
  return (value < 0 ? "-" : "") + digits;
}

FeatureMapPeak feature_map_peak(const ir::Graph& graph, const std::vector<AliasPair>& aliases,
                                const ArenaAdjustments& adjustments) {
  const std::vector<int32_t> roots = alias_roots(graph.tensors.size(), aliases);
  const std::vector<TensorPlacement> groups = feature_map_groups(graph, roots, adjustments);
  FeatureMapPeak peak;
  peak.bytes = -1;
  for (int32_t op = 0; op < static_cast<int32_t>(graph.operators.size()); ++op) {
    int64_t live = 0;
    for (const TensorPlacement& group : groups) {
      if (group.first_op <= op && op <= group.last_op) live += align_up(group.size_bytes);
    }
    if (live > peak.bytes) {
      peak.bytes = live;
      peak.op = op;
    }
  }
  for (const TensorPlacement& group : groups) {
    if (group.first_op <= peak.op && peak.op <= group.last_op) peak.live.push_back(group.tensor);
  }
  return peak;
}

Status arena_budget_error(const ir::Graph& graph, const std::vector<AliasPair>& aliases,
                          int64_t needed, uint64_t budget, const ArenaAdjustments& adjustments) {
  const FeatureMapPeak peak = feature_map_peak(graph, aliases, adjustments);
  const std::vector<int32_t> roots = alias_roots(graph.tensors.size(), aliases);
  const std::vector<TensorPlacement> groups = feature_map_groups(graph, roots, adjustments);
  const TensorPlacement* largest = nullptr;
  for (const TensorPlacement& group : groups) {
    if (std::find(peak.live.begin(), peak.live.end(), group.tensor) == peak.live.end()) continue;
    if (largest == nullptr || group.size_bytes > largest->size_bytes) largest = &group;
  }
  std::string message = "the arena needs " + group_digits(needed) +
                        " bytes but the budget (--arena-cache-size) is " +
                        group_digits(static_cast<int64_t>(budget)) + " bytes";
  if (largest != nullptr && !graph.operators.empty()) {
    const ir::Tensor& tensor = graph.tensor(largest->tensor);
    message += ": at operator " + std::to_string(peak.op) + " (" +
               ir::op_type_name(graph.operators[static_cast<size_t>(peak.op)].type) + ") " +
               group_digits(peak.bytes) + " bytes of feature maps are live; the largest, '" +
               tensor.name + "' " + ir::shape_to_string(tensor.shape) + ", needs " +
               group_digits(largest->size_bytes) + " bytes";
  }
  return Status::invalid_input(message);
}

}  // namespace vnpu::compiler
