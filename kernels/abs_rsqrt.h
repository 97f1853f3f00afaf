// ABS and RSQRT on int8 / int16, bit-exact with TensorFlow Lite Micro
// (elementwise.cc AbsEvalQuantized / RsqrtEvalQuantized):
//  - ABS: |x - zp_in|, requantized by in_scale / out_scale only when the scales
//    differ, plus zp_out, clamped;
//  - RSQRT: x - zp_in = 0 gives the type's maximum; otherwise 1/sqrt(x - zp_in)
//    from inv_sqrt_quantized_multiplier, evaluated at 2^20 and rescaled by
//    1 / (sqrt(in_scale) * out_scale) * 2^-20, plus zp_out, clamped. Inputs
//    below the zero point (where TFLM fails) give the type's maximum too.
#pragma once

#include <cstdint>

#include "kernels/dims.h"
#include "kernels/quant_math.h"

namespace vnpu::kernels {

struct AbsRsqrtParams {
  int32_t input_zero_point = 0;
  int32_t output_zero_point = 0;
  bool needs_rescale = true;       // ABS only: in_scale != out_scale
  QuantizedMultiplier multiplier;  // ABS: in/out; RSQRT: 1 / (sqrt(in) * out)
};

AbsRsqrtParams make_abs_params(float input_scale, int32_t input_zero_point, float output_scale,
                               int32_t output_zero_point);
AbsRsqrtParams make_rsqrt_params(float input_scale, int32_t input_zero_point,
                                 float output_scale, int32_t output_zero_point);

// The RSQRT output rescale shifts right by 20 more bits than the multiplier
// says; TFLM's rounding shift is defined for at most 31.
constexpr int kRsqrtExtraShift = 20;

template <typename T>
void quantized_abs(const AbsRsqrtParams& params, const Dims& dims, const T* input,
                   const Dims& output_dims, T* output);
// int16 ABS of an unquantized tensor (TFLM AbsHelper): |x|, -32768 stays -32768.
void s16_abs(const Dims& dims, const int16_t* input, int16_t* output);

template <typename T>
void quantized_rsqrt(const AbsRsqrtParams& params, const Dims& dims, const T* input,
                     const Dims& output_dims, T* output);

}  // namespace vnpu::kernels
