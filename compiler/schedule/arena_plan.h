// Arena offsets from tensor lifetimes. Every non-constant tensor of the graph
// gets an offset in one arena (region 1, Vela's "scratch" tensor), planned by
// liveness over the operator order with the driver's greedy planner, so
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

// Plans the feature maps of `graph` and the `buffers`.
ArenaPlan plan_arena(const ir::Graph& graph, const std::vector<AliasPair>& aliases,
                     const std::vector<WeightBufferRequest>& buffers);

// Plans only `buffers` (weight buffers in their own region: Dedicated_Sram's cache).
ArenaPlan plan_buffers(const std::vector<WeightBufferRequest>& buffers);

// The error for feature maps that need `needed` bytes against `budget`: names
// the operator where the most bytes are live and its largest live tensor:
//   "the arena needs 80,000 bytes but the budget (--arena-cache-size) is 65,536 bytes:
//    at operator 3 (CONV_2D) 72,000 bytes of feature maps are live; the largest,
//    'conv1' [1,40,40,32], needs 51,200 bytes"
Status arena_budget_error(const ir::Graph& graph, const std::vector<AliasPair>& aliases,
                          int64_t needed, uint64_t budget);

// "65,536"
std::string group_digits(int64_t value);

}  // namespace vnpu::compiler
