// prepare_depthwise_conv2d: valid graphs compute like the kernel with TFLM's
// parameters; bad operands are rejected with a message naming them.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "driver/cpu/ops.h"
#include "kernels/depthwise_conv2d.h"

namespace vnpu::driver::cpu {
namespace {

struct DwGraph {
  ir::Graph graph;
  ir::Operator op;

  int32_t add(const std::string& name, ir::DataType type, ir::Shape shape,
              std::vector<float> scales, std::vector<int64_t> zps, int32_t axis = 0) {
    ir::Tensor t;
    t.name = name;
    t.type = type;
    t.shape = std::move(shape);
    t.quantization.scales = std::move(scales);
    t.quantization.zero_points = std::move(zps);
    t.quantization.axis = axis;
    graph.tensors.push_back(t);
    return static_cast<int32_t>(graph.tensors.size() - 1);
  }
  template <typename T>
  void fill(int32_t index, const std::vector<T>& values) {
    const auto* bytes = reinterpret_cast<const uint8_t*>(values.data());
    graph.tensor(index).data.assign(bytes, bytes + values.size() * sizeof(T));
  }

  // 1x4x4x2 input, depth multiplier 2 (4 output channels), 3x3 filter with
  // per-channel scales, VALID, stride 1: output 1x2x2x4.
  DwGraph() {
    const int32_t input = add("in", ir::DataType::kInt8, {1, 4, 4, 2}, {0.25f}, {10});
    const int32_t filter = add("w", ir::DataType::kInt8, {1, 3, 3, 4},
                               {0.02f, 0.004f, 0.0006f, 0.3f}, {0, 0, 0, 0}, 3);
    const int32_t bias = add("b", ir::DataType::kInt32, {4}, {}, {});
    const int32_t output = add("out", ir::DataType::kInt8, {1, 2, 2, 4}, {0.1f}, {-20});
    std::vector<int8_t> weights(36);
    for (size_t i = 0; i < weights.size(); ++i) weights[i] = static_cast<int8_t>(i * 71 % 255 - 127);
    fill(filter, weights);
    fill(bias, std::vector<int32_t>{-50, 60, 7000, -8});
    op.type = ir::OpType::kDepthwiseConv2d;
    op.inputs = {input, filter, bias};
    op.outputs = {output};
    ir::DepthwiseConv2dOptions options;
    options.padding = ir::Padding::kValid;
    options.depth_multiplier = 2;
    op.options = options;
  }
  ir::DepthwiseConv2dOptions& options() { return std::get<ir::DepthwiseConv2dOptions>(op.options); }
};

void expect_rejected(const DwGraph& g, ErrorCode code, const std::string& fragment) {
  const PrepareResult result = prepare_depthwise_conv2d(g.graph, g.op);
  ASSERT_FALSE(result) << "expected a failure mentioning '" << fragment << "'";
  EXPECT_EQ(result.status().code(), code) << result.status().message();
  EXPECT_NE(result.status().message().find(fragment), std::string::npos)
      << result.status().message();
}

TEST(PrepareDepthwiseConv2d, ComputesWithTflmParameters) {
  DwGraph g;
  g.options().activation = ir::FusedActivation::kRelu6;
  auto prepared = prepare_depthwise_conv2d(g.graph, g.op);
  ASSERT_TRUE(prepared) << prepared.status().message();
  std::vector<int8_t> input(32);
  for (size_t i = 0; i < input.size(); ++i) input[i] = static_cast<int8_t>(i * 29 % 256 - 128);
  std::vector<int8_t> output(16, 0);
  TensorMemory memory(g.graph.tensors.size());
  memory.bind(g.op.inputs[0], reinterpret_cast<uint8_t*>(input.data()));
  memory.bind(g.op.inputs[1], g.graph.tensor(g.op.inputs[1]).data.data());
  memory.bind(g.op.inputs[2], g.graph.tensor(g.op.inputs[2]).data.data());
  memory.bind(g.op.outputs[0], reinterpret_cast<uint8_t*>(output.data()));
  EXPECT_TRUE((*prepared)->eval(memory));

  // Spec: VALID, no padding; multipliers double(0.25) * double(w) / double(0.1);
  // RELU6 range [zp + round(0 / 0.1), zp + round(6 / 0.1)] = [-20, 40].
  kernels::DepthwiseConvParams params;
  params.input_offset = -10;
  params.output_offset = -20;
  params.depth_multiplier = 2;
  params.activation_min = -20;
  params.activation_max = 40;
  std::vector<kernels::QuantizedMultiplier> m;
  for (float w : {0.02f, 0.004f, 0.0006f, 0.3f}) {
    m.push_back(kernels::quantize_multiplier(0.25 * static_cast<double>(w) / 0.1));
  }
  std::vector<int8_t> expected(16);
  kernels::s8_depthwise_conv2d(
      params, m.data(), kernels::Dims{1, 4, 4, 2}, input.data(), kernels::Dims{1, 3, 3, 4},
      reinterpret_cast<const int8_t*>(g.graph.tensor(g.op.inputs[1]).data.data()),
      reinterpret_cast<const int32_t*>(g.graph.tensor(g.op.inputs[2]).data.data()),
      kernels::Dims{1, 2, 2, 4}, expected.data());
  EXPECT_EQ(output, expected);
  bool clamped_high = false;
  for (int8_t v : expected) clamped_high = clamped_high || v == 40;
  EXPECT_TRUE(clamped_high) << "the case should exercise the RELU6 ceiling";
}

TEST(PrepareDepthwiseConv2d, AcceptsPerTensorFilterAndNoBias) {
  DwGraph g;
  g.graph.tensor(g.op.inputs[1]).quantization.scales = {0.01f};
  g.graph.tensor(g.op.inputs[1]).quantization.zero_points = {0};
  g.op.inputs.pop_back();
  EXPECT_TRUE(prepare_depthwise_conv2d(g.graph, g.op));
}

TEST(PrepareDepthwiseConv2d, RejectsTypesCountsAndConstness) {
  {
    DwGraph g;
    g.op.outputs.push_back(g.op.outputs[0]);
    expect_rejected(g, ErrorCode::kInvalidInput, "expects 1 outputs");
  }
  {
    DwGraph g;
    g.graph.tensor(g.op.inputs[0]).type = ir::DataType::kUInt8;
    expect_rejected(g, ErrorCode::kUnsupported, "input 'in'");
  }
  {
    DwGraph g;
    g.graph.tensor(g.op.inputs[2]).type = ir::DataType::kInt8;
    expect_rejected(g, ErrorCode::kUnsupported, "bias 'b'");
  }
  {
    DwGraph g;
    g.graph.tensor(g.op.inputs[1]).data.clear();
    expect_rejected(g, ErrorCode::kUnsupported, "filter 'w'");
  }
}

TEST(PrepareDepthwiseConv2d, RejectsInconsistentDepthMultiplierAndShapes) {
  {
    DwGraph g;
    g.options().depth_multiplier = 1;  // filter has 4 = 2 x 2 channels
    expect_rejected(g, ErrorCode::kInvalidInput, "depth multiplier 1");
  }
  {
    DwGraph g;
    g.options().padding = ir::Padding::kSame;  // SAME keeps 4x4
    expect_rejected(g, ErrorCode::kInvalidInput, "expected [1,4,4,4]");
  }
  {
    DwGraph g;
    g.graph.tensor(g.op.inputs[2]).shape = {5};
    g.fill(g.op.inputs[2], std::vector<int32_t>{1, 2, 3, 4, 5});
    expect_rejected(g, ErrorCode::kInvalidInput, "expected 4 values");
  }
  {
    DwGraph g;
    g.options().dilation_h = 0;
    expect_rejected(g, ErrorCode::kInvalidInput, ">= 1");
  }
  {
    // The fuzzer's input: input depth x multiplier overflowed int32.
    DwGraph g;
    g.options().depth_multiplier = 1329790977;
    expect_rejected(g, ErrorCode::kInvalidInput, "expected [1,KH,KW,2659581954]");
  }
}

TEST(PrepareDepthwiseConv2d, RejectsPerChannelScalesOnTheWrongAxis) {
  {
    DwGraph g;
    g.graph.tensor(g.op.inputs[1]).quantization.axis = 0;
    expect_rejected(g, ErrorCode::kUnsupported, "along axis 3");
  }
  {
    DwGraph g;
    g.graph.tensor(g.op.inputs[1]).quantization.scales.pop_back();
    g.graph.tensor(g.op.inputs[1]).quantization.zero_points.pop_back();
    expect_rejected(g, ErrorCode::kUnsupported, "expected 1 or 4 scales");
  }
}

}  // namespace
}  // namespace vnpu::driver::cpu

