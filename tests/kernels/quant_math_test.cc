#include "kernels/quant_math.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>

#include "core/deterministic_rng.h"

namespace vnpu::kernels {
namespace {

// Independent model of the high multiply: round(a*b / 2^31) with ties toward
// +infinity, i.e. floor((a*b + 2^30) / 2^31), saturating only INT32_MIN^2.
int32_t reference_high_mul(int32_t a, int32_t b) {
  if (a == std::numeric_limits<int32_t>::min() && b == a) {
    return std::numeric_limits<int32_t>::max();
  }
  const int64_t product = static_cast<int64_t>(a) * b;
  const int64_t numerator = product + (int64_t{1} << 30);
  const int64_t quotient = numerator >= 0 ? numerator >> 31 : -((-numerator + (int64_t{1} << 31) - 1) >> 31);
  return static_cast<int32_t>(quotient);
}

// Independent model of the rounding shift: x / 2^e rounded half away from zero.
int32_t reference_divide_by_pot(int32_t x, int exponent) {
  if (exponent == 0) return x;
  const double exact = static_cast<double>(x) / std::ldexp(1.0, exponent);
  return static_cast<int32_t>(exact >= 0 ? std::floor(exact + 0.5) : std::ceil(exact - 0.5));
}

TEST(QuantMath, QuantizeMultiplierOfExactPowersAndFractions) {
  EXPECT_EQ(quantize_multiplier(0.5).multiplier, 1 << 30);
  EXPECT_EQ(quantize_multiplier(0.5).shift, 0);
  EXPECT_EQ(quantize_multiplier(1.0).multiplier, 1 << 30);
  EXPECT_EQ(quantize_multiplier(1.0).shift, 1);
  EXPECT_EQ(quantize_multiplier(0.75).multiplier, 1610612736);
  EXPECT_EQ(quantize_multiplier(0.001).shift, -9);  // 0.001 = 0.512 * 2^-9
  EXPECT_EQ(quantize_multiplier(0.0).multiplier, 0);
  // A significand that rounds up to 2^31 is halved and the exponent bumped.
  const QuantizedMultiplier almost_one = quantize_multiplier(0.99999999999);
  EXPECT_EQ(almost_one.multiplier, 1 << 30);
  EXPECT_EQ(almost_one.shift, 1);
  // Exponents below -31 flush to zero.
  EXPECT_EQ(quantize_multiplier(1e-12).multiplier, 0);
  EXPECT_EQ(quantize_multiplier(1e-12).shift, 0);
}

TEST(QuantMath, HighMulMatchesIndependentModelIncludingTies) {
  EXPECT_EQ(saturating_rounding_doubling_high_mul(3, 1 << 30), 2);    // 1.5 -> 2
  EXPECT_EQ(saturating_rounding_doubling_high_mul(-3, 1 << 30), -1);  // -1.5 -> -1
  EXPECT_EQ(saturating_rounding_doubling_high_mul(std::numeric_limits<int32_t>::min(),
                                                  std::numeric_limits<int32_t>::min()),
            std::numeric_limits<int32_t>::max());
  DeterministicRng rng(11);
  for (int i = 0; i < 200000; ++i) {
    const auto a = static_cast<int32_t>(rng.next());
    const auto b = static_cast<int32_t>(rng.next() >> (rng.next() % 32));
    ASSERT_EQ(saturating_rounding_doubling_high_mul(a, b), reference_high_mul(a, b))
        << a << " * " << b;
  }
}

TEST(QuantMath, RoundingDivideByPotRoundsHalfAwayFromZero) {
  EXPECT_EQ(rounding_divide_by_pot(5, 1), 3);
  EXPECT_EQ(rounding_divide_by_pot(-5, 1), -3);
  EXPECT_EQ(rounding_divide_by_pot(-6, 2), -2);
  EXPECT_EQ(rounding_divide_by_pot(6, 2), 2);
  EXPECT_EQ(rounding_divide_by_pot(std::numeric_limits<int32_t>::min(), 31), -1);
  DeterministicRng rng(12);
  for (int i = 0; i < 200000; ++i) {
    const auto x = static_cast<int32_t>(rng.next());
    const int exponent = static_cast<int>(rng.next() % 32);
    ASSERT_EQ(rounding_divide_by_pot(x, exponent), reference_divide_by_pot(x, exponent))
        << x << " >> " << exponent;
  }
}

TEST(QuantMath, MultiplyByQuantizedMultiplierComposesShiftAndHighMul) {
  EXPECT_EQ(multiply_by_quantized_multiplier(100, 1 << 30, 0), 50);
  EXPECT_EQ(multiply_by_quantized_multiplier(100, 1 << 30, 2), 200);
  EXPECT_EQ(multiply_by_quantized_multiplier(100, 1 << 30, -3), 6);  // 6.25
  EXPECT_EQ(multiply_by_quantized_multiplier(-100, 1 << 30, -3), -6);
  EXPECT_EQ(multiply_by_quantized_multiplier(-12, 1 << 30, -2), -2);  // -1.5 -> -2 (second rounding)
  // A left shift that overflows int32 wraps as TFLite's int32 multiply does.
  EXPECT_EQ(multiply_by_quantized_multiplier(1 << 30, 1 << 30, 2), 0);
}

}  // namespace
}  // namespace vnpu::kernels

