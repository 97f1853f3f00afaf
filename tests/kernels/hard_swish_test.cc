// s8_hard_swish against hand-derived 16-bit parameters, exact points and the
// real x * relu6(x + 3) / 6 for every int8 input over extreme zero points and
// small and large scale ratios.
#include "kernels/hard_swish.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace vnpu::kernels {
namespace {

double real_hard_swish(double x) { return x * std::clamp(x + 3.0, 0.0, 6.0) / 6.0; }

TEST(S8HardSwish, HandDerivedParameters) {
  // Input and output scale 1/16: hires 1/2048; output ratio (1/2048) / (1/16)
  // = 2^-7 -> Q31 2^30, shift -6 -> Q15 (2^30 + 2^15) >> 16 = 16384.
  // Relu-ish ratio (1/2048) / (3/32768) = 16/3 = 0.6667 * 2^3 -> Q31
  // 1431655765, shift 3 -> Q15 (1431655765 + 32768) >> 16 = 21845.
  HardSwishParams p;
  ASSERT_TRUE(make_s8_hard_swish_params(1.0f / 16, -7, 1.0f / 16, 12, &p));
  EXPECT_EQ(p.input_zero_point, -7);
  EXPECT_EQ(p.output_zero_point, 12);
  EXPECT_EQ(p.output_multiplier_fixedpoint_int16, 16384);
  EXPECT_EQ(p.output_multiplier_exponent, -6);
  EXPECT_EQ(p.reluish_multiplier_fixedpoint_int16, 21845);
  EXPECT_EQ(p.reluish_multiplier_exponent, 3);
  // Input scale 3/256 * (1 - 2^-20): the relu-ish ratio is exactly 1 - 2^-20,
  // Q31 2^31 - 2^11, within 2^15 of 2^31, so the Q15 value saturates to 32767.
  const float scale = 3.0f / 256.0f * (1.0f - 1.0f / (1 << 20));
  ASSERT_TRUE(make_s8_hard_swish_params(scale, 0, 1.0f / 16, 0, &p));
  EXPECT_EQ(p.reluish_multiplier_fixedpoint_int16, 32767);
  EXPECT_EQ(p.reluish_multiplier_exponent, 0);
  // TFLM rejects an output multiplier exponent above 0 (input / 128 >= output scale).
  EXPECT_FALSE(make_s8_hard_swish_params(1.0f, 0, 1.0f / 256, 0, &p));
}

TEST(S8HardSwish, ExactPoints) {
  HardSwishParams p;
  ASSERT_TRUE(make_s8_hard_swish_params(1.0f / 16, 5, 1.0f / 16, -20, &p));
  // x = zp -> 0 -> output zp; x far below -3 -> 0; x = 6.0 -> 6 * 1 -> 96 steps.
  const std::vector<int8_t> in = {5, -128, 5 + 96};
  std::vector<int8_t> out(in.size());
  s8_hard_swish(p, Dims{3}, in.data(), Dims{3}, out.data());
  EXPECT_EQ(out[0], -20);
  EXPECT_EQ(out[1], -20);
  EXPECT_EQ(out[2], -20 + 96);
}

TEST(S8HardSwish, HandDerivedTruncatingProduct) {
  // Input scale 1/16, output scale 1/1536 (zero points 0), input x = 1 (0.0625):
  //  output ratio (1/2048) / (1/1536) = 0.75 (to float precision), shift 0 -> Q15 24576;
  //  hires input 1 * 128 = 128; preshift output = (128 * 24576 + 2^14) / 2^15 = 96.5 -> 96;
  //  relu-ish: 128 << 2 = 512; (512 * 21845 + 2^14) / 2^15 = 341.8 -> 341; << 1 = 682;
  //  (682 + 32768) >> 1 = 16725; product 16725 * 96 / 2^15 = 48.9995 truncated to 48.
  // The real value 0.0625 * 3.0625 / 6 * 1536 is 49.0; TFLite's truncation gives 48.
  HardSwishParams p;
  ASSERT_TRUE(make_s8_hard_swish_params(1.0f / 16, 0, 1.0f / 1536, 0, &p));
  EXPECT_EQ(p.output_multiplier_fixedpoint_int16, 24576);
  EXPECT_EQ(p.output_multiplier_exponent, 0);
  const int8_t x = 1;
  int8_t y = 0;
  s8_hard_swish(p, Dims{1}, &x, Dims{1}, &y);
  EXPECT_EQ(y, 48);
}

TEST(S8HardSwish, CloseToRealFunctionForEveryInput) {
  struct Case {
    float in_scale;
    int32_t in_zp;
    float out_scale;
    int32_t out_zp;
  };
  const std::vector<Case> cases = {
      {1.0f / 16, 0, 1.0f / 16, 0},      {0.05f, -128, 0.03f, -128},
      {0.05f, 127, 0.05f, 127},          {0.1f, 3, 0.07f, -110},
      {0.02f, -60, 0.0015f, 0},          // output range far smaller: saturates
      {0.2f, 10, 0.2f, -90},             {0.0117f, -3, 0.0116f, -100},
  };
  std::vector<int8_t> in;
  for (int v = -128; v <= 127; ++v) in.push_back(static_cast<int8_t>(v));
  std::vector<int8_t> out(in.size());
  for (const Case& c : cases) {
    HardSwishParams p;
    ASSERT_TRUE(make_s8_hard_swish_params(c.in_scale, c.in_zp, c.out_scale, c.out_zp, &p));
    s8_hard_swish(p, Dims{256}, in.data(), Dims{256}, out.data());
    for (size_t i = 0; i < in.size(); ++i) {
      const double x = static_cast<double>(c.in_scale) * (in[i] - c.in_zp);
      const double q = std::round(real_hard_swish(x) / c.out_scale) + c.out_zp;
      const auto expected = static_cast<int32_t>(std::clamp(q, -128.0, 127.0));
      ASSERT_LE(std::abs(out[i] - expected), 1)
          << "in scale " << c.in_scale << " zp " << c.in_zp << " input " << int{in[i]};
    }
  }
}

}  // namespace
}  // namespace vnpu::kernels
