// s8_average_pool2d and s8_max_pool2d against hand-derived cases and a naive
// oracle that lists the in-bounds taps of every window and divides exactly.
#include "kernels/pooling.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

namespace vnpu::kernels {
namespace {

struct PoolCase {
  int32_t batches, in_h, in_w, depth, k_h, k_w, stride_h, stride_w;
  bool same;
  int32_t act_min, act_max;
  uint32_t seed;
};

// Rounds num/den (den > 0) to nearest, half away from zero, in exact arithmetic.
int32_t round_div(int32_t num, int32_t den) {
  const int32_t q = num / den;
  const int32_t r = num % den;
  if (2 * std::abs(r) >= den) return num >= 0 ? q + 1 : q - 1;
  return q;
}

void run_case(const PoolCase& c) {
  SCOPED_TRACE("in " + std::to_string(c.in_h) + "x" + std::to_string(c.in_w) + "x" +
               std::to_string(c.depth) + " k " + std::to_string(c.k_h) + "x" +
               std::to_string(c.k_w) + " s " + std::to_string(c.stride_h) + "," +
               std::to_string(c.stride_w) + (c.same ? " SAME" : " VALID"));
  std::mt19937 rng(c.seed);
  std::uniform_int_distribution<int> byte(-128, 127);
  const int32_t out_h = c.same ? (c.in_h + c.stride_h - 1) / c.stride_h
                               : (c.in_h - c.k_h + c.stride_h) / c.stride_h;
  const int32_t out_w = c.same ? (c.in_w + c.stride_w - 1) / c.stride_w
                               : (c.in_w - c.k_w + c.stride_w) / c.stride_w;
  const int32_t pad_top = std::max((out_h - 1) * c.stride_h + c.k_h - c.in_h, 0) / 2;
  const int32_t pad_left = std::max((out_w - 1) * c.stride_w + c.k_w - c.in_w, 0) / 2;
  const Dims input_dims{c.batches, c.in_h, c.in_w, c.depth};
  const Dims output_dims{c.batches, out_h, out_w, c.depth};
  std::vector<int8_t> input(static_cast<size_t>(input_dims.flat_size()));
  for (int8_t& v : input) v = static_cast<int8_t>(byte(rng));

  PoolParams params;
  params.stride_h = c.stride_h;
  params.stride_w = c.stride_w;
  params.filter_h = c.k_h;
  params.filter_w = c.k_w;
  params.pad_top = pad_top;
  params.pad_left = pad_left;
  params.activation_min = c.act_min;
  params.activation_max = c.act_max;
  std::vector<int8_t> average(static_cast<size_t>(output_dims.flat_size()), 0x55);
  std::vector<int8_t> maximum(average.size(), 0x55);
  s8_average_pool2d(params, input_dims, input.data(), output_dims, average.data());
  s8_max_pool2d(params, input_dims, input.data(), output_dims, maximum.data());

  for (int32_t n = 0; n < c.batches; ++n) {
    for (int32_t oy = 0; oy < out_h; ++oy) {
      for (int32_t ox = 0; ox < out_w; ++ox) {
        for (int32_t ch = 0; ch < c.depth; ++ch) {
          std::vector<int32_t> taps;
          for (int32_t ky = 0; ky < c.k_h; ++ky) {
            for (int32_t kx = 0; kx < c.k_w; ++kx) {
              const int32_t y = oy * c.stride_h - pad_top + ky;
              const int32_t x = ox * c.stride_w - pad_left + kx;
              if (y >= 0 && y < c.in_h && x >= 0 && x < c.in_w) {
                taps.push_back(input[static_cast<size_t>(input_dims.offset(n, y, x, ch))]);
              }
            }
          }
          ASSERT_FALSE(taps.empty());
          int32_t sum = 0;
          for (int32_t t : taps) sum += t;
          const int32_t avg = round_div(sum, static_cast<int32_t>(taps.size()));
          const int32_t max = *std::max_element(taps.begin(), taps.end());
          const auto at = static_cast<size_t>(output_dims.offset(n, oy, ox, ch));
          ASSERT_EQ(average[at], std::min(std::max(avg, c.act_min), c.act_max))
              << "average at " << oy << "," << ox << "," << ch;
          ASSERT_EQ(maximum[at], std::min(std::max(max, c.act_min), c.act_max))
              << "max at " << oy << "," << ox << "," << ch;
        }
      }
    }
  }
}

TEST(S8Pooling, HandDerivedAverageRoundsHalfAwayFromZero) {
  // 1x1x4x1 input, 2x1 windows (filter_w 2, stride 2, VALID): [1, 2] -> 1.5 -> 2,
  // [-1, -2] -> -1.5 -> -2. A 1x3 window of [1, 1, 2] -> 4/3 -> 1; [-1, -1, -2] -> -1.
  const std::vector<int8_t> input = {1, 2, -1, -2};
  PoolParams params;
  params.filter_w = 2;
  params.stride_w = 2;
  std::vector<int8_t> output(2);
  s8_average_pool2d(params, Dims{1, 1, 4, 1}, input.data(), Dims{1, 1, 2, 1}, output.data());
  EXPECT_EQ(output, (std::vector<int8_t>{2, -2}));

  const std::vector<int8_t> three = {1, 1, 2, -1, -1, -2};
  params.filter_w = 3;
  params.stride_w = 3;
  s8_average_pool2d(params, Dims{1, 1, 6, 1}, three.data(), Dims{1, 1, 2, 1}, output.data());
  EXPECT_EQ(output, (std::vector<int8_t>{1, -1}));
}

TEST(S8Pooling, HandDerivedSameWindowIsClippedNotZeroPadded) {
  // 1x3x3x1 all -100, 3x3 SAME stride 1, pad 1: corner windows hold 4 taps, edges 6,
  // the centre 9; each average is -100 (a zero-padded average would give -44 at corners).
  const std::vector<int8_t> input(9, -100);
  PoolParams params;
  params.filter_h = params.filter_w = 3;
  params.pad_top = params.pad_left = 1;
  std::vector<int8_t> output(9);
  s8_average_pool2d(params, Dims{1, 3, 3, 1}, input.data(), Dims{1, 3, 3, 1}, output.data());
  EXPECT_EQ(output, std::vector<int8_t>(9, -100));
  s8_max_pool2d(params, Dims{1, 3, 3, 1}, input.data(), Dims{1, 3, 3, 1}, output.data());
  EXPECT_EQ(output, std::vector<int8_t>(9, -100));
}

TEST(S8Pooling, HandDerivedMaxWithActivationClamp) {
  // Windows [-128, -128] and [127, 5] with activation [-50, 100] -> [-50, 100].
  const std::vector<int8_t> input = {-128, -128, 127, 5};
  PoolParams params;
  params.filter_w = 2;
  params.stride_w = 2;
  params.activation_min = -50;
  params.activation_max = 100;
  std::vector<int8_t> output(2);
  s8_max_pool2d(params, Dims{1, 1, 4, 1}, input.data(), Dims{1, 1, 2, 1}, output.data());
  EXPECT_EQ(output, (std::vector<int8_t>{-50, 100}));
}

TEST(S8Pooling, StrideFilterPaddingSweep) {
  uint32_t seed = 1;
  for (int32_t stride = 1; stride <= 3; ++stride) {
    for (int32_t k : {1, 2, 3, 5}) {
      for (bool same : {true, false}) {
        for (int32_t size : {1, 3, 7, 13}) {
          if (!same && k > size) continue;
          run_case({1, size, 13, 3, k, 3, stride, 4 - stride, same, -128, 127, seed++});
        }
      }
    }
  }
}

TEST(S8Pooling, GlobalWindowsBatchesAndActivationClamps) {
  run_case({2, 7, 7, 13, 7, 7, 1, 1, false, -128, 127, 100});   // global average, as in KWS/VWW
  run_case({1, 13, 13, 7, 13, 13, 2, 2, true, -128, 127, 101});
  run_case({3, 5, 6, 1, 2, 2, 2, 2, false, 0, 127, 102});
  run_case({1, 9, 9, 4, 3, 3, 3, 3, true, -128, 6, 103});
}

}  // namespace
}  // namespace vnpu::kernels
