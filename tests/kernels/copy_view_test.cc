// kernels::copy_view, the element mover behind the data-movement operators:
// strides that are negative (reversal), zero (broadcast) or permuted
// (transpose), scalars, empty views, and element sizes 1 to 8 bytes.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <vector>

#include "kernels/copy_view.h"

namespace vnpu::kernels {
namespace {

template <typename T>
std::vector<T> copy(const View& src, const std::vector<T>& input, const View& dst, size_t count) {
  std::vector<T> output(count, T{0});
  copy_view(sizeof(T), src, reinterpret_cast<const uint8_t*>(input.data()), dst,
            reinterpret_cast<uint8_t*>(output.data()));
  return output;
}

TEST(CopyView, TransposeReverseAndBroadcast) {
  const std::vector<int16_t> in = {0, 1, 2, 10, 11, 12};  // [2,3]
  View transposed = contiguous_view(Dims{3, 2});
  View src = transposed;
  src.stride[0] = 1;  // output (i, j) = input (j, i)
  src.stride[1] = 3;
  EXPECT_EQ(copy(src, in, transposed, 6), (std::vector<int16_t>{0, 10, 1, 11, 2, 12}));

  View reversed = contiguous_view(Dims{2, 3});
  reversed.offset = 2;
  reversed.stride[1] = -1;
  EXPECT_EQ(copy(reversed, in, contiguous_view(Dims{2, 3}), 6),
            (std::vector<int16_t>{2, 1, 0, 12, 11, 10}));

  View broadcast = contiguous_view(Dims{2, 2, 3});
  broadcast.stride[0] = 0;  // the [2,3] input repeated twice
  EXPECT_EQ(copy(broadcast, in, contiguous_view(Dims{2, 2, 3}), 12),
            (std::vector<int16_t>{0, 1, 2, 10, 11, 12, 0, 1, 2, 10, 11, 12}));
}

TEST(CopyView, ScalarsEmptyViewsAndWideElements) {
  const std::vector<int64_t> in = {int64_t{1} << 40, -5};
  View scalar;
  scalar.offset = 1;
  EXPECT_EQ(copy(scalar, in, View{}, 1), (std::vector<int64_t>{-5}));
  View empty = contiguous_view(Dims{2, 0});
  EXPECT_EQ(copy(empty, in, empty, 2), (std::vector<int64_t>{0, 0}));
  EXPECT_EQ(copy(contiguous_view(Dims{2}), in, contiguous_view(Dims{2}), 2), in);
}

TEST(CopyView, FillRepeatsOneElement) {
  const float value = -2.5f;
  std::vector<float> out(5, 0.0f);
  fill_elements(sizeof(float), reinterpret_cast<const uint8_t*>(&value), 5,
                reinterpret_cast<uint8_t*>(out.data()));
  EXPECT_EQ(out, std::vector<float>(5, -2.5f));
}

}  // namespace
}  // namespace vnpu::kernels
