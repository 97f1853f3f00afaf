// prepare_logistic and prepare_tanh: the input quantization reaches the
// kernel, and the fixed output quantization the kernels assume is enforced.
#include <gtest/gtest.h>

#include <vector>

#include "kernels/logistic.h"
#include "kernels/tanh.h"
#include "tests/driver/cpu/ops/elementwise_op_test_graph.h"

namespace vnpu::driver::cpu {
namespace {

using ir::DataType;
using testing::bytes_of;
using testing::expect_rejected;
using testing::OpGraph;

OpGraph sigmoid_like_graph(ir::OpType type) {
  OpGraph g(type);
  g.input(DataType::kInt8, {1, 3, 3}, 0.06f, 11);
  if (type == ir::OpType::kLogistic) {
    g.output(DataType::kInt8, {1, 3, 3}, 1.0f / 256, -128);
  } else {
    g.output(DataType::kInt8, {1, 3, 3}, 1.0f / 128, 0);
  }
  return g;
}

const std::vector<int8_t> kInput = {-128, -60, -1, 0, 11, 12, 70, 100, 127};

TEST(PrepareLogisticTanh, MatchKernels) {
  kernels::SigmoidLikeParams p;
  ASSERT_TRUE(kernels::make_s8_sigmoid_like_params(0.06f, 11, &p));
  std::vector<int8_t> want(9);
  kernels::s8_logistic(p, kernels::Dims{9}, kInput.data(), kernels::Dims{9}, want.data());
  EXPECT_EQ(sigmoid_like_graph(ir::OpType::kLogistic).run<int8_t>({bytes_of(kInput)}), want);
  EXPECT_EQ(want[4], 0);  // x = zp: sigmoid(0) = 0.5
  kernels::s8_tanh(p, kernels::Dims{9}, kInput.data(), kernels::Dims{9}, want.data());
  EXPECT_EQ(sigmoid_like_graph(ir::OpType::kTanh).run<int8_t>({bytes_of(kInput)}), want);
  EXPECT_EQ(want[4], 0);  // tanh(0) = 0
}

TEST(PrepareLogisticTanh, EnforceFixedOutputQuantization) {
  OpGraph g = sigmoid_like_graph(ir::OpType::kLogistic);
  g.tensor(g.op.outputs[0]).quantization.zero_points = {0};
  expect_rejected(g, ErrorCode::kUnsupported, "zero point -128");
  g = sigmoid_like_graph(ir::OpType::kLogistic);
  g.tensor(g.op.outputs[0]).quantization.scales = {1.0f / 128};
  expect_rejected(g, ErrorCode::kUnsupported, "quantization must be scale");
  g = sigmoid_like_graph(ir::OpType::kTanh);
  g.tensor(g.op.outputs[0]).quantization.zero_points = {-128};
  expect_rejected(g, ErrorCode::kUnsupported, "zero point 0");
  g = sigmoid_like_graph(ir::OpType::kTanh);
  g.tensor(g.op.outputs[0]).quantization.scales = {1.0f / 256};
  expect_rejected(g, ErrorCode::kUnsupported, "quantization must be scale");
}

TEST(PrepareLogisticTanh, RejectBadOperands) {
  for (ir::OpType type : {ir::OpType::kLogistic, ir::OpType::kTanh}) {
    OpGraph g = sigmoid_like_graph(type);
    g.tensor(g.op.outputs[0]).type = DataType::kInt16;
    expect_rejected(g, ErrorCode::kUnsupported, "output 'out'");
    g = sigmoid_like_graph(type);
    g.tensor(g.op.inputs[0]).quantization.scales = {100.0f};
    expect_rejected(g, ErrorCode::kUnsupported, "scale outside");
    g = sigmoid_like_graph(type);
    g.tensor(g.op.inputs[0]).quantization = {};
    expect_rejected(g, ErrorCode::kUnsupported, "not quantized");
    g = sigmoid_like_graph(type);
    g.tensor(g.op.outputs[0]).shape = {9};
    expect_rejected(g, ErrorCode::kInvalidInput, "shape differs");
  }
}

}  // namespace
}  // namespace vnpu::driver::cpu
