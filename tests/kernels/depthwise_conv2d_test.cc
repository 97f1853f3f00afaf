// s8_depthwise_conv2d against hand-derived cases and a naive oracle that pads
// the input with its zero point and sums exact products in int64.
// Every directed case runs on the reference kernel and on the fast kernel of every ISA this
// CPU has (kernel_variants.h).
#include "kernels/depthwise_conv2d.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "tests/kernels/kernel_variants.h"

namespace vnpu::kernels {
namespace {

using testing::kernel_variants;
using testing::KernelVariant;
using testing::variant_name;

// Every directed case runs on the reference kernel and on the fast kernel of every ISA.
class S8DepthwiseConv2d : public testing::KernelVariantTest {};

struct DwCase {
  int32_t batches, in_h, in_w, in_c, multiplier, k_h, k_w;
  int32_t stride_h, stride_w, dilation_h, dilation_w;
  bool same;
  int32_t input_zp, output_zp;
  bool has_bias;
  int32_t act_min, act_max;
  uint32_t seed;

  std::string name() const {
    return "in " + std::to_string(batches) + "x" + std::to_string(in_h) + "x" +
           std::to_string(in_w) + "x" + std::to_string(in_c) + " x" + std::to_string(multiplier) +
           " k " + std::to_string(k_h) + "x" + std::to_string(k_w) + " s " +
           std::to_string(stride_h) + "," + std::to_string(stride_w) + " d " +
           std::to_string(dilation_h) + "," + std::to_string(dilation_w) +
           (same ? " SAME" : " VALID") + " zp " + std::to_string(input_zp) + "/" +
           std::to_string(output_zp) + (has_bias ? "" : " no-bias");
  }
};

void output_and_padding(bool same, int32_t in, int32_t k, int32_t stride, int32_t dilation,
                        int32_t* out, int32_t* pad_before) {
  const int32_t effective = (k - 1) * dilation + 1;
  *out = same ? (in + stride - 1) / stride : (in - effective + stride) / stride;
  *pad_before = std::max((*out - 1) * stride + effective - in, 0) / 2;
}

void run_case(const KernelVariant& variant, const DwCase& c) {
  SCOPED_TRACE(c.name());
  std::mt19937 rng(c.seed);
  std::uniform_int_distribution<int> byte(-128, 127);
  int32_t out_h = 0, out_w = 0, pad_top = 0, pad_left = 0;
  output_and_padding(c.same, c.in_h, c.k_h, c.stride_h, c.dilation_h, &out_h, &pad_top);
  output_and_padding(c.same, c.in_w, c.k_w, c.stride_w, c.dilation_w, &out_w, &pad_left);
  const int32_t out_c = c.in_c * c.multiplier;
  const Dims input_dims{c.batches, c.in_h, c.in_w, c.in_c};
  const Dims filter_dims{1, c.k_h, c.k_w, out_c};
  const Dims output_dims{c.batches, out_h, out_w, out_c};
  std::vector<int8_t> input(static_cast<size_t>(input_dims.flat_size()));
  for (int8_t& v : input) v = static_cast<int8_t>(byte(rng));
  std::vector<int8_t> filter(static_cast<size_t>(filter_dims.flat_size()));
  for (int8_t& v : filter) v = static_cast<int8_t>(byte(rng));
  std::uniform_int_distribution<int32_t> bias_dist(-20000, 20000);
  std::vector<int32_t> bias(static_cast<size_t>(out_c));
  for (int32_t& b : bias) b = bias_dist(rng);
  std::uniform_real_distribution<double> exponent(-5.0, -0.5);
  std::vector<QuantizedMultiplier> multipliers;
  for (int32_t oc = 0; oc < out_c; ++oc) {
    const auto filter_scale = static_cast<float>(std::pow(10.0, exponent(rng)));
    multipliers.push_back(quantize_multiplier(0.1 * static_cast<double>(filter_scale) / 0.03));
  }

  DepthwiseConvParams params;
  params.input_offset = -c.input_zp;
  params.output_offset = c.output_zp;
  params.stride_h = c.stride_h;
  params.stride_w = c.stride_w;
  params.dilation_h = c.dilation_h;
  params.dilation_w = c.dilation_w;
  params.pad_top = pad_top;
  params.pad_left = pad_left;
  params.depth_multiplier = c.multiplier;
  params.activation_min = c.act_min;
  params.activation_max = c.act_max;
  std::vector<int8_t> output(static_cast<size_t>(output_dims.flat_size()), 0x55);
  depthwise_conv2d(variant, params, multipliers.data(), input_dims, input.data(), filter_dims,
                   filter.data(), c.has_bias ? bias.data() : nullptr, output_dims, output.data());

  const int32_t margin = (std::max(c.k_h, c.k_w) - 1) * std::max(c.dilation_h, c.dilation_w) +
                         std::max(c.stride_h, c.stride_w);
  const int32_t ph = c.in_h + 2 * margin, pw = c.in_w + 2 * margin;
  auto padded_at = [&](int32_t n, int32_t y, int32_t x, int32_t ch) -> int64_t {
    const int32_t iy = y - margin, ix = x - margin;
    if (iy < 0 || iy >= c.in_h || ix < 0 || ix >= c.in_w) return c.input_zp;
    return input[static_cast<size_t>(input_dims.offset(n, iy, ix, ch))];
  };
  ASSERT_GT(ph, 0);
  ASSERT_GT(pw, 0);
  for (int32_t n = 0; n < c.batches; ++n) {
    for (int32_t oy = 0; oy < out_h; ++oy) {
      for (int32_t ox = 0; ox < out_w; ++ox) {
        for (int32_t oc = 0; oc < out_c; ++oc) {
          const int32_t ic = oc / c.multiplier;
          int64_t acc = c.has_bias ? bias[static_cast<size_t>(oc)] : 0;
          for (int32_t ky = 0; ky < c.k_h; ++ky) {
            for (int32_t kx = 0; kx < c.k_w; ++kx) {
              const int32_t y = oy * c.stride_h - pad_top + ky * c.dilation_h + margin;
              const int32_t x = ox * c.stride_w - pad_left + kx * c.dilation_w + margin;
              const int64_t w = filter[static_cast<size_t>(filter_dims.offset(0, ky, kx, oc))];
              acc += w * (padded_at(n, y, x, ic) - c.input_zp);
            }
          }
          const int32_t scaled =
              multiply_by_quantized_multiplier(static_cast<int32_t>(acc), multipliers[oc]);
          const int32_t expected = std::min(std::max(scaled + c.output_zp, c.act_min), c.act_max);
          ASSERT_EQ(output[static_cast<size_t>(output_dims.offset(n, oy, ox, oc))], expected)
              << "at n=" << n << " y=" << oy << " x=" << ox << " c=" << oc;
        }
      }
    }
  }
}

TEST_P(S8DepthwiseConv2d, HandDerivedDepthMultiplierChannelOrder) {
  // 1x1x1x2 input [3, -2] (zp 0), multiplier 2, 1x1 filter [1, 2, 3, 4]:
  // output channel c*2+m reads input channel c: [3*1, 3*2, -2*3, -2*4] = [3, 6, -6, -8].
  // Multiplier 1.0 leaves them unchanged; bias [0, 10, 0, -10] gives [3, 16, -6, -18].
  const std::vector<int8_t> input = {3, -2};
  const std::vector<int8_t> filter = {1, 2, 3, 4};
  const std::vector<int32_t> bias = {0, 10, 0, -10};
  const std::vector<QuantizedMultiplier> m(4, quantize_multiplier(1.0));
  DepthwiseConvParams params;
  params.depth_multiplier = 2;
  std::vector<int8_t> output(4);
  depthwise_conv2d(GetParam(), params, m.data(), Dims{1, 1, 1, 2}, input.data(), Dims{1, 1, 1, 4},
                   filter.data(), bias.data(), Dims{1, 1, 1, 4}, output.data());
  EXPECT_EQ(output, (std::vector<int8_t>{3, 16, -6, -18}));
}

TEST_P(S8DepthwiseConv2d, HandDerivedStrideTwoSamePadding) {
  // 1x4x4x1 input all 10 with zp 10 except x=y=1 which is 14 (real 4; all else real 0).
  // 3x3 ones filter, stride 2, SAME: out 2x2, total pad = 1*2+3-4 = 1, pad_top = 0.
  // Output (0,0) covers rows/cols 0..2 and sees the 4; the others do not.
  // Multiplier 0.5, output zp -100: [-100 + 2, -100, -100, -100].
  std::vector<int8_t> input(16, 10);
  input[5] = 14;
  const std::vector<int8_t> filter(9, 1);
  const QuantizedMultiplier half = quantize_multiplier(0.5);
  DepthwiseConvParams params;
  params.input_offset = -10;
  params.output_offset = -100;
  params.stride_h = 2;
  params.stride_w = 2;
  std::vector<int8_t> output(4);
  depthwise_conv2d(GetParam(), params, &half, Dims{1, 4, 4, 1}, input.data(), Dims{1, 3, 3, 1},
                   filter.data(), nullptr, Dims{1, 2, 2, 1}, output.data());
  EXPECT_EQ(output, (std::vector<int8_t>{-98, -100, -100, -100}));
}

TEST_P(S8DepthwiseConv2d, EdgeZeroPointsPrimeSizesAndMultipliers) {
  uint32_t seed = 1;
  for (int32_t zp : {-128, 127}) {
    for (int32_t size : {1, 3, 7, 13}) {
      for (int32_t multiplier : {1, 2, 3}) {
        run_case(GetParam(), {1, size, size, 3, multiplier, 3, 3, 1, 1, 1, 1, true, zp, -zp - 1,
                              true, -128, 127, seed++});
      }
    }
  }
}

TEST_P(S8DepthwiseConv2d, StrideDilationPaddingSweep) {
  uint32_t seed = 100;
  for (int32_t stride = 1; stride <= 3; ++stride) {
    for (int32_t dilation = 1; dilation <= 3; ++dilation) {
      for (bool same : {true, false}) {
        run_case(GetParam(), {1, 13, 11, 7, 1 + stride % 2, 3, 3, stride, 4 - stride, dilation,
                              4 - dilation, same, -5, 9, dilation != 2, -128, 127, seed++});
      }
    }
  }
}

TEST_P(S8DepthwiseConv2d, BatchesNoBiasAndActivationClamps) {
  run_case(GetParam(), {2, 7, 7, 13, 1, 3, 3, 2, 2, 1, 1, true, 0, 0, false, -128, 127, 200});
  run_case(GetParam(), {3, 5, 9, 1, 4, 5, 3, 1, 1, 1, 2, false, 127, -128, true, -128, 127, 201});
  run_case(GetParam(), {1, 13, 13, 3, 2, 7, 7, 3, 3, 1, 1, true, -128, 20, true, 20, 127, 202});
  run_case(GetParam(), {1, 7, 1, 5, 1, 3, 1, 1, 1, 3, 1, true, 3, -4, true, -128, 50, 203});
}

TEST_P(S8DepthwiseConv2d, RandomSpecSweep) {
  std::mt19937 rng(11);
  auto pick = [&](std::initializer_list<int32_t> values) {
    std::vector<int32_t> v(values);
    return v[std::uniform_int_distribution<size_t>(0, v.size() - 1)(rng)];
  };
  for (uint32_t i = 0; i < 150; ++i) {
    DwCase c{};
    c.batches = pick({1, 1, 2});
    c.in_h = pick({1, 2, 3, 7, 13});
    c.in_w = pick({1, 3, 5, 7, 13});
    c.in_c = pick({1, 3, 7, 8});
    c.multiplier = pick({1, 1, 2, 3});
    c.k_h = pick({1, 2, 3, 5});
    c.k_w = pick({1, 3, 4});
    c.stride_h = pick({1, 2, 3});
    c.stride_w = pick({1, 2, 3});
    c.dilation_h = pick({1, 2, 3});
    c.dilation_w = pick({1, 2, 3});
    c.same = pick({0, 1}) == 1;
    if (!c.same && ((c.k_h - 1) * c.dilation_h >= c.in_h || (c.k_w - 1) * c.dilation_w >= c.in_w)) {
      c.same = true;
    }
    c.input_zp = pick({-128, -1, 0, 17, 127});
    c.output_zp = pick({-128, -5, 0, 33, 127});
    c.has_bias = pick({0, 1}) == 1;
    c.act_min = pick({-128, -128, -40});
    c.act_max = pick({127, 127, 60});
    c.seed = 1000 + i;
    run_case(GetParam(), c);
    if (HasFatalFailure()) return;
  }
}

INSTANTIATE_TEST_SUITE_P(Kernels, S8DepthwiseConv2d, ::testing::ValuesIn(kernel_variants()),
                         variant_name);

}  // namespace
}  // namespace vnpu::kernels
