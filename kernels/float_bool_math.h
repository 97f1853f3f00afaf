// The float32-only and bool-only builtins of TensorFlow Lite Micro, as its
// reference kernels compute them in float: CEIL, FLOOR, ROUND (half to even,
// reference_ops::RoundToNearest), COS, SIN, LOG, SQRT, SQUARE, EXP, NEG
// (std:: functions of float), FLOOR_DIV (std::floor of the double quotient)
// and FLOOR_MOD (std::fmod, moved to the divisor's sign) with broadcasting,
// and LOGICAL_AND, LOGICAL_OR (broadcasting) and LOGICAL_NOT on bool.
#pragma once

#include <cstdint>

#include "kernels/dims.h"

namespace vnpu::kernels {

enum class FloatUnary { kCeil, kFloor, kRound, kCos, kSin, kLog, kSqrt, kSquare, kExp, kNeg };

float float_unary_value(FloatUnary kind, float x);

void float_unary(FloatUnary kind, const Dims& dims, const float* input, float* output);

enum class FloatBinary { kFloorDiv, kFloorMod };

float float_binary_value(FloatBinary kind, float x, float y);

// `output_dims` must be the broadcast shape of the input shapes.
void float_binary(FloatBinary kind, const Dims& input1_dims, const float* input1,
                  const Dims& input2_dims, const float* input2, const Dims& output_dims,
                  float* output);

// LOGICAL_AND (and_op true) or LOGICAL_OR, broadcasting.
void logical_binary(bool and_op, const Dims& input1_dims, const bool* input1,
                    const Dims& input2_dims, const bool* input2, const Dims& output_dims,
                    bool* output);

void logical_not(const Dims& dims, const bool* input, bool* output);

}  // namespace vnpu::kernels
