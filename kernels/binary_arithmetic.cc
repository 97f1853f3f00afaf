#include "kernels/binary_arithmetic.h"

#include <algorithm>
#include <limits>

#include "kernels/broadcast.h"
#include "kernels/reciprocal.h"

namespace vnpu::kernels {

PreluParams make_prelu_params(float input_scale, int32_t input_zero_point, float alpha_scale,
                              int32_t alpha_zero_point, float output_scale,
                              int32_t output_zero_point) {
  PreluParams params;
  params.input_offset = -input_zero_point;
  params.alpha_offset = -alpha_zero_point;
  params.output_offset = output_zero_point;
  params.positive_multiplier = quantize_multiplier(static_cast<double>(input_scale) /
                                                   static_cast<double>(output_scale));
  params.negative_multiplier = quantize_multiplier(
      static_cast<double>(input_scale) * static_cast<double>(alpha_scale) /
      static_cast<double>(output_scale));
  return params;
}

template <typename T>
void quantized_prelu(const PreluParams& params, const Dims& input_dims, const T* input,
                     const Dims& alpha_dims, const int8_t* alpha, const Dims& output_dims,
                     T* output) {
  constexpr int32_t kMin = std::numeric_limits<T>::min();
  constexpr int32_t kMax = std::numeric_limits<T>::max();
  const BroadcastWalk walk = make_broadcast_walk(input_dims, alpha_dims, output_dims);
  for_each_broadcast(walk, [&](int64_t i1, int64_t i2, int64_t o) {
    const int32_t x = params.input_offset + input[i1];
    int32_t value = 0;
    if (x >= 0) {
      value = multiply_by_quantized_multiplier(x, params.positive_multiplier);
    } else {
      const int32_t a = params.alpha_offset + alpha[i2];
      value = multiply_by_quantized_multiplier(x * a, params.negative_multiplier);
    }
    output[o] = static_cast<T>(clamp_to(value + params.output_offset, kMin, kMax));
  });
}

template void quantized_prelu<int8_t>(const PreluParams&, const Dims&, const int8_t*,
                                      const Dims&, const int8_t*, const Dims&, int8_t*);
template void quantized_prelu<int16_t>(const PreluParams&, const Dims&, const int16_t*,
                                       const Dims&, const int8_t*, const Dims&, int16_t*);

SquaredDifferenceParams make_squared_difference_params(float input1_scale,
                                                       int32_t input1_zero_point,
                                                       float input2_scale,
                                                       int32_t input2_zero_point,
                                                       float output_scale,
                                                       int32_t output_zero_point,
                                                       int left_shift) {
  SquaredDifferenceParams params;
  params.input1_offset = -input1_zero_point;
  params.input2_offset = -input2_zero_point;
  params.output_offset = output_zero_point;
  params.left_shift = left_shift;
  const double twice_max_input_scale =
      2.0 * static_cast<double>(std::max(input1_scale, input2_scale));
  params.input1_multiplier =
      quantize_multiplier(static_cast<double>(input1_scale) / twice_max_input_scale);
  params.input2_multiplier =
      quantize_multiplier(static_cast<double>(input2_scale) / twice_max_input_scale);
  // TFLM multiplies the int 2^(2 * left_shift) by the float scale in float.
  const float shifted_output_scale =
      static_cast<float>(1 << (left_shift * 2)) * output_scale;
  params.output_multiplier = quantize_multiplier(
      (twice_max_input_scale * twice_max_input_scale) / static_cast<double>(shifted_output_scale));
  return params;
}

template <typename T>
void quantized_squared_difference(const SquaredDifferenceParams& params, const Dims& input1_dims,
                                  const T* input1, const Dims& input2_dims, const T* input2,
                                  const Dims& output_dims, T* output) {
  constexpr int32_t kMin = std::numeric_limits<T>::min();
  constexpr int32_t kMax = std::numeric_limits<T>::max();
  const BroadcastWalk walk = make_broadcast_walk(input1_dims, input2_dims, output_dims);
  const int32_t scale = 1 << params.left_shift;
  for_each_broadcast(walk, [&](int64_t i1, int64_t i2, int64_t o) {
    const int32_t shifted1 = (params.input1_offset + input1[i1]) * scale;
    const int32_t shifted2 = (params.input2_offset + input2[i2]) * scale;
    const int32_t scaled1 = multiply_by_quantized_multiplier(shifted1, params.input1_multiplier);
    const int32_t scaled2 = multiply_by_quantized_multiplier(shifted2, params.input2_multiplier);
    const int32_t diff = scaled1 - scaled2;
    const int32_t value =
        multiply_by_quantized_multiplier(diff * diff, params.output_multiplier) +
        params.output_offset;
    output[o] = static_cast<T>(clamp_to(value, kMin, kMax));
  });
}

template void quantized_squared_difference<int8_t>(const SquaredDifferenceParams&, const Dims&,
                                                   const int8_t*, const Dims&, const int8_t*,
                                                   const Dims&, int8_t*);
template void quantized_squared_difference<int16_t>(const SquaredDifferenceParams&,
                                                    const Dims&, const int16_t*, const Dims&,
                                                    const int16_t*, const Dims&, int16_t*);

DivParams make_s8_div_params(float input1_scale, int32_t input1_zero_point, float input2_scale,
                             int32_t input2_zero_point, float output_scale,
                             int32_t output_zero_point) {
  DivParams params;
  params.input1_offset = -input1_zero_point;
  params.input2_offset = -input2_zero_point;
  params.output_offset = output_zero_point;
  // TFLM: static_cast<double>(s1 / (s2 * s_out)), all in float.
  params.output_multiplier =
      quantize_multiplier(static_cast<double>(input1_scale / (input2_scale * output_scale)));
  return params;
}

namespace {

// x / 2^exponent rounded like gemmlowp, for any exponent: TFLM's exponent is
// in [0, 31] for every input it accepts; beyond, the value saturates (left
// shifts) or rounds towards 0 at 31 bits.
int32_t shift_rounding(int32_t x, int exponent) {
  if (exponent >= 0) return rounding_divide_by_pot(x, std::min(exponent, 31));
  const int64_t shifted = static_cast<int64_t>(x) * (int64_t{1} << std::min(-exponent, 32));
  return static_cast<int32_t>(std::clamp<int64_t>(shifted, std::numeric_limits<int32_t>::min(),
                                                  std::numeric_limits<int32_t>::max()));
}

}  // namespace

void s8_div(const DivParams& params, const Dims& input1_dims, const int8_t* input1,
            const Dims& input2_dims, const int8_t* input2, const Dims& output_dims,
            int8_t* output) {
  const BroadcastWalk walk = make_broadcast_walk(input1_dims, input2_dims, output_dims);
  for_each_broadcast(walk, [&](int64_t i1, int64_t i2, int64_t o) {
    int32_t numerator = params.input1_offset + input1[i1];
    int32_t divisor = params.input2_offset + input2[i2];
    if (divisor == 0) divisor = 1;
    if (divisor < 0) {
      numerator = -numerator;
      divisor = -divisor;
    }
    int recip_shift = 0;
    const int32_t divisor_inverse = reciprocal_q31(divisor, 31, &recip_shift);
    const int headroom = count_leading_sign_bits(numerator);
    const int32_t unscaled_quotient = saturating_rounding_doubling_high_mul(
        static_cast<int32_t>(static_cast<uint32_t>(numerator) << headroom), divisor_inverse);
    const int total_shift = params.output_multiplier.shift - recip_shift - headroom;
    const int32_t scaled = shift_rounding(
        saturating_rounding_doubling_high_mul(unscaled_quotient,
                                              params.output_multiplier.multiplier),
        -total_shift);
    const int64_t value = int64_t{params.output_offset} + scaled;
    output[o] = static_cast<int8_t>(
        std::clamp<int64_t>(value, params.activation_min, params.activation_max));
  });
}

}  // namespace vnpu::kernels
