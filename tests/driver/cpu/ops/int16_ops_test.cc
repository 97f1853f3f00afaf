// The int16 (16x8) paths of the CPU operators: one rejection per class of bad
// operand (the conformance goldens pin down the arithmetic), and the
// hand-checkable fixed points of LOGISTIC, TANH and SOFTMAX.
#include <gtest/gtest.h>

#include "tests/driver/cpu/ops/elementwise_op_test_graph.h"

namespace vnpu::driver::cpu {
namespace {

using ir::DataType;
using testing::bytes_of;
using testing::expect_rejected;
using testing::OpGraph;

OpGraph unary_graph(ir::OpType type, float input_scale, float output_scale) {
  OpGraph g(type);
  g.input(DataType::kInt16, {1, 4}, input_scale, 0);
  g.output(DataType::kInt16, {1, 4}, output_scale, 0);
  return g;
}

TEST(Int16Ops, ElementwiseNeedsZeroPointZero) {
  for (ir::OpType type : {ir::OpType::kAdd, ir::OpType::kSub, ir::OpType::kMul}) {
    OpGraph g(type);
    g.input(DataType::kInt16, {4}, 0.01f, 0);
    g.input(DataType::kInt16, {4}, 0.01f, 5);
    g.output(DataType::kInt16, {4}, 0.02f, 0);
    expect_rejected(g, ErrorCode::kUnsupported, "input 2 'in1' [4] int16: zero point 5");
  }
}

TEST(Int16Ops, ConvolutionsCheckZeroPointsAndBiasTypes) {
  OpGraph dw(ir::OpType::kDepthwiseConv2d);
  dw.input(DataType::kInt16, {1, 3, 3, 2}, 0.01f, 0);
  const int32_t filter = dw.input(DataType::kInt8, {1, 1, 1, 2}, 0.1f, 0);
  dw.tensor(filter).data = bytes_of(std::vector<int8_t>{1, 2});
  const int32_t bias = dw.input(DataType::kInt32, {2}, 0.001f, 0);
  dw.tensor(bias).data = bytes_of(std::vector<int32_t>{1, 2});
  dw.output(DataType::kInt16, {1, 3, 3, 2}, 0.02f, 0);
  dw.op.options = ir::DepthwiseConv2dOptions{};
  expect_rejected(dw, ErrorCode::kUnsupported, "bias 'in2' [2] int32: expected int64");
  dw.tensor(bias).type = DataType::kInt64;
  dw.tensor(bias).data = bytes_of(std::vector<int64_t>{1, 2});
  EXPECT_TRUE(dw.prepare()) << dw.prepare().status().message();
  dw.tensor(dw.op.outputs[0]).quantization.zero_points = {3};
  expect_rejected(dw, ErrorCode::kUnsupported, "zero point 3 (int16 activations");
  // A ratio of 2^7 or more is beyond TFLite's 64-bit requantization.
  dw.tensor(dw.op.outputs[0]).quantization.zero_points = {0};
  dw.tensor(dw.op.outputs[0]).quantization.scales = {0.000001f};
  expect_rejected(dw, ErrorCode::kUnsupported, "scale ratio is 2^7 or more");
}

TEST(Int16Ops, LogisticAndTanhHitTheirFixedPoints) {
  for (ir::OpType type : {ir::OpType::kLogistic, ir::OpType::kTanh}) {
    OpGraph g = unary_graph(type, 1.0f / 4096, 1.0f / 32768);
    const std::vector<int16_t> input = {0, 32767, -32768, 0};
    const std::vector<int16_t> out = g.run<int16_t>({bytes_of(input)});
    if (type == ir::OpType::kLogistic) {
      // sigmoid(0) = 1/2. 32767 * 3 = 98301 = entry 191 (65513) + 509/512 of a step of 1:
      // (65513 * 512 + 509 + 512) >> 10 = 32757; the negative side mirrors it:
      // (2^25 - 33543165 + 511) >> 10 = 11.
      EXPECT_EQ(out, (std::vector<int16_t>{16384, 32757, 11, 16384}));
    } else {
      // tanh's table index is |x| >> 8 = 383, past the table: saturated to +-32767.
      EXPECT_EQ(out, (std::vector<int16_t>{0, 32767, -32767, 0}));
    }
  }
}

TEST(Int16Ops, ActivationsRejectTflmsUnsupportedQuantization) {
  OpGraph g = unary_graph(ir::OpType::kLogistic, 1.0f / 4096, 1.0f / 256);
  expect_rejected(g, ErrorCode::kUnsupported, "must be 2^-15");
  g = unary_graph(ir::OpType::kTanh, 8.0f, 1.0f / 32768);
  expect_rejected(g, ErrorCode::kUnsupported, "above TFLM's int16 range");
  g = unary_graph(ir::OpType::kSoftmax, 0.001f, 1.0f / 256);
  expect_rejected(g, ErrorCode::kUnsupported, "output 'out'");
  g = unary_graph(ir::OpType::kReluN1To1, 0.01f, 0.01f);
  expect_rejected(g, ErrorCode::kUnsupported, "RELU_N1_TO_1 on int16");
}

TEST(Int16Ops, SoftmaxOfEqualValuesIsUniform) {
  OpGraph g = unary_graph(ir::OpType::kSoftmax, 0.001f, 1.0f / 32768);
  const std::vector<int16_t> out = g.run<int16_t>({bytes_of(std::vector<int16_t>(4, 1234))});
  // exp(0) = 32767 (Q0.15) four times: each output is a quarter of 32768, within the LUTs' error.
  for (int16_t v : out) EXPECT_NEAR(v, 8192, 2);
  EXPECT_EQ(out[0], out[3]);
}

}  // namespace
}  // namespace vnpu::driver::cpu
