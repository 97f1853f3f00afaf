// Fixed-point reciprocals as TensorFlow Lite computes them (internal/common.h),
// for the kernels that divide or normalise (DIV, RSQRT, L2_NORMALIZATION).
#pragma once

#include <cstdint>

#include "kernels/quant_math.h"

namespace vnpu::kernels {

// TFLite GetInvSqrtQuantizedMultiplierExp(input, reverse_shift = -1): 1/sqrt(input)
// as a Q31 multiplier and a shift (> 0 left), by five Newton-Raphson steps in
// gemmlowp Q3.28. Inputs 0 and 1 give INT32_MAX with shift 0. `input` >= 0.
QuantizedMultiplier inv_sqrt_quantized_multiplier(int32_t input);

// TFLite GetReciprocal(x, x_integer_digits): 1/x in Q0.31 for x > 0 with
// `x_integer_digits` integer bits; *num_bits_over_unit gets the extra exponent.
int32_t reciprocal_q31(int32_t x, int x_integer_digits, int* num_bits_over_unit);

// TFLite CountLeadingSignBits for int32: redundant sign bits (31 for 0).
int count_leading_sign_bits(int32_t x);

}  // namespace vnpu::kernels
