// s8_softmax / s8_softmax_s16 against hand-derived parameters, the gemmlowp
// constants they rely on, exact saturated cases and the real softmax (within
// one output step) over random rows of odd and prime depths, beta != 1, and
// every pair of int8 inputs for depth 2.
#include "kernels/softmax.h"

#include <gemmlowp/fixedpoint/fixedpoint.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "core/deterministic_rng.h"

namespace vnpu::kernels {
namespace {

// round(p * 2^bits) + type minimum, clamped: the fixed output quantization.
template <typename OutT>
std::vector<int32_t> float_softmax(const std::vector<int8_t>& row, float scale, float beta) {
  constexpr double kSteps = -2.0 * std::numeric_limits<OutT>::min();
  const int8_t max = *std::max_element(row.begin(), row.end());
  double sum = 0;
  for (int8_t x : row) sum += std::exp(static_cast<double>(beta) * scale * (x - max));
  std::vector<int32_t> result;
  for (int8_t x : row) {
    const double p = std::exp(static_cast<double>(beta) * scale * (x - max)) / sum;
    const double q = std::round(p * kSteps) + std::numeric_limits<OutT>::min();
    result.push_back(static_cast<int32_t>(std::clamp<double>(
        q, std::numeric_limits<OutT>::min(), std::numeric_limits<OutT>::max())));
  }
  return result;
}

SoftmaxParams params_for(float scale, float beta) {
  SoftmaxParams p;
  EXPECT_TRUE(make_s8_softmax_params(scale, beta, &p));
  return p;
}

TEST(S8Softmax, GemmlowpExpAndReciprocalAgainstRealFunctions) {
  using F0 = gemmlowp::FixedPoint<int32_t, 0>;
  using F5 = gemmlowp::FixedPoint<int32_t, 5>;
  const double one = 2147483648.0;
  // exp(0) is "one", the largest Q0.31 value.
  EXPECT_EQ(gemmlowp::exp_on_negative_values(F5::Zero()).raw(),
            std::numeric_limits<int32_t>::max());
  // Q5.26 inputs across [-32, 0]: within 2^-20 of the real exponential.
  for (int32_t raw = 0; raw > std::numeric_limits<int32_t>::min() + 98765; raw -= 98765) {
    const double x = raw / 67108864.0;
    EXPECT_NEAR(gemmlowp::exp_on_negative_values(F5::FromRaw(raw)).raw(), std::exp(x) * one,
                one / (1 << 20))
        << x;
  }
  // The barrel shifter's exp(-1) constant is exp(-1) rounded to Q0.31:
  // exp(-1.25) = exp(-0.25) * 790015084 with one rounding high multiply.
  EXPECT_EQ(std::llround(std::exp(-1.0) * one), 790015084);
  const int64_t quarter = gemmlowp::exp_on_negative_values(F5::FromRaw(-(1 << 24))).raw();
  const int64_t expected = (quarter * 790015084 + (int64_t{1} << 30)) >> 31;
  EXPECT_EQ(gemmlowp::exp_on_negative_values(F5::FromRaw(-5 * (1 << 24))).raw(), expected);
  // 1 / (1 + x) for x in [0, 1) in Q0.31, within 2^-24 relative.
  for (int32_t raw = 0; raw >= 0 && raw < std::numeric_limits<int32_t>::max() - 9999991;
       raw += 9999991) {
    const double x = raw / one;
    EXPECT_NEAR(gemmlowp::one_over_one_plus_x_for_x_in_0_1(F0::FromRaw(raw)).raw(),
                one / (1.0 + x), one / (1 << 24))
        << x;
  }
}

TEST(S8Softmax, HandDerivedParameters) {
  // beta * scale * 2^26 = 2^22 -> Q31 2^30, shift 23; radius floor(31 * 2^26 / 2^23) = 248.
  SoftmaxParams p = params_for(1.0f / 16, 1.0f);
  EXPECT_EQ(p.input_multiplier, 1 << 30);
  EXPECT_EQ(p.input_left_shift, 23);
  EXPECT_EQ(p.diff_min, -248);
  // Scale 1: 2^26 -> shift 27, radius floor(31 / 2) = 15.
  p = params_for(1.0f, 1.0f);
  EXPECT_EQ(p.input_left_shift, 27);
  EXPECT_EQ(p.diff_min, -15);
  // 0.75 * 2^26 -> 0.75 * 2^26 = 0.75 * 2^26: Q31 1610612736, shift 26, radius floor(31 * 2^26 / 2^26) = 31.
  p = params_for(0.75f, 1.0f);
  EXPECT_EQ(p.input_multiplier, 1610612736);
  EXPECT_EQ(p.input_left_shift, 26);
  EXPECT_EQ(p.diff_min, -31);
  // beta * scale * 2^26 is capped at 2^31 - 1: shift 31, radius 0.
  p = params_for(1000.0f, 1000.0f);
  EXPECT_EQ(p.input_multiplier, std::numeric_limits<int32_t>::max());
  EXPECT_EQ(p.input_left_shift, 31);
  EXPECT_EQ(p.diff_min, 0);
  // TFLM's QuantizeMultiplierGreaterThanOne rejects a product of 2^-26 or less.
  SoftmaxParams unused;
  EXPECT_FALSE(make_s8_softmax_params(1.0f / (1 << 26), 1.0f, &unused));
  EXPECT_FALSE(make_s8_softmax_params(0.5f, 0.0f, &unused));
}

TEST(S8Softmax, ExactSaturatedAndUniformRows) {
  const SoftmaxParams p = params_for(1.0f, 1.0f);  // diff_min -15
  std::vector<int8_t> out(6);
  // Depth 1: probability 1 -> 256 - 128 = 128, clamped to 127.
  const std::vector<int8_t> one = {-7};
  s8_softmax(p, Dims{1, 1}, one.data(), Dims{1, 1}, out.data());
  EXPECT_EQ(out[0], 127);
  // Differences below -15 are skipped: exactly -128, and the max takes all.
  const std::vector<int8_t> far = {100, 84, -128, 100 - 16, 0, 50};
  s8_softmax(p, Dims{6}, far.data(), Dims{6}, out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{127, -128, -128, -128, -128, -128}));
  // Two equal maxima: exactly 1/2 -> 0.
  const std::vector<int8_t> pair = {9, 9};
  s8_softmax(p, Dims{2}, pair.data(), Dims{2}, out.data());
  EXPECT_EQ(out[0], 0);
  EXPECT_EQ(out[1], 0);
  // Four equal: 1/4 -> -64.
  const std::vector<int8_t> four = {-3, -3, -3, -3};
  s8_softmax(p, Dims{2, 2}, four.data(), Dims{2, 2}, out.data());
  EXPECT_EQ(std::vector<int8_t>(out.begin(), out.begin() + 4),
            (std::vector<int8_t>{0, 0, 0, 0}));  // rows of two
  s8_softmax(p, Dims{4}, four.data(), Dims{4}, out.data());
  EXPECT_EQ(std::vector<int8_t>(out.begin(), out.begin() + 4),
            (std::vector<int8_t>{-64, -64, -64, -64}));
}

TEST(S8Softmax, EveryPairOfInputsForDepthTwo) {
  std::vector<int8_t> input;
  for (int a = -128; a <= 127; ++a) {
    for (int b = -128; b <= 127; ++b) {
      input.push_back(static_cast<int8_t>(a));
      input.push_back(static_cast<int8_t>(b));
    }
  }
  std::vector<int8_t> out(input.size());
  for (float scale : {0.0146362f, 0.171853f, 1.0f / 16}) {
    const SoftmaxParams p = params_for(scale, 1.0f);
    s8_softmax(p, Dims{65536, 2}, input.data(), Dims{65536, 2}, out.data());
    for (size_t row = 0; row < 65536; ++row) {
      const std::vector<int8_t> x(input.begin() + 2 * row, input.begin() + 2 * row + 2);
      const std::vector<int32_t> want = float_softmax<int8_t>(x, scale, 1.0f);
      for (size_t c = 0; c < 2; ++c) {
        ASSERT_LE(std::abs(out[2 * row + c] - want[c]), 1)
            << "scale " << scale << " inputs " << int{x[0]} << ", " << int{x[1]};
      }
    }
  }
}

template <typename OutT>
void check_random_rows(void (*kernel)(const SoftmaxParams&, const Dims&, const int8_t*,
                                      const Dims&, OutT*),
                       int tolerance) {
  DeterministicRng rng(5);
  for (int32_t depth : {1, 2, 3, 7, 10, 13, 101, 257, 1000, 1001}) {
    for (float beta : {1.0f, 0.5f, 2.0f, 0.1f}) {
      for (float scale : {0.003f, 0.05f, 0.25f}) {
        const SoftmaxParams p = params_for(scale, beta);
        const int32_t rows = 5;
        std::vector<int8_t> in(static_cast<size_t>(rows * depth));
        const int32_t spread = rng.uniform(1, 255);
        const int32_t low = rng.uniform(-128, 127 - spread);
        for (auto& v : in) v = static_cast<int8_t>(rng.uniform(low, low + spread));
        std::vector<OutT> out(in.size());
        kernel(p, Dims{rows, depth}, in.data(), Dims{rows, depth}, out.data());
        for (int32_t r = 0; r < rows; ++r) {
          const std::vector<int8_t> row(in.begin() + r * depth, in.begin() + (r + 1) * depth);
          const std::vector<int32_t> want = float_softmax<OutT>(row, scale, beta);
          for (int32_t c = 0; c < depth; ++c) {
            ASSERT_LE(std::abs(out[static_cast<size_t>(r * depth + c)] - want[c]), tolerance)
                << "depth " << depth << " beta " << beta << " scale " << scale;
          }
        }
      }
    }
  }
}

TEST(S8Softmax, WithinOneStepOfRealSoftmaxOnRandomRows) {
  check_random_rows<int8_t>(s8_softmax, 1);
}

TEST(S8Softmax, Int16OutputCloseToRealSoftmax) {
  check_random_rows<int16_t>(s8_softmax_s16, 1);
  // Depth 1 saturates to the int16 maximum; two equal inputs are exactly 0.
  const SoftmaxParams p = params_for(0.5f, 1.0f);
  const std::vector<int8_t> in = {3, 3, 127};
  std::vector<int16_t> out(3);
  s8_softmax_s16(p, Dims{2}, in.data(), Dims{2}, out.data());
  EXPECT_EQ(out[0], 0);
  s8_softmax_s16(p, Dims{1}, in.data() + 2, Dims{1}, out.data() + 2);
  EXPECT_EQ(out[2], 32767);
}

TEST(S8Softmax, LongUniformRowUnderflowsToZeroProbability) {
  // 600 equal inputs: each 1/600 = 0.43 / 256 rounds to 0 -> -128. The sum
  // exceeds 2^28 here, where TFLM's shift would pass 31.
  const SoftmaxParams p = params_for(0.1f, 1.0f);
  const std::vector<int8_t> in(600, 5);
  std::vector<int8_t> out(600);
  s8_softmax(p, Dims{600}, in.data(), Dims{600}, out.data());
  for (int8_t v : out) ASSERT_EQ(v, -128);
}

}  // namespace
}  // namespace vnpu::kernels
