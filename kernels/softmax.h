// s8_softmax: int8 softmax over the last dimension, bit-exact with TensorFlow
// Lite Micro's reference_ops::Softmax for int8 input (gemmlowp fixed point).
//
// Per row: d = x - max(row); rows elements with d < diff_min contribute
// nothing and output the type minimum. Otherwise d is rescaled by
// input_multiplier * 2^input_left_shift (beta * input_scale in Q5.26),
// exp_on_negative_values gives exp(d) in Q0.31, the exps are summed in Q12.19,
// the sum's reciprocal comes from one_over_one_plus_x_for_x_in_0_1 and each
// exp times the reciprocal is shifted down to the output type, whose zero
// point is its minimum (int8: scale 1/256, zp -128; int16: 1/65536, -32768).
#pragma once

#include <cstdint>

#include "kernels/dims.h"

namespace vnpu::kernels {

struct SoftmaxParams {
  int32_t input_multiplier = 0;  // Q31 significand of beta * input_scale * 2^26
  int32_t input_left_shift = 0;  // >= 0
  int32_t diff_min = 0;          // most negative input difference that still counts
};

// TFLM softmax_common.cc CalculateSoftmaxParams for int8 input
// (PreprocessSoftmaxScaling with 5 integer bits, then CalculateInputRadius).
// Returns false when beta * input_scale * 2^26 <= 1, which TFLM's
// QuantizeMultiplierGreaterThanOne rejects.
bool make_s8_softmax_params(float input_scale, float beta, SoftmaxParams* params);

// Rows of more than this many elements could overflow TFLM's Q12.19 sum.
constexpr int32_t kSoftmaxMaxDepth = 4095;

// int8 -> int8 (output scale 1/256, zero point -128). Shapes must match.
void s8_softmax(const SoftmaxParams& params, const Dims& input_dims, const int8_t* input,
                const Dims& output_dims, int8_t* output);

// int8 -> int16 (output scale 1/65536, zero point -32768). Shapes must match.
void s8_softmax_s16(const SoftmaxParams& params, const Dims& input_dims, const int8_t* input,
                    const Dims& output_dims, int16_t* output);

}  // namespace vnpu::kernels
