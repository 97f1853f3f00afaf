// requantize / quantize / dequantize against exact cases (equal scales,
// the int8 <-> uint8 shift by 128, ties of float rounding, the x86-64
// conversion of out-of-range floats) and the real-valued rescale within one
// output step for every input value.
#include "kernels/quantize.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace vnpu::kernels {
namespace {

template <typename T>
std::vector<T> every_value(int32_t step = 1) {
  std::vector<T> values;
  for (int32_t v = std::numeric_limits<T>::min(); v <= std::numeric_limits<T>::max(); v += step) {
    values.push_back(static_cast<T>(v));
  }
  return values;
}

template <typename In, typename Out>
void expect_requantize_within_one(float in_scale, int32_t in_zp, float out_scale, int32_t out_zp,
                                  int32_t step = 1) {
  const std::vector<In> in = every_value<In>(step);
  std::vector<Out> out(in.size());
  const RequantizeParams p = make_requantize_params(in_scale, in_zp, out_scale, out_zp);
  requantize(p, Dims{static_cast<int32_t>(in.size())}, in.data(), out.data());
  for (size_t i = 0; i < in.size(); ++i) {
    const double real = static_cast<double>(in_scale) * (in[i] - in_zp);
    const double q = std::round(real / out_scale) + out_zp;
    const auto expected = static_cast<int32_t>(std::clamp<double>(
        q, std::numeric_limits<Out>::min(), std::numeric_limits<Out>::max()));
    ASSERT_LE(std::abs(static_cast<int32_t>(out[i]) - expected), 1)
        << "input " << static_cast<int32_t>(in[i]) << " scales " << in_scale << " -> "
        << out_scale;
  }
}

TEST(Requantize, HandDerivedMultiplier) {
  // 0.5 / 0.125 = 4 = 0.5 * 2^3 -> Q31 2^30, shift 3.
  const RequantizeParams p = make_requantize_params(0.5f, 4, 0.125f, -9);
  EXPECT_EQ(p.multiplier.multiplier, 1 << 30);
  EXPECT_EQ(p.multiplier.shift, 3);
  EXPECT_EQ(p.input_zero_point, 4);
  EXPECT_EQ(p.output_zero_point, -9);
}

TEST(Requantize, Int8ToUint8AndBackShiftBy128) {
  const std::vector<int8_t> in = every_value<int8_t>();
  std::vector<uint8_t> as_uint8(256);
  requantize(make_requantize_params(0.02f, -5, 0.02f, 123), Dims{256}, in.data(),
             as_uint8.data());
  for (size_t i = 0; i < 256; ++i) ASSERT_EQ(as_uint8[i], static_cast<uint8_t>(in[i] ^ 0x80));
  std::vector<int8_t> back(256);
  requantize(make_requantize_params(0.02f, 123, 0.02f, -5), Dims{256}, as_uint8.data(),
             back.data());
  EXPECT_EQ(back, in);
}

TEST(Requantize, EqualScalesMoveTheZeroPointWithSaturation) {
  const std::vector<int8_t> in = every_value<int8_t>();
  std::vector<int8_t> out(256);
  requantize(make_requantize_params(0.1f, -128, 0.1f, 127), Dims{256}, in.data(), out.data());
  for (size_t i = 0; i < 256; ++i) ASSERT_EQ(out[i], std::min(127, in[i] + 255));
}

TEST(Requantize, WithinOneStepForEveryInput) {
  expect_requantize_within_one<int8_t, int8_t>(0.05f, -128, 0.03f, 127);
  expect_requantize_within_one<int8_t, int8_t>(0.003f, 10, 0.2f, -7);
  expect_requantize_within_one<int8_t, uint8_t>(0.05f, 3, 0.07f, 128);
  expect_requantize_within_one<uint8_t, int8_t>(1.0f / 255, 0, 0.0078f, -128);
  expect_requantize_within_one<int8_t, int16_t>(0.05f, -1, 0.05f / 256, 0);
  expect_requantize_within_one<int8_t, int16_t>(1.0f, 127, 1e-5f, 0);  // saturates
  expect_requantize_within_one<int16_t, int8_t>(1.0f / 32768, 0, 1.0f / 128, 0, 3);
  expect_requantize_within_one<int16_t, int8_t>(0.001f, 0, 0.5f, 100, 7);
}

TEST(AffineQuantize, RoundsHalfAwayFromZeroInFloat) {
  const std::vector<float> in = {0.5f, -0.5f, 1.5f, -1.5f, 2.5f, 0.49999997f, -2.4f, 0.0f};
  std::vector<int8_t> out(in.size());
  quantize(AffineQuantizeParams{1.0f, 0}, Dims{8}, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{1, -1, 2, -2, 3, 0, -2, 0}));
  // The quotient is a float: 0.3f / 0.1f = 3.0000002 -> 3, plus the zero point.
  const float x = 0.3f;
  int8_t q = 0;
  quantize(AffineQuantizeParams{0.1f, -4}, Dims{1}, &x, &q);
  EXPECT_EQ(q, -1);
}

