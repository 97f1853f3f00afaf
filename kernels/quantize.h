// QUANTIZE and DEQUANTIZE, bit-exact with TensorFlow Lite Micro:
//  - requantize: integer -> integer (int8->int8/uint8/int16/int32, uint8->int8,
//    int16->int8/int16/int32, int32->int8/int16), TFLM reference_ops::Requantize:
//    clamp(out_zp + MultiplyByQuantizedMultiplier(x - in_zp, in_scale / out_scale)),
//    the int32 subtraction and addition wrapping as TFLM's do on x86-64.
//  - quantize: float32 -> int8 / int16, TFLM reference_ops::AffineQuantize:
//    clamp(int32(round(x / scale)) + zp) with the division and rounding in float.
//  - dequantize: int8 / uint8 / int16 -> float32, TFLM reference_ops::Dequantize:
//    scale * (q - zp) in float.
#pragma once

#include <cstdint>

#include "kernels/dims.h"
#include "kernels/quant_math.h"

namespace vnpu::kernels {

struct RequantizeParams {
  QuantizedMultiplier multiplier;  // input_scale / output_scale
  int32_t input_zero_point = 0;
  int32_t output_zero_point = 0;
};

// TFLM PrepareQuantizeReference: the ratio in double, then QuantizeMultiplier.
RequantizeParams make_requantize_params(float input_scale, int32_t input_zero_point,
                                        float output_scale, int32_t output_zero_point);

void requantize(const RequantizeParams& params, const Dims& dims, const int8_t* input,
                int8_t* output);
void requantize(const RequantizeParams& params, const Dims& dims, const int8_t* input,
                uint8_t* output);
void requantize(const RequantizeParams& params, const Dims& dims, const uint8_t* input,
                int8_t* output);
void requantize(const RequantizeParams& params, const Dims& dims, const int8_t* input,
                int16_t* output);
void requantize(const RequantizeParams& params, const Dims& dims, const int16_t* input,
                int8_t* output);
void requantize(const RequantizeParams& params, const Dims& dims, const int8_t* input,
                int32_t* output);
void requantize(const RequantizeParams& params, const Dims& dims, const int16_t* input,
                int16_t* output);
void requantize(const RequantizeParams& params, const Dims& dims, const int16_t* input,
                int32_t* output);
void requantize(const RequantizeParams& params, const Dims& dims, const int32_t* input,
                int8_t* output);
void requantize(const RequantizeParams& params, const Dims& dims, const int32_t* input,
                int16_t* output);

struct AffineQuantizeParams {
  float scale = 1.0f;
  int32_t zero_point = 0;
};

// Out-of-range quotients (|x / scale| >= 2^31, inf, NaN) convert to INT32_MIN
// before the zero point is added (wrapping), as the goldens' x86-64 TFLM does.
void quantize(const AffineQuantizeParams& params, const Dims& dims, const float* input,
              int8_t* output);
void quantize(const AffineQuantizeParams& params, const Dims& dims, const float* input,
              int16_t* output);

struct DequantizeParams {
  float scale = 1.0f;
  int32_t zero_point = 0;
};

void dequantize(const DequantizeParams& params, const Dims& dims, const int8_t* input,
                float* output);
void dequantize(const DequantizeParams& params, const Dims& dims, const uint8_t* input,
                float* output);
void dequantize(const DequantizeParams& params, const Dims& dims, const int16_t* input,
                float* output);

}  // namespace vnpu::kernels
