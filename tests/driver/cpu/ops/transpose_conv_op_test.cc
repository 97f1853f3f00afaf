// prepare_transpose_conv: a hand-derived scatter (int8 and int16 with an int16
// bias) and one rejection per class of bad operand.
#include <gtest/gtest.h>

#include "tests/driver/cpu/ops/elementwise_op_test_graph.h"

namespace vnpu::driver::cpu {
namespace {

using ir::DataType;
using testing::bytes_of;
using testing::expect_rejected;
using testing::OpGraph;

// One input pixel [1,1,1,1] scattered by a 2x2 filter into a [1,2,2,1] output
// (VALID, stride 1); scales 1, zero points 0.
OpGraph transpose_conv_graph(DataType type, DataType bias_type) {
  OpGraph g(ir::OpType::kTransposeConv);
  const int32_t shape = g.input(DataType::kInt32, {4});
  const std::vector<int32_t> output_shape = {1, 2, 2, 1};
  g.tensor(shape).data = bytes_of(output_shape);
  const int32_t filter = g.input(DataType::kInt8, {1, 2, 2, 1}, 1.0f, 0);
  g.tensor(filter).data = bytes_of(std::vector<int8_t>{1, 2, 3, -4});
  g.input(type, {1, 1, 1, 1}, 1.0f, 0);
  if (bias_type == DataType::kInt16) {
    const int32_t bias = g.input(bias_type, {1}, 1.0f, 0);
    g.tensor(bias).data = bytes_of(std::vector<int16_t>{-300});
  }
  g.output(type, {1, 2, 2, 1}, 1.0f, 0);
  ir::TransposeConvOptions options;
  options.padding = ir::Padding::kValid;
  g.op.options = options;
  return g;
}

std::vector<std::vector<uint8_t>> operands(const OpGraph& g, std::vector<uint8_t> input) {
  std::vector<std::vector<uint8_t>> result;
  for (size_t i = 0; i < g.op.inputs.size(); ++i) {
    result.push_back(i == 2 ? input : g.graph.tensor(g.op.inputs[i]).data);
  }
  return result;
}

TEST(PrepareTransposeConv, ScattersTheInputThroughTheFilter) {
  OpGraph g8 = transpose_conv_graph(DataType::kInt8, DataType::kFloat32);
  EXPECT_EQ(g8.run<int8_t>(operands(g8, bytes_of(std::vector<int8_t>{5}))),
            (std::vector<int8_t>{5, 10, 15, -20}));
  OpGraph g16 = transpose_conv_graph(DataType::kInt16, DataType::kInt16);
  EXPECT_EQ(g16.run<int16_t>(operands(g16, bytes_of(std::vector<int16_t>{1000}))),
            (std::vector<int16_t>{700, 1700, 2700, -4300}));
}

TEST(PrepareTransposeConv, RejectsBadOperands) {
  OpGraph g = transpose_conv_graph(DataType::kInt8, DataType::kFloat32);
  g.tensor(g.op.inputs[0]).data = bytes_of(std::vector<int32_t>{1, 3, 3, 1});
  expect_rejected(g, ErrorCode::kInvalidInput, "output_shape [1,3,3,1] differs from output");
  g = transpose_conv_graph(DataType::kInt8, DataType::kInt16);
  expect_rejected(g, ErrorCode::kUnsupported, "bias 'in3' [1] int16: expected int32");
  g = transpose_conv_graph(DataType::kInt16, DataType::kFloat32);
  g.tensor(g.op.inputs[2]).quantization.zero_points = {1};
  expect_rejected(g, ErrorCode::kUnsupported, "int16 zero point must be 0");
  g = transpose_conv_graph(DataType::kInt8, DataType::kFloat32);
  g.tensor(g.op.inputs[1]).data.clear();
  expect_rejected(g, ErrorCode::kUnsupported, "must be a constant");
  g = transpose_conv_graph(DataType::kInt8, DataType::kFloat32);
  g.tensor(g.op.outputs[0]).shape = {1, 2, 2, 3};
  expect_rejected(g, ErrorCode::kInvalidInput, "depth the filter's 1");
}

}  // namespace
}  // namespace vnpu::driver::cpu
