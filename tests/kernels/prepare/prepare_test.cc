// kernels/prepare: the requantization ratios of convolutions and fully
// connected layers, and the activation set-up the CPU runtime and the
// compiler's lookup tables share.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "kernels/prepare/activation_support.h"
#include "kernels/prepare/convolution_support.h"

namespace vnpu::kernels::prepare {
namespace {

ir::Tensor int8_tensor(const std::string& name, float scale, int64_t zero_point) {
  ir::Tensor tensor;
  tensor.name = name;
  tensor.type = ir::DataType::kInt8;
  tensor.shape = {1, 8};
  tensor.quantization.scales = {scale};
  tensor.quantization.zero_points = {zero_point};
  return tensor;
}

// One `type` operator from tensor 0 (scale in_scale, zp 0) to tensor 1.
ir::Graph unary(ir::OpType type, float in_scale, float out_scale, int64_t out_zero_point) {
  ir::Graph graph;
  graph.tensors = {int8_tensor("x", in_scale, 0), int8_tensor("y", out_scale, out_zero_point)};
  graph.operators.push_back({type, {0}, {1}, {}});
  graph.inputs = {0};
  graph.outputs = {1};
  return graph;
}

TEST(ScaleRatio, PerTensorFullyConnectedRoundsTheProductInFloatFirst) {
  // TFLM widens the float product for per-tensor FULLY_CONNECTED, and the
  // factors for every other case; the two differ in the last bits.
  int differing = 0;
  for (int i = 1; i <= 1000; ++i) {
    const float input = 0.0123f * static_cast<float>(i);
    const float filter = 0.00371f / static_cast<float>(i);
    const double per_channel = per_channel_scale_ratio(input, filter, 0.05f);
    const double per_tensor = per_tensor_fully_connected_scale_ratio(input, filter, 0.05f);
    EXPECT_EQ(per_channel, static_cast<double>(input) * static_cast<double>(filter) / 0.05f);
    EXPECT_EQ(per_tensor, static_cast<double>(input * filter) / static_cast<double>(0.05f));
    EXPECT_NEAR(per_channel, per_tensor, 1e-7 * per_channel);
    if (per_channel != per_tensor) ++differing;
  }
  EXPECT_GT(differing, 0);
}

TEST(PerChannelMultipliers, RefusesARatioOfTwoToTheThirtyOne) {
  ir::Graph graph;
  graph.tensors = {int8_tensor("x", 1.0f, 0), int8_tensor("w", 1.0f, 0),
                   int8_tensor("y", std::ldexp(1.0f, -32), 0)};
  graph.tensors[1].shape = {1, 1, 1, 1};
  graph.operators.push_back({ir::OpType::kConv2d, {0, 1}, {2}, {}});
  const auto multipliers = per_channel_multipliers(graph, graph.operators[0], 0);
  ASSERT_FALSE(multipliers);
  EXPECT_EQ(multipliers.status().code(), ErrorCode::kUnsupported);
  EXPECT_NE(multipliers.status().message().find("is 2^31 or more"), std::string::npos);
}

TEST(ActivationSetUp, Relu6NeedsTheInputQuantizationOnItsOutput) {
  const ir::Graph same = unary(ir::OpType::kRelu6, 0.05f, 0.05f, 0);
  const auto params = s8_relu6_params(same, same.operators[0]);
  ASSERT_TRUE(params) << params.status().message();
  EXPECT_EQ(params->lower, 0);
  EXPECT_EQ(params->upper, 120);  // 6 / 0.05
  const ir::Graph other = unary(ir::OpType::kRelu6, 0.05f, 0.1f, 0);
  const auto refused = s8_relu6_params(other, other.operators[0]);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.status().message().find("does not requantize"), std::string::npos);
}

TEST(ActivationSetUp, LogisticAndTanhHaveFixedOutputQuantization) {
  const ir::Graph logistic = unary(ir::OpType::kLogistic, 0.1f, 1.0f / 256, -128);
  EXPECT_TRUE(s8_logistic_params(logistic, logistic.operators[0]));
  const ir::Graph wrong_logistic = unary(ir::OpType::kLogistic, 0.1f, 1.0f / 256, 0);
  EXPECT_FALSE(s8_logistic_params(wrong_logistic, wrong_logistic.operators[0]));
  const ir::Graph tanh = unary(ir::OpType::kTanh, 0.1f, 1.0f / 128, 0);
  EXPECT_TRUE(s8_tanh_params(tanh, tanh.operators[0]));
  const ir::Graph wrong_tanh = unary(ir::OpType::kTanh, 0.1f, 1.0f / 256, -128);
  const auto refused = s8_tanh_params(wrong_tanh, wrong_tanh.operators[0]);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.status().code(), ErrorCode::kUnsupported);
}

TEST(ActivationSetUp, RequantizeRefusesAShiftAboveThirtyOneBits) {
  ir::Graph graph = unary(ir::OpType::kQuantize, 1.0f, std::ldexp(1.0f, -33), 0);
  const auto refused = requantize_params(graph, graph.operators[0]);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.status().message().find("requantization multiplier"), std::string::npos);
  graph = unary(ir::OpType::kQuantize, 0.5f, 0.25f, 3);
  const auto params = requantize_params(graph, graph.operators[0]);
  ASSERT_TRUE(params) << params.status().message();
  EXPECT_EQ(params->output_zero_point, 3);
  EXPECT_EQ(params->multiplier.shift, 2);  // 2.0 = 2^30 * 2^(2-31)
}

}  // namespace
}  // namespace vnpu::kernels::prepare
