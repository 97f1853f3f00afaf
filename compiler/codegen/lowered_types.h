// The operator types the code generator lowers to the NPU. The support rule
// "npu_lowering" keeps every other type on the CPU with the reason that vnpu
// does not lower it yet, so nothing the NPU could run falls back silently.
#pragma once

#include <string>

#include "ir/operator.h"

namespace vnpu::compiler {

// A kick-off lowering exists (lower_operator), or the type is a memory alias.
bool has_npu_lowering(ir::OpType type);

// RESHAPE, SQUEEZE and EXPAND_DIMS: no command; the output aliases the input's bytes
// (NHWC int8 feature maps are contiguous, so only the shape changes).
bool is_memory_alias(ir::OpType type);

// "ADD, AVERAGE_POOL_2D, ..." for messages and docs.
std::string lowered_type_list();

}  // namespace vnpu::compiler
