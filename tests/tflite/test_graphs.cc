#include "tests/tflite/test_graphs.h"

#include <cstring>

namespace vnpu::tflite::testing {

int32_t GraphBuilder::activation(const std::string& name, ir::Shape shape, ir::DataType type) {
  ir::Tensor tensor;
  tensor.name = name;
  tensor.type = type;
  tensor.shape = std::move(shape);
  if (type != ir::DataType::kFloat32 && type != ir::DataType::kBool) {
    tensor.quantization.scales = {0.0625f + 0.001f * static_cast<float>(graph_.tensors.size())};
    tensor.quantization.zero_points = {type == ir::DataType::kUInt8 ? 128 : -3};
  }
  graph_.tensors.push_back(std::move(tensor));
  return static_cast<int32_t>(graph_.tensors.size() - 1);
}

int32_t GraphBuilder::constant(const std::string& name, ir::Shape shape, ir::DataType type) {
  const int32_t index = activation(name, std::move(shape), type);
  ir::Tensor& tensor = graph_.tensors.back();
  if (type == ir::DataType::kInt32) tensor.quantization.zero_points = {0};
  if (type == ir::DataType::kInt64) tensor.quantization = {};
  tensor.data.resize(static_cast<size_t>(tensor.size_bytes()));
  for (uint8_t& byte : tensor.data) {
    seed_ = seed_ * 1103515245u + 12345u;
    byte = static_cast<uint8_t>(seed_ >> 16);
  }
  if (type == ir::DataType::kBool) {
    for (uint8_t& byte : tensor.data) byte &= 1;
  }
  return index;
}

int32_t GraphBuilder::int32_constant(const std::string& name, const std::vector<int32_t>& values,
                                     ir::Shape shape) {
  if (shape.empty()) shape = {static_cast<int32_t>(values.size())};
  const int32_t index = activation(name, std::move(shape), ir::DataType::kInt32);
  ir::Tensor& tensor = graph_.tensors.back();
  tensor.quantization = {};
  tensor.data.resize(values.size() * sizeof(int32_t));
  std::memcpy(tensor.data.data(), values.data(), tensor.data.size());
  return index;
}

void GraphBuilder::per_channel(int32_t tensor, int32_t axis) {
  ir::Tensor& t = graph_.tensor(tensor);
  const int32_t channels = t.shape.at(static_cast<size_t>(axis));
  t.quantization.scales.clear();
  t.quantization.zero_points.clear();
  for (int32_t c = 0; c < channels; ++c) {
    t.quantization.scales.push_back(0.01f * static_cast<float>(c + 1));
    t.quantization.zero_points.push_back(0);
  }
  t.quantization.axis = axis;
}

void GraphBuilder::op(ir::OpType type, std::vector<int32_t> inputs, std::vector<int32_t> outputs,
                      ir::OpOptions options) {
  ir::Operator op;
  op.type = type;
  op.inputs = std::move(inputs);
  op.outputs = std::move(outputs);
  op.options = std::move(options);
  graph_.operators.push_back(std::move(op));
}

namespace {

using ir::DataType;
using ir::FusedActivation;
using ir::OpType;
using ir::Padding;

// CONV_2D, DEPTHWISE_CONV_2D, pooling, RESHAPE, FULLY_CONNECTED: [1,8,8,4] -> [1,6].
int32_t add_spatial_ops(GraphBuilder& b, int32_t input) {
  const int32_t conv_w = b.constant("conv/filter", {8, 3, 3, 4}, DataType::kInt8);
  b.per_channel(conv_w, 0);
  const int32_t conv_b = b.constant("conv/bias", {8}, DataType::kInt32);
  b.per_channel(conv_b, 0);
  const int32_t x1 = b.activation("conv", {1, 8, 8, 8});
  b.op(OpType::kConv2d, {input, conv_w, conv_b}, {x1},
       ir::Conv2dOptions{Padding::kSame, 1, 1, 2, 1, FusedActivation::kRelu6});
  const int32_t dw_w = b.constant("dw/filter", {1, 3, 3, 8}, DataType::kInt8);
  b.per_channel(dw_w, 3);
  const int32_t dw_b = b.constant("dw/bias", {8}, DataType::kInt32);
  const int32_t x2 = b.activation("dw", {1, 4, 4, 8});
  b.op(OpType::kDepthwiseConv2d, {x1, dw_w, dw_b}, {x2},
       ir::DepthwiseConv2dOptions{Padding::kSame, 2, 2, 1, 1, 1, FusedActivation::kRelu});
  const int32_t x3 = b.activation("max_pool", {1, 2, 2, 8});
  b.op(OpType::kMaxPool2d, {x2}, {x3},
       ir::Pool2dOptions{Padding::kValid, 2, 2, 2, 2, FusedActivation::kNone});
  const int32_t x4 = b.activation("avg_pool", {1, 1, 1, 8});
  b.op(OpType::kAveragePool2d, {x3}, {x4},
       ir::Pool2dOptions{Padding::kValid, 3, 1, 2, 2, FusedActivation::kReluN1To1});
  const int32_t shape = b.int32_constant("reshape/shape", {1, 8});
  const int32_t x5 = b.activation("reshape", {1, 8});
  b.op(OpType::kReshape, {x4, shape}, {x5}, ir::ReshapeOptions{{1, 8}});
  const int32_t fc_w = b.constant("fc/weights", {6, 8}, DataType::kInt8);
  const int32_t x6 = b.activation("fc", {1, 6});
  b.op(OpType::kFullyConnected, {x5, fc_w, ir::kNoTensor}, {x6},
       ir::FullyConnectedOptions{FusedActivation::kRelu, true});
  return x6;
}

// Element-wise and activation operators: [1,6] -> [1,12].
int32_t add_elementwise_ops(GraphBuilder& b, int32_t x6) {
  const int32_t c6 = b.constant("add/constant", {1, 6}, DataType::kInt8);
  const int32_t x7 = b.activation("add", {1, 6});
  b.op(OpType::kAdd, {x6, c6}, {x7}, ir::ElementwiseOptions{FusedActivation::kRelu});
  const int32_t x8 = b.activation("sub", {1, 6});
  b.op(OpType::kSub, {x7, x6}, {x8}, ir::ElementwiseOptions{FusedActivation::kRelu6});
  const int32_t x9 = b.activation("mul", {1, 6});
  b.op(OpType::kMul, {x8, x7}, {x9}, ir::ElementwiseOptions{FusedActivation::kReluN1To1});
  const int32_t x10 = b.activation("softmax", {1, 6});
  b.op(OpType::kSoftmax, {x9}, {x10}, ir::SoftmaxOptions{0.5f});
  int32_t previous = x10;
  for (OpType type : {OpType::kLogistic, OpType::kTanh, OpType::kHardSwish, OpType::kRelu,
                      OpType::kRelu6, OpType::kReluN1To1}) {
    const int32_t next = b.activation(std::string(ir::op_type_name(type)) + "/out", {1, 6});
    b.op(type, {previous}, {next});
    previous = next;
  }
  const int32_t x17 = b.activation("leaky_relu", {1, 6});
  b.op(OpType::kLeakyRelu, {previous}, {x17}, ir::LeakyReluOptions{0.2f});
  const int32_t x18 = b.activation("concatenation", {1, 12});
  b.op(OpType::kConcatenation, {x17, previous}, {x18},
       ir::ConcatenationOptions{-1, FusedActivation::kRelu});
  return x18;
}

// SQUEEZE, PAD, PADV2, MEAN, QUANTIZE, DEQUANTIZE: [1,12] -> [1] float32.
int32_t add_shape_and_type_ops(GraphBuilder& b, int32_t x18) {
  const int32_t x19 = b.activation("squeeze", {12});
  b.op(OpType::kSqueeze, {x18}, {x19}, ir::SqueezeOptions{{0}});
  const int32_t paddings = b.int32_constant("pad/paddings", {1, 1}, {1, 2});
  const int32_t x20 = b.activation("pad", {14});
  b.op(OpType::kPad, {x19, paddings}, {x20});
  const int32_t value = b.constant("padv2/value", {}, DataType::kInt8);
  const int32_t x21 = b.activation("padv2", {16});
  b.op(OpType::kPadV2, {x20, paddings, value}, {x21});
  const int32_t axes = b.int32_constant("mean/axes", {0});
  const int32_t x22 = b.activation("mean", {1});
  b.op(OpType::kMean, {x21, axes}, {x22}, ir::ReducerOptions{true});
  const int32_t x23 = b.activation("quantize", {1}, DataType::kInt16);
  b.op(OpType::kQuantize, {x22}, {x23});
  const int32_t x24 = b.activation("dequantize", {1}, DataType::kFloat32);
  b.op(OpType::kDequantize, {x23}, {x24});
  return x24;
}

int32_t add_ethos_u_op(GraphBuilder& b, ir::Graph& graph, int32_t input) {
  const int32_t command_stream = b.constant("npu/command_stream", {16}, DataType::kUInt8);
  graph.tensor(command_stream).quantization = {};
  const int32_t flash = b.constant("npu/flash", {32}, DataType::kUInt8);
  graph.tensor(flash).quantization = {};
  const int32_t scratch = b.activation("npu/scratch", {64}, DataType::kUInt8);
  const int32_t scratch_fast = b.activation("npu/scratch_fast", {64}, DataType::kUInt8);
  for (int32_t t : {scratch, scratch_fast}) {
    graph.tensor(t).quantization = {};
    graph.tensor(t).is_variable = true;  // as the reader marks Vela's scratch operands
  }
  const int32_t output = b.activation("npu/output", {1, 8, 8, 4});
  b.op(OpType::kEthosU, {command_stream, flash, scratch, scratch_fast, input}, {output},
       ir::CustomOptions{"ethos-u", {1, 4, 1}, {}});
  return output;
}

ir::Graph make_second_graph() {
  ir::Graph graph;
  graph.name = "second";
  GraphBuilder b(graph);
  const int32_t input = b.activation("in", {2, 3});
  const int32_t state = b.activation("state", {2, 3});
  graph.tensor(state).is_variable = true;
  const int32_t output = b.activation("out", {2, 3});
  b.op(OpType::kAdd, {input, state}, {output}, ir::ElementwiseOptions{FusedActivation::kNone});
  graph.inputs = {input};
  graph.outputs = {output};
  return graph;
}

}  // namespace

ir::Model make_all_ops_model() {
  ir::Model model;
  model.description = "vnpu hand-built model";
  ir::Graph graph;
  graph.name = "main";
  GraphBuilder b(graph);
  const int32_t input = b.activation("input", {1, 8, 8, 4});
  const int32_t x6 = add_spatial_ops(b, input);
  const int32_t x18 = add_elementwise_ops(b, x6);
  const int32_t x24 = add_shape_and_type_ops(b, x18);
  const int32_t npu = add_ethos_u_op(b, graph, input);
  // Unused constants of the remaining types.
  b.constant("unused/int64", {3}, DataType::kInt64);
  b.constant("unused/bool", {5}, DataType::kBool);
  b.constant("unused/float", {2, 2}, DataType::kFloat32);
  b.constant("unused/uint8", {4}, DataType::kUInt8);
  graph.inputs = {input};
  graph.outputs = {x24, npu};
  model.graphs.push_back(std::move(graph));
  model.graphs.push_back(make_second_graph());
  model.metadata.push_back({"min_runtime_version", {'1', '.', '5', '.', '0', 0}});
  model.metadata.push_back({"empty", {}});
  return model;
}

ir::Model make_small_conv_model() {
  ir::Model model;
  ir::Graph graph;
  GraphBuilder b(graph);
  const int32_t input = b.activation("input", {1, 4, 4, 2});
  const int32_t filter = b.constant("filter", {3, 1, 1, 2}, DataType::kInt8);
  b.per_channel(filter, 0);
  const int32_t bias = b.constant("bias", {3}, DataType::kInt32);
  b.per_channel(bias, 0);
  const int32_t conv = b.activation("conv", {1, 4, 4, 3});
  b.op(OpType::kConv2d, {input, filter, bias}, {conv},
       ir::Conv2dOptions{Padding::kValid, 1, 1, 1, 1, FusedActivation::kNone});
  const int32_t output = b.activation("output", {1, 4, 4, 3});
  b.op(OpType::kRelu, {conv}, {output});
  graph.inputs = {input};
  graph.outputs = {output};
  model.graphs.push_back(std::move(graph));
  return model;
}

}  // namespace vnpu::tflite::testing
