#include "kernels/logistic.h"

#include <gemmlowp/fixedpoint/fixedpoint.h>

#include <cmath>

#include "kernels/quant_math.h"

namespace vnpu::kernels {

bool make_s8_sigmoid_like_params(float input_scale, int32_t input_zero_point,
                                 SigmoidLikeParams* params) {
  constexpr int kInputIntegerBits = 4;
  const double real_multiplier =
      static_cast<double>(input_scale) * static_cast<double>(1 << (31 - kInputIntegerBits));
  int shift = 0;
  const double significand = std::frexp(real_multiplier, &shift);
  if (shift < 0 || shift > 31) return false;
  // A float scale has a 24-bit significand, so this rounds to below 2^31.
  params->input_multiplier =
      static_cast<int32_t>(std::round(significand * static_cast<double>(int64_t{1} << 31)));
  params->input_left_shift = shift;
  params->input_zero_point = input_zero_point;
  // CalculateInputRadius(4, shift, 31).
  const double max_input_rescaled =
      1.0 * ((1 << kInputIntegerBits) - 1) *
      static_cast<double>(int64_t{1} << (31 - kInputIntegerBits)) /
      static_cast<double>(int64_t{1} << shift);
  params->input_range_radius = static_cast<int32_t>(std::floor(max_input_rescaled));
  return true;
}

void s8_logistic(const SigmoidLikeParams& params, const Dims& input_dims, const int8_t* input,
                 const Dims& /*output_dims*/, int8_t* output) {
  constexpr int kOutputIntegerBits = 8;
  constexpr int32_t kOutputZeroPoint = -128;
  using FixedPoint4 = gemmlowp::FixedPoint<int32_t, 4>;
  const int64_t size = input_dims.flat_size();
  for (int64_t i = 0; i < size; ++i) {
    const int32_t value = static_cast<int32_t>(input[i]) - params.input_zero_point;
    if (value <= -params.input_range_radius) {
      output[i] = -128;
    } else if (value >= params.input_range_radius) {
      output[i] = 127;
    } else {
      const int32_t input_q4 =
          multiply_by_quantized_multiplier(value, params.input_multiplier, params.input_left_shift);
      const int32_t output_q0 = gemmlowp::logistic(FixedPoint4::FromRaw(input_q4)).raw();
      const int32_t output_q23 = rounding_divide_by_pot(output_q0, 31 - kOutputIntegerBits);
      output[i] = static_cast<int8_t>(clamp_to(output_q23 + kOutputZeroPoint, -128, 127));
    }
  }
}

}  // namespace vnpu::kernels
