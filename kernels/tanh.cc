#include "kernels/tanh.h"

#include <gemmlowp/fixedpoint/fixedpoint.h>

#include "kernels/quant_math.h"

namespace vnpu::kernels {

void s8_tanh(const SigmoidLikeParams& params, const Dims& input_dims, const int8_t* input,
             const Dims& /*output_dims*/, int8_t* output) {
  constexpr int kOutputScaleBits = 7;
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
      const int32_t output_q0 = gemmlowp::tanh(FixedPoint4::FromRaw(input_q4)).raw();
      const int32_t output_q24 = rounding_divide_by_pot(output_q0, 31 - kOutputScaleBits);
      output[i] = static_cast<int8_t>(clamp_to(output_q24, -128, 127));
    }
  }
}

}  // namespace vnpu::kernels
