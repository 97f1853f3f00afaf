// kernels/s32_arithmetic.h: int32 ADD, MUL and DIV as TFLM's reference_ops do
// them (plain C++ arithmetic, broadcasting, truncating division), and the
// divisions TFLM traps on reported instead.
#include "kernels/s32_arithmetic.h"

#include <gtest/gtest.h>

#include <limits>
#include <vector>

namespace vnpu::kernels {
namespace {

std::vector<int32_t> run(S32Arithmetic op, const std::vector<int32_t>& a, int32_t b,
                         int64_t* failed = nullptr) {
  std::vector<int32_t> out(a.size(), 7);
  const Dims vector_dims = Dims::from({static_cast<int32_t>(a.size())});
  const Dims scalar_dims = Dims::from({});
  const int64_t result =
      s32_arithmetic(op, vector_dims, a.data(), scalar_dims, &b, vector_dims, out.data());
  if (failed != nullptr) *failed = result;
  return out;
}

TEST(S32Arithmetic, AddMulDivBroadcastAScalar) {
  // micro_speech's feature scaling: x * 256 + 333, / 666, - 128 (truncating).
  EXPECT_EQ(run(S32Arithmetic::kMul, {657, 603, -5}, 256),
            (std::vector<int32_t>{168192, 154368, -1280}));
  EXPECT_EQ(run(S32Arithmetic::kAdd, {168192, 154368}, 333),
            (std::vector<int32_t>{168525, 154701}));
  EXPECT_EQ(run(S32Arithmetic::kDiv, {168525, 154701, -7, 7}, 666),
            (std::vector<int32_t>{253, 232, 0, 0}));
  EXPECT_EQ(run(S32Arithmetic::kDiv, {-7, 7}, 2), (std::vector<int32_t>{-3, 3}));
}

TEST(S32Arithmetic, OverflowWraps) {
  const int32_t max = std::numeric_limits<int32_t>::max();
  EXPECT_EQ(run(S32Arithmetic::kAdd, {max}, 1), (std::vector<int32_t>{std::numeric_limits<int32_t>::min()}));
  EXPECT_EQ(run(S32Arithmetic::kMul, {65536}, 65536), (std::vector<int32_t>{0}));
}

TEST(S32Arithmetic, DivisionByZeroOrOverflowIsReported) {
  int64_t failed = -1;
  run(S32Arithmetic::kDiv, {4, 5}, 0, &failed);
  EXPECT_EQ(failed, 0);
  run(S32Arithmetic::kDiv, {4, std::numeric_limits<int32_t>::min()}, -1, &failed);
  EXPECT_EQ(failed, 1);
  run(S32Arithmetic::kDiv, {4, 5}, 2, &failed);
  EXPECT_EQ(failed, -1);
}

}  // namespace
}  // namespace vnpu::kernels
