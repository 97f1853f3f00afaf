// s8_logistic: int8 sigmoid, bit-exact with TensorFlow Lite Micro's
// reference_integer_ops::Logistic (gemmlowp fixed point, not a lookup table).
//
// x - input_zp at or beyond +/- input_range_radius saturates to 127 / -128;
// otherwise it is rescaled to Q4.27, gemmlowp::logistic gives Q0.31, and the
// result is shifted to the fixed output quantization: scale 1/256, zp -128.
#pragma once

#include <cstdint>

#include "kernels/dims.h"

namespace vnpu::kernels {

// Shared by s8_logistic and s8_tanh: both rescale the input to Q4.27.
struct SigmoidLikeParams {
  int32_t input_zero_point = 0;
  int32_t input_range_radius = 0;  // |x - zp| >= radius saturates
  int32_t input_multiplier = 0;    // Q31 significand of input_scale * 2^27
  int32_t input_left_shift = 0;    // its exponent
};

// TFLM logistic_common.cc / tanh.cc Prepare for int8: frexp of
// input_scale * 2^27, rounded to Q31, radius CalculateInputRadius(4, shift, 31).
// Returns false when the exponent is outside [0, 31] (input scale below 2^-28
// or at least 16), where TFLM's shifts would be undefined.
bool make_s8_sigmoid_like_params(float input_scale, int32_t input_zero_point,
                                 SigmoidLikeParams* params);

// Output quantization is fixed: scale 1/256, zero point -128. Shapes must match.
void s8_logistic(const SigmoidLikeParams& params, const Dims& input_dims, const int8_t* input,
                 const Dims& output_dims, int8_t* output);

}  // namespace vnpu::kernels
