// s8_fully_connected against hand-derived cases and a naive int64 oracle.
// Every directed case runs on the reference kernel and on the fast kernel of every ISA this
// CPU has (kernel_variants.h).
#include "kernels/fully_connected.h"

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
class S8FullyConnected : public testing::KernelVariantTest {};

struct FcCase {
  Dims input_dims;
  int32_t out_depth;
  int32_t input_zp, filter_zp, output_zp;
  bool per_channel, has_bias;
  int32_t act_min, act_max;
  uint32_t seed;
};

void run_case(const KernelVariant& variant, const FcCase& c) {
  const int32_t depth = c.input_dims[c.input_dims.rank() - 1];
  const int64_t batches = c.input_dims.flat_size() / depth;
  SCOPED_TRACE("depth " + std::to_string(depth) + " batches " + std::to_string(batches) + " out " +
               std::to_string(c.out_depth) + (c.per_channel ? " per-channel" : "") + " zp " +
               std::to_string(c.input_zp) + "/" + std::to_string(c.output_zp));
  std::mt19937 rng(c.seed);
  std::uniform_int_distribution<int> byte(-128, 127);
  std::vector<int8_t> input(static_cast<size_t>(c.input_dims.flat_size()));
  for (int8_t& v : input) v = static_cast<int8_t>(byte(rng));
  const Dims filter_dims{c.out_depth, depth};
  std::vector<int8_t> filter(static_cast<size_t>(filter_dims.flat_size()));
  for (int8_t& v : filter) v = static_cast<int8_t>(byte(rng));
  std::uniform_int_distribution<int32_t> bias_dist(-30000, 30000);
  std::vector<int32_t> bias(static_cast<size_t>(c.out_depth));
  for (int32_t& b : bias) b = bias_dist(rng);
  std::uniform_real_distribution<double> exponent(-4.5, -0.5);
  std::vector<QuantizedMultiplier> multipliers;
  for (int32_t oc = 0; oc < (c.per_channel ? c.out_depth : 1); ++oc) {
    multipliers.push_back(quantize_multiplier(std::pow(10.0, exponent(rng))));
  }
  const Dims output_dims{static_cast<int32_t>(batches), c.out_depth};

  FullyConnectedParams params;
  params.input_offset = -c.input_zp;
  params.filter_offset = -c.filter_zp;
  params.output_offset = c.output_zp;
  params.activation_min = c.act_min;
  params.activation_max = c.act_max;
  params.per_channel = c.per_channel;
  std::vector<int8_t> output(static_cast<size_t>(batches * c.out_depth), 0x55);
  fully_connected(variant, params, multipliers.data(), c.input_dims, input.data(), filter_dims,
                  filter.data(), c.has_bias ? bias.data() : nullptr, output_dims, output.data());

  for (int64_t b = 0; b < batches; ++b) {
    for (int32_t oc = 0; oc < c.out_depth; ++oc) {
      int64_t acc = c.has_bias ? bias[static_cast<size_t>(oc)] : 0;
      for (int32_t d = 0; d < depth; ++d) {
        const int64_t x = input[static_cast<size_t>(b * depth + d)] - c.input_zp;
        // TFLite ignores the filter zero point on the per-channel path (symmetric weights).
        const int64_t w =
            filter[static_cast<size_t>(oc * depth + d)] - (c.per_channel ? 0 : c.filter_zp);
        acc += w * x;
      }
      ASSERT_LE(std::abs(acc), int64_t{INT32_MAX});
      const QuantizedMultiplier& m = multipliers[c.per_channel ? static_cast<size_t>(oc) : 0];
      const int32_t scaled = multiply_by_quantized_multiplier(static_cast<int32_t>(acc), m);
      const int32_t expected = std::min(std::max(scaled + c.output_zp, c.act_min), c.act_max);
      ASSERT_EQ(output[static_cast<size_t>(b * c.out_depth + oc)], expected)
          << "batch " << b << " channel " << oc;
    }
  }
}

TEST_P(S8FullyConnected, HandDerivedTwoByThree) {
  // input [1, 2, 3] with zp 1 -> real [0, 1, 2]; weights [[1, 1, 1], [2, -3, 4]];
  // bias [5, -1]; acc = [0+1+2+5, 0-3+8-1] = [8, 4]; multiplier 0.5 -> [4, 2]; zp_out -3 -> [1,
  // -1].
  const std::vector<int8_t> input = {1, 2, 3};
  const std::vector<int8_t> filter = {1, 1, 1, 2, -3, 4};
  const std::vector<int32_t> bias = {5, -1};
  const QuantizedMultiplier half = quantize_multiplier(0.5);
  FullyConnectedParams params;
  params.input_offset = -1;
  params.output_offset = -3;
  std::vector<int8_t> output(2);
  fully_connected(GetParam(), params, &half, Dims{1, 3}, input.data(), Dims{2, 3}, filter.data(),
                  bias.data(), Dims{1, 2}, output.data());
  EXPECT_EQ(output, (std::vector<int8_t>{1, -1}));
}

