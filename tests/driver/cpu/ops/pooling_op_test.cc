// prepare_average_pool2d / prepare_max_pool2d: TFLM's padding and activation
// precompute, equal input/output quantization, shapes, rejection messages.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "driver/cpu/ops.h"

namespace vnpu::driver::cpu {
namespace {

struct PoolGraph {
  ir::Graph graph;
  ir::Operator op;

  int32_t add(const std::string& name, ir::Shape shape, float scale, int32_t zp) {
    ir::Tensor t;
    t.name = name;
    t.shape = std::move(shape);
    t.quantization.scales = {scale};
    t.quantization.zero_points = {zp};
    graph.tensors.push_back(t);
    return static_cast<int32_t>(graph.tensors.size() - 1);
  }

  // 1x3x3x1 -> 1x2x2x1 with a 2x2 window, stride 2, SAME (pad 0 top/left, clipped edges).
  PoolGraph() {
    op.type = ir::OpType::kAveragePool2d;
    op.inputs = {add("in", {1, 3, 3, 1}, 0.1f, 2)};
    op.outputs = {add("out", {1, 2, 2, 1}, 0.1f, 2)};
    ir::Pool2dOptions options;
    options.filter_h = options.filter_w = 2;
    options.stride_h = options.stride_w = 2;
    op.options = options;
  }
  ir::Pool2dOptions& options() { return std::get<ir::Pool2dOptions>(op.options); }

  std::vector<int8_t> run(const CpuOp& prepared, std::vector<int8_t> input) const {
    std::vector<int8_t> output(static_cast<size_t>(graph.tensor(op.outputs[0]).element_count()));
    TensorMemory memory(graph.tensors.size());
    memory.bind(op.inputs[0], reinterpret_cast<uint8_t*>(input.data()));
    memory.bind(op.outputs[0], reinterpret_cast<uint8_t*>(output.data()));
    EXPECT_TRUE(prepared.eval(memory));
    return output;
  }
};

void expect_rejected(const PoolGraph& g, ErrorCode code, const std::string& fragment) {
  const PrepareResult result = prepare_average_pool2d(g.graph, g.op);
  ASSERT_FALSE(result) << "expected a failure mentioning '" << fragment << "'";
  EXPECT_EQ(result.status().code(), code) << result.status().message();
  EXPECT_NE(result.status().message().find(fragment), std::string::npos)
      << result.status().message();
}

TEST(PreparePooling, HandDerivedAverageAndMaxWithClippedWindows) {
  // [[1,2,3],[4,5,6],[7,8,9]]: windows {1,2,4,5} {3,6} {7,8} {9}.
  // Average: 3 (12/4), 4.5 -> 5, 7.5 -> 8, 9. Max: 5, 6, 8, 9.
  const std::vector<int8_t> input = {1, 2, 3, 4, 5, 6, 7, 8, 9};
  PoolGraph g;
  auto average = prepare_average_pool2d(g.graph, g.op);
  ASSERT_TRUE(average) << average.status().message();
  EXPECT_EQ(g.run(**average, input), (std::vector<int8_t>{3, 5, 8, 9}));
  auto max = prepare_max_pool2d(g.graph, g.op);
  ASSERT_TRUE(max) << max.status().message();
  EXPECT_EQ(g.run(**max, input), (std::vector<int8_t>{5, 6, 8, 9}));
}

TEST(PreparePooling, AppliesFusedActivationRange) {
  // RELU6 with scale 0.1, zp 2: [2 + 0, 2 + 60] = [2, 62].
  PoolGraph g;
  g.options().activation = ir::FusedActivation::kRelu6;
  auto max = prepare_max_pool2d(g.graph, g.op);
  ASSERT_TRUE(max) << max.status().message();
  EXPECT_EQ(g.run(**max, {-9, -9, 100, -9, -9, 100, 100, 1, 1}),
            (std::vector<int8_t>{2, 62, 62, 2}));
}

TEST(PreparePooling, AcceptsScalesWithinOneMillionth) {
  PoolGraph g;
  g.graph.tensor(g.op.outputs[0]).quantization.scales = {0.1f + 5e-7f};
  EXPECT_TRUE(prepare_average_pool2d(g.graph, g.op));
}

TEST(PreparePooling, RejectsDifferentQuantization) {
  {
    PoolGraph g;
    g.graph.tensor(g.op.outputs[0]).quantization.scales = {0.1f + 3e-6f};
    expect_rejected(g, ErrorCode::kUnsupported, "must equal the input's");
  }
  {
    PoolGraph g;
    g.graph.tensor(g.op.outputs[0]).quantization.zero_points = {3};
    expect_rejected(g, ErrorCode::kUnsupported, "zero point 3");
  }
}

TEST(PreparePooling, RejectsTypesShapesAndOptions) {
  {
    PoolGraph g;
    g.graph.tensor(g.op.inputs[0]).type = ir::DataType::kInt32;
    expect_rejected(g, ErrorCode::kUnsupported, "input 'in'");
  }
  {
    PoolGraph g;  // int16 input needs an int16 output
    g.graph.tensor(g.op.inputs[0]).type = ir::DataType::kInt16;
    expect_rejected(g, ErrorCode::kUnsupported, "output 'out'");
  }
  {
    PoolGraph g;
    g.options().padding = ir::Padding::kValid;  // VALID gives 1x1
    expect_rejected(g, ErrorCode::kInvalidInput, "expected [1,1,1,1]");
  }
  {
    PoolGraph g;
    g.options().filter_w = 0;
    expect_rejected(g, ErrorCode::kInvalidInput, "filter 2x0");
  }
  {
    PoolGraph g;
    g.op.options = std::monostate{};
    expect_rejected(g, ErrorCode::kInvalidInput, "options are missing");
  }
  {
    PoolGraph g;
    g.graph.tensor(g.op.outputs[0]).shape = {2, 2, 1};
    expect_rejected(g, ErrorCode::kInvalidInput, "expected rank 4");
  }
  {
    PoolGraph g;
    g.op.inputs.push_back(g.op.inputs[0]);
    expect_rejected(g, ErrorCode::kInvalidInput, "expects 1 inputs");
  }
}

}  // namespace
}  // namespace vnpu::driver::cpu
