#include "ir/tensor.h"

#include <gtest/gtest.h>

#include <limits>

namespace vnpu::ir {
namespace {

constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();

TEST(ElementCount, MultipliesDimensions) {
  EXPECT_EQ(element_count({}), 1);
  EXPECT_EQ(element_count({1, 49, 10, 1}), 490);
  EXPECT_EQ(checked_element_count({2147483647, 2147483647}), int64_t{2147483647} * 2147483647);
}

TEST(ElementCount, OverflowIsDetectedNotWrapped) {
  // 65536^4 = 2^64 wraps to 0 in 64-bit arithmetic.
  EXPECT_EQ(checked_element_count({65536, 65536, 65536, 65536}), std::nullopt);
  EXPECT_EQ(checked_element_count({1, 920, 11951, 2100961951, 52524}), std::nullopt);
  EXPECT_EQ(element_count({65536, 65536, 65536, 65536}), kInt64Max);
  EXPECT_EQ(checked_element_count({1, -1}), std::nullopt);
}

TEST(ElementCount, AZeroDimensionWinsOverAnOverflow) {
  EXPECT_EQ(checked_element_count({65536, 65536, 65536, 65536, 0}), 0);
  EXPECT_EQ(checked_element_count({0, -1}), std::nullopt);
}

TEST(ByteCount, OverflowOfTheByteCountIsDetected) {
  EXPECT_EQ(checked_byte_count({4, 5}, DataType::kInt32), 80);
  // 2^62 elements fit int64; 2^62 int32 values (2^64 bytes) do not.
  EXPECT_EQ(checked_element_count({65536, 65536, 65536, 16384}), int64_t{1} << 62);
  EXPECT_EQ(checked_byte_count({65536, 65536, 65536, 16384}, DataType::kInt32), std::nullopt);
  Tensor tensor;
  tensor.type = DataType::kInt32;
  tensor.shape = {65536, 65536, 65536, 16384};
  EXPECT_EQ(tensor.size_bytes(), kInt64Max);
}

}  // namespace
}  // namespace vnpu::ir
