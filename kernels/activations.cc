#include "kernels/activations.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace vnpu::kernels {
namespace {

// out_zp + roundf(value / out_scale), as CalculateReluOpData writes it.
int32_t quantize_bound(float value, float output_scale, int32_t output_zero_point) {
  return output_zero_point + static_cast<int32_t>(std::round(value / output_scale));
}

template <typename T>
void requantize_and_clamp(const ReluParams& params, const Dims& input_dims, const T* input,
                          T* output) {
  const int64_t size = input_dims.flat_size();
  for (int64_t i = 0; i < size; ++i) {
    const int32_t value = static_cast<int32_t>(input[i]) - params.input_offset;
    const int32_t scaled =
        params.output_offset + multiply_by_quantized_multiplier(value, params.output_multiplier);
    output[i] = static_cast<T>(clamp_to(scaled, params.activation_min, params.activation_max));
  }
}

template <typename T>
ReluParams make_relu_params(float input_scale, int32_t input_zero_point, float output_scale,
                            int32_t output_zero_point) {
  ReluParams params;
  params.input_offset = input_zero_point;
  params.output_offset = output_zero_point;
  params.output_multiplier = quantize_multiplier(static_cast<double>(input_scale) /
                                                 static_cast<double>(output_scale));
  params.activation_min = std::max<int32_t>(std::numeric_limits<T>::min(),
                                            quantize_bound(0.0f, output_scale, output_zero_point));
  params.activation_max = std::numeric_limits<T>::max();
  return params;
}

template <typename T>
Relu6Params make_relu6_params(float input_scale, int32_t input_zero_point) {
  // FloatToQuantizedType: round() of the float quotient, plus the zero point.
  const double six = std::round(static_cast<double>(6.0f / input_scale)) + input_zero_point;
  Relu6Params params;
  params.lower = input_zero_point;
  params.upper = static_cast<int32_t>(std::clamp(
      six, double{std::numeric_limits<T>::min()}, double{std::numeric_limits<T>::max()}));
  return params;
}

template <typename T>
void relu6(const Relu6Params& params, const Dims& input_dims, const T* input, T* output) {
  const int64_t size = input_dims.flat_size();
  for (int64_t i = 0; i < size; ++i) {
    const int32_t value = input[i];
    output[i] = static_cast<T>(
        value > params.upper ? params.upper : (value < params.lower ? params.lower : value));
  }
}

template <typename T>
void leaky_relu(const LeakyReluParams& params, const Dims& input_dims, const T* input, T* output) {
  const int64_t size = input_dims.flat_size();
  for (int64_t i = 0; i < size; ++i) {
    const int32_t value = static_cast<int32_t>(input[i]) - params.input_offset;
    const QuantizedMultiplier& multiplier =
        value >= 0 ? params.identity_multiplier : params.alpha_multiplier;
    const int32_t scaled =
        params.output_offset + multiply_by_quantized_multiplier(value, multiplier);
    output[i] = static_cast<T>(
        clamp_to(scaled, std::numeric_limits<T>::min(), std::numeric_limits<T>::max()));
  }
}

}  // namespace

ReluParams make_s8_relu_params(float input_scale, int32_t input_zero_point, float output_scale,
                               int32_t output_zero_point) {
  return make_relu_params<int8_t>(input_scale, input_zero_point, output_scale, output_zero_point);
}

ReluParams make_s16_relu_params(float input_scale, int32_t input_zero_point, float output_scale,
                                int32_t output_zero_point) {
  return make_relu_params<int16_t>(input_scale, input_zero_point, output_scale, output_zero_point);
}

ReluParams make_s8_relu_n1_to_1_params(float input_scale, int32_t input_zero_point,
                                       float output_scale, int32_t output_zero_point) {
  ReluParams params;
  params.input_offset = input_zero_point;
  params.output_offset = output_zero_point;
  params.output_multiplier = quantize_multiplier(static_cast<double>(input_scale / output_scale));
  params.activation_min =
      std::max<int32_t>(-128, quantize_bound(-1.0f, output_scale, output_zero_point));
  params.activation_max =
      std::min<int32_t>(127, quantize_bound(1.0f, output_scale, output_zero_point));
  return params;
}

Relu6Params make_s8_relu6_params(float input_scale, int32_t input_zero_point) {
  return make_relu6_params<int8_t>(input_scale, input_zero_point);
}

Relu6Params make_s16_relu6_params(float input_scale, int32_t input_zero_point) {
  return make_relu6_params<int16_t>(input_scale, input_zero_point);
}

LeakyReluParams make_s8_leaky_relu_params(float input_scale, int32_t input_zero_point,
                                          float output_scale, int32_t output_zero_point,
                                          float alpha) {
  LeakyReluParams params;
  params.input_offset = input_zero_point;
  params.output_offset = output_zero_point;
  params.alpha_multiplier =
      quantize_multiplier(static_cast<double>(input_scale * alpha / output_scale));
  params.identity_multiplier = quantize_multiplier(static_cast<double>(input_scale / output_scale));
  return params;
}

void s8_relu(const ReluParams& params, const Dims& input_dims, const int8_t* input,
             const Dims& /*output_dims*/, int8_t* output) {
  requantize_and_clamp(params, input_dims, input, output);
}

void s8_relu_n1_to_1(const ReluParams& params, const Dims& input_dims, const int8_t* input,
                     const Dims& /*output_dims*/, int8_t* output) {
  requantize_and_clamp(params, input_dims, input, output);
}

void s8_relu6(const Relu6Params& params, const Dims& input_dims, const int8_t* input,
              const Dims& /*output_dims*/, int8_t* output) {
  relu6(params, input_dims, input, output);
}

void s8_leaky_relu(const LeakyReluParams& params, const Dims& input_dims, const int8_t* input,
                   const Dims& /*output_dims*/, int8_t* output) {
  leaky_relu(params, input_dims, input, output);
}

void s16_relu(const ReluParams& params, const Dims& input_dims, const int16_t* input,
              const Dims& /*output_dims*/, int16_t* output) {
  requantize_and_clamp(params, input_dims, input, output);
}

void s16_relu6(const Relu6Params& params, const Dims& input_dims, const int16_t* input,
               const Dims& /*output_dims*/, int16_t* output) {
  relu6(params, input_dims, input, output);
}

void s16_leaky_relu(const LeakyReluParams& params, const Dims& input_dims, const int16_t* input,
                    const Dims& /*output_dims*/, int16_t* output) {
  leaky_relu(params, input_dims, input, output);
}

}  // namespace vnpu::kernels
