// prepare_conv2d: accepts valid graphs and computes like the kernel with
// TFLM's precomputed parameters; rejects bad operands with a message naming them.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "driver/cpu/ops.h"
#include "kernels/conv2d.h"

namespace vnpu::driver::cpu {
namespace {

struct ConvGraph {
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

  // 1x5x5x2 input (scale 0.5, zp -3), 3 filters 3x3x2 per channel, bias, SAME stride 2.
  ConvGraph() {
    const int32_t input = add("in", ir::DataType::kInt8, {1, 5, 5, 2}, {0.5f}, {-3});
    const int32_t filter =
        add("w", ir::DataType::kInt8, {3, 3, 3, 2}, {0.01f, 0.002f, 0.0003f}, {0, 0, 0});
    const int32_t bias = add("b", ir::DataType::kInt32, {3}, {0.005f, 0.001f, 0.00015f}, {0, 0, 0});
    const int32_t output = add("out", ir::DataType::kInt8, {1, 3, 3, 3}, {0.05f}, {4});
    std::vector<int8_t> weights(54);
    for (size_t i = 0; i < weights.size(); ++i) weights[i] = static_cast<int8_t>(i * 37 % 255 - 127);
    fill(filter, weights);
    fill(bias, std::vector<int32_t>{100, -2000, 30000});
    op.type = ir::OpType::kConv2d;
    op.inputs = {input, filter, bias};
    op.outputs = {output};
    ir::Conv2dOptions options;
    options.stride_h = options.stride_w = 2;
    op.options = options;
  }
  ir::Conv2dOptions& options() { return std::get<ir::Conv2dOptions>(op.options); }
};

void expect_rejected(const ConvGraph& g, ErrorCode code, const std::string& fragment) {
  const PrepareResult result = prepare_conv2d(g.graph, g.op);
  ASSERT_FALSE(result) << "expected a failure mentioning '" << fragment << "'";
  EXPECT_EQ(result.status().code(), code) << result.status().message();
  EXPECT_NE(result.status().message().find(fragment), std::string::npos)
      << result.status().message();
}

// Runs the prepared op on `input` and returns the output bytes.
std::vector<int8_t> run(const ConvGraph& g, const CpuOp& op, std::vector<int8_t> input) {
  TensorMemory memory(g.graph.tensors.size());
  std::vector<int8_t> output(static_cast<size_t>(g.graph.tensor(g.op.outputs[0]).element_count()));
  memory.bind(g.op.inputs[0], reinterpret_cast<uint8_t*>(input.data()));
  memory.bind(g.op.outputs[0], reinterpret_cast<uint8_t*>(output.data()));
  for (size_t i = 1; i < g.op.inputs.size(); ++i) {
    if (g.op.inputs[i] == ir::kNoTensor) continue;
    memory.bind(g.op.inputs[i], const_cast<uint8_t*>(g.graph.tensor(g.op.inputs[i]).data.data()));
  }
  EXPECT_TRUE(op.eval(memory));
  return output;
}

TEST(PrepareConv2d, ComputesWithTflmMultipliersAndSamePadding) {
  ConvGraph g;
  g.options().activation = ir::FusedActivation::kRelu;
  auto prepared = prepare_conv2d(g.graph, g.op);
  ASSERT_TRUE(prepared) << prepared.status().message();
  std::vector<int8_t> input(50);
  for (size_t i = 0; i < input.size(); ++i) input[i] = static_cast<int8_t>(i * 53 % 256 - 128);

  // Spec: SAME 5 -> 3 with stride 2 and a 3x3 filter: total padding 2, top/left 1;
  // multipliers double(0.5) * double(w_scale) / double(0.05); RELU floor = zp 4.
  kernels::ConvParams params;
  params.input_offset = 3;
  params.output_offset = 4;
  params.stride_h = params.stride_w = 2;
  params.pad_top = params.pad_left = 1;
  params.activation_min = 4;
  std::vector<kernels::QuantizedMultiplier> m;
  for (float w : {0.01f, 0.002f, 0.0003f}) {
    m.push_back(kernels::quantize_multiplier(0.5 * static_cast<double>(w) / 0.05));
  }
  std::vector<int8_t> expected(27);
  const auto& weights = g.graph.tensor(g.op.inputs[1]).data;
  const auto& bias = g.graph.tensor(g.op.inputs[2]).data;
  kernels::s8_conv2d(params, m.data(), kernels::Dims{1, 5, 5, 2}, input.data(),
                     kernels::Dims{3, 3, 3, 2}, reinterpret_cast<const int8_t*>(weights.data()),
                     reinterpret_cast<const int32_t*>(bias.data()), kernels::Dims{1, 3, 3, 3},
                     expected.data());
  EXPECT_EQ(run(g, **prepared, input), expected);
  for (int8_t v : expected) EXPECT_GE(v, 4);
}

TEST(PrepareConv2d, ScaleProductIsComputedInDouble) {
  // Per-tensor filter scale whose float product with the input scale rounds:
  // find a bias (all-zero-point input gives acc = bias) where the double and the
  // float product give different outputs, and expect the double one (TFLM).
  ConvGraph g;
  const float in_scale = 0.0123457f, w_scale = 0.000987654f, out_scale = 0.0456789f;
  g.graph.tensor(g.op.inputs[0]).quantization.scales = {in_scale};
  g.graph.tensor(g.op.inputs[1]).quantization.scales = {w_scale};
  g.graph.tensor(g.op.inputs[1]).quantization.zero_points = {0};
  g.graph.tensor(g.op.outputs[0]).quantization.scales = {out_scale};
  const auto m_double = kernels::quantize_multiplier(
      static_cast<double>(in_scale) * static_cast<double>(w_scale) / static_cast<double>(out_scale));
  const auto m_float = kernels::quantize_multiplier(
      static_cast<double>(in_scale * w_scale) / static_cast<double>(out_scale));
  ASSERT_NE(m_double.multiplier, m_float.multiplier);
  int32_t acc = 0;
  while (kernels::multiply_by_quantized_multiplier(acc, m_double) ==
         kernels::multiply_by_quantized_multiplier(acc, m_float)) {
    ASSERT_LT(++acc, 1 << 24);
  }
  g.fill(g.op.inputs[2], std::vector<int32_t>{acc, acc, acc});
  g.graph.tensor(g.op.outputs[0]).quantization.zero_points = {-128};
  auto prepared = prepare_conv2d(g.graph, g.op);
  ASSERT_TRUE(prepared) << prepared.status().message();
  const std::vector<int8_t> output = run(g, **prepared, std::vector<int8_t>(50, -3));
  const int32_t expected = std::min(kernels::multiply_by_quantized_multiplier(acc, m_double) - 128, 127);
  ASSERT_LT(expected, 127) << "search found a saturated accumulator";
  EXPECT_EQ(output[0], expected);
}

TEST(PrepareConv2d, AcceptsMissingBiasAndValidPadding) {
  ConvGraph g;
  g.op.inputs.pop_back();
  g.options().padding = ir::Padding::kValid;
  g.graph.tensor(g.op.outputs[0]).shape = {1, 2, 2, 3};
  EXPECT_TRUE(prepare_conv2d(g.graph, g.op));
  g.op.inputs.push_back(ir::kNoTensor);
  EXPECT_TRUE(prepare_conv2d(g.graph, g.op));
}

TEST(PrepareConv2d, RejectsWrongOperandCounts) {
  ConvGraph g;
  g.op.inputs.resize(1);
  expect_rejected(g, ErrorCode::kInvalidInput, "expects 2 to 3 inputs");
}

TEST(PrepareConv2d, RejectsNonInt8OperandsNamingThem) {
  {
    ConvGraph g;
    g.graph.tensor(g.op.inputs[0]).type = ir::DataType::kInt32;
    expect_rejected(g, ErrorCode::kUnsupported, "input 'in'");
  }
  {
    ConvGraph g;  // int16 activations (16x8) need an int16 output too
    g.graph.tensor(g.op.inputs[0]).type = ir::DataType::kInt16;
    expect_rejected(g, ErrorCode::kUnsupported, "output 'out'");
  }
  {
    ConvGraph g;
    g.graph.tensor(g.op.inputs[1]).type = ir::DataType::kUInt8;
    expect_rejected(g, ErrorCode::kUnsupported, "filter 'w'");
  }
  {
    ConvGraph g;
    g.graph.tensor(g.op.outputs[0]).type = ir::DataType::kFloat32;
    expect_rejected(g, ErrorCode::kUnsupported, "output 'out'");
  }
  {
    ConvGraph g;
    g.graph.tensor(g.op.inputs[2]).type = ir::DataType::kInt64;
    expect_rejected(g, ErrorCode::kUnsupported, "bias 'b'");
  }
}

TEST(PrepareConv2d, RejectsNonConstantWeightsAndBadBiasLength) {
  {
    ConvGraph g;
    g.graph.tensor(g.op.inputs[1]).data.clear();
    expect_rejected(g, ErrorCode::kUnsupported, "must be a constant");
  }
  {
    ConvGraph g;
    g.graph.tensor(g.op.inputs[2]).shape = {2};
    g.fill(g.op.inputs[2], std::vector<int32_t>{1, 2});
    expect_rejected(g, ErrorCode::kInvalidInput, "expected 3 values");
  }
}

TEST(PrepareConv2d, RejectsBadQuantization) {
  {
    ConvGraph g;
    g.graph.tensor(g.op.inputs[1]).quantization.scales = {0.1f, 0.2f};
    g.graph.tensor(g.op.inputs[1]).quantization.zero_points = {0, 0};
    expect_rejected(g, ErrorCode::kUnsupported, "expected 1 or 3 scales along axis 0");
  }
  {
    ConvGraph g;
    g.graph.tensor(g.op.inputs[1]).quantization.zero_points = {0, 5, 0};
    expect_rejected(g, ErrorCode::kUnsupported, "zero point 5");
  }
  {
    ConvGraph g;
    g.graph.tensor(g.op.inputs[0]).quantization = {};
    expect_rejected(g, ErrorCode::kUnsupported, "not quantized");
  }
  {
    ConvGraph g;  // 0.5 * 0.01 / 1e-12 >= 2^31
    g.graph.tensor(g.op.outputs[0]).quantization.scales = {1e-12f};
    expect_rejected(g, ErrorCode::kUnsupported, "2^31 or more");
  }
}

TEST(PrepareConv2d, RejectsShapesInconsistentWithOptions) {
  {
    ConvGraph g;
    g.graph.tensor(g.op.outputs[0]).shape = {1, 5, 5, 3};  // stride 2 SAME needs 3x3
    expect_rejected(g, ErrorCode::kInvalidInput, "expected [1,3,3,3]");
  }
  {
    ConvGraph g;
    g.graph.tensor(g.op.inputs[0]).shape = {1, 5, 5, 3};  // 3 channels, filter depth 2
    expect_rejected(g, ErrorCode::kInvalidInput, "input depth");
  }
  {
    // The fuzzer's input: depth 0 passed the divisibility test and divided by 0/2.
    ConvGraph g;
    g.graph.tensor(g.op.inputs[0]).shape = {1, 5, 5, 0};
    expect_rejected(g, ErrorCode::kInvalidInput, "input depth");
  }
  {
    ConvGraph g;
    g.options().stride_w = 0;
    expect_rejected(g, ErrorCode::kInvalidInput, "must be >= 1");
  }
  {
    ConvGraph g;
    g.graph.tensor(g.op.inputs[0]).shape = {1, 5, 5};
    expect_rejected(g, ErrorCode::kInvalidInput, "expected rank 4");
  }
  {
    ConvGraph g;
    g.op.options = ir::Pool2dOptions{};
    expect_rejected(g, ErrorCode::kInvalidInput, "options are missing");
  }
}

}  // namespace
}  // namespace vnpu::driver::cpu

