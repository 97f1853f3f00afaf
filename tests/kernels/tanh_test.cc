// s8_tanh against exact points (0, saturation, odd symmetry) and the real
// tanh within one output step for every int8 input over extreme zero points
// and small and large input scales.
#include "kernels/tanh.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace vnpu::kernels {
namespace {

TEST(S8Tanh, ExactPoints) {
  SigmoidLikeParams p;
  ASSERT_TRUE(make_s8_sigmoid_like_params(1.0f / 16, 0, &p));  // radius 120
  const std::vector<int8_t> in = {0, 120, -120, 127, -128};
  std::vector<int8_t> out(in.size());
  s8_tanh(p, Dims{5}, in.data(), Dims{5}, out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{0, 127, -128, 127, -128}));
}

TEST(S8Tanh, OddSymmetryWithZeroPointZero) {
  // tanh(-x) = -tanh(x); the Q0.31 result is rounded symmetrically except at
  // exact ties, so outputs mirror within one step (and 127 mirrors -128 at saturation).
  SigmoidLikeParams p;
  ASSERT_TRUE(make_s8_sigmoid_like_params(0.03f, 0, &p));
  std::vector<int8_t> in;
  for (int v = 1; v <= 127; ++v) in.push_back(static_cast<int8_t>(v));
  for (int v = 1; v <= 127; ++v) in.push_back(static_cast<int8_t>(-v));
  std::vector<int8_t> out(in.size());
  s8_tanh(p, Dims{254}, in.data(), Dims{254}, out.data());
  for (size_t i = 0; i < 127; ++i) EXPECT_LE(std::abs(out[i] + out[i + 127]), 1) << i + 1;
}

TEST(S8Tanh, WithinOneStepOfRealTanhForEveryInput) {
  std::vector<int8_t> in;
  for (int v = -128; v <= 127; ++v) in.push_back(static_cast<int8_t>(v));
  std::vector<int8_t> out(in.size());
  for (float scale : {0.001f, 0.0078125f, 1.0f / 16, 0.1f, 0.5f, 2.0f}) {
    for (int32_t zp : {-128, -5, 0, 64, 127}) {
      SigmoidLikeParams p;
      ASSERT_TRUE(make_s8_sigmoid_like_params(scale, zp, &p));
      s8_tanh(p, Dims{256}, in.data(), Dims{256}, out.data());
      for (size_t i = 0; i < in.size(); ++i) {
        const double x = static_cast<double>(scale) * (in[i] - zp);
        const auto expected =
            static_cast<int32_t>(std::clamp(std::round(128.0 * std::tanh(x)), -128.0, 127.0));
        ASSERT_LE(std::abs(out[i] - expected), 1)
            << "scale " << scale << " zp " << zp << " input " << int{in[i]};
      }
    }
  }
}

}  // namespace
}  // namespace vnpu::kernels
