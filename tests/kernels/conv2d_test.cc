// s8_conv2d against hand-derived cases and a naive oracle: the input is
// explicitly padded with its zero point (zero in the real domain), then a
// VALID dilated convolution sums exact products in int64 and requantizes.
// Every directed case runs on the reference kernel and on the fast kernel of every ISA this
// CPU has (kernel_variants.h).
#include "kernels/conv2d.h"

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
class S8Conv2d : public testing::KernelVariantTest {};

struct ConvCase {
  int32_t batches, in_h, in_w, in_c, out_c, k_h, k_w;
  int32_t stride_h, stride_w, dilation_h, dilation_w;
  bool same;
  int32_t groups;
  int32_t input_zp, output_zp;
  bool has_bias;
  int32_t act_min, act_max;
  uint32_t seed;

  std::string name() const {
    return "in " + std::to_string(batches) + "x" + std::to_string(in_h) + "x" +
           std::to_string(in_w) + "x" + std::to_string(in_c) + " k " + std::to_string(k_h) + "x" +
           std::to_string(k_w) + " out_c " + std::to_string(out_c) + " s " +
           std::to_string(stride_h) + "," + std::to_string(stride_w) + " d " +
           std::to_string(dilation_h) + "," + std::to_string(dilation_w) +
           (same ? " SAME" : " VALID") + " groups " + std::to_string(groups) + " zp " +
           std::to_string(input_zp) + "/" + std::to_string(output_zp) +
           (has_bias ? "" : " no-bias") + " act [" + std::to_string(act_min) + "," +
           std::to_string(act_max) + "]";
  }
};

// TFLite's SAME/VALID arithmetic, written out from the spec.
void output_and_padding(bool same, int32_t in, int32_t k, int32_t stride, int32_t dilation,
                        int32_t* out, int32_t* pad_before) {
  const int32_t effective = (k - 1) * dilation + 1;
  *out = same ? (in + stride - 1) / stride : (in - effective + stride) / stride;
  const int32_t total = std::max((*out - 1) * stride + effective - in, 0);
  *pad_before = total / 2;
}

std::vector<int8_t> random_int8(std::mt19937& rng, size_t count) {
  std::uniform_int_distribution<int> dist(-128, 127);
  std::vector<int8_t> values(count);
  for (int8_t& v : values) v = static_cast<int8_t>(dist(rng));
  return values;
}

void run_case(const KernelVariant& variant, const ConvCase& c) {
  SCOPED_TRACE(c.name());
  std::mt19937 rng(c.seed);
  int32_t out_h = 0, out_w = 0, pad_top = 0, pad_left = 0;
  output_and_padding(c.same, c.in_h, c.k_h, c.stride_h, c.dilation_h, &out_h, &pad_top);
  output_and_padding(c.same, c.in_w, c.k_w, c.stride_w, c.dilation_w, &out_w, &pad_left);
  ASSERT_GT(out_h, 0);
  ASSERT_GT(out_w, 0);
  const int32_t filter_c = c.in_c / c.groups;

  const Dims input_dims{c.batches, c.in_h, c.in_w, c.in_c};
  const Dims filter_dims{c.out_c, c.k_h, c.k_w, filter_c};
  const Dims output_dims{c.batches, out_h, out_w, c.out_c};
  const std::vector<int8_t> input = random_int8(rng, static_cast<size_t>(input_dims.flat_size()));
  const std::vector<int8_t> filter = random_int8(rng, static_cast<size_t>(filter_dims.flat_size()));
  std::uniform_int_distribution<int32_t> bias_dist(-40000, 40000);
  std::vector<int32_t> bias(static_cast<size_t>(c.out_c));
  for (int32_t& b : bias) b = bias_dist(rng);

  // Per-channel scales spanning several orders of magnitude.
  std::uniform_real_distribution<double> exponent(-5.0, -1.0);
  const float input_scale = 0.05f;
  const float output_scale = 0.02f;
  std::vector<QuantizedMultiplier> multipliers;
  for (int32_t oc = 0; oc < c.out_c; ++oc) {
    const auto filter_scale = static_cast<float>(std::pow(10.0, exponent(rng)));
    multipliers.push_back(
        quantize_multiplier(static_cast<double>(input_scale) * static_cast<double>(filter_scale) /
                            static_cast<double>(output_scale)));
  }

  ConvParams params;
  params.input_offset = -c.input_zp;
  params.output_offset = c.output_zp;
  params.stride_h = c.stride_h;
  params.stride_w = c.stride_w;
  params.dilation_h = c.dilation_h;
  params.dilation_w = c.dilation_w;
  params.pad_top = pad_top;
  params.pad_left = pad_left;
  params.activation_min = c.act_min;
  params.activation_max = c.act_max;
  std::vector<int8_t> output(static_cast<size_t>(output_dims.flat_size()), 0x55);
  conv2d(variant, params, multipliers.data(), input_dims, input.data(), filter_dims, filter.data(),
         c.has_bias ? bias.data() : nullptr, output_dims, output.data());

  // Oracle: pad with the zero point on every side, then a plain VALID convolution.
  const int32_t margin = (std::max(c.k_h, c.k_w) - 1) * std::max(c.dilation_h, c.dilation_w) +
                         std::max(c.stride_h, c.stride_w);
  const int32_t ph = c.in_h + 2 * margin, pw = c.in_w + 2 * margin;
  std::vector<int32_t> padded(static_cast<size_t>(c.batches * ph * pw * c.in_c), c.input_zp);
  for (int32_t n = 0; n < c.batches; ++n)
    for (int32_t y = 0; y < c.in_h; ++y)
      for (int32_t x = 0; x < c.in_w; ++x)
        for (int32_t ch = 0; ch < c.in_c; ++ch)
          padded[static_cast<size_t>(((n * ph + y + margin) * pw + x + margin) * c.in_c + ch)] =
              input[static_cast<size_t>(input_dims.offset(n, y, x, ch))];
  size_t checked = 0;
  for (int32_t n = 0; n < c.batches; ++n) {
    for (int32_t oy = 0; oy < out_h; ++oy) {
      for (int32_t ox = 0; ox < out_w; ++ox) {
        for (int32_t oc = 0; oc < c.out_c; ++oc) {
          const int32_t group = oc / (c.out_c / c.groups);
          int64_t acc = c.has_bias ? bias[static_cast<size_t>(oc)] : 0;
          for (int32_t ky = 0; ky < c.k_h; ++ky) {
            for (int32_t kx = 0; kx < c.k_w; ++kx) {
              const int32_t y = oy * c.stride_h - pad_top + ky * c.dilation_h + margin;
              const int32_t x = ox * c.stride_w - pad_left + kx * c.dilation_w + margin;
              for (int32_t ic = 0; ic < filter_c; ++ic) {
                const int64_t in = padded[static_cast<size_t>(((n * ph + y) * pw + x) * c.in_c +
                                                              group * filter_c + ic)];
                const int64_t w = filter[static_cast<size_t>(filter_dims.offset(oc, ky, kx, ic))];
                acc += w * (in - c.input_zp);
              }
            }
          }
          ASSERT_LE(std::abs(acc), int64_t{INT32_MAX});
          const int32_t scaled =
              multiply_by_quantized_multiplier(static_cast<int32_t>(acc), multipliers[oc]);
          const int32_t expected = std::min(std::max(scaled + c.output_zp, c.act_min), c.act_max);
          ASSERT_EQ(output[static_cast<size_t>(output_dims.offset(n, oy, ox, oc))], expected)
              << "at n=" << n << " y=" << oy << " x=" << ox << " c=" << oc;
          ++checked;
        }
      }
    }
  }
  EXPECT_EQ(checked, output.size());
}

