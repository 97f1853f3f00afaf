// prepare_fully_connected: TFLM's multiplier rules (float scale product for
// per-tensor weights, double for per-channel), the bias-scale check, shapes,
// and rejection messages.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "driver/cpu/ops.h"
#include "kernels/quant_math.h"

namespace vnpu::driver::cpu {
namespace {

struct FcGraph {
  ir::Graph graph;
  ir::Operator op;

  int32_t add(const std::string& name, ir::DataType type, ir::Shape shape,
              std::vector<float> scales, std::vector<int64_t> zps) {
    ir::Tensor t;
    t.name = name;
    t.type = type;
    t.shape = std::move(shape);
    t.quantization.scales = std::move(scales);
    t.quantization.zero_points = std::move(zps);
    graph.tensors.push_back(t);
    return static_cast<int32_t>(graph.tensors.size() - 1);
  }
  template <typename T>
  void fill(int32_t index, const std::vector<T>& values) {
    const auto* bytes = reinterpret_cast<const uint8_t*>(values.data());
    graph.tensor(index).data.assign(bytes, bytes + values.size() * sizeof(T));
  }

  // [2, 3] input (scale in, zp 0), weights [2, 3] all zero, bias [2], output [2, 2] zp -128.
  explicit FcGraph(float in_scale = 0.5f, float w_scale = 0.25f, float out_scale = 1.0f) {
    const int32_t input = add("in", ir::DataType::kInt8, {2, 3}, {in_scale}, {0});
    const int32_t filter = add("w", ir::DataType::kInt8, {2, 3}, {w_scale}, {0});
    const int32_t bias = add("b", ir::DataType::kInt32, {2}, {in_scale * w_scale}, {0});
    const int32_t output = add("out", ir::DataType::kInt8, {2, 2}, {out_scale}, {-128});
    fill(filter, std::vector<int8_t>(6, 0));
    fill(bias, std::vector<int32_t>{0, 0});
    op.type = ir::OpType::kFullyConnected;
    op.inputs = {input, filter, bias};
    op.outputs = {output};
    op.options = ir::FullyConnectedOptions{};
  }

