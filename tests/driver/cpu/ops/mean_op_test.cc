// prepare_mean: axis resolution, keep_dims output shapes, TFLM's requantized
// mean (also for equal quantizations), and rejection messages.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "driver/cpu/ops.h"

namespace vnpu::driver::cpu {
namespace {

struct MeanGraph {
  ir::Graph graph;
  ir::Operator op;

  int32_t add(const std::string& name, ir::DataType type, ir::Shape shape, float scale,
              int32_t zp) {
    ir::Tensor t;
    t.name = name;
    t.type = type;
    t.shape = std::move(shape);
    if (scale > 0) {
      t.quantization.scales = {scale};
      t.quantization.zero_points = {zp};
    }
    graph.tensors.push_back(t);
    return static_cast<int32_t>(graph.tensors.size() - 1);
  }
  void set_axes(const std::vector<int32_t>& axes) {
    ir::Tensor& t = graph.tensor(op.inputs[1]);
    t.shape = {static_cast<int32_t>(axes.size())};
    const auto* bytes = reinterpret_cast<const uint8_t*>(axes.data());
    t.data.assign(bytes, bytes + axes.size() * 4);
  }

  // [1, 2, 2, 3] mean over axes (1, 2), keep_dims: [1, 1, 1, 3].
  MeanGraph(float out_scale = 0.5f, int32_t out_zp = 0) {
    op.type = ir::OpType::kMean;
    op.inputs = {add("in", ir::DataType::kInt8, {1, 2, 2, 3}, 0.5f, 0),
                 add("axes", ir::DataType::kInt32, {2}, 0.0f, 0)};
    op.outputs = {add("out", ir::DataType::kInt8, {1, 1, 1, 3}, out_scale, out_zp)};
    set_axes({1, 2});
    op.options = ir::ReducerOptions{true};
  }

  std::vector<int8_t> run(std::vector<int8_t> input) {
    auto prepared = prepare_mean(graph, op);
    EXPECT_TRUE(prepared) << prepared.status().message();
    if (!prepared) return {};
    std::vector<int8_t> output(static_cast<size_t>(graph.tensor(op.outputs[0]).element_count()));
    TensorMemory memory(graph.tensors.size());
    memory.bind(op.inputs[0], reinterpret_cast<uint8_t*>(input.data()));
    memory.bind(op.outputs[0], reinterpret_cast<uint8_t*>(output.data()));
    EXPECT_TRUE((*prepared)->eval(memory));
    return output;
  }
};

void expect_rejected(const MeanGraph& g, ErrorCode code, const std::string& fragment) {
  const PrepareResult result = prepare_mean(g.graph, g.op);
  ASSERT_FALSE(result) << "expected a failure mentioning '" << fragment << "'";
  EXPECT_EQ(result.status().code(), code) << result.status().message();
  EXPECT_NE(result.status().message().find(fragment), std::string::npos)
      << result.status().message();
}

// Channels: [1, 2, 3, 5] -> 11/4; [-1, -2, -3, -5] -> -11/4; [0, 0, 0, 1] -> 1/4.
const std::vector<int8_t> kInput = {1, -1, 0, 2, -2, 0, 3, -3, 0, 5, -5, 1};

// Equal quantization still requantizes (TFLM has no plain integer mean): multiplier 1.0 =
// (2^30, 1) folded with n = 4 to (2^30, -1). 11: high-mul 5.5 -> 6, then 6 / 2 = 3;
// -11: -5.5 -> -5, then -2.5 -> -3; 1: 0.5 -> 1, then 0.5 -> 1 (two roundings).
const std::vector<int8_t> kSameQuantizationMeans = {3, -3, 1};

TEST(PrepareMean, SameQuantizationStillRequantizes) {
  MeanGraph g;
  EXPECT_EQ(g.run(kInput), kSameQuantizationMeans);
}

TEST(PrepareMean, DifferentQuantizationRequantizesWithRounding) {
  // Scale 0.5 -> 0.25 doubles: 5.5 -> 6 (rounded), -5.5 -> -5 (TFLM: high-mul rounds
  // ties up, then no shift), 0.5 -> 1; output zp 1 adds one.
  MeanGraph g(0.25f, 1);
  EXPECT_EQ(g.run(kInput), (std::vector<int8_t>{7, -4, 2}));
}

TEST(PrepareMean, NegativeAndRepeatedAxesWithoutKeepDims) {
  MeanGraph g;
  g.set_axes({-3, 2, 1, -2});
  g.op.options = ir::ReducerOptions{false};
  g.graph.tensor(g.op.outputs[0]).shape = {1, 3};
  EXPECT_EQ(g.run(kInput), kSameQuantizationMeans);
}

TEST(PrepareMean, RejectsBadAxesAndShapes) {
  {
    MeanGraph g;
    g.set_axes({4});
    expect_rejected(g, ErrorCode::kInvalidInput, "value 4 is outside [-4, 4)");
  }
  {
    MeanGraph g;
    g.op.options = ir::ReducerOptions{false};  // output should then be [1, 3]
    expect_rejected(g, ErrorCode::kInvalidInput, "expected [1,3]");
  }
  {
    MeanGraph g;
    g.graph.tensor(g.op.inputs[1]).data.clear();
    expect_rejected(g, ErrorCode::kUnsupported, "axis 'axes'");
  }
  {
    MeanGraph g;
    g.graph.tensor(g.op.inputs[1]).type = ir::DataType::kInt64;
    expect_rejected(g, ErrorCode::kUnsupported, "expected int32");
  }
  {
    MeanGraph g;
    g.graph.tensor(g.op.inputs[0]).shape = {1, 1, 1, 1, 1, 12};
    expect_rejected(g, ErrorCode::kUnsupported, "rank above 5");
  }
}

TEST(PrepareMean, RejectsTypesAndQuantization) {
  {
    MeanGraph g;
    g.graph.tensor(g.op.inputs[0]).type = ir::DataType::kInt32;
    expect_rejected(g, ErrorCode::kUnsupported, "input 'in'");
  }
  {
    MeanGraph g;  // int16 input needs an int16 output
    g.graph.tensor(g.op.inputs[0]).type = ir::DataType::kInt16;
    expect_rejected(g, ErrorCode::kUnsupported, "output 'out'");
  }
  {
    MeanGraph g;
    g.graph.tensor(g.op.outputs[0]).quantization = {};
    expect_rejected(g, ErrorCode::kUnsupported, "not quantized");
  }
  {
    MeanGraph g(1e-12f, 0);
    expect_rejected(g, ErrorCode::kUnsupported, "2^31 or more");
  }
}

}  // namespace
}  // namespace vnpu::driver::cpu
