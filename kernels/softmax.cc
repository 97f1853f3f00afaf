#include "kernels/softmax.h"

#include <gemmlowp/fixedpoint/fixedpoint.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "kernels/quant_math.h"

namespace vnpu::kernels {
namespace {

constexpr int kScaledDiffIntegerBits = 5;
constexpr int kAccumulationIntegerBits = 12;
using FixedPointScaledDiff = gemmlowp::FixedPoint<int32_t, kScaledDiffIntegerBits>;
using FixedPointAccum = gemmlowp::FixedPoint<int32_t, kAccumulationIntegerBits>;
using FixedPoint0 = gemmlowp::FixedPoint<int32_t, 0>;

// exp(diff * beta * input_scale) in Q0.31 for diff <= 0 within diff_min.
FixedPoint0 exp_of_diff(int32_t diff, const SoftmaxParams& params) {
  // MultiplyByQuantizedMultiplierGreaterThanOne (shift >= 0).
  const int32_t rescaled =
      multiply_by_quantized_multiplier(diff, params.input_multiplier, params.input_left_shift);
  return gemmlowp::exp_on_negative_values(FixedPointScaledDiff::FromRaw(rescaled));
}

int count_leading_zeros(uint32_t x) {
  int zeros = 0;
  for (uint32_t bit = uint32_t{1} << 31; bit != 0 && (x & bit) == 0; bit >>= 1) ++zeros;
  return zeros;
}

// TFLite GetReciprocal: 1 / x for x in Q(x_integer_bits), as a Q0.31 scale
// and the number of bits of x above 1.0.
int32_t reciprocal(int32_t x, int x_integer_bits, int* num_bits_over_unit) {
  const int headroom_plus_one = count_leading_zeros(static_cast<uint32_t>(x));
  *num_bits_over_unit = x_integer_bits - headroom_plus_one;
  const auto shifted_sum_minus_one = static_cast<int32_t>(
      (static_cast<uint32_t>(x) << headroom_plus_one) - (uint32_t{1} << 31));
  return gemmlowp::one_over_one_plus_x_for_x_in_0_1(FixedPoint0::FromRaw(shifted_sum_minus_one))
      .raw();
}

template <typename OutT>
void softmax_rows(const SoftmaxParams& params, const Dims& input_dims, const int8_t* input,
                  OutT* output) {
  constexpr int32_t kOutMin = std::numeric_limits<OutT>::min();
  constexpr int32_t kOutMax = std::numeric_limits<OutT>::max();
  constexpr int kOutBits = static_cast<int>(sizeof(OutT) * 8);
  const int32_t depth = input_dims[input_dims.rank() - 1];
  const int64_t outer = depth == 0 ? 0 : input_dims.flat_size() / depth;
  for (int64_t row = 0; row < outer; ++row) {
    const int8_t* in = input + row * depth;
    OutT* out = output + row * depth;
    int8_t max_in_row = std::numeric_limits<int8_t>::min();
    for (int32_t c = 0; c < depth; ++c) max_in_row = std::max(max_in_row, in[c]);

    FixedPointAccum sum_of_exps = FixedPointAccum::Zero();
    for (int32_t c = 0; c < depth; ++c) {
      const int32_t diff = static_cast<int32_t>(in[c]) - max_in_row;
      if (diff >= params.diff_min) {
        sum_of_exps =
            sum_of_exps + gemmlowp::Rescale<kAccumulationIntegerBits>(exp_of_diff(diff, params));
      }
    }
    int num_bits_over_unit = 0;
    const FixedPoint0 shifted_scale = FixedPoint0::FromRaw(
        reciprocal(sum_of_exps.raw(), kAccumulationIntegerBits, &num_bits_over_unit));
    // TFLM checks exponent <= 31; a larger one (only for rows of > 511 near-max
    // int8 outputs) divides a value below 2^31 by 2^32 or more, which rounds to 0.
    const int exponent = num_bits_over_unit + 31 - kOutBits;

    for (int32_t c = 0; c < depth; ++c) {
      const int32_t diff = static_cast<int32_t>(in[c]) - max_in_row;
      if (diff < params.diff_min) {
        out[c] = static_cast<OutT>(kOutMin);
        continue;
      }
      const int32_t product = (shifted_scale * exp_of_diff(diff, params)).raw();
      const int32_t unsaturated = exponent <= 31 ? rounding_divide_by_pot(product, exponent) : 0;
      out[c] = static_cast<OutT>(clamp_to(unsaturated + kOutMin, kOutMin, kOutMax));
    }
  }
}

}  // namespace

bool make_s8_softmax_params(float input_scale, float beta, SoftmaxParams* params) {
  // PreprocessSoftmaxScaling (double rounding build: cap at 2^31 - 1).
  const double max_real_multiplier = static_cast<double>((int64_t{1} << 31) - 1);
  const double real_multiplier =
      std::min(static_cast<double>(beta) * static_cast<double>(input_scale) *
                   static_cast<double>(1 << (31 - kScaledDiffIntegerBits)),
               max_real_multiplier);
  if (!(real_multiplier > 1.0)) return false;
  const QuantizedMultiplier multiplier = quantize_multiplier(real_multiplier);
  params->input_multiplier = multiplier.multiplier;
  params->input_left_shift = multiplier.shift;
  // CalculateInputRadius(5, left_shift, 31), negated.
  const double max_input_rescaled =
      1.0 * ((1 << kScaledDiffIntegerBits) - 1) *
      static_cast<double>(int64_t{1} << (31 - kScaledDiffIntegerBits)) /
      static_cast<double>(int64_t{1} << multiplier.shift);
  params->diff_min = -static_cast<int32_t>(std::floor(max_input_rescaled));
  return true;
}

void s8_softmax(const SoftmaxParams& params, const Dims& input_dims, const int8_t* input,
                const Dims& /*output_dims*/, int8_t* output) {
  softmax_rows(params, input_dims, input, output);
}

void s8_softmax_s16(const SoftmaxParams& params, const Dims& input_dims, const int8_t* input,
                    const Dims& /*output_dims*/, int16_t* output) {
  softmax_rows(params, input_dims, input, output);
}

}  // namespace vnpu::kernels
