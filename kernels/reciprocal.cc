#include "kernels/reciprocal.h"

#include <gemmlowp/fixedpoint/fixedpoint.h>

#include <limits>

namespace vnpu::kernels {
namespace {

int count_leading_zeros(uint32_t x) { return x == 0 ? 32 : __builtin_clz(x); }

}  // namespace

QuantizedMultiplier inv_sqrt_quantized_multiplier(int32_t input) {
  QuantizedMultiplier result;
  if (input <= 1) {
    result.multiplier = std::numeric_limits<int32_t>::max();
    result.shift = 0;
    return result;
  }
  int right_shift = 11;
  while (input >= (1 << 29)) {
    input /= 4;
    ++right_shift;
  }
  const auto max_left_shift_bits =
      static_cast<unsigned>(count_leading_zeros(static_cast<uint32_t>(input)) - 1);
  const unsigned left_shift_bit_pairs = max_left_shift_bits / 2 - 1;
  right_shift -= static_cast<int>(left_shift_bit_pairs);
  input <<= 2 * left_shift_bit_pairs;

  using F3 = gemmlowp::FixedPoint<int32_t, 3>;
  using F0 = gemmlowp::FixedPoint<int32_t, 0>;
  const F3 fixedpoint_input = F3::FromRaw(input >> 1);
  const F3 half_input = gemmlowp::SaturatingRoundingMultiplyByPOT<-1>(fixedpoint_input);
  const F3 half_three = F3::FromRaw((1 << 28) + (1 << 27));  // 1.5
  F3 x = F3::One();
  for (int i = 0; i < 5; ++i) {
    const F3 x3 = gemmlowp::Rescale<3>(x * x * x);
    x = gemmlowp::Rescale<3>(half_three * x - half_input * x3);
  }
  const F0 half_sqrt_2 = F0::FromRaw(1518500250);  // sqrt(2) / 2
  x = x * half_sqrt_2;
  result.multiplier = x.raw();
  if (right_shift < 0) {
    result.multiplier = static_cast<int32_t>(static_cast<uint32_t>(result.multiplier)
                                             << -right_shift);
    right_shift = 0;
  }
  result.shift = -right_shift;
  return result;
}

int32_t reciprocal_q31(int32_t x, int x_integer_digits, int* num_bits_over_unit) {
  const int headroom_plus_one = count_leading_zeros(static_cast<uint32_t>(x));
  *num_bits_over_unit = x_integer_digits - headroom_plus_one;
  const auto shifted_minus_one = static_cast<int32_t>(
      (static_cast<uint32_t>(x) << headroom_plus_one) - (static_cast<uint32_t>(1) << 31));
  using F0 = gemmlowp::FixedPoint<int32_t, 0>;
  return gemmlowp::one_over_one_plus_x_for_x_in_0_1(F0::FromRaw(shifted_minus_one)).raw();
}

int count_leading_sign_bits(int32_t x) {
  if (x >= 0) return count_leading_zeros(static_cast<uint32_t>(x)) - 1;
  if (x == std::numeric_limits<int32_t>::min()) return 0;
  return count_leading_zeros(2 * static_cast<uint32_t>(-x) - 1);
}

}  // namespace vnpu::kernels
