// Requantization round modes (isa::scale_value): hand-derived ties, TFLite's
// MultiplyByQuantizedMultiplier, 40-bit accumulators, and the 64-bit route
// against an independent 128-bit rule.
#include "isa/output_scaling.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <random>

#include "kernels/quant_math.h"

namespace vnpu::isa {
namespace {

// The 128-bit rule of output_scaling.h, written out independently.
int64_t scale_value_128(int64_t value, uint32_t multiplier, int shift, RoundMode mode) {
  __extension__ typedef __int128 Int128;
  const Int128 product = static_cast<Int128>(value) * multiplier;
  Int128 result = product;
  if (shift > 0) {
    const Int128 half = static_cast<Int128>(1) << (shift - 1);
    if (mode == RoundMode::kTruncate) {
      result = product >= 0 ? product >> shift : -((-product) >> shift);
    } else if (mode == RoundMode::kNatural) {
      result = (product + half) >> shift;
    } else {
      const Int128 extra = shift > 31 ? (value >= 0 ? (Int128{1} << 30) : -(Int128{1} << 30)) : 0;
      result = (product + half + extra) >> shift;
    }
  }
  if (result > INT64_MAX) return INT64_MAX;
  if (result < INT64_MIN) return INT64_MIN;
  return static_cast<int64_t>(result);
}

// scale_value takes a 64-bit route for int32 values and multipliers below 2^31:
// random and edge operands on both sides of that line agree with the 128-bit rule.
TEST(ScaleValueTest, SixtyFourBitRouteEqualsTheOneHundredTwentyEightBitRule) {
  std::mt19937_64 rng(5);
  const int64_t values[] = {
      0, 1, -1, INT32_MAX, INT32_MIN + 1, INT32_MIN, int64_t{INT32_MAX} + 1, INT64_MAX, INT64_MIN};
  const uint32_t multipliers[] = {0, 1, 0x40000000u, 0x7FFFFFFFu, 0x80000000u, 0xFFFFFFFFu};
  for (int mode = 0; mode < 3; ++mode) {
    const RoundMode m = static_cast<RoundMode>(mode);
    for (int shift = 0; shift <= 63; ++shift) {
      for (const int64_t v : values) {
        for (const uint32_t mul : multipliers) {
          ASSERT_EQ(scale_value(v, mul, shift, m), scale_value_128(v, mul, shift, m))
              << v << " * " << mul << " >> " << shift << " mode " << mode;
        }
      }
      for (int i = 0; i < 2000; ++i) {
        const int64_t v = static_cast<int64_t>(rng()) >> (rng() % 64);
        const uint32_t mul = static_cast<uint32_t>(rng() >> (rng() % 33));
        ASSERT_EQ(scale_value(v, mul, shift, m), scale_value_128(v, mul, shift, m))
            << v << " * " << mul << " >> " << shift << " mode " << mode;
      }
    }
  }
}

TEST(ScaleValueTest, HandDerivedTiesPerRoundMode) {
  // 5 / 2 = 2.5 and -5 / 2 = -2.5.
  EXPECT_EQ(scale_value(5, 1, 1, RoundMode::kNatural), 3);
  EXPECT_EQ(scale_value(-5, 1, 1, RoundMode::kNatural), -2);
  EXPECT_EQ(scale_value(5, 1, 1, RoundMode::kTruncate), 2);
  EXPECT_EQ(scale_value(-5, 1, 1, RoundMode::kTruncate), -2);
  EXPECT_EQ(scale_value(5, 1, 1, RoundMode::kDbl), 3);  // shift <= 31: one rounding, half up
  EXPECT_EQ(scale_value(-5, 1, 1, RoundMode::kDbl), -2);
  // 3 * 0.5 / 4 = 0.375: TFLite rounds 1.5 to 2 at bit 31, then 2 / 4 = 0.5 away from 0 -> 1.
  EXPECT_EQ(scale_value(3, 1u << 30, 33, RoundMode::kDbl), 1);
  EXPECT_EQ(scale_value(3, 1u << 30, 33, RoundMode::kNatural), 0);
  EXPECT_EQ(scale_value(3, 1u << 30, 33, RoundMode::kTruncate), 0);
  // -3 * 0.5 = -1.5 rounds to -1 at bit 31, then -1 / 4 -> 0.
  EXPECT_EQ(scale_value(-3, 1u << 30, 33, RoundMode::kDbl), 0);
  // -7 * 0.5 = -3.5 -> -3, then -3 / 2 = -1.5 -> -2 (away from zero).
  EXPECT_EQ(scale_value(-7, 1u << 30, 32, RoundMode::kDbl), -2);
  EXPECT_EQ(scale_value(-7, 1u << 30, 32, RoundMode::kNatural), -2);  // -1.75 -> -2
  EXPECT_EQ(scale_value(-7, 1u << 30, 32, RoundMode::kTruncate), -1);
  EXPECT_EQ(scale_value(123, 7, 0, RoundMode::kDbl), 861);  // no shift: exact product
}

TEST(ScaleValueTest, DblEqualsTfliteMultiplyByQuantizedMultiplier) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> real(-12.0, 1.0);
  std::uniform_int_distribution<int32_t> value(-(1 << 24), 1 << 24);
  for (int i = 0; i < 200000; ++i) {
    const kernels::QuantizedMultiplier m = kernels::quantize_multiplier(std::pow(2.0, real(rng)));
    if (m.multiplier == 0) continue;
    const int32_t x = value(rng) >> (i % 16);  // small values too, so ties are frequent
    const int32_t expected = kernels::multiply_by_quantized_multiplier(x, m);
    const int64_t got =
        scale_value(x, static_cast<uint32_t>(m.multiplier), 31 - m.shift, RoundMode::kDbl);
    ASSERT_EQ(got, expected) << x << " * " << m.multiplier << " shift " << m.shift;
  }
}

TEST(ScaleValueTest, FortyBitValuesDoNotOverflow) {
  const int64_t acc = (int64_t{1} << 39) - 1;
  // (2^39 - 1)(2^32 - 1) / 2^63 = 256 - 2^-31 - 2^-24 + tiny: rounds to 256.
  EXPECT_EQ(scale_value(acc, 0xFFFFFFFFu, 63, RoundMode::kNatural), 256);
  EXPECT_EQ(scale_value(acc, 0xFFFFFFFFu, 63, RoundMode::kTruncate), 255);
  EXPECT_EQ(scale_value(acc, 0x80000000u, 40, RoundMode::kTruncate), (acc >> 9));
}

}  // namespace
}  // namespace vnpu::isa