namespace vnpu::driver::cpu {
namespace {

std::vector<int8_t> run_depthwise(DwGraph& g, const CpuOp& op, std::vector<int8_t> input) {
  std::vector<int8_t> output(static_cast<size_t>(g.graph.tensor(g.op.outputs[0]).element_count()));
  TensorMemory memory(g.graph.tensors.size());
  memory.bind(g.op.inputs[0], reinterpret_cast<uint8_t*>(input.data()));
  memory.bind(g.op.inputs[1], g.graph.tensor(g.op.inputs[1]).data.data());
  memory.bind(g.op.inputs[2], g.graph.tensor(g.op.inputs[2]).data.data());
  memory.bind(g.op.outputs[0], reinterpret_cast<uint8_t*>(output.data()));
  EXPECT_TRUE(op.eval(memory));
  return output;
}

TEST(PrepareDepthwiseConv2d, RejectsADilationWhoseFilterExtentOverflows) {
  DwGraph g;
  g.options().dilation_w = 2147483647;
  expect_rejected(g, ErrorCode::kInvalidInput,
                  "dilation 2147483647 makes the effective filter width 4294967295 exceed "
                  "2147483643 (2^31 - 1 less the input width 4)");
}

TEST(PrepareDepthwiseConv2d, AHugeValidDilationMatchesTheReferenceKernel) {
  // SAME, dilation 10^9: padding 10^9 per side; the fast kernel's row buffer
  // would be 2 * 10^9 columns wide, so prepare runs the reference kernel.
  DwGraph g;
  g.options().padding = ir::Padding::kSame;
  g.options().dilation_h = g.options().dilation_w = 1000000000;
  g.graph.tensor(g.op.outputs[0]).shape = {1, 4, 4, 4};
  CpuOptions fast;
  fast.kernels = KernelChoice::kFast;
  CpuOptions reference;
  reference.kernels = KernelChoice::kReference;
  auto fast_op = prepare_depthwise_conv2d(g.graph, g.op, fast);
  auto reference_op = prepare_depthwise_conv2d(g.graph, g.op, reference);
  ASSERT_TRUE(fast_op) << fast_op.status().message();
  ASSERT_TRUE(reference_op) << reference_op.status().message();
  std::vector<int8_t> input(32);
  for (size_t i = 0; i < input.size(); ++i) input[i] = static_cast<int8_t>(i * 29 % 256 - 128);
  const std::vector<int8_t> expected = run_depthwise(g, **reference_op, input);
  EXPECT_EQ(run_depthwise(g, **fast_op, input), expected);
  // Only the centre tap (weight row 1, column 1) reads the input: the output
  // varies with the input pixel under it.
  std::vector<int8_t> shifted = input;
  shifted[0] = static_cast<int8_t>(shifted[0] ^ 0x40);
  EXPECT_NE(run_depthwise(g, **reference_op, shifted), expected);
}

}  // namespace
}  // namespace vnpu::driver::cpu
