// PRELU, SQUARED_DIFFERENCE and DIV on quantized tensors with broadcasting,
// bit-exact with TensorFlow Lite Micro:
//  - PRELU (int8, int16; alpha int8): x = in - zp_in; x >= 0 gives
//    x * (in_scale / out_scale), else x * (alpha - zp_alpha) *
//    (in_scale * alpha_scale / out_scale); plus zp_out, clamped
//    (reference_ops::BroadcastPrelu4DSlow);
//  - SQUARED_DIFFERENCE (int8, int16): both sides shifted left (7 for int8,
//    0 for int16) and rescaled relative to twice the larger input scale, the
//    difference squared, rescaled to the output (squared_difference.cc);
//  - DIV (int8): the divisor's reciprocal from reciprocal_q31, the quotient
//    scaled by in1 / (in2 * out), plus zp_out, clamped to the activation range
//    (reference_ops::DivElementwise).
#pragma once

#include <cstdint>

#include "kernels/dims.h"
#include "kernels/quant_math.h"

namespace vnpu::kernels {

struct PreluParams {
  int32_t input_offset = 0;  // -zero points
  int32_t alpha_offset = 0;
  int32_t output_offset = 0;  // +zero point
  QuantizedMultiplier positive_multiplier;  // in / out
  QuantizedMultiplier negative_multiplier;  // in * alpha / out
};

PreluParams make_prelu_params(float input_scale, int32_t input_zero_point, float alpha_scale,
                              int32_t alpha_zero_point, float output_scale,
                              int32_t output_zero_point);

template <typename T>
void quantized_prelu(const PreluParams& params, const Dims& input_dims, const T* input,
                     const Dims& alpha_dims, const int8_t* alpha, const Dims& output_dims,
                     T* output);

struct SquaredDifferenceParams {
  int32_t input1_offset = 0;
  int32_t input2_offset = 0;
  int32_t output_offset = 0;
  int left_shift = 7;
  QuantizedMultiplier input1_multiplier;  // shift <= 0
  QuantizedMultiplier input2_multiplier;  // shift <= 0
  QuantizedMultiplier output_multiplier;
};

// left_shift 7 for int8, 0 for int16 (TFLM PrepareQuantized).
SquaredDifferenceParams make_squared_difference_params(float input1_scale,
                                                       int32_t input1_zero_point,
                                                       float input2_scale,
                                                       int32_t input2_zero_point,
                                                       float output_scale,
                                                       int32_t output_zero_point,
                                                       int left_shift);

template <typename T>
void quantized_squared_difference(const SquaredDifferenceParams& params, const Dims& input1_dims,
                                  const T* input1, const Dims& input2_dims, const T* input2,
                                  const Dims& output_dims, T* output);

struct DivParams {
  int32_t input1_offset = 0;
  int32_t input2_offset = 0;
  int32_t output_offset = 0;
  QuantizedMultiplier output_multiplier;  // in1 / (in2 * out), the product in float
  int32_t activation_min = -128;
  int32_t activation_max = 127;
};

DivParams make_s8_div_params(float input1_scale, int32_t input1_zero_point, float input2_scale,
                             int32_t input2_zero_point, float output_scale,
                             int32_t output_zero_point);

// A divisor equal to its zero point (TFLM's DCHECK) divides by 1 instead.
void s8_div(const DivParams& params, const Dims& input1_dims, const int8_t* input1,
            const Dims& input2_dims, const int8_t* input2, const Dims& output_dims,
            int8_t* output);

}  // namespace vnpu::kernels
