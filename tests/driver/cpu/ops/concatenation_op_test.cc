// prepare_concatenation: byte concatenation along any (negative) axis, with
// equal quantization required; shapes and options validated with messages.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "driver/cpu/ops.h"

namespace vnpu::driver::cpu {
namespace {

struct ConcatGraph {
  ir::Graph graph;
  ir::Operator op;

  int32_t add(const std::string& name, ir::Shape shape) {
    ir::Tensor t;
    t.name = name;
    t.shape = std::move(shape);
    t.quantization.scales = {0.05f};
    t.quantization.zero_points = {3};
    graph.tensors.push_back(t);
    return static_cast<int32_t>(graph.tensors.size() - 1);
  }

  // [2, 1] and [2, 2] along axis -1 -> [2, 3].
  ConcatGraph() {
    op.type = ir::OpType::kConcatenation;
    op.inputs = {add("a", {2, 1}), add("b", {2, 2})};
    op.outputs = {add("out", {2, 3})};
    op.options = ir::ConcatenationOptions{-1, ir::FusedActivation::kNone};
  }
};

void expect_rejected(const ConcatGraph& g, ErrorCode code, const std::string& fragment) {
  const PrepareResult result = prepare_concatenation(g.graph, g.op);
  ASSERT_FALSE(result) << "expected a failure mentioning '" << fragment << "'";
  EXPECT_EQ(result.status().code(), code) << result.status().message();
  EXPECT_NE(result.status().message().find(fragment), std::string::npos)
      << result.status().message();
}

TEST(PrepareConcatenation, ConcatenatesAlongTheLastAxis) {
  ConcatGraph g;
  auto prepared = prepare_concatenation(g.graph, g.op);
  ASSERT_TRUE(prepared) << prepared.status().message();
  std::vector<int8_t> a = {1, 2}, b = {3, 4, 5, 6}, out(6, 0);
  TensorMemory memory(g.graph.tensors.size());
  memory.bind(g.op.inputs[0], reinterpret_cast<uint8_t*>(a.data()));
  memory.bind(g.op.inputs[1], reinterpret_cast<uint8_t*>(b.data()));
  memory.bind(g.op.outputs[0], reinterpret_cast<uint8_t*>(out.data()));
  EXPECT_TRUE((*prepared)->eval(memory));
  EXPECT_EQ(out, (std::vector<int8_t>{1, 3, 4, 2, 5, 6}));
  EXPECT_TRUE((*prepared)->eval(memory));  // eval is repeatable
  EXPECT_EQ(out, (std::vector<int8_t>{1, 3, 4, 2, 5, 6}));
}

TEST(PrepareConcatenation, RejectsDifferentQuantization) {
  ConcatGraph g;
  g.graph.tensor(g.op.inputs[1]).quantization.zero_points = {4};
  expect_rejected(g, ErrorCode::kUnsupported, "input 'b'");
  ConcatGraph h;
  h.graph.tensor(h.op.inputs[0]).quantization.scales = {0.06f};
  expect_rejected(h, ErrorCode::kUnsupported, "without requantizing");
}

TEST(PrepareConcatenation, RejectsShapeMismatches) {
  {
    ConcatGraph g;
    g.graph.tensor(g.op.outputs[0]).shape = {2, 4};
    expect_rejected(g, ErrorCode::kInvalidInput, "inputs' total 3");
  }
  {
    ConcatGraph g;
    g.graph.tensor(g.op.inputs[1]).shape = {3, 2};
    expect_rejected(g, ErrorCode::kInvalidInput, "on every dimension but 1");
  }
  {
    ConcatGraph g;
    std::get<ir::ConcatenationOptions>(g.op.options).axis = 2;
    expect_rejected(g, ErrorCode::kInvalidInput, "axis 2 is outside [-2, 2)");
  }
}

TEST(PrepareConcatenation, RejectsTypesActivationAndCounts) {
  {
    ConcatGraph g;
    g.graph.tensor(g.op.inputs[0]).type = ir::DataType::kInt16;
    expect_rejected(g, ErrorCode::kUnsupported, "input 'a'");
  }
  {
    ConcatGraph g;
    std::get<ir::ConcatenationOptions>(g.op.options).activation = ir::FusedActivation::kRelu;
    expect_rejected(g, ErrorCode::kUnsupported, "fused activation");
  }
  {
    ConcatGraph g;
    g.op.inputs.clear();
    expect_rejected(g, ErrorCode::kInvalidInput, "1 or more inputs");
  }
  {
    ConcatGraph g;
    g.op.options = std::monostate{};
    expect_rejected(g, ErrorCode::kInvalidInput, "options are missing");
  }
}

}  // namespace
}  // namespace vnpu::driver::cpu
