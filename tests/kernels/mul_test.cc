// s8_mul against hand-derived exact cases (including TFLite's double-rounding
// quirk), a real-valued oracle over all 256 x 256 input pairs and the
// broadcast of a scalar and a per-channel vector.
#include "kernels/mul.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "core/deterministic_rng.h"

namespace vnpu::kernels {
namespace {

void all_pairs(std::vector<int8_t>* x1, std::vector<int8_t>* x2) {
  for (int a = -128; a <= 127; ++a) {
    for (int b = -128; b <= 127; ++b) {
      x1->push_back(static_cast<int8_t>(a));
      x2->push_back(static_cast<int8_t>(b));
    }
  }
}

TEST(S8Mul, HandDerivedMultiplier) {
  // 0.5 * 0.25 / 0.0625 = 2 = 0.5 * 2^2 -> Q31 2^30, shift 2.
  const MulParams p = make_s8_mul_params(0.5f, 3, 0.25f, -4, 0.0625f, 9);
  EXPECT_EQ(p.input1_offset, -3);
  EXPECT_EQ(p.input2_offset, 4);
  EXPECT_EQ(p.output_offset, 9);
  EXPECT_EQ(p.output_multiplier.multiplier, 1 << 30);
  EXPECT_EQ(p.output_multiplier.shift, 2);
}

TEST(S8Mul, UnitScalesGiveTheExactClampedProduct) {
  // Multiplier 1.0 = 2^30 with shift 1: x * 2 then the Q31 half -> exactly x.
  std::vector<int8_t> x1, x2;
  all_pairs(&x1, &x2);
  std::vector<int8_t> out(x1.size());
  const MulParams p = make_s8_mul_params(1.0f, -128, 1.0f, 127, 1.0f, 10);
  s8_mul(p, Dims{65536}, x1.data(), Dims{65536}, x2.data(), Dims{65536}, out.data());
  for (size_t i = 0; i < out.size(); ++i) {
    const int32_t expected = std::clamp((x1[i] + 128) * (x2[i] - 127) + 10, -128, 127);
    ASSERT_EQ(out[i], expected) << int{x1[i]} << " * " << int{x2[i]};
  }
}

TEST(S8Mul, DoubleRoundingOfAQuarter) {
  // Multiplier 0.25 = 2^30 with shift -1. For p = 1: the Q31 high multiply
  // rounds 0.5 up to 1, then the rounding shift rounds 0.5 away from zero to
  // 1, so 1 * 1 * 0.25 gives 1 where a single rounding would give 0.
  // p = -1: high multiply gives round(-0.5) = 0 (ties toward +inf) -> 0.
  // p = 2: exactly 1 then 0.5 -> 1; p = 6: 3 then 1.5 -> 2; p = -6: -3, -1.5 -> -2.
  const MulParams p = make_s8_mul_params(1.0f, 0, 1.0f, 0, 4.0f, 0);
  ASSERT_EQ(p.output_multiplier.shift, -1);
  const std::vector<int8_t> a = {1, -1, 1, 2, 3, -3, 0};
  const std::vector<int8_t> b = {1, 1, 2, 3, 5, 2, 9};
  std::vector<int8_t> out(a.size());
  s8_mul(p, Dims{7}, a.data(), Dims{7}, b.data(), Dims{7}, out.data());
  // products: 1, -1, 2, 6, 15 (7.5 -> 8 -> 4), -6, 0
  EXPECT_EQ(out, (std::vector<int8_t>{1, 0, 1, 2, 4, -2, 0}));
}

TEST(S8Mul, WithinOneStepOfRealArithmeticForAllPairs) {
  struct Case {
    float s1;
    int32_t z1;
    float s2;
    int32_t z2;
    float so;
    int32_t zo;
  };
  const std::vector<Case> cases = {
      {0.02f, -128, 0.03f, 127, 0.1f, 0},
      {0.5f, 0, 0.5f, 0, 0.001f, -128},  // saturates
      {0.004f, 5, 0.007f, -9, 0.00003f, 3},
      {1.0f, 0, 1.0f, 0, 300.0f, 0},  // shrinks
  };
  std::vector<int8_t> x1, x2;
  all_pairs(&x1, &x2);
  std::vector<int8_t> out(x1.size());
  for (const Case& c : cases) {
    const MulParams p = make_s8_mul_params(c.s1, c.z1, c.s2, c.z2, c.so, c.zo);
    s8_mul(p, Dims{65536}, x1.data(), Dims{65536}, x2.data(), Dims{65536}, out.data());
    for (size_t i = 0; i < out.size(); ++i) {
      const double real = static_cast<double>(c.s1) * (x1[i] - c.z1) *
                          static_cast<double>(c.s2) * (x2[i] - c.z2);
      const double q = std::round(real / static_cast<double>(c.so)) + c.zo;
      const int32_t expected = static_cast<int32_t>(std::clamp(q, -128.0, 127.0));
      ASSERT_LE(std::abs(out[i] - expected), 1) << int{x1[i]} << " * " << int{x2[i]};
    }
  }
}

TEST(S8Mul, ActivationRangeClamps) {
  MulParams p = make_s8_mul_params(1.0f, 0, 1.0f, 0, 1.0f, 0);
  p.activation_min = 0;
  p.activation_max = 6;
  const std::vector<int8_t> a = {-2, 1, 2, 3};
  const std::vector<int8_t> b = {3, 5, 2, 3};
  std::vector<int8_t> out(4);
  s8_mul(p, Dims{4}, a.data(), Dims{4}, b.data(), Dims{4}, out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{0, 5, 4, 6}));
}

TEST(S8Mul, BroadcastsScalarAndPerChannelOperands) {
  const MulParams p = make_s8_mul_params(1.0f, 0, 1.0f, 0, 1.0f, 0);
  DeterministicRng rng(3);
  // [2,3,5] x scalar
  std::vector<int8_t> a(30);
  for (auto& v : a) v = static_cast<int8_t>(rng.uniform(-11, 11));
  const std::vector<int8_t> scalar = {-3};
  std::vector<int8_t> out(30);
  s8_mul(p, Dims{2, 3, 5}, a.data(), Dims{1}, scalar.data(), Dims{2, 3, 5}, out.data());
  for (size_t i = 0; i < 30; ++i) EXPECT_EQ(out[i], a[i] * -3);
  // per-channel [7] (input 1) x [1,3,7] (input 2)
  const std::vector<int8_t> channel = {1, -1, 2, -2, 3, -3, 0};
  std::vector<int8_t> c(21);
  for (auto& v : c) v = static_cast<int8_t>(rng.uniform(-20, 20));
  std::vector<int8_t> out2(21);
  s8_mul(p, Dims{7}, channel.data(), Dims{1, 3, 7}, c.data(), Dims{1, 3, 7}, out2.data());
  for (size_t i = 0; i < 21; ++i) EXPECT_EQ(out2[i], channel[i % 7] * c[i]) << i;
}

}  // namespace
}  // namespace vnpu::kernels
