// prepare_batch_matmul: hand-derived products (adj_y, broadcast batch, int16)
// and one rejection per class of bad operand.
#include <gtest/gtest.h>

#include "tests/driver/cpu/ops/elementwise_op_test_graph.h"

namespace vnpu::driver::cpu {
namespace {

using ir::DataType;
using testing::bytes_of;
using testing::expect_rejected;
using testing::OpGraph;

// lhs [.., 2, 3] times rhs [.., 3, 2] (or [.., 2, 3] with adj_y), all scales 1, zero points 0.
OpGraph matmul_graph(DataType type, ir::Shape lhs, ir::Shape rhs, ir::Shape out, bool adj_y) {
  OpGraph g(ir::OpType::kBatchMatmul);
  g.input(type, std::move(lhs), 1.0f, 0);
  g.input(type, std::move(rhs), 1.0f, 0);
  g.output(type, std::move(out), 1.0f, 0);
  g.op.options = ir::BatchMatmulOptions{false, adj_y};
  return g;
}

TEST(PrepareBatchMatmul, MultipliesHandDerivedMatrices) {
  // [[1,2,3],[4,5,6]] x [[1,0],[0,1],[1,1]] = [[4,5],[10,11]].
  const std::vector<int8_t> lhs = {1, 2, 3, 4, 5, 6};
  const std::vector<int8_t> rhs = {1, 0, 0, 1, 1, 1};
  const std::vector<int8_t> rhs_transposed = {1, 0, 1, 0, 1, 1};
  OpGraph plain = matmul_graph(DataType::kInt8, {2, 3}, {3, 2}, {2, 2}, false);
  EXPECT_EQ(plain.run<int8_t>({bytes_of(lhs), bytes_of(rhs)}), (std::vector<int8_t>{4, 5, 10, 11}));
  OpGraph adj_y = matmul_graph(DataType::kInt8, {2, 3}, {2, 3}, {2, 2}, true);
  EXPECT_EQ(adj_y.run<int8_t>({bytes_of(lhs), bytes_of(rhs_transposed)}),
            (std::vector<int8_t>{4, 5, 10, 11}));
  // The rhs batch of 1 broadcasts over the lhs batch of 2; int16 accumulates in int64.
  const std::vector<int16_t> lhs16 = {1, 2, 3, 4, 5, 6, -1, -2, -3, -4, -5, -6};
  OpGraph broadcast = matmul_graph(DataType::kInt16, {2, 2, 3}, {1, 3, 2}, {2, 2, 2}, false);
  EXPECT_EQ(broadcast.run<int16_t>(
                {bytes_of(lhs16), bytes_of(std::vector<int16_t>(rhs.begin(), rhs.end()))}),
            (std::vector<int16_t>{4, 5, 10, 11, -4, -5, -10, -11}));
}

TEST(PrepareBatchMatmul, RejectsBadOperands) {
  OpGraph g = matmul_graph(DataType::kInt8, {2, 3}, {4, 2}, {2, 2}, false);
  expect_rejected(g, ErrorCode::kInvalidInput, "inner dimensions differ: 3 (lhs) and 4 (rhs)");
  g = matmul_graph(DataType::kInt8, {2, 3, 3}, {3, 3, 2}, {3, 3, 2}, false);
  expect_rejected(g, ErrorCode::kInvalidInput, "do not broadcast");
  g = matmul_graph(DataType::kInt8, {2, 3}, {3, 2}, {2, 3}, false);
  expect_rejected(g, ErrorCode::kInvalidInput, "expected [2,2]");
  g = matmul_graph(DataType::kInt16, {2, 3}, {3, 2}, {2, 2}, false);
  g.tensor(g.op.inputs[1]).quantization.zero_points = {3};
  expect_rejected(g, ErrorCode::kUnsupported, "rhs 'in1'");
  g = matmul_graph(DataType::kInt8, {2, 3}, {3, 2}, {2, 2}, false);
  g.tensor(g.op.inputs[1]).type = DataType::kInt16;
  expect_rejected(g, ErrorCode::kUnsupported, "rhs 'in1'");
  g = matmul_graph(DataType::kInt8, {3}, {3, 2}, {2}, false);
  expect_rejected(g, ErrorCode::kUnsupported, "rank must be 2 to 5");
}

}  // namespace
}  // namespace vnpu::driver::cpu
