// The reduced axes of MEAN, SUM, REDUCE_MAX and REDUCE_MIN: the constant axis
// operand (input 1) resolved as TFLite's ResolveAxis does (negative axes count
// from the end, repeats are dropped), and the output shape that implies.
#pragma once

#include "core/status.h"
#include "ir/graph.h"
#include "kernels/reduce.h"

namespace vnpu::driver::cpu {

// The axes of the constant int32 or int64 axis operand, each in [0, rank), as flags.
Expected<kernels::ReducedAxes> resolve_reduced_axes(const ir::Graph& graph, const ir::Operator& op);

// invalid_input unless the output has the input's shape without the reduced
// dimensions (kept as 1 with keep_dims).
Status check_reduced_shape(const ir::Graph& graph, const ir::Operator& op,
                           const kernels::ReducedAxes& reduced, bool keep_dims);

}  // namespace vnpu::driver::cpu
