#include "kernels/abs_rsqrt.h"

#include <cmath>
#include <cstdlib>
#include <limits>

#include "kernels/reciprocal.h"

namespace vnpu::kernels {

AbsRsqrtParams make_abs_params(float input_scale, int32_t input_zero_point, float output_scale,
                               int32_t output_zero_point) {
  AbsRsqrtParams params;
  params.input_zero_point = input_zero_point;
  params.output_zero_point = output_zero_point;
  params.needs_rescale = input_scale != output_scale;
  if (params.needs_rescale) {
    params.multiplier = quantize_multiplier(static_cast<double>(input_scale) /
                                            static_cast<double>(output_scale));
  }
  return params;
}

AbsRsqrtParams make_rsqrt_params(float input_scale, int32_t input_zero_point,
                                 float output_scale, int32_t output_zero_point) {
  AbsRsqrtParams params;
  params.input_zero_point = input_zero_point;
  params.output_zero_point = output_zero_point;
  params.multiplier = quantize_multiplier(
      1.0 / (std::sqrt(static_cast<double>(input_scale)) * static_cast<double>(output_scale)));
  return params;
}

template <typename T>
void quantized_abs(const AbsRsqrtParams& params, const Dims& dims, const T* input,
                   const Dims& /*output_dims*/, T* output) {
  constexpr int32_t kMin = std::numeric_limits<T>::min();
  constexpr int32_t kMax = std::numeric_limits<T>::max();
  const int64_t size = dims.flat_size();
  for (int64_t i = 0; i < size; ++i) {
    const int32_t value = std::abs(input[i] - params.input_zero_point);
    const int32_t scaled =
        params.needs_rescale ? multiply_by_quantized_multiplier(value, params.multiplier) : value;
    output[i] = static_cast<T>(clamp_to(scaled + params.output_zero_point, kMin, kMax));
  }
}

void s16_abs(const Dims& dims, const int16_t* input, int16_t* output) {
  const int64_t size = dims.flat_size();
  for (int64_t i = 0; i < size; ++i) {
    output[i] = static_cast<int16_t>(std::abs(static_cast<int32_t>(input[i])));
  }
}

template <typename T>
void quantized_rsqrt(const AbsRsqrtParams& params, const Dims& dims, const T* input,
                     const Dims& /*output_dims*/, T* output) {
  constexpr int32_t kMin = std::numeric_limits<T>::min();
  constexpr int32_t kMax = std::numeric_limits<T>::max();
  const int64_t size = dims.flat_size();
  for (int64_t i = 0; i < size; ++i) {
    const int32_t value = input[i] - params.input_zero_point;
    if (value <= 0) {
      output[i] = static_cast<T>(kMax);
      continue;
    }
    const QuantizedMultiplier inv_sqrt = inv_sqrt_quantized_multiplier(value);
    const int32_t data = multiply_by_quantized_multiplier(1, inv_sqrt.multiplier,
                                                          inv_sqrt.shift + kRsqrtExtraShift);
    const int32_t scaled = multiply_by_quantized_multiplier(
        data, params.multiplier.multiplier, params.multiplier.shift - kRsqrtExtraShift);
    output[i] = static_cast<T>(clamp_to(scaled + params.output_zero_point, kMin, kMax));
  }
}

template void quantized_abs<int8_t>(const AbsRsqrtParams&, const Dims&, const int8_t*,
                                    const Dims&, int8_t*);
template void quantized_abs<int16_t>(const AbsRsqrtParams&, const Dims&, const int16_t*,
                                     const Dims&, int16_t*);
template void quantized_rsqrt<int8_t>(const AbsRsqrtParams&, const Dims&, const int8_t*,
                                      const Dims&, int8_t*);
template void quantized_rsqrt<int16_t>(const AbsRsqrtParams&, const Dims&, const int16_t*,
                                       const Dims&, int16_t*);

}  // namespace vnpu::kernels
