#include "kernels/log_softmax.h"

#include <gemmlowp/fixedpoint/fixedpoint.h>

#include <algorithm>
#include <limits>

#include "kernels/softmax.h"

namespace vnpu::kernels {
namespace {

constexpr int kInputIntegerBits = 5;
constexpr int kAccumulationIntegerBits = 12;
constexpr int kOutputIntegerBits = 4;
using F0 = gemmlowp::FixedPoint<int32_t, 0>;
using F5 = gemmlowp::FixedPoint<int32_t, kInputIntegerBits>;
using F12 = gemmlowp::FixedPoint<int32_t, kAccumulationIntegerBits>;

int count_leading_zeros(uint32_t x) { return x == 0 ? 32 : __builtin_clz(x); }

int32_t saturate_to_int32(int64_t x) {
  return static_cast<int32_t>(std::clamp<int64_t>(x, std::numeric_limits<int32_t>::min(),
                                                  std::numeric_limits<int32_t>::max()));
}

// TFLite SaturatingRoundingMultiplyByPOTParam for int32, exponent >= 0.
int32_t saturating_shift_left(int32_t x, int exponent) {
  if (exponent == 0) return x;
  const int32_t threshold = (1 << (31 - exponent)) - 1;
  if (x > threshold) return std::numeric_limits<int32_t>::max();
  if (x < -threshold) return std::numeric_limits<int32_t>::min();
  return static_cast<int32_t>(static_cast<uint32_t>(x) << exponent);
}

// TFLite log_x_for_x_greater_than_or_equal_to_1<5>(Q12 input): log(x) in Q5.26.
int32_t log_q5_of_q12(F12 input) {
  constexpr int kAccumBits = kInputIntegerBits + 1;
  using FAccum = gemmlowp::FixedPoint<int32_t, kAccumBits>;
  const F0 log_2 = F0::FromRaw(1488522236);
  const F0 sqrt_sqrt_half = F0::FromRaw(1805811301);
  const F0 sqrt_half = F0::FromRaw(1518500250);
  const F0 one_quarter = F0::FromRaw(536870912);
  const F0 alpha_n = F0::FromRaw(117049297);
  const F0 alpha_d = F0::FromRaw(127690142);
  const F0 alpha_i = F0::FromRaw(1057819769);
  const F0 alpha_f = F0::FromRaw(638450708);
  const FAccum shifted_quarter = gemmlowp::Rescale<kAccumBits>(one_quarter);

  const F0 z_a = F0::FromRaw(input.raw());
  const int z_a_headroom_plus_1 = count_leading_zeros(static_cast<uint32_t>(z_a.raw()));
  const F0 r_a_tmp = F0::FromRaw(saturating_shift_left(z_a.raw(), z_a_headroom_plus_1 - 1));
  const int32_t r_a_raw = saturating_shift_left((r_a_tmp * sqrt_half).raw(), 1);
  const FAccum z_a_pow_2_adj = FAccum::FromRaw(saturate_to_int32(
      int64_t{saturating_shift_left(kAccumulationIntegerBits - z_a_headroom_plus_1,
                                    31 - kAccumBits)} +
      shifted_quarter.raw()));

  const F0 z_b = z_a * sqrt_half;
  const int z_b_headroom = count_leading_zeros(static_cast<uint32_t>(z_b.raw())) - 1;
  const int32_t r_b_raw = saturating_shift_left(z_a.raw(), z_b_headroom);
  const FAccum z_b_pow_2_adj = FAccum::FromRaw(saturate_to_int32(
      int64_t{saturating_shift_left(kAccumulationIntegerBits - z_b_headroom, 31 - kAccumBits)} -
      shifted_quarter.raw()));

  const F0 r = F0::FromRaw(std::min(r_a_raw, r_b_raw));
  const FAccum z_pow_2_adj = FAccum::FromRaw(std::max(z_a_pow_2_adj.raw(), z_b_pow_2_adj.raw()));
  const F0 p = gemmlowp::RoundingHalfSum(r, sqrt_sqrt_half);
  F0 q = r - sqrt_sqrt_half;
  q = q + q;
  const F0 common_sq = q * q;
  const F0 num = q * r + q * common_sq * alpha_n;
  const F0 denom_minus_one = p * (alpha_i + q + alpha_d * common_sq) + alpha_f * q;
  const F0 recip_denom = gemmlowp::one_over_one_plus_x_for_x_in_0_1(denom_minus_one);
  const FAccum num_scaled = gemmlowp::Rescale<kAccumBits>(num);
  return gemmlowp::Rescale<kInputIntegerBits>(z_pow_2_adj * log_2 + num_scaled * recip_denom)
      .raw();
}

}  // namespace

bool make_s8_log_softmax_params(float input_scale, LogSoftmaxParams* params) {
  SoftmaxParams softmax;
  if (!make_s8_softmax_params(input_scale, 1.0f, &softmax)) return false;
  params->input_multiplier = softmax.input_multiplier;
  params->input_left_shift = softmax.input_left_shift;
  params->diff_min = softmax.diff_min;
  const double reverse = static_cast<double>(int64_t{1} << (31 - softmax.input_left_shift)) /
                         static_cast<double>(softmax.input_multiplier);
  params->reverse_scaling = quantize_multiplier(reverse);
  return params->reverse_scaling.shift <= 0;
}

void s8_log_softmax(const LogSoftmaxParams& params, const Dims& dims, const int8_t* input,
                    const Dims& /*output_dims*/, int8_t* output) {
  const int32_t depth = dims.rank() > 0 ? dims[dims.rank() - 1] : 1;
  const int64_t outer = depth > 0 ? dims.flat_size() / depth : 0;
  for (int64_t row = 0; row < outer; ++row) {
    const int8_t* in = input + row * depth;
    int8_t* out = output + row * depth;
    int32_t max_in_row = -128;
    for (int32_t c = 0; c < depth; ++c) max_in_row = std::max<int32_t>(max_in_row, in[c]);

    F12 sum_of_exps = F12::FromRaw(0);
    for (int32_t c = 0; c < depth; ++c) {
      const int32_t diff = in[c] - max_in_row;
      if (diff >= params.diff_min) {
        const int32_t diff_q5 = multiply_by_quantized_multiplier(diff, params.input_multiplier,
                                                                 params.input_left_shift);
        sum_of_exps = sum_of_exps + gemmlowp::Rescale<kAccumulationIntegerBits>(
                                        gemmlowp::exp_on_negative_values(F5::FromRaw(diff_q5)));
      }
    }
    const int32_t log_sum_q5 = log_q5_of_q12(sum_of_exps);
    const auto shifted_log_sum = static_cast<int32_t>(static_cast<uint32_t>(log_sum_q5) +
                                                      (uint32_t{1} << 31));
    const int32_t adjusted_diff_min =
        std::max(params.diff_min - 1,
                 multiply_by_quantized_multiplier(shifted_log_sum, params.reverse_scaling));
    for (int32_t c = 0; c < depth; ++c) {
      const int32_t diff = in[c] - max_in_row;
      if (diff > adjusted_diff_min) {
        const int32_t diff_q5 = multiply_by_quantized_multiplier(diff, params.input_multiplier,
                                                                 params.input_left_shift);
        const int32_t value =
            rounding_divide_by_pot(diff_q5 - log_sum_q5,
                                   31 - kInputIntegerBits - kOutputIntegerBits) +
            127;
        out[c] = static_cast<int8_t>(clamp_to(value, -128, 127));
      } else {
        out[c] = -128;
      }
    }
  }
}

}  // namespace vnpu::kernels
