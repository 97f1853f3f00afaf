// s8_hard_swish: int8 x * relu6(x + 3) / 6, bit-exact with TensorFlow Lite
// Micro's reference_ops::HardSwish<int8_t> (16-bit fixed point throughout).
//
// The input is moved to a "hires" scale (input_scale / 128); one multiplier
// maps it to the output scale, another maps it to a "relu-ish" value where
// 3.0 is 32768, which becomes a [0, 1] factor in Q0.15 that multiplies the
// output-scale value (rounding towards zero, as TFLite does to cancel bias).
#pragma once

#include <cstdint>

#include "kernels/dims.h"

namespace vnpu::kernels {

struct HardSwishParams {
  int16_t input_zero_point = 0;
  int16_t output_zero_point = 0;
  int16_t reluish_multiplier_fixedpoint_int16 = 0;
  int32_t reluish_multiplier_exponent = 0;
  int16_t output_multiplier_fixedpoint_int16 = 0;
  int32_t output_multiplier_exponent = 0;  // <= 0
};

// TFLM hard_swish_common.cc HardSwishPrepare (float ratios, QuantizeMultiplier,
// DownScaleInt32ToInt16Multiplier). Returns false when the output multiplier
// exponent is positive (TFLM rejects it) or the relu-ish exponent exceeds 31
// (input scale of 2^24 or more, where TFLM's left shift is undefined).
bool make_s8_hard_swish_params(float input_scale, int32_t input_zero_point, float output_scale,
                               int32_t output_zero_point, HardSwishParams* params);

// Shapes must match.
void s8_hard_swish(const HardSwishParams& params, const Dims& input_dims, const int8_t* input,
                   const Dims& output_dims, int8_t* output);

}  // namespace vnpu::kernels
