// kernels/lstm_math.h: the LSTM gates' integer fully-connected sums in int32
// as TFLite does, which wraps modulo 2^32 (fuzz_cpu_run found the signed
// overflow of bias + sum in the CI smoke, UB before this was made explicit).
#include "kernels/lstm_math.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

namespace vnpu::kernels {
namespace {

TEST(LstmFullyConnected, ABiasThatOverflowsTheInt32SumWrapsAsTfliteDoes) {
  LstmFcParams params;
  params.multiplier = QuantizedMultiplier{1 << 30, 0};  // x 0.5
  const int8_t input[2] = {100, 100};
  const int8_t weights[2] = {100, 100};  // sum 20,000
  const int32_t bias[1] = {std::numeric_limits<int32_t>::max() - 10'000};
  int16_t output[1] = {0};
  s8_lstm_fully_connected(params, 1, 2, 1, input, weights, bias, output);
  // 2^31 - 1 - 10,000 + 20,000 wraps to -2^31 + 9,999; halved, it saturates to int16's minimum.
  EXPECT_EQ(output[0], -32768);
  const int32_t small_bias[1] = {-20'100};
  s8_lstm_fully_connected(params, 1, 2, 1, input, weights, small_bias, output);
  EXPECT_EQ(output[0], -50);
}

// fuzz_cpu_run: an int16 LSTM whose int64 gate bias plus the input sum passed
// below -2^63. The sum wraps modulo 2^64, as TFLite's int64 add does on every
// target: the same output as the bias that is already the wrapped value.
TEST(LstmFullyConnected, AnInt64BiasThatOverflowsTheSumWrapsAsTfliteDoes) {
  LstmFcParams params;
  params.multiplier = QuantizedMultiplier{1 << 30, 0};
  const int16_t input[2] = {-100, -100};
  const int16_t zeros[2] = {0, 0};
  const int8_t weights[2] = {100, 100};  // sum -20,000 on `input`
  const int64_t bias[1] = {std::numeric_limits<int64_t>::min() + 10'000};
  const int64_t wrapped_bias[1] = {std::numeric_limits<int64_t>::max() - 9'999};
  int16_t output[1] = {0};
  int16_t expected[1] = {0};
  s16_lstm_fully_connected(params, 1, 2, 1, input, weights, bias, output);
  s16_lstm_fully_connected(params, 1, 2, 1, zeros, weights, wrapped_bias, expected);
  EXPECT_EQ(output[0], expected[0]);
  const int64_t small_bias[1] = {-20'100};
  s16_lstm_fully_connected(params, 1, 2, 1, zeros, weights, small_bias, output);
  EXPECT_EQ(output[0], -10'050);
}

}  // namespace
}  // namespace vnpu::kernels
