// The int16 softmax's lookup tables: TFLite's gen_lut shape (monotone, the
// right end points) and the interpolating lookup on a linear table.
#include "kernels/softmax_s16.h"

#include <gtest/gtest.h>

namespace vnpu::kernels {
namespace {

TEST(S16LutLookup, InterpolatesBetweenEntriesWithRounding) {
  int16_t lut[kInt16LutSize];
  for (int i = 0; i < kInt16LutSize; ++i) lut[i] = static_cast<int16_t>(2 * i - 512);
  EXPECT_EQ(s16_lut_lookup(0, lut), 0);          // entry 256
  EXPECT_EQ(s16_lut_lookup(64, lut), 1);         // half a step of 2
  EXPECT_EQ(s16_lut_lookup(-128, lut), -2);      // entry 255
  EXPECT_EQ(s16_lut_lookup(32767, lut), 512);    // entry 511 (510) plus 127/128 of 2, rounded
  EXPECT_EQ(s16_lut_lookup(-32768, lut), -512);  // entry 0
}

TEST(MakeS16SoftmaxParams, TablesSpanTheirFunctions) {
  Softmax16Params params;
  ASSERT_TRUE(make_s16_softmax_params(0.001f, 1.0f, &params));
  // exp over [-10, 0] in Q0.15 (output range [-1, 1] maps 1.0 to 32768, clamped).
  EXPECT_EQ(params.exp_lut[kInt16LutSize - 1], 32767);
  EXPECT_LE(params.exp_lut[0], 2);
  // 1 / (1 + x) over [0, 1]: 1.0 (clamped) down to 0.5.
  EXPECT_EQ(params.one_over_one_plus_x_lut[0], 32767);
  EXPECT_EQ(params.one_over_one_plus_x_lut[kInt16LutSize - 1], 16384);
  for (int i = 1; i < kInt16LutSize; ++i) {
    EXPECT_GE(params.exp_lut[i], params.exp_lut[i - 1]) << i;
    EXPECT_LE(params.one_over_one_plus_x_lut[i], params.one_over_one_plus_x_lut[i - 1]) << i;
  }
  // beta * scale * 6553.5 = 6.5535: a left shift of 3.
  EXPECT_EQ(params.input_multiplier.shift, 3);
}

}  // namespace
}  // namespace vnpu::kernels
