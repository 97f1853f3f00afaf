// s8_concatenation against hand-derived cases and an oracle that places every
// input element at its index shifted along the axis by the preceding inputs.
#include "kernels/concatenation.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

namespace vnpu::kernels {
namespace {

TEST(S8Concatenation, HandDerivedAxisZeroAndLast) {
  const std::vector<int8_t> a = {1, 2, 3, 4};  // [2, 2]
  const std::vector<int8_t> b = {5, 6};        // [1, 2] or [2, 1]
  const Dims a_dims{2, 2};
  Dims b_dims{1, 2};
  const Dims* dims[] = {&a_dims, &b_dims};
  const int8_t* data[] = {a.data(), b.data()};
  std::vector<int8_t> output(6);
  s8_concatenation({0, 2}, dims, data, Dims{3, 2}, output.data());
  EXPECT_EQ(output, (std::vector<int8_t>{1, 2, 3, 4, 5, 6}));

  b_dims = Dims{2, 1};
  s8_concatenation({1, 2}, dims, data, Dims{2, 3}, output.data());
  EXPECT_EQ(output, (std::vector<int8_t>{1, 2, 5, 3, 4, 6}));
}

void run_case(const std::vector<Dims>& input_dims, int32_t axis, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> byte(-128, 127);
  std::vector<std::vector<int8_t>> inputs;
  std::vector<const Dims*> dims;
  std::vector<const int8_t*> data;
  Dims output_dims = input_dims[0];
  output_dims[axis] = 0;
  for (const Dims& d : input_dims) {
    inputs.emplace_back(static_cast<size_t>(d.flat_size()));
    for (int8_t& v : inputs.back()) v = static_cast<int8_t>(byte(rng));
    output_dims[axis] += d[axis];
  }
  for (size_t i = 0; i < inputs.size(); ++i) {
    dims.push_back(&input_dims[i]);
    data.push_back(inputs[i].data());
  }
  std::vector<int8_t> output(static_cast<size_t>(output_dims.flat_size()), 0x55);
  s8_concatenation({axis, static_cast<int32_t>(inputs.size())}, dims.data(), data.data(),
                   output_dims, output.data());

  std::vector<int8_t> expected(output.size(), 0x55);
  int32_t axis_base = 0;
  for (size_t i = 0; i < inputs.size(); ++i) {
    const Dims& d = input_dims[i];
    std::vector<int32_t> index(static_cast<size_t>(d.rank()), 0);
    for (int64_t flat = 0; flat < d.flat_size(); ++flat) {
      int64_t out = 0;
      for (int k = 0; k < d.rank(); ++k) {
        const int32_t at = index[static_cast<size_t>(k)] + (k == axis ? axis_base : 0);
        out = out * output_dims[k] + at;
      }
      expected[static_cast<size_t>(out)] = inputs[i][static_cast<size_t>(flat)];
      for (int k = d.rank() - 1; k >= 0; --k) {
        if (++index[static_cast<size_t>(k)] < d[k]) break;
        index[static_cast<size_t>(k)] = 0;
      }
    }
    axis_base += d[axis];
  }
  ASSERT_EQ(output, expected) << "axis " << axis;
}

TEST(S8Concatenation, EveryAxisOfRankFour) {
  for (int32_t axis = 0; axis < 4; ++axis) {
    std::vector<Dims> dims(3, Dims{2, 3, 5, 7});
    dims[1][axis] = 1;
    dims[2][axis] = 4;
    run_case(dims, axis, static_cast<uint32_t>(axis));
  }
}

TEST(S8Concatenation, ManyInputsAndLowRanks) {
  run_case(std::vector<Dims>(10, Dims{1, 13}), 1, 20);
  run_case({Dims{3}, Dims{1}, Dims{7}}, 0, 21);
  run_case({Dims{1, 7, 7, 3}, Dims{1, 7, 7, 13}}, 3, 22);
  run_case({Dims{2, 1, 3}, Dims{2, 0, 3}, Dims{2, 2, 3}}, 1, 23);  // an empty input
}

}  // namespace
}  // namespace vnpu::kernels
