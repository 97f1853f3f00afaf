// prepare_reshape: RESHAPE and SQUEEZE copy bytes (or do nothing when the
// runtime aliases the tensors); type and element count must agree.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "driver/cpu/ops.h"

namespace vnpu::driver::cpu {
namespace {

struct ReshapeGraph {
  ir::Graph graph;
  ir::Operator op;

  int32_t add(const std::string& name, ir::DataType type, ir::Shape shape) {
    ir::Tensor t;
    t.name = name;
    t.type = type;
    t.shape = std::move(shape);
    graph.tensors.push_back(t);
    return static_cast<int32_t>(graph.tensors.size() - 1);
  }

  ReshapeGraph() {
    op.type = ir::OpType::kReshape;
    op.inputs = {add("in", ir::DataType::kInt8, {1, 2, 3})};
    op.outputs = {add("out", ir::DataType::kInt8, {6})};
  }
};

void expect_rejected(const ReshapeGraph& g, const std::string& fragment) {
  const PrepareResult result = prepare_reshape(g.graph, g.op);
  ASSERT_FALSE(result) << "expected a failure mentioning '" << fragment << "'";
  EXPECT_EQ(result.status().code(), ErrorCode::kInvalidInput);
  EXPECT_NE(result.status().message().find(fragment), std::string::npos)
      << result.status().message();
}

TEST(PrepareReshape, CopiesBytesOrLeavesAliasedTensors) {
  ReshapeGraph g;
  g.op.inputs.push_back(g.add("shape", ir::DataType::kInt32, {1}));  // optional shape operand
  auto prepared = prepare_reshape(g.graph, g.op);
  ASSERT_TRUE(prepared) << prepared.status().message();
  std::vector<uint8_t> in = {1, 2, 3, 4, 5, 6}, out(6, 0);
  TensorMemory memory(g.graph.tensors.size());
  memory.bind(g.op.inputs[0], in.data());
  memory.bind(g.op.outputs[0], out.data());
  EXPECT_TRUE((*prepared)->eval(memory));
  EXPECT_EQ(out, in);
  memory.bind(g.op.outputs[0], in.data());  // aliased: nothing to do, nothing broken
  EXPECT_TRUE((*prepared)->eval(memory));
  EXPECT_EQ(in, (std::vector<uint8_t>{1, 2, 3, 4, 5, 6}));
}

TEST(PrepareReshape, SqueezeOfInt32Copies) {
  ReshapeGraph g;
  g.op.type = ir::OpType::kSqueeze;
  g.graph.tensor(0).type = g.graph.tensor(1).type = ir::DataType::kInt32;
  auto prepared = prepare_reshape(g.graph, g.op);
  ASSERT_TRUE(prepared) << prepared.status().message();
  std::vector<int32_t> in = {1, -2, 3, -4, 5, 1 << 30}, out(6, 0);
  TensorMemory memory(g.graph.tensors.size());
  memory.bind(0, reinterpret_cast<uint8_t*>(in.data()));
  memory.bind(1, reinterpret_cast<uint8_t*>(out.data()));
  EXPECT_TRUE((*prepared)->eval(memory));
  EXPECT_EQ(out, in);
}

TEST(PrepareReshape, RejectsMismatchesAndCounts) {
  {
    ReshapeGraph g;
    g.graph.tensor(1).shape = {7};
    expect_rejected(g, "element count differs");
  }
  {
    ReshapeGraph g;
    g.graph.tensor(1).type = ir::DataType::kInt16;
    expect_rejected(g, "type differs");
  }
  {
    ReshapeGraph g;
    g.op.type = ir::OpType::kSqueeze;
    g.op.inputs.push_back(0);
    expect_rejected(g, "expects 1 inputs");
  }
}

}  // namespace
}  // namespace vnpu::driver::cpu