TEST(AffineQuantize, ClampsToTheOutputType) {
  const std::vector<float> in = {1000.0f, -1000.0f, 12.7f, -12.8f, 1e6f, -1e6f};
  std::vector<int8_t> out8(in.size());
  quantize(AffineQuantizeParams{0.1f, 0}, Dims{6}, in.data(), out8.data());
  EXPECT_EQ(out8, (std::vector<int8_t>{127, -128, 127, -128, 127, -128}));
  std::vector<int16_t> out16(in.size());
  quantize(AffineQuantizeParams{0.1f, 0}, Dims{6}, in.data(), out16.data());
  EXPECT_EQ(out16, (std::vector<int16_t>{10000, -10000, 127, -128, 32767, -32768}));
}

TEST(AffineQuantize, OutOfRangeFloatsConvertAsOnX86) {
  // |x / scale| >= 2^31, inf and NaN convert to INT32_MIN; adding a negative
  // zero point then wraps to a large positive value.
  const std::vector<float> in = {3e9f, -3e9f, std::numeric_limits<float>::infinity(),
                                 std::numeric_limits<float>::quiet_NaN()};
  std::vector<int8_t> out(in.size());
  quantize(AffineQuantizeParams{1.0f, 5}, Dims{4}, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{-128, -128, -128, -128}));
  quantize(AffineQuantizeParams{1.0f, -1}, Dims{4}, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{127, 127, 127, 127}));
}

TEST(AffineQuantize, RoundTripsEveryInt8Value) {
  for (float scale : {0.0039215f, 0.1f, 3.7f}) {
    for (int32_t zp : {-128, 0, 127}) {
      const std::vector<int8_t> q = every_value<int8_t>();
      std::vector<float> real(256);
      dequantize(DequantizeParams{scale, zp}, Dims{256}, q.data(), real.data());
      std::vector<int8_t> back(256);
      quantize(AffineQuantizeParams{scale, zp}, Dims{256}, real.data(), back.data());
      EXPECT_EQ(back, q) << "scale " << scale << " zp " << zp;
    }
  }
}

template <typename T>
void expect_dequantize_exact(float scale, int32_t zp) {
  const std::vector<T> in = every_value<T>();
  std::vector<float> out(in.size());
  dequantize(DequantizeParams{scale, zp}, Dims{static_cast<int32_t>(in.size())}, in.data(),
             out.data());
  for (size_t i = 0; i < in.size(); ++i) {
    // The float product of two floats is the double product rounded once.
    const auto expected = static_cast<float>(static_cast<double>(scale) * (in[i] - zp));
    ASSERT_EQ(out[i], expected) << static_cast<int32_t>(in[i]);
  }
}

TEST(Dequantize, ScaleTimesOffsetValueForEveryInput) {
  expect_dequantize_exact<int8_t>(0.0235f, -128);
  expect_dequantize_exact<int8_t>(1.7e-3f, 127);
  expect_dequantize_exact<uint8_t>(1.0f / 255, 0);
  expect_dequantize_exact<uint8_t>(0.31f, 128);
  expect_dequantize_exact<int16_t>(1.0f / 32768, 0);
  expect_dequantize_exact<int16_t>(0.0001234f, -7);
  const int8_t x = -3;
  float y = 0;
  dequantize(DequantizeParams{0.5f, 5}, Dims{1}, &x, &y);
  EXPECT_EQ(y, -4.0f);
}

}  // namespace
}  // namespace vnpu::kernels
