// s8_logistic against hand-derived parameters, exact points (0, saturation)
// and the real sigmoid within one output step for every int8 input, over
// extreme zero points and small and large input scales.
#include "kernels/logistic.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace vnpu::kernels {
namespace {

std::vector<int8_t> every_int8() {
  std::vector<int8_t> values;
  for (int v = -128; v <= 127; ++v) values.push_back(static_cast<int8_t>(v));
  return values;
}

TEST(S8Logistic, HandDerivedParameters) {
  // 1/16 * 2^27 = 2^23 = 0.5 * 2^24 -> Q31 2^30, shift 24; radius floor(15 * 2^27 / 2^24) = 120.
  SigmoidLikeParams p;
  ASSERT_TRUE(make_s8_sigmoid_like_params(1.0f / 16, -3, &p));
  EXPECT_EQ(p.input_multiplier, 1 << 30);
  EXPECT_EQ(p.input_left_shift, 24);
  EXPECT_EQ(p.input_range_radius, 120);
  EXPECT_EQ(p.input_zero_point, -3);
  // 0.75 * 2^27 -> 0.75 * 2^31 = 1610612736, shift 27; radius floor(15 / 1) = 15.
  ASSERT_TRUE(make_s8_sigmoid_like_params(0.75f, 0, &p));
  EXPECT_EQ(p.input_multiplier, 1610612736);
  EXPECT_EQ(p.input_left_shift, 27);
  EXPECT_EQ(p.input_range_radius, 15);
  // Scales of 16 and above, or below 2^-28, are outside TFLM's defined shifts.
  EXPECT_FALSE(make_s8_sigmoid_like_params(16.0f, 0, &p));
  EXPECT_FALSE(make_s8_sigmoid_like_params(1e-9f, 0, &p));
  EXPECT_TRUE(make_s8_sigmoid_like_params(15.9f, 0, &p));
  EXPECT_EQ(p.input_range_radius, 0);  // every input saturates
}

TEST(S8Logistic, ExactPoints) {
  SigmoidLikeParams p;
  ASSERT_TRUE(make_s8_sigmoid_like_params(1.0f / 16, 10, &p));  // radius 120
  const std::vector<int8_t> in = {10, -110, 127, -128, -109};
  std::vector<int8_t> out(in.size());
  s8_logistic(p, Dims{5}, in.data(), Dims{5}, out.data());
  EXPECT_EQ(out[0], 0);     // sigmoid(0) = 0.5 -> 128 - 128
  EXPECT_EQ(out[1], -128);  // x - zp = -120 = -radius saturates low
  EXPECT_EQ(out[2], 127);   // 117 / 16 = 7.3: 255.8 -> 256 clamps to 127
  EXPECT_EQ(out[3], -128);  // -138: saturates low
  EXPECT_EQ(out[4], -128);  // -119 inside the radius: sigmoid(-7.44) * 256 = 0.15 -> 0
}

TEST(S8Logistic, WithinOneStepOfRealSigmoidForEveryInput) {
  const std::vector<int8_t> in = every_int8();
  std::vector<int8_t> out(in.size());
  for (float scale : {0.001f, 0.0234f, 1.0f / 16, 0.1f, 0.5f, 2.0f}) {
    for (int32_t zp : {-128, -1, 0, 37, 127}) {
      SigmoidLikeParams p;
      ASSERT_TRUE(make_s8_sigmoid_like_params(scale, zp, &p));
      s8_logistic(p, Dims{2, 128}, in.data(), Dims{2, 128}, out.data());
      for (size_t i = 0; i < in.size(); ++i) {
        const double x = static_cast<double>(scale) * (in[i] - zp);
        const double q = std::round(256.0 / (1.0 + std::exp(-x))) - 128;
        const auto expected = static_cast<int32_t>(std::clamp(q, -128.0, 127.0));
        ASSERT_LE(std::abs(out[i] - expected), 1)
            << "scale " << scale << " zp " << zp << " input " << int{in[i]};
      }
    }
  }
}

}  // namespace
}  // namespace vnpu::kernels
