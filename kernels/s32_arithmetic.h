// ADD, MUL and DIV on unquantized int32 tensors with broadcasting, as TFLM's
// add.cc / mul_common.cc / div.cc int32 paths (reference_ops::Add, Mul, Div and
// their Broadcast*Slow variants): the plain C++ operation on the stored values,
// with no fused activation. Sums and products that overflow wrap (two's
// complement, as the hardware TFLM runs on). DIV truncates toward zero; a zero
// divisor or INT32_MIN / -1, on which TFLM's kernel traps, is reported instead.
#pragma once

#include <cstdint>

#include "kernels/broadcast.h"
#include "kernels/dims.h"

namespace vnpu::kernels {

enum class S32Arithmetic { kAdd, kMul, kDiv };

// Returns -1, or (DIV) the index of the first output element whose division
// is undefined; that element and those after it are then left unwritten.
int64_t s32_arithmetic(S32Arithmetic operation, const Dims& input1_dims, const int32_t* input1,
                       const Dims& input2_dims, const int32_t* input2, const Dims& output_dims,
                       int32_t* output);

}  // namespace vnpu::kernels
