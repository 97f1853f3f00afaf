// kernels/signal_rfft.h: TFLM's RfftTestSize64Int16 (signal/micro/kernels/
// fft_test.cc: an impulse of 16384 gives 256 in every bin; length 64 runs the
// radix-4 and the radix-2 butterflies), the plan kissfft builds, and hand-worked
// kissfft fixed-point results for short frames.
#include "kernels/signal_rfft.h"

#include <gtest/gtest.h>

#include <vector>

namespace vnpu::kernels {
namespace {

std::vector<int16_t> rfft(const std::vector<int16_t>& input) {
  const auto length = static_cast<int32_t>(input.size());
  const SignalRfftPlan plan = make_signal_rfft_plan(length);
  std::vector<SignalComplex16> work(input.size() / 2);
  std::vector<int16_t> output(input.size() + 2, -1);
  s16_signal_rfft(plan, input.data(), work.data(), output.data());
  return output;
}

TEST(SignalRfft, ImpulseOfLength64GivesAFlatSpectrum) {
  std::vector<int16_t> input(64, 0);
  input[0] = 16384;
  std::vector<int16_t> expected;
  for (int bin = 0; bin < 33; ++bin) expected.insert(expected.end(), {256, 0});
  EXPECT_EQ(rfft(input), expected);
}

TEST(SignalRfft, PlanFactorsAndTwiddlesAreKissfft) {
  const SignalRfftPlan plan = make_signal_rfft_plan(512);
  EXPECT_EQ(plan.factors, (std::vector<int32_t>{4, 64, 4, 16, 4, 4, 4, 1}));
  const SignalRfftPlan odd_power = make_signal_rfft_plan(16);  // 8 = 4 * 2
  EXPECT_EQ(odd_power.factors, (std::vector<int32_t>{4, 2, 2, 1}));
  // twiddle k = floor(0.5 + 32767 * e^(-2 pi i k / 256)): k = 0 and k = 64.
  ASSERT_EQ(plan.twiddles.size(), 512u);
  EXPECT_EQ(plan.twiddles[0], 32767);
  EXPECT_EQ(plan.twiddles[1], 0);
  EXPECT_EQ(plan.twiddles[128], 0);
  EXPECT_EQ(plan.twiddles[129], -32767);
  // super twiddle i = e^(-i pi ((i + 1) / 256 + 1/2)): i = 127 is e^(-i pi) = -1,
  // i = 63 is e^(-i 3 pi / 4): floor(0.5 - 32767 / sqrt(2)) = -23170 twice.
  ASSERT_EQ(plan.super_twiddles.size(), 256u);
  EXPECT_EQ(plan.super_twiddles[254], -32767);
  EXPECT_EQ(plan.super_twiddles[255], 0);
  EXPECT_EQ(plan.super_twiddles[126], -23170);
  EXPECT_EQ(plan.super_twiddles[127], -23170);
}

TEST(SignalRfft, SupportedLengths) {
  EXPECT_TRUE(signal_rfft_length_supported(4));
  EXPECT_TRUE(signal_rfft_length_supported(512));
  EXPECT_FALSE(signal_rfft_length_supported(2));
  EXPECT_FALSE(signal_rfft_length_supported(24));  // 12 complex points: radix 3
  EXPECT_FALSE(signal_rfft_length_supported(511));
}

TEST(SignalRfft, ConstantFrameOfLength4) {
  // n = 2 complex points (radix 2): tmp = (x0 + x2, x1 + x3) after the /2
  // scaling, each rounded as sround(x * 16383); then DC = r + i, Nyquist = r - i
  // after one more C_FIXDIV(2), and bin 1 from the post-pass.
  //   x = 1000 each: butterfly: 1000 * 16383 -> (16383000 + 16384) >> 15 = 500;
  //   t = 500 * 32767 (twiddle 1) -> 500; out0 = (1000, 1000), out1 = (0, 0);
  //   DC: 1000 -> 500 each, 500 + 500 = 1000; Nyquist 0.
  //   bin 1: fpk = (0, 0), fpnk = (0, 0): 0.
  EXPECT_EQ(rfft({1000, 1000, 1000, 1000}), (std::vector<int16_t>{1000, 0, 0, 0, 0, 0}));
}

TEST(SignalRfft, AlternatingFrameGoesToNyquist) {
  // x = (1000, -1000, 1000, -1000): tmp = (1000, -1000) as above; DC: (500, -500)
  // gives 0, Nyquist 500 - (-500) = 1000.
  EXPECT_EQ(rfft({1000, -1000, 1000, -1000}), (std::vector<int16_t>{0, 0, 0, 0, 1000, 0}));
}

}  // namespace
}  // namespace vnpu::kernels