  // Evaluates with an all-zero input, so each output is requantize(bias) - 128.
  std::vector<int8_t> run_with_bias(int32_t bias0, int32_t bias1) {
    fill(op.inputs[2], std::vector<int32_t>{bias0, bias1});
    auto prepared = prepare_fully_connected(graph, op);
    EXPECT_TRUE(prepared) << prepared.status().message();
    if (!prepared) return {};
    std::vector<int8_t> input(6, 0), output(4, 0);
    TensorMemory memory(graph.tensors.size());
    memory.bind(op.inputs[0], reinterpret_cast<uint8_t*>(input.data()));
    memory.bind(op.inputs[1], graph.tensor(op.inputs[1]).data.data());
    memory.bind(op.inputs[2], graph.tensor(op.inputs[2]).data.data());
    memory.bind(op.outputs[0], reinterpret_cast<uint8_t*>(output.data()));
    EXPECT_TRUE((*prepared)->eval(memory));
    return output;
  }
};

void expect_rejected(const FcGraph& g, ErrorCode code, const std::string& fragment) {
  const PrepareResult result = prepare_fully_connected(g.graph, g.op);
  ASSERT_FALSE(result) << "expected a failure mentioning '" << fragment << "'";
  EXPECT_EQ(result.status().code(), code) << result.status().message();
  EXPECT_NE(result.status().message().find(fragment), std::string::npos)
      << result.status().message();
}

// The smallest accumulator >= 0 on which the two multipliers disagree.
int32_t disagreement(kernels::QuantizedMultiplier a, kernels::QuantizedMultiplier b) {
  for (int32_t acc = 0; acc < (1 << 26); ++acc) {
    if (kernels::multiply_by_quantized_multiplier(acc, a) !=
        kernels::multiply_by_quantized_multiplier(acc, b)) {
      return acc;
    }
  }
  return -1;
}

TEST(PrepareFullyConnected, HandDerivedOutput) {
  // Scales 0.5 * 0.25 / 1.0 = 0.125: bias 8 -> 1, bias 12 -> 1.5 -> 2; zp -128.
  FcGraph g;
  EXPECT_EQ(g.run_with_bias(8, 12), (std::vector<int8_t>{-127, -126, -127, -126}));
}

TEST(PrepareFullyConnected, PerTensorScaleProductIsComputedInFloat) {
  const float in = 0.0123457f, w = 0.000987654f, out = 0.00456789f;
  const auto m_float =
      kernels::quantize_multiplier(static_cast<double>(in * w) / static_cast<double>(out));
  const auto m_double = kernels::quantize_multiplier(
      static_cast<double>(in) * static_cast<double>(w) / static_cast<double>(out));
  ASSERT_NE(m_float.multiplier, m_double.multiplier);
  const int32_t acc = disagreement(m_float, m_double);
  ASSERT_GE(acc, 0);
  const int32_t expected = kernels::multiply_by_quantized_multiplier(acc, m_float) - 128;
  ASSERT_LE(expected, 127) << "search found a saturated accumulator";
  FcGraph g(in, w, out);
  const std::vector<int8_t> output = g.run_with_bias(acc, 0);
  ASSERT_EQ(output.size(), 4u);
  EXPECT_EQ(output[0], expected);
}

TEST(PrepareFullyConnected, PerChannelScaleProductIsComputedInDouble) {
  const float in = 0.0123457f, out = 0.00456789f;
  const std::vector<float> w = {0.000987654f, 0.000987654f};
  const auto m_float =
      kernels::quantize_multiplier(static_cast<double>(in * w[0]) / static_cast<double>(out));
  const auto m_double = kernels::quantize_multiplier(
      static_cast<double>(in) * static_cast<double>(w[0]) / static_cast<double>(out));
  const int32_t acc = disagreement(m_float, m_double);
  ASSERT_GE(acc, 0);
  FcGraph g(in, w[0], out);
  g.graph.tensor(g.op.inputs[1]).quantization.scales = w;
  g.graph.tensor(g.op.inputs[1]).quantization.zero_points = {0, 0};
  const int32_t expected = kernels::multiply_by_quantized_multiplier(acc, m_double) - 128;
  ASSERT_LE(expected, 127) << "search found a saturated accumulator";
  const std::vector<int8_t> output = g.run_with_bias(0, acc);
  ASSERT_EQ(output.size(), 4u);
  EXPECT_EQ(output[1], expected);
}

TEST(PrepareFullyConnected, AcceptsHigherRankInputAndNoBias) {
  FcGraph g;
  g.graph.tensor(g.op.inputs[0]).shape = {1, 2, 1, 3};
  g.op.inputs.pop_back();
  EXPECT_TRUE(prepare_fully_connected(g.graph, g.op));
}

TEST(PrepareFullyConnected, RejectsBiasScaleFarFromProduct) {
  FcGraph g;  // product 0.125, output scale 1: 2% is 0.02
  g.graph.tensor(g.op.inputs[2]).quantization.scales = {0.2f};
  expect_rejected(g, ErrorCode::kUnsupported, "by more than 2%");
  g.graph.tensor(g.op.inputs[2]).quantization.scales = {0.14f};
  EXPECT_TRUE(prepare_fully_connected(g.graph, g.op));
}

TEST(PrepareFullyConnected, RejectsTypesShapesAndQuantization) {
  {
    FcGraph g;
    g.graph.tensor(g.op.inputs[0]).type = ir::DataType::kFloat32;
    expect_rejected(g, ErrorCode::kUnsupported, "input 'in'");
  }
  {
    FcGraph g;
    g.graph.tensor(g.op.inputs[1]).data.clear();
    expect_rejected(g, ErrorCode::kUnsupported, "filter 'w'");
  }
  {
    FcGraph g;
    g.graph.tensor(g.op.inputs[0]).shape = {2, 4};
    expect_rejected(g, ErrorCode::kInvalidInput, "not a multiple of the filter depth 3");
  }
  {
    FcGraph g;
    g.graph.tensor(g.op.outputs[0]).shape = {2, 3};
    expect_rejected(g, ErrorCode::kInvalidInput, "expected 2 rows of 2 values");
  }
  {
    FcGraph g;
    g.graph.tensor(g.op.inputs[2]).shape = {3};
    g.fill(g.op.inputs[2], std::vector<int32_t>{0, 0, 0});
    expect_rejected(g, ErrorCode::kInvalidInput, "bias 'b'");
  }
  {
    FcGraph g;
    g.graph.tensor(g.op.inputs[1]).quantization.scales = {0.1f, 0.1f};
    g.graph.tensor(g.op.inputs[1]).quantization.zero_points = {0, 3};
    expect_rejected(g, ErrorCode::kUnsupported, "per-channel zero point 3");
  }
  {
    FcGraph g;
    g.graph.tensor(g.op.inputs[1]).quantization = {};
    expect_rejected(g, ErrorCode::kUnsupported, "not quantized");
  }
  {
    FcGraph g;
    g.op.inputs = {g.op.inputs[0]};
    expect_rejected(g, ErrorCode::kInvalidInput, "expects 2 to 3 inputs");
  }
}

}  // namespace
}  // namespace vnpu::driver::cpu