namespace vnpu::driver::cpu {
namespace {

TEST(PrepareConv2d, RejectsADilationWhoseFilterExtentOverflows) {
  // SAME padding: the output [1,3,3,3] is right for any dilation, so only the
  // geometry check stops (3 - 1) * 2147483647 + 1 from wrapping in int32.
  ConvGraph g;
  g.options().dilation_h = 2147483647;
  expect_rejected(g, ErrorCode::kInvalidInput,
                  "dilation 2147483647 makes the effective filter height 4294967295 exceed "
                  "2147483642 (2^31 - 1 less the input height 5)");
  g.options().dilation_h = 1;
  g.options().dilation_w = 1073741824;
  expect_rejected(g, ErrorCode::kInvalidInput, "effective filter width 2147483649");
}

TEST(PrepareConv2d, AHugeValidDilationRunsTheReferenceKernelWithoutScratch) {
  // Extent 2 * 10^9 + 1 fits: SAME padding of 10^9 on each side; the fast
  // kernel's padded image would be (2 * 10^9)^2 pixels, so prepare falls back
  // to the reference kernel, which reads only the centre tap.
  ConvGraph g;
  g.options().dilation_h = g.options().dilation_w = 1000000000;
  CpuOptions fast;
  fast.kernels = KernelChoice::kFast;
  auto prepared = prepare_conv2d(g.graph, g.op, fast);
  ASSERT_TRUE(prepared) << prepared.status().message();
  std::vector<int8_t> input(50);
  for (size_t i = 0; i < input.size(); ++i) input[i] = static_cast<int8_t>(i * 53 % 256 - 128);
  CpuOptions reference;
  reference.kernels = KernelChoice::kReference;
  auto reference_op = prepare_conv2d(g.graph, g.op, reference);
  ASSERT_TRUE(reference_op) << reference_op.status().message();
  const std::vector<int8_t> expected = run(g, **reference_op, input);
  EXPECT_EQ(run(g, **prepared, input), expected);
  // Only the centre tap lands inside the input: a 1x1 filter of the centre weights.
  ConvGraph centre;
  centre.options().stride_h = centre.options().stride_w = 2;
  centre.options().padding = ir::Padding::kValid;
  centre.graph.tensor(centre.op.inputs[1]).shape = {3, 1, 1, 2};
  std::vector<uint8_t> centre_weights;
  const auto& weights = g.graph.tensor(g.op.inputs[1]).data;
  for (size_t oc = 0; oc < 3; ++oc) {
    for (size_t c = 0; c < 2; ++c) centre_weights.push_back(weights[oc * 18 + 4 * 2 + c]);
  }
  centre.graph.tensor(centre.op.inputs[1]).data = centre_weights;
  auto centre_op = prepare_conv2d(centre.graph, centre.op, reference);
  ASSERT_TRUE(centre_op) << centre_op.status().message();
  EXPECT_EQ(run(centre, **centre_op, input), expected);
}

}  // namespace
}  // namespace vnpu::driver::cpu
