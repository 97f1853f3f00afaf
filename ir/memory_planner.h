// Liveness-based arena planning for activation tensors.
//
// Every non-constant tensor lives from the operator that produces it (or from
// the start, for graph inputs and variables) to its last reader (or to the
// end, for graph outputs and variables). Buffers whose lifetimes overlap never
// share bytes; the rest may. Placement is greedy, largest buffer first, each at
// the lowest aligned offset that fits (the strategy of TFLite Micro's greedy
// planner), so the arena is usually far smaller than the sum of all tensors.
//
// Tensors with a fixed offset (a compiler's offline plan, e.g. Vela's
// OfflineMemoryAllocation) are placed exactly there first; the compiler owns
// their overlaps (Vela puts feature maps inside its scratch tensor). The rest
// are planned around them.
#pragma once

#include <cstdint>
#include <vector>

#include "ir/graph.h"

namespace vnpu::ir {

struct TensorPlacement {
  int32_t tensor = 0;
  int64_t offset_bytes = 0;
  int64_t size_bytes = 0;
  int32_t first_op = 0;  // first operator index during which the bytes are live
  int32_t last_op = 0;   // last operator index during which the bytes are live
};

struct MemoryPlan {
  std::vector<TensorPlacement> placements;  // one per planned tensor, in tensor order
  int64_t arena_bytes = 0;
  int64_t unshared_bytes = 0;  // sum of all planned sizes: what no sharing would need
};

constexpr int64_t kArenaAlignment = 16;

// `fixed_offsets`: empty, or one entry per tensor, -1 where the planner decides.
MemoryPlan plan_memory(const ir::Graph& graph, const std::vector<int64_t>& fixed_offsets = {});

// The lifetime and size of every non-constant tensor the graph touches, in
// tensor order (offsets 0): what plan_memory places.
std::vector<TensorPlacement> collect_lifetimes(const ir::Graph& graph);

// Places `buffers` (sizes and lifetimes set; `tensor` is only a label): those
// with fixed_offsets[i] >= 0 exactly there, the rest greedily as plan_memory
// does. `fixed_offsets` is empty or has one entry per buffer.
MemoryPlan place_buffers(std::vector<TensorPlacement> buffers,
                         const std::vector<int64_t>& fixed_offsets = {});

}  // namespace vnpu::ir
