// s8_mean against hand-derived cases and an oracle that walks every input
// element (as TFLite's Reduce does) and applies TFLite's two int8 MEAN rules
// written out from the spec; the requantized path is also checked against
// the real-valued mean to within one step.
#include "kernels/mean.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

namespace vnpu::kernels {
namespace {

MeanParams make_params(std::vector<int32_t> axes, float input_scale, int32_t input_zp,
                       float output_scale, int32_t output_zp) {
  MeanParams params;
  params.input_zero_point = input_zp;
  params.output_zero_point = output_zp;
  params.multiplier = quantize_multiplier(static_cast<double>(input_scale) /
                                          static_cast<double>(output_scale));
  for (int32_t axis : axes) params.reduced[static_cast<size_t>(axis)] = true;
  return params;
}

TEST(S8Mean, HandDerivedSameQuantizationStillRequantizes) {
  // Mean over H and W of a 1x2x2x2 tensor, scale 0.5 and zp 7 on both sides: multiplier 1.0 =
  // (2^30, shift 1), n = 4 folds to (2^30, shift -1). Channel 0: (10 - 28) -> high-mul -9 ->
  // -9 / 2 = -4.5 rounds away to -5; + 7 = 2. Channel 1: (-10 - 28) -> -19 -> -9.5 -> -10;
  // + 7 = -3 (a truncating plain mean would give -2, which TFLM does not do).
  const std::vector<int8_t> input = {1, -1, 2, -2, 3, -3, 4, -4};
  std::vector<int8_t> output(2);
  s8_mean(make_params({1, 2}, 0.5f, 7, 0.5f, 7), Dims{1, 2, 2, 2}, input.data(), output.data());
  EXPECT_EQ(output, (std::vector<int8_t>{2, -3}));
}

TEST(S8Mean, HandDerivedRequantizedPath) {
  // Scale 0.5 -> 1.0: multiplier 0.5 = (2^30, shift 0); n = 4 gives shift min(2, 32, 31) = 2,
  // multiplier (2^30 << 2) / 4 = 2^30, shift -2. Sum 10: high-mul 5, then 5 / 4 -> 1; + zp 3 = 4.
  const std::vector<int8_t> four = {1, 2, 3, 4};
  std::vector<int8_t> output(1);
  s8_mean(make_params({1}, 0.5f, 0, 1.0f, 3), Dims{1, 4}, four.data(), output.data());
  EXPECT_EQ(output[0], 4);

  // Same scales, zp 1 -> -2: multiplier 1.0 = (2^30, 1); n = 3 gives shift 1 and multiplier
  // 2^31 / 3 = 715827882 (truncated), shift 0. (1 + 2 + 4) - 3 * 1 = 4; 4 * 715827882 / 2^31
  // = 1.33 -> 1; + zp -2 = -1.
  const QuantizedMultiplier adjusted = mean_multiplier(quantize_multiplier(1.0), 3);
  EXPECT_EQ(adjusted.multiplier, 715827882);
  EXPECT_EQ(adjusted.shift, 0);
  const std::vector<int8_t> three = {1, 2, 4};
  s8_mean(make_params({0}, 1.0f, 1, 1.0f, -2), Dims{3}, three.data(), output.data());
  EXPECT_EQ(output[0], -1);

  // Saturation: scale 1.0 -> 0.01 maps the mean 127 - (-128) = 255 far above 127.
  const std::vector<int8_t> high = {127, 127};
  s8_mean(make_params({0}, 1.0f, -128, 0.01f, 0), Dims{2}, high.data(), output.data());
  EXPECT_EQ(output[0], 127);
}

TEST(S8Mean, MultiplierShiftIsCappedForLargeCounts) {
  // 31 + shift caps the adjustment when the base multiplier already shifts right a lot.
  QuantizedMultiplier base;
  base.multiplier = 1 << 30;
  base.shift = -29;
  const QuantizedMultiplier m = mean_multiplier(base, 1000);  // floor(log2(1000)) = 9, capped to 2
  EXPECT_EQ(m.shift, -31);
  EXPECT_EQ(m.multiplier, static_cast<int32_t>((int64_t{1} << 32) / 1000));
  const QuantizedMultiplier big = mean_multiplier(quantize_multiplier(1.0), int64_t{1} << 40);
  EXPECT_EQ(big.shift, 1 - 32);  // capped at 32
}

// Oracle: accumulate every input element into the output slot of its kept indices.
std::vector<int8_t> oracle_mean(const Dims& dims, const std::vector<int8_t>& input,
                                const std::vector<bool>& reduced, float input_scale,
                                int32_t input_zp, float output_scale, int32_t output_zp,
                                std::vector<double>* real_means) {
  const int rank = dims.rank();
  int64_t outputs = 1, n = 1;
  for (int i = 0; i < rank; ++i) (reduced[static_cast<size_t>(i)] ? n : outputs) *= dims[i];
  std::vector<int64_t> sums(static_cast<size_t>(outputs), 0);
  std::vector<int32_t> index(static_cast<size_t>(rank), 0);
  for (int64_t flat = 0; flat < dims.flat_size(); ++flat) {
    int64_t out = 0;
    for (int i = 0; i < rank; ++i) {
      if (!reduced[static_cast<size_t>(i)]) out = out * dims[i] + index[static_cast<size_t>(i)];
    }
    sums[static_cast<size_t>(out)] += input[static_cast<size_t>(flat)];
    for (int i = rank - 1; i >= 0; --i) {  // odometer
      if (++index[static_cast<size_t>(i)] < dims[i]) break;
      index[static_cast<size_t>(i)] = 0;
    }
  }
  const QuantizedMultiplier base =
      quantize_multiplier(static_cast<double>(input_scale) / static_cast<double>(output_scale));
  int shift = 0;
  while ((n >> (shift + 1)) != 0) ++shift;
  shift = std::min({shift, 32, 31 + base.shift});
  const auto multiplier =
      static_cast<int32_t>((static_cast<int64_t>(base.multiplier) << shift) / n);
  std::vector<int8_t> result;
  for (int64_t sum : sums) {
    real_means->push_back(static_cast<double>(input_scale) *
                              (static_cast<double>(sum) / static_cast<double>(n) - input_zp) /
                              static_cast<double>(output_scale) + output_zp);
    const int32_t scaled = multiply_by_quantized_multiplier(static_cast<int32_t>(sum - input_zp * n),
                                                            multiplier, base.shift - shift);
    result.push_back(static_cast<int8_t>(std::min(std::max(scaled + output_zp, -128), 127)));
  }
  return result;
}

void run_case(const Dims& dims, const std::vector<int32_t>& axes, float input_scale,
              int32_t input_zp, float output_scale, int32_t output_zp, uint32_t seed) {
  std::string axes_text;
  for (int32_t a : axes) axes_text += std::to_string(a) + " ";
  SCOPED_TRACE("rank " + std::to_string(dims.rank()) + " axes " + axes_text + "scales " +
               std::to_string(input_scale) + "/" + std::to_string(output_scale) + " zp " +
               std::to_string(input_zp) + "/" + std::to_string(output_zp));
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> byte(-128, 127);
  std::vector<int8_t> input(static_cast<size_t>(dims.flat_size()));
  for (int8_t& v : input) v = static_cast<int8_t>(byte(rng));
  std::vector<bool> reduced(static_cast<size_t>(dims.rank()), false);
  for (int32_t a : axes) reduced[static_cast<size_t>(a)] = true;
  std::vector<double> real;
  const std::vector<int8_t> expected = oracle_mean(dims, input, reduced, input_scale, input_zp,
                                                   output_scale, output_zp, &real);
  std::vector<int8_t> output(expected.size(), 0x55);
  s8_mean(make_params(axes, input_scale, input_zp, output_scale, output_zp), dims, input.data(),
          output.data());
  ASSERT_EQ(output, expected);
  if (input_zp != output_zp || input_scale != output_scale) {
    for (size_t i = 0; i < real.size(); ++i) {
      const double clamped = std::min(std::max(real[i], -128.0), 127.0);
      EXPECT_LE(std::abs(output[i] - clamped), 1.0) << "element " << i;
    }
  }
}

TEST(S8Mean, SameQuantizationAnyAxes) {
  run_case(Dims{1, 7, 7, 13}, {1, 2}, 0.1f, -3, 0.1f, -3, 1);
  run_case(Dims{2, 3, 5, 7}, {0, 3}, 0.1f, 0, 0.1f, 0, 2);
  run_case(Dims{13}, {0}, 0.5f, 127, 0.5f, 127, 3);
  run_case(Dims{3, 1, 4, 2, 5}, {0, 2, 4}, 0.2f, -128, 0.2f, -128, 4);
  run_case(Dims{2, 3}, {1}, 1.0f, 5, 1.0f, 5, 5);
}

TEST(S8Mean, RequantizedPathAnyAxesAndZeroPoints) {
  uint32_t seed = 10;
  for (int32_t input_zp : {-128, 0, 127}) {
    for (int32_t output_zp : {-128, -7, 127}) {
      run_case(Dims{1, 7, 7, 13}, {1, 2}, 0.05f, input_zp, 0.04f, output_zp, seed++);
      run_case(Dims{1, 3, 13}, {2}, 0.3f, input_zp, 0.3f, output_zp, seed++);
      run_case(Dims{2, 3, 5, 7, 1}, {0, 1, 3}, 0.02f, input_zp, 0.5f, output_zp, seed++);
    }
  }
}

TEST(S8Mean, ScaleRatiosSpanningOrdersOfMagnitude) {
  uint32_t seed = 50;
  for (float ratio : {1e-6f, 1e-3f, 0.37f, 1.0f, 3.0f, 250.0f}) {
    run_case(Dims{1, 5, 3, 7}, {1, 2}, 0.01f * ratio, 3, 0.01f, -4, seed++);
    run_case(Dims{1, 1, 1, 1}, {1, 2}, 0.01f * ratio, 3, 0.01f, -4, seed++);
    run_case(Dims{1, 2, 2, 1000}, {3}, 0.01f * ratio, -100, 0.01f, 100, seed++);
  }
}

TEST(S8Mean, ReduceAllAndNothing) {
  run_case(Dims{2, 3, 4}, {0, 1, 2}, 0.1f, 1, 0.2f, 2, 70);
  run_case(Dims{2, 3, 4}, {}, 0.1f, 1, 0.2f, 2, 71);  // n = 1: a plain requantization
  run_case(Dims{2, 3, 4}, {}, 0.1f, 1, 0.1f, 1, 72);  // n = 1, same quantization: a copy
}

}  // namespace
}  // namespace vnpu::kernels
