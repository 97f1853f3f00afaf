// The float32-only and bool-only builtins: a few hand-computed values each, as
// TFLM's reference kernels compute them (std:: functions in float).
#include "kernels/float_bool_math.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace vnpu::kernels {
namespace {

TEST(FloatUnary, RoundingFunctions) {
  EXPECT_EQ(float_unary_value(FloatUnary::kCeil, -1.5f), -1.0f);
  EXPECT_EQ(float_unary_value(FloatUnary::kCeil, 1.25f), 2.0f);
  EXPECT_EQ(float_unary_value(FloatUnary::kFloor, -1.5f), -2.0f);
  EXPECT_EQ(float_unary_value(FloatUnary::kFloor, 1.75f), 1.0f);
  // ROUND: half way goes to the even neighbour.
  EXPECT_EQ(float_unary_value(FloatUnary::kRound, 0.5f), 0.0f);
  EXPECT_EQ(float_unary_value(FloatUnary::kRound, 1.5f), 2.0f);
  EXPECT_EQ(float_unary_value(FloatUnary::kRound, 2.5f), 2.0f);
  EXPECT_EQ(float_unary_value(FloatUnary::kRound, -2.5f), -2.0f);
  EXPECT_EQ(float_unary_value(FloatUnary::kRound, -1.5f), -2.0f);
  EXPECT_EQ(float_unary_value(FloatUnary::kRound, 2.6f), 3.0f);
}

TEST(FloatUnary, MathFunctions) {
  EXPECT_EQ(float_unary_value(FloatUnary::kCos, 0.0f), 1.0f);
  EXPECT_EQ(float_unary_value(FloatUnary::kSin, 0.0f), 0.0f);
  EXPECT_EQ(float_unary_value(FloatUnary::kLog, 1.0f), 0.0f);
  EXPECT_EQ(float_unary_value(FloatUnary::kSqrt, 6.25f), 2.5f);
  EXPECT_EQ(float_unary_value(FloatUnary::kSquare, -3.0f), 9.0f);
  EXPECT_EQ(float_unary_value(FloatUnary::kExp, 0.0f), 1.0f);
  EXPECT_EQ(float_unary_value(FloatUnary::kNeg, 2.5f), -2.5f);
  EXPECT_TRUE(std::isnan(float_unary_value(FloatUnary::kSqrt, -1.0f)));
  // Evaluated in float, not double.
  EXPECT_EQ(float_unary_value(FloatUnary::kExp, 1.0f), std::exp(1.0f));
  const std::vector<float> in = {0.0f, 4.0f};
  std::vector<float> out(2);
  float_unary(FloatUnary::kSqrt, Dims{2}, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<float>{0.0f, 2.0f}));
}

TEST(FloatBinary, FloorDivAndFloorModFollowTheDivisorsSign) {
  EXPECT_EQ(float_binary_value(FloatBinary::kFloorDiv, 7.0f, 2.0f), 3.0f);
  EXPECT_EQ(float_binary_value(FloatBinary::kFloorDiv, -7.0f, 2.0f), -4.0f);
  EXPECT_EQ(float_binary_value(FloatBinary::kFloorMod, 7.0f, 3.0f), 1.0f);
  EXPECT_EQ(float_binary_value(FloatBinary::kFloorMod, -7.0f, 3.0f), 2.0f);
  EXPECT_EQ(float_binary_value(FloatBinary::kFloorMod, 7.0f, -3.0f), -2.0f);
  EXPECT_EQ(float_binary_value(FloatBinary::kFloorMod, 5.5f, 2.0f), 1.5f);
  // Broadcast a scalar divisor.
  const std::vector<float> x = {5.0f, -5.0f, 6.0f};
  const std::vector<float> y = {4.0f};
  std::vector<float> out(3);
  float_binary(FloatBinary::kFloorDiv, Dims{3}, x.data(), Dims{1}, y.data(), Dims{3},
               out.data());
  EXPECT_EQ(out, (std::vector<float>{1.0f, -2.0f, 1.0f}));
}

TEST(Logical, AndOrNotBroadcast) {
  const bool a[4] = {false, false, true, true};
  const bool b[2] = {false, true};  // broadcast over the rows of a [2, 2]
  bool out[4] = {};
  logical_binary(true, Dims{2, 2}, a, Dims{2}, b, Dims{2, 2}, out);
  EXPECT_EQ(std::vector<bool>(out, out + 4), (std::vector<bool>{false, false, false, true}));
  logical_binary(false, Dims{2, 2}, a, Dims{2}, b, Dims{2, 2}, out);
  EXPECT_EQ(std::vector<bool>(out, out + 4), (std::vector<bool>{false, true, true, true}));
  logical_not(Dims{4}, a, out);
  EXPECT_EQ(std::vector<bool>(out, out + 4), (std::vector<bool>{true, true, false, false}));
}

}  // namespace
}  // namespace vnpu::kernels
