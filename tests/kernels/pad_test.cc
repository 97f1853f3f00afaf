// s8_pad against hand-derived cases and an oracle that maps every output
// index back to the input by subtracting the leading padding.
#include "kernels/pad.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

namespace vnpu::kernels {
namespace {

TEST(S8Pad, HandDerivedTwoByTwo) {
  // [[1, 2], [3, 4]] padded by (1, 0) rows and (0, 2) columns with -128.
  const std::vector<int8_t> input = {1, 2, 3, 4};
  PadParams params;
  params.left = {1, 0, 0, 0, 0};
  params.right = {0, 2, 0, 0, 0};
  params.pad_value = -128;
  std::vector<int8_t> output(12, 0x55);
  s8_pad(params, Dims{2, 2}, input.data(), Dims{3, 4}, output.data());
  EXPECT_EQ(output, (std::vector<int8_t>{-128, -128, -128, -128,  //
                                         1, 2, -128, -128,        //
                                         3, 4, -128, -128}));
}

TEST(S8Pad, HandDerivedImageStyleAndZeroPaddingIsACopy) {
  // NHWC 1x1x2x1 [5, 6], width padded (1, 1) with 127 -> [127, 5, 6, 127].
  const std::vector<int8_t> input = {5, 6};
  PadParams params;
  params.left = {0, 0, 1, 0, 0};
  params.right = {0, 0, 1, 0, 0};
  params.pad_value = 127;
  std::vector<int8_t> output(4);
  s8_pad(params, Dims{1, 1, 2, 1}, input.data(), Dims{1, 1, 4, 1}, output.data());
  EXPECT_EQ(output, (std::vector<int8_t>{127, 5, 6, 127}));

  PadParams none;
  std::vector<int8_t> copy(2);
  s8_pad(none, Dims{1, 1, 2, 1}, input.data(), Dims{1, 1, 2, 1}, copy.data());
  EXPECT_EQ(copy, input);
}

void run_case(const Dims& input_dims, const std::vector<int32_t>& left,
              const std::vector<int32_t>& right, int8_t pad_value, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> byte(-128, 127);
  std::vector<int8_t> input(static_cast<size_t>(input_dims.flat_size()));
  for (int8_t& v : input) v = static_cast<int8_t>(byte(rng));
  PadParams params;
  params.pad_value = pad_value;
  Dims output_dims = input_dims;
  for (int i = 0; i < input_dims.rank(); ++i) {
    const auto k = static_cast<size_t>(i);
    params.left[k] = left[k];
    params.right[k] = right[k];
    output_dims[i] = input_dims[i] + left[k] + right[k];
  }
  std::vector<int8_t> output(static_cast<size_t>(output_dims.flat_size()), 0x55);
  s8_pad(params, input_dims, input.data(), output_dims, output.data());

  std::vector<int32_t> index(static_cast<size_t>(output_dims.rank()), 0);
  for (int64_t flat = 0; flat < output_dims.flat_size(); ++flat) {
    bool inside = true;
    int64_t in_flat = 0;
    for (int i = 0; i < output_dims.rank(); ++i) {
      const int32_t in_index = index[static_cast<size_t>(i)] - left[static_cast<size_t>(i)];
      inside = inside && in_index >= 0 && in_index < input_dims[i];
      in_flat = in_flat * input_dims[i] + in_index;
    }
    const int8_t expected = inside ? input[static_cast<size_t>(in_flat)] : pad_value;
    ASSERT_EQ(output[static_cast<size_t>(flat)], expected) << "rank " << input_dims.rank()
                                                           << " flat " << flat;
    for (int i = output_dims.rank() - 1; i >= 0; --i) {
      if (++index[static_cast<size_t>(i)] < output_dims[i]) break;
      index[static_cast<size_t>(i)] = 0;
    }
  }
}

TEST(S8Pad, RanksOneToFive) {
  run_case(Dims{7}, {3}, {0}, -128, 1);
  run_case(Dims{3, 13}, {0, 1}, {2, 3}, 127, 2);
  run_case(Dims{2, 3, 7}, {1, 0, 2}, {1, 1, 0}, 0, 3);
  run_case(Dims{1, 7, 7, 3}, {0, 1, 1, 0}, {0, 2, 2, 0}, -5, 4);    // image style
  run_case(Dims{1, 5, 5, 3}, {0, 0, 0, 2}, {0, 0, 0, 3}, 9, 5);     // channel padding
  run_case(Dims{2, 1, 3, 5, 2}, {1, 2, 0, 1, 1}, {0, 1, 3, 0, 1}, -1, 6);
}

TEST(S8Pad, RandomPaddings) {
  std::mt19937 rng(9);
  std::uniform_int_distribution<int32_t> size(1, 5), pad(0, 3), byte(-128, 127);
  for (uint32_t i = 0; i < 100; ++i) {
    const int rank = 1 + static_cast<int>(i % 5);
    std::vector<int32_t> left, right;
    std::vector<int32_t> extents;
    for (int d = 0; d < rank; ++d) {
      extents.push_back(size(rng));
      left.push_back(pad(rng));
      right.push_back(pad(rng));
    }
    run_case(Dims::from(extents), left, right, static_cast<int8_t>(byte(rng)), 100 + i);
    if (HasFatalFailure()) return;
  }
}

}  // namespace
}  // namespace vnpu::kernels
