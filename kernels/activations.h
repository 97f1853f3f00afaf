// The int8 ReLU family, bit-exact with TensorFlow Lite Micro:
//  - s8_relu (RELU) and s8_relu_n1_to_1 (RELU_N1_TO_1): requantize from the
//    input to the output quantization, then clamp to the activation range
//    (TFLM ReluQuantized; TFLM has no RELU_N1_TO_1 kernel, so that op uses
//    TFLite's ReluX, the same loop with the range [-1, 1]).
//  - s8_relu6 (RELU6): TFLM's Relu6Quantized clamps in the input quantization
//    to [input zero point, quantized 6.0] without requantizing.
//  - s8_leaky_relu (LEAKY_RELU): TFLM QuantizeLeakyRelu, one multiplier for
//    x >= zp (identity) and one for x < zp (alpha).
#pragma once

#include <cstdint>

#include "kernels/dims.h"
#include "kernels/quant_math.h"

namespace vnpu::kernels {

struct ReluParams {
  int32_t input_offset = 0;  // input zero point (subtracted)
  int32_t output_offset = 0;  // output zero point (added)
  QuantizedMultiplier output_multiplier;
  int32_t activation_min = -128;
  int32_t activation_max = 127;
};

// TFLM CalculateReluOpData<int8_t>: multiplier in double, range [max(-128,
// out_zp + roundf(0 / out_scale)), 127].
ReluParams make_s8_relu_params(float input_scale, int32_t input_zero_point, float output_scale,
                               int32_t output_zero_point);

// TFLite ReluPrepare + QuantizedReluX(-1, 1): multiplier from the float
// ratio, range [out_zp + roundf(-1 / out_scale), out_zp + roundf(1 / out_scale)]
// within [-128, 127].
ReluParams make_s8_relu_n1_to_1_params(float input_scale, int32_t input_zero_point,
                                       float output_scale, int32_t output_zero_point);

struct Relu6Params {
  int32_t lower = 0;  // input zero point
  int32_t upper = 0;  // 6.0 in the input quantization, clamped to the element type
};

// TFLM Relu6Prepare: lower = zp, upper = FloatToQuantizedType<int8_t>(6, scale, zp).
Relu6Params make_s8_relu6_params(float input_scale, int32_t input_zero_point);

struct LeakyReluParams {
  int32_t input_offset = 0;   // input zero point (subtracted)
  int32_t output_offset = 0;  // output zero point (added)
  QuantizedMultiplier identity_multiplier;  // input_scale / output_scale
  QuantizedMultiplier alpha_multiplier;     // input_scale * alpha / output_scale
};

// TFLM CalculateOpDataLeakyRelu: both ratios in float, then QuantizeMultiplier.
LeakyReluParams make_s8_leaky_relu_params(float input_scale, int32_t input_zero_point,
                                          float output_scale, int32_t output_zero_point,
                                          float alpha);

// All kernels: shapes must match (same element count).
void s8_relu(const ReluParams& params, const Dims& input_dims, const int8_t* input,
             const Dims& output_dims, int8_t* output);
void s8_relu_n1_to_1(const ReluParams& params, const Dims& input_dims, const int8_t* input,
                     const Dims& output_dims, int8_t* output);
void s8_relu6(const Relu6Params& params, const Dims& input_dims, const int8_t* input,
              const Dims& output_dims, int8_t* output);
void s8_leaky_relu(const LeakyReluParams& params, const Dims& input_dims, const int8_t* input,
                   const Dims& output_dims, int8_t* output);

// The int16 variants (TFLM's templated ReluQuantized, Relu6Quantized and
// QuantizeLeakyRelu on int16_t): the same formulas with the int16 range.
ReluParams make_s16_relu_params(float input_scale, int32_t input_zero_point, float output_scale,
                                int32_t output_zero_point);
Relu6Params make_s16_relu6_params(float input_scale, int32_t input_zero_point);

void s16_relu(const ReluParams& params, const Dims& input_dims, const int16_t* input,
              const Dims& output_dims, int16_t* output);
void s16_relu6(const Relu6Params& params, const Dims& input_dims, const int16_t* input,
               const Dims& output_dims, int16_t* output);
void s16_leaky_relu(const LeakyReluParams& params, const Dims& input_dims, const int16_t* input,
                    const Dims& output_dims, int16_t* output);

}  // namespace vnpu::kernels
