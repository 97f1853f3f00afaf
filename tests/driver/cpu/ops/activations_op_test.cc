// prepare_relu (RELU, RELU6, RELU_N1_TO_1), prepare_leaky_relu and
// prepare_hard_swish: TFLM's parameters reach the kernels, RELU6 refuses the
// requantization TFLM does not do, and bad operands are named.
#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <vector>

#include "kernels/activations.h"
#include "kernels/hard_swish.h"
#include "tests/driver/cpu/ops/elementwise_op_test_graph.h"

namespace vnpu::driver::cpu {
namespace {

using ir::DataType;
using testing::bytes_of;
using testing::expect_rejected;
using testing::OpGraph;

OpGraph unary_graph(ir::OpType type, float in_scale, int64_t in_zp, float out_scale,
                    int64_t out_zp) {
  OpGraph g(type);
  g.input(DataType::kInt8, {2, 4}, in_scale, in_zp);
  g.output(DataType::kInt8, {2, 4}, out_scale, out_zp);
  return g;
}

const std::vector<int8_t> kInput = {-128, -90, -3, 0, 1, 40, 100, 127};

TEST(PrepareActivations, ReluRequantizes) {
  const OpGraph g = unary_graph(ir::OpType::kRelu, 0.1f, -3, 0.05f, -128);
  std::vector<int8_t> want(8);
  kernels::s8_relu(kernels::make_s8_relu_params(0.1f, -3, 0.05f, -128), kernels::Dims{8},
                   kInput.data(), kernels::Dims{8}, want.data());
  EXPECT_EQ(g.run<int8_t>({bytes_of(kInput)}), want);
  EXPECT_EQ(want[2], -128);  // x = zp -> 0.0 -> output zp
  EXPECT_EQ(want[4], -120);  // 0.4 / 0.05 = 8 steps
}

TEST(PrepareActivations, ReluN1To1ClampsToPlusMinusOne) {
  // Same quantization, scale 1/32: [-1, 1] is zp -/+ 32.
  const OpGraph g = unary_graph(ir::OpType::kReluN1To1, 1.0f / 32, 10, 1.0f / 32, 10);
  std::vector<int8_t> want;
  for (int8_t x : kInput) want.push_back(static_cast<int8_t>(std::clamp<int>(x, -22, 42)));
  EXPECT_EQ(g.run<int8_t>({bytes_of(kInput)}), want);
}

TEST(PrepareActivations, Relu6ClampsInTheInputQuantization) {
  // 6 / 0.1 = 60 steps above zp -20.
  const OpGraph g = unary_graph(ir::OpType::kRelu6, 0.1f, -20, 0.1f, -20);
  std::vector<int8_t> want;
  for (int8_t x : kInput) want.push_back(static_cast<int8_t>(std::clamp<int>(x, -20, 40)));
  EXPECT_EQ(g.run<int8_t>({bytes_of(kInput)}), want);
}

TEST(PrepareActivations, Relu6RefusesDifferentOutputQuantization) {
  expect_rejected(unary_graph(ir::OpType::kRelu6, 0.1f, -20, 0.05f, -20),
                  ErrorCode::kUnsupported, "does not requantize");
  expect_rejected(unary_graph(ir::OpType::kRelu6, 0.1f, -20, 0.1f, -128),
                  ErrorCode::kUnsupported, "does not requantize");
}

TEST(PrepareActivations, LeakyReluUsesAlpha) {
  OpGraph g = unary_graph(ir::OpType::kLeakyRelu, 0.2f, 0, 0.1f, 5);
  g.op.options = ir::LeakyReluOptions{0.25f};
  std::vector<int8_t> want(8);
  kernels::s8_leaky_relu(kernels::make_s8_leaky_relu_params(0.2f, 0, 0.1f, 5, 0.25f),
                         kernels::Dims{8}, kInput.data(), kernels::Dims{8}, want.data());
  EXPECT_EQ(g.run<int8_t>({bytes_of(kInput)}), want);
  // -3 * (0.2 * 0.25 / 0.1 = 0.5) = -1.5: the high multiply rounds ties up, to -1.
  EXPECT_EQ(want[2], 5 - 1);
  EXPECT_EQ(want[4], 5 + 2);  // 1 * 0.2 / 0.1 = 2
}

TEST(PrepareActivations, LeakyReluRefusesAnAlphaWhoseScaleRatioIsNotFinite) {
  // The fuzzer's input: alpha 3e38 made input scale * alpha / output scale
  // infinite, and converting it to Q31 was undefined behaviour.
  OpGraph g = unary_graph(ir::OpType::kLeakyRelu, 0.2f, 0, 0.1f, 5);
  g.op.options = ir::LeakyReluOptions{3e38f};
  expect_rejected(g, ErrorCode::kInvalidInput, "is not a finite number");
  g.op.options = ir::LeakyReluOptions{std::numeric_limits<float>::quiet_NaN()};
  expect_rejected(g, ErrorCode::kInvalidInput, "is not a finite number");
}

TEST(PrepareActivations, HardSwishMatchesKernel) {
  const OpGraph g = unary_graph(ir::OpType::kHardSwish, 0.05f, -10, 0.04f, -100);
  kernels::HardSwishParams p;
  ASSERT_TRUE(kernels::make_s8_hard_swish_params(0.05f, -10, 0.04f, -100, &p));
  std::vector<int8_t> want(8);
  kernels::s8_hard_swish(p, kernels::Dims{8}, kInput.data(), kernels::Dims{8}, want.data());
  EXPECT_EQ(g.run<int8_t>({bytes_of(kInput)}), want);
  expect_rejected(unary_graph(ir::OpType::kHardSwish, 1.0f, 0, 1.0f / 256, 0),
                  ErrorCode::kUnsupported, "input scale / 128 < output scale");
}

TEST(PrepareActivations, RejectBadOperands) {
  for (ir::OpType type : {ir::OpType::kRelu, ir::OpType::kRelu6, ir::OpType::kReluN1To1,
                          ir::OpType::kLeakyRelu, ir::OpType::kHardSwish}) {
    OpGraph g = unary_graph(type, 0.1f, 0, 0.1f, 0);
    g.tensor(g.op.inputs[0]).type = DataType::kUInt8;
    expect_rejected(g, ErrorCode::kUnsupported, "input 'in0'");
    g = unary_graph(type, 0.1f, 0, 0.1f, 0);
    g.tensor(g.op.outputs[0]).quantization = {};
    expect_rejected(g, ErrorCode::kUnsupported, "output 'out'");
    g = unary_graph(type, 0.1f, 0, 0.1f, 0);
    g.tensor(g.op.outputs[0]).shape = {8};
    expect_rejected(g, ErrorCode::kInvalidInput, "shape differs");
    g = unary_graph(type, 0.1f, 0, 0.1f, 0);
    g.op.outputs.push_back(g.op.outputs[0]);
    expect_rejected(g, ErrorCode::kInvalidInput, "expects 1 outputs");
  }
  // A scale ratio of 2^40 cannot be a TFLM multiplier.
  expect_rejected(unary_graph(ir::OpType::kRelu, 1e6f, 0, 1e-6f, 0), ErrorCode::kUnsupported,
                  "left shift");
}

}  // namespace
}  // namespace vnpu::driver::cpu