TEST_P(S8Conv2d, HandDerivedDoubleRoundingOfOneByOneConv) {
  // 1x1 conv, input zp 0, filter 1, multiplier 0.25 = 2^30 * 2^(-1-31).
  // TFLite rounds twice: high-mul rounds acc/2 half up, then the right shift
  // rounds half away from zero. acc 13 -> 7 -> 4 (a single rounding gives 3);
  // -13 -> -6 -> -3; 5 -> 3 -> 2; -5 -> -2 -> -1; 14 -> 7 -> 4; -14 -> -7 -> -4;
  // 2 -> 1 -> 1; -2 -> -1 -> -1; 6 -> 3 -> 2; -6 -> -3 -> -2.
  const std::vector<int8_t> input = {13, -13, 5, -5, 14, -14, 2, -2, 6, -6};
  const std::vector<int8_t> expected = {4, -3, 2, -1, 4, -4, 1, -1, 2, -2};
  const std::vector<int8_t> filter = {1};
  const QuantizedMultiplier quarter = quantize_multiplier(0.25);
  ASSERT_EQ(quarter.multiplier, 1 << 30);
  ASSERT_EQ(quarter.shift, -1);
  std::vector<int8_t> output(input.size());
  ConvParams params;
  conv2d(GetParam(), params, &quarter, Dims{1, 1, 10, 1}, input.data(), Dims{1, 1, 1, 1},
         filter.data(), nullptr, Dims{1, 1, 10, 1}, output.data());
  EXPECT_EQ(output, expected);
}

