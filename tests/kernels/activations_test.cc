// The int8 ReLU family: hand-derived parameters, exact results when input and
// output quantization match, and the real functions within one output step
// for every int8 input when they differ (extreme zero points, scale ratios).
#include "kernels/activations.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <vector>

namespace vnpu::kernels {
namespace {

std::vector<int8_t> every_int8() {
  std::vector<int8_t> values;
  for (int v = -128; v <= 127; ++v) values.push_back(static_cast<int8_t>(v));
  return values;
}

struct Quant {
  float scale;
  int32_t zero_point;
};

const std::vector<std::pair<Quant, Quant>>& quant_pairs() {
  static const std::vector<std::pair<Quant, Quant>> kPairs = {
      {{0.05f, -128}, {0.05f, -128}}, {{0.05f, 127}, {0.02f, -128}}, {{0.1f, 0}, {0.3f, 17}},
      {{0.004f, -30}, {0.2f, 5}},     {{2.0f, 3}, {0.01f, -1}},     {{0.0117f, 100}, {0.0121f, -90}},
  };
  return kPairs;
}

// Applies `f` in the real domain and requantizes, clamping to [low, high].
void expect_within_one(const std::vector<int8_t>& out, const Quant& in_q, const Quant& out_q,
                       const std::function<double(double)>& f, int32_t low = -128,
                       int32_t high = 127) {
  const std::vector<int8_t> in = every_int8();
  for (size_t i = 0; i < in.size(); ++i) {
    const double x = static_cast<double>(in_q.scale) * (in[i] - in_q.zero_point);
    const double q = std::round(f(x) / out_q.scale) + out_q.zero_point;
    const auto expected = static_cast<int32_t>(std::clamp<double>(q, low, high));
    ASSERT_LE(std::abs(out[i] - expected), 1)
        << "input " << int{in[i]} << " in scale " << in_q.scale << " zp " << in_q.zero_point;
  }
}

TEST(S8Relu, HandDerivedParameters) {
  // 0.1 / 0.4 = 0.25 -> Q31 2^30, shift -1; minimum = max(-128, zp + 0) = 7.
  const ReluParams p = make_s8_relu_params(0.1f, -3, 0.4f, 7);
  EXPECT_EQ(p.input_offset, -3);
  EXPECT_EQ(p.output_offset, 7);
  EXPECT_EQ(p.output_multiplier.multiplier, 1 << 30);
  EXPECT_EQ(p.output_multiplier.shift, -1);
  EXPECT_EQ(p.activation_min, 7);
  EXPECT_EQ(p.activation_max, 127);
}

TEST(S8Relu, SameQuantizationIsExactMax) {
  const std::vector<int8_t> in = every_int8();
  std::vector<int8_t> out(in.size());
  for (int32_t zp : {-128, -1, 0, 55, 127}) {
    s8_relu(make_s8_relu_params(0.07f, zp, 0.07f, zp), Dims{256}, in.data(), Dims{256},
            out.data());
    for (size_t i = 0; i < in.size(); ++i) ASSERT_EQ(out[i], std::max<int32_t>(in[i], zp));
  }
}

TEST(S8Relu, WithinOneStepForEveryInput) {
  std::vector<int8_t> out(256);
  const std::vector<int8_t> in = every_int8();
  for (const auto& [in_q, out_q] : quant_pairs()) {
    s8_relu(make_s8_relu_params(in_q.scale, in_q.zero_point, out_q.scale, out_q.zero_point),
            Dims{256}, in.data(), Dims{256}, out.data());
    const int32_t low = std::max(-128, out_q.zero_point);
    expect_within_one(out, in_q, out_q, [](double x) { return std::max(x, 0.0); }, low);
  }
}

TEST(S8ReluN1To1, SameQuantizationIsExactClamp) {
  // Scale 1/64: -1 and 1 are 64 steps either side of the zero point.
  const std::vector<int8_t> in = every_int8();
  std::vector<int8_t> out(in.size());
  const ReluParams p = make_s8_relu_n1_to_1_params(1.0f / 64, -10, 1.0f / 64, -10);
  EXPECT_EQ(p.activation_min, -74);
  EXPECT_EQ(p.activation_max, 54);
  s8_relu_n1_to_1(p, Dims{256}, in.data(), Dims{256}, out.data());
  for (size_t i = 0; i < in.size(); ++i) ASSERT_EQ(out[i], std::clamp<int32_t>(in[i], -74, 54));
}

TEST(S8ReluN1To1, WithinOneStepForEveryInput) {
  std::vector<int8_t> out(256);
  const std::vector<int8_t> in = every_int8();
  for (const auto& [in_q, out_q] : quant_pairs()) {
    const ReluParams p =
        make_s8_relu_n1_to_1_params(in_q.scale, in_q.zero_point, out_q.scale, out_q.zero_point);
    s8_relu_n1_to_1(p, Dims{256}, in.data(), Dims{256}, out.data());
    expect_within_one(out, in_q, out_q, [](double x) { return std::clamp(x, -1.0, 1.0); },
                      p.activation_min, p.activation_max);
  }
}

TEST(S8Relu6, ClampsInTheInputQuantization) {
  // 6 / 0.05 = 120 steps: upper = -128 + 120 = -8.
  Relu6Params p = make_s8_relu6_params(0.05f, -128);
  EXPECT_EQ(p.lower, -128);
  EXPECT_EQ(p.upper, -8);
  // 6 / 0.01 = 600 steps: clamped to 127.
  p = make_s8_relu6_params(0.01f, 0);
  EXPECT_EQ(p.upper, 127);
  // 6 / 0.1 = 60 (0.1f is slightly above 0.1, 59.9999 rounds to 60), zp 127 -> 187 -> 127.
  p = make_s8_relu6_params(0.1f, 127);
  EXPECT_EQ(p.lower, 127);
  EXPECT_EQ(p.upper, 127);
  const std::vector<int8_t> in = every_int8();
  std::vector<int8_t> out(in.size());
  p = make_s8_relu6_params(0.04f, -20);  // 6 / 0.04 = 150 steps: -20 + 150 = 130 -> 127
  EXPECT_EQ(p.upper, 127);
  p = make_s8_relu6_params(0.1f, -20);  // upper = -20 + 60 = 40
  EXPECT_EQ(p.upper, 40);
  s8_relu6(p, Dims{256}, in.data(), Dims{256}, out.data());
  for (size_t i = 0; i < in.size(); ++i) ASSERT_EQ(out[i], std::clamp<int32_t>(in[i], -20, 40));
}

TEST(S8LeakyRelu, HandDerivedParameters) {
  // identity 0.5 / 0.25 = 2 = 0.5 * 2^2 -> Q31 2^30, shift 2;
  // alpha 0.5 * 0.25 / 0.25 = 0.5 -> Q31 2^30, shift 0.
  const LeakyReluParams p = make_s8_leaky_relu_params(0.5f, 1, 0.25f, -2, 0.25f);
  EXPECT_EQ(p.input_offset, 1);
  EXPECT_EQ(p.output_offset, -2);
  EXPECT_EQ(p.identity_multiplier.multiplier, 1 << 30);
  EXPECT_EQ(p.identity_multiplier.shift, 2);
  EXPECT_EQ(p.alpha_multiplier.multiplier, 1 << 30);
  EXPECT_EQ(p.alpha_multiplier.shift, 0);
  // Negative alpha gives a negative Q31 multiplier.
  EXPECT_LT(make_s8_leaky_relu_params(0.5f, 0, 0.5f, 0, -0.3f).alpha_multiplier.multiplier, 0);
}

TEST(S8LeakyRelu, AlphaOneWithSameQuantizationIsIdentity) {
  const std::vector<int8_t> in = every_int8();
  std::vector<int8_t> out(in.size());
  s8_leaky_relu(make_s8_leaky_relu_params(0.3f, 9, 0.3f, 9, 1.0f), Dims{256}, in.data(),
                Dims{256}, out.data());
  EXPECT_EQ(out, in);
}

TEST(S8LeakyRelu, WithinOneStepForEveryInputAndAlpha) {
  std::vector<int8_t> out(256);
  const std::vector<int8_t> in = every_int8();
  for (float alpha : {0.0f, 0.01f, 0.2f, 0.99f, 1.5f, -0.3f}) {
    for (const auto& [in_q, out_q] : quant_pairs()) {
      const LeakyReluParams p = make_s8_leaky_relu_params(in_q.scale, in_q.zero_point,
                                                          out_q.scale, out_q.zero_point, alpha);
      s8_leaky_relu(p, Dims{256}, in.data(), Dims{256}, out.data());
      expect_within_one(out, in_q, out_q, [alpha](double x) { return x >= 0 ? x : alpha * x; });
    }
  }
}

}  // namespace
}  // namespace vnpu::kernels
