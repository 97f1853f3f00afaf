// The unquantized int32 path of ADD, MUL and DIV (kernels/s32_arithmetic.h),
// which add_sub_op.cc, mul_op.cc and binary_arithmetic_op.cc take when input 1
// is int32.
#pragma once

#include "driver/cpu/cpu_op.h"
#include "kernels/s32_arithmetic.h"

namespace vnpu::driver::cpu {

PrepareResult prepare_s32_arithmetic(const ir::Graph& graph, const ir::Operator& op,
                                     kernels::S32Arithmetic operation);

}  // namespace vnpu::driver::cpu
