// NPU segments: maximal runs of consecutive NPU operators (in execution
// order). Each becomes one `ethos-u` operator of the output model, as in
// Vela's output; CPU operators between them stay in place.
#pragma once

#include <cstdint>
#include <vector>

#include "ir/graph.h"

namespace vnpu::compiler {

struct NpuSegment {
  std::vector<int32_t> ops;      // operator indices, consecutive
  std::vector<int32_t> inputs;   // non-constant tensors read but not produced inside, first-use order
  std::vector<int32_t> outputs;  // tensors produced inside and read after it or graph outputs
};

// `on_npu[i]` says where operator i runs.
std::vector<NpuSegment> find_npu_segments(const ir::Graph& graph, const std::vector<bool>& on_npu);

}  // namespace vnpu::compiler
