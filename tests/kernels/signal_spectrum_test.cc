// kernels/signal_spectrum.h against TFLM's own signal kernel tests
// (signal/micro/kernels/window_test.cc, fft_test.cc FftAutoScaleTest*,
// energy_test.cc): their inputs and expected outputs, ported as facts.
#include "kernels/signal_spectrum.h"

#include <gtest/gtest.h>

#include <vector>

namespace vnpu::kernels {
namespace {

TEST(SignalWindow, Length16Shift12) {
  const std::vector<int16_t> input = {0x000, 0x100, 0x200, 0x300, 0x400, 0x500, 0x600, 0x700,
                                      0x800, 0x900, 0xA00, 0xB00, 0xC00, 0xD00, 0xE00, 0xF00};
  const std::vector<int16_t> weights = {0xF00, 0xE00, 0xD00, 0xC00, 0xB00, 0xA00, 0x900, 0x800,
                                        0x700, 0x600, 0x500, 0x400, 0x300, 0x200, 0x100, 0x000};
  const std::vector<int16_t> expected = {0,   224, 416, 576, 704, 800, 864, 896,
                                         896, 864, 800, 704, 576, 416, 224, 0};
  std::vector<int16_t> output(16);
  s16_signal_window(input.data(), weights.data(), 16, 12, output.data());
  EXPECT_EQ(output, expected);
}

TEST(SignalWindow, Length32Shift8SaturatesAtInt16Max) {
  const std::vector<int16_t> input = {1221, 1920, 9531, 2795, 1826, 371,  8446, 850,
                                      3129, 8218, 4199, 8358, 205,  5268, 3263, 2849,
                                      8398, 1381, 6305, 668,  8867, 4651, 9121, 6141,
                                      1961, 3750, 8418, 8085, 3308, 1788, 1608, 4761};
  const std::vector<int16_t> weights = {1323, 764,  9100, 4220, 1745, 9311, 178,  9442,
                                        5676, 1817, 5433, 5837, 7635, 4539, 6548, 9690,
                                        6097, 4275, 1523, 3694, 7506, 2797, 5153, 172,
                                        2172, 4540, 6643, 7845, 1719, 7564, 1700, 5227};
  const std::vector<int16_t> expected = {
      6310,  5730,  32767, 32767, 12446, 13493, 5872,  31350, 32767, 32767, 32767,
      32767, 6113,  32767, 32767, 32767, 32767, 23061, 32767, 9639,  32767, 32767,
      32767, 4125,  16637, 32767, 32767, 32767, 22212, 32767, 10678, 32767};
  std::vector<int16_t> output(32);
  s16_signal_window(input.data(), weights.data(), 32, 8, output.data());
  EXPECT_EQ(output, expected);
}

TEST(SignalWindow, NegativeProductsSaturateAtInt16Min) {
  const std::vector<int16_t> input = {-32768, -3};
  const std::vector<int16_t> weights = {32767, 1};
  std::vector<int16_t> output(2);
  s16_signal_window(input.data(), weights.data(), 2, 0, output.data());
  // -3 >> 0 stays -3; -32768 * 32767 is far below int16.
  EXPECT_EQ(output, (std::vector<int16_t>{-32768, -3}));
  s16_signal_window(input.data() + 1, weights.data() + 1, 1, 1, output.data());
  EXPECT_EQ(output[0], -2);  // arithmetic shift rounds toward minus infinity
}

TEST(SignalFftAutoScale, ScalesBySpareBits) {
  const std::vector<int16_t> input = {0x0000, 0x1111, 0x2222, 0x3333,
                                      0x3333, 0x2222, 0x1111, 0x0000};
  const std::vector<int16_t> expected = {0x0000, 0x2222, 0x4444, 0x6666,
                                         0x6666, 0x4444, 0x2222, 0x0000};
  std::vector<int16_t> output(8);
  EXPECT_EQ(s16_signal_fft_auto_scale(input.data(), 8, output.data()), 1);
  EXPECT_EQ(output, expected);
}

TEST(SignalFftAutoScale, NegativeMaximumAndSilence) {
  const std::vector<int16_t> input = {-3, 1};
  std::vector<int16_t> output(2);
  EXPECT_EQ(s16_signal_fft_auto_scale(input.data(), 2, output.data()), 13);
  EXPECT_EQ(output, (std::vector<int16_t>{-3 * 8192, 8192}));
  // An all-zero frame: the highest bit of 0 counts as 32 (TFLM's GCC build).
  const std::vector<int16_t> zeros(4, 0);
  std::vector<int16_t> zeros_out(4, 1);
  EXPECT_EQ(s16_signal_fft_auto_scale(zeros.data(), 4, zeros_out.data()), 0);
  EXPECT_EQ(zeros_out, zeros);
  // -32768 wraps to itself as the maximum magnitude (an int16): when it is the
  // last maximum the frame is not scaled; a later positive value replaces it.
  const std::vector<int16_t> lowest_last = {5, -32768};
  EXPECT_EQ(s16_signal_fft_auto_scale(lowest_last.data(), 2, output.data()), 0);
  EXPECT_EQ(output, lowest_last);
  const std::vector<int16_t> lowest_first = {-32768, 5};
  EXPECT_EQ(s16_signal_fft_auto_scale(lowest_first.data(), 2, output.data()), 12);
}

class SignalEnergy : public ::testing::Test {
 protected:
  const std::vector<int16_t> spectrum_ = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
  std::vector<uint32_t> run(int32_t start, int32_t end) {
    std::vector<uint32_t> output(8, 99);
    s16_signal_energy(spectrum_.data(), 8, start, end, output.data());
    return output;
  }
};

TEST_F(SignalEnergy, Middle) {
  EXPECT_EQ(run(2, 4), (std::vector<uint32_t>{0, 0, 61, 113, 0, 0, 0, 0}));
}
TEST_F(SignalEnergy, Start) {
  EXPECT_EQ(run(0, 4), (std::vector<uint32_t>{5, 25, 61, 113, 0, 0, 0, 0}));
}
TEST_F(SignalEnergy, End) {
  EXPECT_EQ(run(4, 8), (std::vector<uint32_t>{0, 0, 0, 0, 181, 265, 365, 481}));
}

TEST(SignalEnergyRange, FullScaleBinWrapsAsTheInt32SumDoes) {
  const std::vector<int16_t> spectrum = {-32768, -32768};
  uint32_t output = 0;
  s16_signal_energy(spectrum.data(), 1, 0, 1, &output);
  EXPECT_EQ(output, 2147483648u);
}

}  // namespace
}  // namespace vnpu::kernels
