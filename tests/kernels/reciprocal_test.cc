// TFLite's fixed-point reciprocals: the values they approximate, and the edge
// inputs TFLite handles specially.
#include "kernels/reciprocal.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>

namespace vnpu::kernels {
namespace {

double real_value(QuantizedMultiplier m) {
  return static_cast<double>(m.multiplier) * std::ldexp(1.0, m.shift - 31);
}

TEST(InvSqrtQuantizedMultiplier, ApproximatesOneOverTheSquareRoot) {
  for (int32_t x : {2, 3, 4, 10, 255, 65025, 1 << 20, (1 << 29) + 7, 2000000000}) {
    // Five Newton steps in Q3.28 on an input that drops its lowest bit (and,
    // above 2^29, the bits divided away by 4s): about 1.3e-6 relative.
    const double expected = 1.0 / std::sqrt(static_cast<double>(x));
    EXPECT_NEAR(real_value(inv_sqrt_quantized_multiplier(x)) / expected, 1.0, 2e-6) << x;
  }
}

TEST(InvSqrtQuantizedMultiplier, ZeroAndOneGiveTheLargestMultiplier) {
  for (int32_t x : {0, 1}) {
    const QuantizedMultiplier m = inv_sqrt_quantized_multiplier(x);
    EXPECT_EQ(m.multiplier, std::numeric_limits<int32_t>::max());
    EXPECT_EQ(m.shift, 0);
  }
}

TEST(ReciprocalQ31, ApproximatesOneOverX) {
  for (int32_t x : {1, 2, 3, 5, 100, 255, 1 << 20}) {
    int bits_over_unit = 0;
    const int32_t reciprocal = reciprocal_q31(x, 31, &bits_over_unit);
    const double value = static_cast<double>(reciprocal) * std::ldexp(1.0, -31 - bits_over_unit);
    EXPECT_NEAR(value * x, 1.0, 1e-6) << x;
  }
}

TEST(CountLeadingSignBits, MatchesTheRedundantSignBits) {
  EXPECT_EQ(count_leading_sign_bits(0), 31);
  EXPECT_EQ(count_leading_sign_bits(1), 30);
  EXPECT_EQ(count_leading_sign_bits(-1), 31);
  EXPECT_EQ(count_leading_sign_bits(-2), 30);
  EXPECT_EQ(count_leading_sign_bits(-3), 29);
  EXPECT_EQ(count_leading_sign_bits(255), 23);
  EXPECT_EQ(count_leading_sign_bits(std::numeric_limits<int32_t>::max()), 0);
  EXPECT_EQ(count_leading_sign_bits(std::numeric_limits<int32_t>::min()), 0);
}

}  // namespace
}  // namespace vnpu::kernels
