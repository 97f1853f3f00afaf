// Arena offsets from tensor lifetimes. Every non-constant tensor of the graph
// gets an offset in one arena (region 1, Vela's "scratch" tensor), planned by
// liveness over the operator order with ir/memory_planner.h (the CPU runtime's planner), so
// tensors whose lifetimes do not overlap share bytes. The output of a memory
// alias (RESHAPE/SQUEEZE on the NPU) shares its input's bytes. Weight buffers
// (weights DMA'd from the constant region ahead of use) are planned beside the
// feature maps with the lifetimes the scheduler gives them.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "core/status.h"
#include "ir/graph.h"

namespace vnpu::compiler {

struct WeightBufferRequest {
  int32_t first_op = 0;  // operator indices during which the buffer is live
  int32_t last_op = 0;
  int64_t bytes = 0;
};

struct ArenaPlan {
  std::vector<int64_t> tensor_offsets;  // one per graph tensor; -1: not in the arena
  std::vector<int64_t> buffer_offsets;  // one per weight buffer request
  int64_t arena_bytes = 0;              // end of the highest planned byte, 16-byte aligned
};

using AliasPair = std::pair<int32_t, int32_t>;  // (input, output) of a memory alias

// Changes to what the graph's liveness says, for cascades (cascade.h): an
// intermediate kept in a ring of fewer bytes, and tensors that must stay live
// while a cascade's operators run interleaved.
struct LifetimeSpan {
  std::vector<int32_t> tensors;
  int32_t first_op = 0;
  int32_t last_op = 0;
};
struct ArenaAdjustments {
  std::vector<std::pair<int32_t, int64_t>> sizes;  // tensor -> bytes
  std::vector<LifetimeSpan> spans;                 // tensors live at least over [first, last]
};

// Plans the feature maps of `graph` and the `buffers`.
ArenaPlan plan_arena(const ir::Graph& graph, const std::vector<AliasPair>& aliases,
                     const std::vector<WeightBufferRequest>& buffers,
                     const ArenaAdjustments& adjustments = {});

// Plans only `buffers` (weight buffers in their own region: Dedicated_Sram's cache).
ArenaPlan plan_buffers(const std::vector<WeightBufferRequest>& buffers);

// The error for feature maps that need `needed` bytes against `budget`: names
// the operator where the most bytes are live and its largest live tensor:
//   "the arena needs 80,000 bytes but the budget (--arena-cache-size) is 65,536 bytes:
//    at operator 3 (CONV_2D) 72,000 bytes of feature maps are live; the largest,
//    'conv1' [1,40,40,32], needs 51,200 bytes"
Status arena_budget_error(const ir::Graph& graph, const std::vector<AliasPair>& aliases,
                          int64_t needed, uint64_t budget, const ArenaAdjustments& adjustments = {});

// The operator where the most feature-map bytes are live, and the tensors live there.
struct FeatureMapPeak {
  int32_t op = 0;
  int64_t bytes = 0;
  std::vector<int32_t> live;  // alias-group representatives
};
FeatureMapPeak feature_map_peak(const ir::Graph& graph, const std::vector<AliasPair>& aliases,
                                const ArenaAdjustments& adjustments = {});

// "65,536"
std::string group_digits(int64_t value);

}  // namespace vnpu::compiler