TEST_P(S8Conv2d, HandDerivedSamePaddingSkipsOutsideTaps) {
  // 3x3 input 1..9 (zp -1, so real values 2..10), 2x2 filter of ones, stride 1,
  // SAME: pad_top = pad_left = 0, the last row/column windows are clipped.
  // Real sums: [2+3+5+6, 3+4+6+7, 4+7, 5+6+8+9, 6+7+9+10, 7+10, 8+9, 9+10, 10]
  //          = [16, 20, 11, 28, 32, 17, 17, 19, 10]; multiplier 0.5, output zp 3, bias 1:
  // (sum + 1) / 2 rounded, + 3 -> [11.5->12, 13.5->14, 9, 17.5->18, 19.5->20, 12, 12, 13, 8.5->9].
  // Ties of the 0.5 multiplier (shift 0) are rounded once, half up, by the high-mul.
  std::vector<int8_t> input(9);
  for (int i = 0; i < 9; ++i) input[static_cast<size_t>(i)] = static_cast<int8_t>(i + 1);
  const std::vector<int8_t> filter(4, 1);
  const std::vector<int32_t> bias = {1};
  const QuantizedMultiplier half = quantize_multiplier(0.5);
  ConvParams params;
  params.input_offset = 1;
  params.output_offset = 3;
  std::vector<int8_t> output(9);
  conv2d(GetParam(), params, &half, Dims{1, 3, 3, 1}, input.data(), Dims{1, 2, 2, 1}, filter.data(),
         bias.data(), Dims{1, 3, 3, 1}, output.data());
  EXPECT_EQ(output, (std::vector<int8_t>{12, 14, 9, 18, 20, 12, 12, 13, 9}));
}

TEST_P(S8Conv2d, HandDerivedSaturationAndActivationClamp) {
  // acc = 127 * (127 - (-128)) = 32385 per tap; multiplier 1.0 saturates to 127,
  // the negative filter to -128; a [0, 100] activation then clamps both.
  const std::vector<int8_t> input = {127};
  const std::vector<int8_t> filter = {127, -128};
  const std::vector<QuantizedMultiplier> m(2, quantize_multiplier(1.0));
  ConvParams params;
  params.input_offset = 128;
  std::vector<int8_t> output(2);
  conv2d(GetParam(), params, m.data(), Dims{1, 1, 1, 1}, input.data(), Dims{2, 1, 1, 1},
         filter.data(), nullptr, Dims{1, 1, 1, 2}, output.data());
  EXPECT_EQ(output, (std::vector<int8_t>{127, -128}));
  params.activation_min = 0;
  params.activation_max = 100;
  conv2d(GetParam(), params, m.data(), Dims{1, 1, 1, 1}, input.data(), Dims{2, 1, 1, 1},
         filter.data(), nullptr, Dims{1, 1, 1, 2}, output.data());
  EXPECT_EQ(output, (std::vector<int8_t>{100, 0}));
}

TEST_P(S8Conv2d, EdgeZeroPointsAndPrimeSizes) {
  uint32_t seed = 1;
  for (int32_t zp : {-128, 127}) {
    for (int32_t size : {1, 3, 7, 13}) {
      for (bool same : {true, false}) {
        if (!same && size < 3) continue;
        run_case(GetParam(), {1, size, size, 3, 7, 3, 3, 1, 1, 1, 1, same, 1, zp, -zp - 1, true,
                              -128, 127, seed++});
      }
    }
  }
}

TEST_P(S8Conv2d, StrideDilationPaddingSweep) {
  uint32_t seed = 100;
  for (int32_t stride = 1; stride <= 3; ++stride) {
    for (int32_t dilation = 1; dilation <= 3; ++dilation) {
      for (bool same : {true, false}) {
        run_case(GetParam(), {1, 13, 7, 3, 5, 3, 2, stride, 4 - stride, dilation, 4 - dilation,
                              same, 1, 5, -7, true, -128, 127, seed++});
      }
    }
  }
}

TEST_P(S8Conv2d, BatchesNoBiasGroupsAndActivationClamps) {
  run_case(GetParam(), {2, 7, 7, 3, 13, 3, 3, 2, 2, 1, 1, true, 1, -3, 10, false, -128, 127, 200});
  run_case(GetParam(), {3, 5, 3, 6, 4, 1, 1, 1, 1, 1, 1, false, 2, 0, 0, true, -128, 127, 201});
  run_case(GetParam(), {1, 7, 7, 9, 9, 3, 3, 1, 1, 2, 2, true, 3, 12, -128, true, -128, 127, 202});
  run_case(GetParam(),
           {1, 7, 13, 7, 3, 5, 5, 1, 2, 1, 1, true, 1, -128, -128, true, -128, -70, 203});
  run_case(GetParam(),
           {1, 13, 13, 1, 3, 7, 1, 3, 1, 1, 1, true, 1, 127, 127, false, -20, 127, 204});
}

TEST_P(S8Conv2d, RandomSpecSweep) {
  std::mt19937 rng(7);
  auto pick = [&](std::initializer_list<int32_t> values) {
    std::vector<int32_t> v(values);
    return v[std::uniform_int_distribution<size_t>(0, v.size() - 1)(rng)];
  };
  for (uint32_t i = 0; i < 150; ++i) {
    ConvCase c{};
    c.batches = pick({1, 1, 2});
    c.in_h = pick({1, 2, 3, 7, 13});
    c.in_w = pick({1, 3, 5, 7, 13});
    c.groups = pick({1, 1, 1, 2});
    c.in_c = c.groups * pick({1, 3, 7});
    c.out_c = c.groups * pick({1, 2, 3, 5});
    c.k_h = pick({1, 2, 3});
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

INSTANTIATE_TEST_SUITE_P(Kernels, S8Conv2d, ::testing::ValuesIn(kernel_variants()), variant_name);

}  // namespace
}  // namespace vnpu::kernels