namespace vnpu::kernels {
namespace {

TEST(QuantizeMultiplier, ANonFiniteMultiplierGetsAShiftEveryRangeCheckRefuses) {
  for (double value : {std::numeric_limits<double>::infinity(),
                       std::numeric_limits<double>::quiet_NaN()}) {
    const QuantizedMultiplier q = quantize_multiplier(value);
    EXPECT_EQ(q.multiplier, 0);
    EXPECT_EQ(q.shift, std::numeric_limits<int32_t>::max());
  }
}

}  // namespace
}  // namespace vnpu::kernels

namespace vnpu::kernels {
namespace {

TEST(MultiplyByQuantizedMultiplier64, RoundsTheQ15MultiplierOnceHalfUp) {
  // 0.5 = (2^30, shift 0): the multiplier rounds to 16384 in Q15, one shift by 15.
  const QuantizedMultiplier half = quantize_multiplier(0.5);
  EXPECT_EQ(multiply_by_quantized_multiplier_64(1000, half), 500);
  EXPECT_EQ(multiply_by_quantized_multiplier_64(1001, half), 501);   // 500.5 up
  // 0.25 = (2^30, shift -1): -1002 / 4 = -250.5 rounds up once in 64 bits; the 32-bit path
  // rounds its right shift half away from zero.
  const QuantizedMultiplier quarter = quantize_multiplier(0.25);
  EXPECT_EQ(multiply_by_quantized_multiplier_64(-1002, quarter), -250);
  EXPECT_EQ(multiply_by_quantized_multiplier(-1002, quarter), -251);
  // Accumulators past 32 bits (the int64 bias) keep their value.
  EXPECT_EQ(multiply_by_quantized_multiplier_64(int64_t{1} << 40, quantize_multiplier(1.0 / 1024)),
            1 << 30);
  // A multiplier at or above 0x7FFF0000 saturates the Q15 form at 0x7FFF.
  QuantizedMultiplier top;
  top.multiplier = 0x7FFFFFFF;
  top.shift = 0;
  EXPECT_EQ(multiply_by_quantized_multiplier_64(32768, top), 32767);
}

TEST(RequantizeAccumulator, PicksTheOverloadOfTheAccumulatorType) {
  const QuantizedMultiplier half = quantize_multiplier(0.5);
  const QuantizedMultiplier quarter = quantize_multiplier(0.25);
  EXPECT_EQ(requantize_accumulator<int64_t>(-1002, quarter), -250);
  EXPECT_EQ(requantize_accumulator<int32_t>(-1002, quarter), -251);
  // The int32 accumulator wraps first, as TFLite's does.
  EXPECT_EQ(requantize_accumulator<int32_t>((int64_t{1} << 32) + 10, half), 5);
}

}  // namespace
}  // namespace vnpu::kernels