TEST_P(S8FullyConnected, HandDerivedPerChannelAndFilterOffset) {
  // Per-channel multipliers [1.0, 0.25] on acc [6, 6] -> [6, 2 (6/4 = 1.5 -> 2)].
  // Per-tensor with filter zp 1 (offset -1): weights [1,1,1],[2,-3,4] become [0,0,0],[1,-4,3];
  // with input real [1, 1, 1] acc = [0, 1-4+3] = [0, 0] -> output zp 7.
  const std::vector<int8_t> input = {1, 1, 1};
  const std::vector<int8_t> filter = {2, 2, 2, 2, 2, 2};
  const std::vector<QuantizedMultiplier> m = {quantize_multiplier(1.0), quantize_multiplier(0.25)};
  FullyConnectedParams params;
  params.per_channel = true;
  params.filter_offset = -1;  // must be ignored per-channel
  std::vector<int8_t> output(2);
  fully_connected(GetParam(), params, m.data(), Dims{1, 3}, input.data(), Dims{2, 3}, filter.data(),
                  nullptr, Dims{1, 2}, output.data());
  EXPECT_EQ(output, (std::vector<int8_t>{6, 2}));

  const std::vector<int8_t> filter2 = {1, 1, 1, 2, -3, 4};
  params.per_channel = false;
  params.output_offset = 7;
  fully_connected(GetParam(), params, m.data(), Dims{1, 3}, input.data(), Dims{2, 3},
                  filter2.data(), nullptr, Dims{1, 2}, output.data());
  EXPECT_EQ(output, (std::vector<int8_t>{7, 7}));
}

TEST_P(S8FullyConnected, BatchesComeFromInputFlatSize) {
  // [2, 3, 4] input with a [5, 4] filter: 6 rows of 4 values.
  run_case(GetParam(), {Dims{2, 3, 4}, 5, 3, 0, -9, false, true, -128, 127, 1});
  run_case(GetParam(), {Dims{1, 1, 1, 13}, 7, -128, 0, 127, true, true, -128, 127, 2});
}

TEST_P(S8FullyConnected, EdgeZeroPointsSaturationAndClamps) {
  uint32_t seed = 10;
  for (int32_t zp : {-128, 127}) {
    for (bool per_channel : {false, true}) {
      for (int32_t depth : {1, 3, 7, 13, 640}) {
        run_case(GetParam(),
                 {Dims{1, depth}, 13, zp, 0, -zp - 1, per_channel, true, -128, 127, seed++});
        run_case(GetParam(), {Dims{3, depth}, 3, zp, 0, zp, per_channel, false, -30, 90, seed++});
      }
    }
  }
}

TEST_P(S8FullyConnected, PerTensorFilterZeroPointIsApplied) {
  run_case(GetParam(), {Dims{2, 17}, 4, 5, 3, 1, false, true, -128, 127, 50});
  run_case(GetParam(), {Dims{1, 31}, 2, -7, -2, 0, false, false, -128, 127, 51});
}

TEST_P(S8FullyConnected, RandomSpecSweep) {
  std::mt19937 rng(3);
  auto pick = [&](std::initializer_list<int32_t> values) {
    std::vector<int32_t> v(values);
    return v[std::uniform_int_distribution<size_t>(0, v.size() - 1)(rng)];
  };
  for (uint32_t i = 0; i < 200; ++i) {
    FcCase c{};
    c.input_dims = Dims{pick({1, 2, 3}), pick({1, 5, 13, 64, 250})};
    c.out_depth = pick({1, 2, 3, 10, 16});
    c.input_zp = pick({-128, -1, 0, 9, 127});
    c.filter_zp = 0;
    c.output_zp = pick({-128, 0, 4, 127});
    c.per_channel = pick({0, 1}) == 1;
    c.has_bias = pick({0, 1}) == 1;
    c.act_min = pick({-128, -128, -10});
    c.act_max = pick({127, 127, 10});
    c.seed = 100 + i;
    run_case(GetParam(), c);
    if (HasFatalFailure()) return;
  }
}

INSTANTIATE_TEST_SUITE_P(Kernels, S8FullyConnected, ::testing::ValuesIn(kernel_variants()),
                         variant_name);

}  // namespace
}  // namespace vnpu::kernels
