// TFLite's ComputeOutSize and ComputePadding, computed without int32 overflow.
#include "kernels/prepare/op_support.h"

#include <gtest/gtest.h>

namespace vnpu::kernels::prepare {
namespace {

constexpr int32_t kInt32Max = 2147483647;

TEST(ComputeOutSize, MatchesTflite) {
  EXPECT_EQ(compute_out_size(ir::Padding::kSame, 5, 3, 2, 1), 3);
  EXPECT_EQ(compute_out_size(ir::Padding::kValid, 5, 3, 2, 1), 2);
  EXPECT_EQ(compute_out_size(ir::Padding::kValid, 32, 3, 1, 2), 28);
  EXPECT_EQ(compute_out_size(ir::Padding::kValid, 32, 3, 0, 1), 0);
}

TEST(ComputeOutSize, AnOverflowingExtentGivesNoPositiveSize) {
  // (3 - 1) * 2147483647 + 1 wrapped to -1 in int32, which made VALID 32 -> 34.
  EXPECT_LE(compute_out_size(ir::Padding::kValid, 32, 3, 1, kInt32Max), 0);
  // in + stride overflowed int32.
  EXPECT_EQ(compute_out_size(ir::Padding::kSame, kInt32Max, 1, kInt32Max, 1), 1);
  EXPECT_EQ(compute_out_size(ir::Padding::kValid, kInt32Max, 1, kInt32Max, 1), 1);
}

TEST(ComputePadding, MatchesTfliteAndDoesNotOverflow) {
  EXPECT_EQ(compute_padding(2, 1, 5, 3, 3), 1);
  EXPECT_EQ(compute_padding(1, 1, 5, 3, 3), 0);  // VALID: never negative
  EXPECT_EQ(compute_padding(1, 1000000000, 5, 3, 5), 1000000000);
  // (out - 1) * stride + extent overflowed int32; the padding saturates instead.
  EXPECT_EQ(compute_padding(kInt32Max, kInt32Max, 32, 3, 32), kInt32Max);
  EXPECT_EQ(compute_padding(1, kInt32Max, 32, 3, 32), kInt32Max);
}

}  // namespace
}  // namespace vnpu::kernels::prepare
