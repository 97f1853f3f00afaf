#include "kernels/quantize.h"

#include <cmath>
#include <limits>

namespace vnpu::kernels {
namespace {

template <typename InT, typename OutT>
void requantize_loop(const RequantizeParams& params, const Dims& dims, const InT* input,
                     OutT* output) {
  constexpr int32_t kMin = std::numeric_limits<OutT>::min();
  constexpr int32_t kMax = std::numeric_limits<OutT>::max();
  const int64_t size = dims.flat_size();
  for (int64_t i = 0; i < size; ++i) {
    const auto value = static_cast<int32_t>(static_cast<uint32_t>(input[i]) -
                                            static_cast<uint32_t>(params.input_zero_point));
    const auto scaled = static_cast<int32_t>(
        static_cast<uint32_t>(multiply_by_quantized_multiplier(value, params.multiplier)) +
        static_cast<uint32_t>(params.output_zero_point));
    output[i] = static_cast<OutT>(clamp_to(scaled, kMin, kMax));
  }
}

// static_cast<int32_t>(float) as x86-64 executes it (cvttss2si): values that
// do not fit, and NaN, give INT32_MIN.
int32_t float_to_int32_x86(float value) {
  if (!(value >= -2147483648.0f && value < 2147483648.0f)) {
    return std::numeric_limits<int32_t>::min();
  }
  return static_cast<int32_t>(value);
}

template <typename OutT>
void quantize_loop(const AffineQuantizeParams& params, const Dims& dims, const float* input,
                   OutT* output) {
  constexpr int32_t kMin = std::numeric_limits<OutT>::min();
  constexpr int32_t kMax = std::numeric_limits<OutT>::max();
  const int64_t size = dims.flat_size();
  for (int64_t i = 0; i < size; ++i) {
    const int32_t rounded = float_to_int32_x86(std::round(input[i] / params.scale));
    const auto unclamped = static_cast<int32_t>(static_cast<uint32_t>(rounded) +
                                                static_cast<uint32_t>(params.zero_point));
    output[i] = static_cast<OutT>(clamp_to(unclamped, kMin, kMax));
  }
}

template <typename InT>
void dequantize_loop(const DequantizeParams& params, const Dims& dims, const InT* input,
                     float* output) {
  const int64_t size = dims.flat_size();
  for (int64_t i = 0; i < size; ++i) {
    output[i] = params.scale * static_cast<float>(static_cast<int32_t>(input[i]) -
                                                  params.zero_point);
  }
}

}  // namespace

RequantizeParams make_requantize_params(float input_scale, int32_t input_zero_point,
                                        float output_scale, int32_t output_zero_point) {
  RequantizeParams params;
  params.multiplier = quantize_multiplier(static_cast<double>(input_scale) /
                                          static_cast<double>(output_scale));
  params.input_zero_point = input_zero_point;
  params.output_zero_point = output_zero_point;
  return params;
}

void requantize(const RequantizeParams& params, const Dims& dims, const int8_t* input,
                int8_t* output) {
  requantize_loop(params, dims, input, output);
}
void requantize(const RequantizeParams& params, const Dims& dims, const int8_t* input,
                uint8_t* output) {
  requantize_loop(params, dims, input, output);
}
void requantize(const RequantizeParams& params, const Dims& dims, const uint8_t* input,
                int8_t* output) {
  requantize_loop(params, dims, input, output);
}
void requantize(const RequantizeParams& params, const Dims& dims, const int8_t* input,
                int16_t* output) {
  requantize_loop(params, dims, input, output);
}
void requantize(const RequantizeParams& params, const Dims& dims, const int16_t* input,
                int8_t* output) {
  requantize_loop(params, dims, input, output);
}
void requantize(const RequantizeParams& params, const Dims& dims, const int8_t* input,
                int32_t* output) {
  requantize_loop(params, dims, input, output);
}
void requantize(const RequantizeParams& params, const Dims& dims, const int16_t* input,
                int16_t* output) {
  requantize_loop(params, dims, input, output);
}
void requantize(const RequantizeParams& params, const Dims& dims, const int16_t* input,
                int32_t* output) {
  requantize_loop(params, dims, input, output);
}
void requantize(const RequantizeParams& params, const Dims& dims, const int32_t* input,
                int8_t* output) {
  requantize_loop(params, dims, input, output);
}
void requantize(const RequantizeParams& params, const Dims& dims, const int32_t* input,
                int16_t* output) {
  requantize_loop(params, dims, input, output);
}

void quantize(const AffineQuantizeParams& params, const Dims& dims, const float* input,
              int8_t* output) {
  quantize_loop(params, dims, input, output);
}
void quantize(const AffineQuantizeParams& params, const Dims& dims, const float* input,
              int16_t* output) {
  quantize_loop(params, dims, input, output);
}

void dequantize(const DequantizeParams& params, const Dims& dims, const int8_t* input,
                float* output) {
  dequantize_loop(params, dims, input, output);
}
void dequantize(const DequantizeParams& params, const Dims& dims, const uint8_t* input,
                float* output) {
  dequantize_loop(params, dims, input, output);
}
void dequantize(const DequantizeParams& params, const Dims& dims, const int16_t* input,
                float* output) {
  dequantize_loop(params, dims, input, output);
}

}  // namespace vnpu::kernels
