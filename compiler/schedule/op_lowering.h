// The scheduler's working record of one NPU operator (private to
// compiler/schedule/): its lowering and the decisions taken so far.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "compiler/codegen/lower_op.h"
#include "compiler/schedule/kick_offs.h"

namespace vnpu::compiler {

struct OpLowering {
  int32_t op_index = 0;
  bool alias = false;
  LoweredOp lowered;
  int32_t range_depth = 0;  // FeatureMapPlacement::weight_range_depth of `lowered`
  bool buffered = false;
  bool slices_exhausted = false;  // one block depth per range already
  std::string note;
  int64_t scratch_bytes = 0;  // its scratch buffer in the arena while it runs
  bool at_placement = false;  // lowered after the arena plan (lowered_at_placement)
  int32_t cascade = -1;       // index of the cascade it runs in (cascade_plan.h)
};

inline const OpLowering* find_lowering(const std::vector<OpLowering>& lowerings, int32_t op_index) {
  for (const OpLowering& lowering : lowerings) {
    if (lowering.op_index == op_index) return &lowering;
  }
  return nullptr;
}

inline OpLowering* find_lowering(std::vector<OpLowering>& lowerings, int32_t op_index) {
  for (OpLowering& lowering : lowerings) {
    if (lowering.op_index == op_index) return &lowering;
  }
  return nullptr;
}

inline bool has_weights(const OpLowering& op) {
  return !op.alias && !op.lowered.weights.ranges.empty();
}

inline uint64_t largest_chunk(const LoweredOp& lowered) {
  uint64_t largest = 0;
  for (const isa::EncodedWeightRange& range : lowered.weights.ranges) {
    largest = std::max(largest, weight_chunk(range).size());
  }
  return largest;
}

}  // namespace vnpu::compiler
