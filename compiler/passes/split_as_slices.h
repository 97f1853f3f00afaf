// The slices a SPLIT, SPLIT_V or UNPACK becomes (convert_splits_to_slices),
// for the passes that emit such a split themselves.
#pragma once

#include <vector>

#include "ir/graph.h"

namespace vnpu::compiler {

// One SLICE per output of `op` (UNPACK: a STRIDED_SLICE that shrinks the
// axis), each with constant begin and size added to `graph`; empty when `op`
// is not a well-formed SPLIT, SPLIT_V or UNPACK over a non-constant input.
std::vector<ir::Operator> split_as_slices(ir::Graph& graph, const ir::Operator& op);

}  // namespace vnpu::compiler
