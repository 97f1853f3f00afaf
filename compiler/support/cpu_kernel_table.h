// The operators vnpu's CPU backend runs and the tensor types each takes, for
// docs/SUPPORTED_OPS.md (an operator the NPU does not run stays on the CPU).
// The CPU kernels' prepare functions (driver/cpu/ops/) decide; this table
// describes them, and tests/compiler/support/cpu_kernel_table_test.cc checks
// that it names exactly the operator types driver::cpu::find_cpu_op knows.
#pragma once

#include <vector>

#include "ir/operator.h"

namespace vnpu::compiler {

struct CpuKernelTypes {
  ir::OpType type;
  const char* types;  // "int8, int16", "any element type", ...
};

// In the order of ir/op_types.def.
const std::vector<CpuKernelTypes>& cpu_kernel_table();

}  // namespace vnpu::compiler
