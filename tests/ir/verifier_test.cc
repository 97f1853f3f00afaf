#include "ir/verifier.h"

#include <gtest/gtest.h>

namespace vnpu::ir {
namespace {

Tensor int8_tensor(const std::string& name, Shape shape) {
  Tensor tensor;
  tensor.name = name;
  tensor.shape = std::move(shape);
  tensor.quantization.scales = {0.5f};
  tensor.quantization.zero_points = {0};
  return tensor;
}

// input t0 -> RELU -> t1 -> RELU -> t2 (output)
Graph two_relus() {
  Graph graph;
  graph.tensors = {int8_tensor("in", {1, 4}), int8_tensor("mid", {1, 4}),
                   int8_tensor("out", {1, 4})};
  graph.operators.push_back({OpType::kRelu, {0}, {1}, std::monostate{}});
  graph.operators.push_back({OpType::kRelu, {1}, {2}, std::monostate{}});
  graph.inputs = {0};
  graph.outputs = {2};
  return graph;
}

void expect_rejected(const Graph& graph, const std::string& fragment) {
  Status status = verify_graph(graph);
  ASSERT_FALSE(status.is_ok()) << "expected a failure mentioning: " << fragment;
  EXPECT_NE(status.message().find(fragment), std::string::npos) << status.message();
  EXPECT_EQ(status.message().find('\n'), std::string::npos);
}

TEST(Verifier, AcceptsAWellFormedGraph) { EXPECT_TRUE(verify_graph(two_relus()).is_ok()); }

TEST(Verifier, RejectsABoolConstantOtherThanZeroOrOne) {
  Graph graph = two_relus();
  Tensor flags = int8_tensor("flags", {3});
  flags.type = DataType::kBool;
  flags.data = {0, 1, 72};
  graph.tensors.push_back(flags);
  expect_rejected(graph, "bool constant element 2 is 72, not 0 or 1");
  graph.tensors.back().data = {0, 1, 1};
  EXPECT_TRUE(verify_graph(graph).is_ok());
}

TEST(Verifier, RejectsIndexOutOfRange) {
  Graph graph = two_relus();
  graph.operators[1].inputs = {7};
  expect_rejected(graph, "out of range");
  graph = two_relus();
  graph.outputs = {-3};
  expect_rejected(graph, "graph output refers to tensor -3");
}

// The fuzzer's compile input: a QUANTIZE without inputs made a compiler pass
// index operand -1. Every operator's operand counts are checked here.
// fuzz_cpu_run: a PACK listing input -1 after its first made the CPU op's
// prepare index tensor -1. A variadic list has no optional operand.
TEST(Verifier, RejectsAnAbsentInputInAVariadicList) {
  for (OpType type : {OpType::kPack, OpType::kConcatenation, OpType::kAddN}) {
    Graph graph = two_relus();
    graph.operators[1].type = type;
    graph.operators[1].inputs = {1, kNoTensor};
    expect_rejected(graph, "required input 1 is absent");
    graph.operators[1].inputs = {1, 1};
    EXPECT_TRUE(verify_graph(graph).is_ok()) << op_type_name(type);
  }
}

TEST(Verifier, RejectsOperandCountsTheOperatorTypeDoesNotTake) {
  Graph graph = two_relus();
  graph.operators[1].type = OpType::kQuantize;
  graph.operators[1].inputs = {};
  expect_rejected(graph, "operator 1 (QUANTIZE): expects 1 inputs, has 0");
  graph = two_relus();
  graph.operators[1].type = OpType::kAdd;
  expect_rejected(graph, "operator 1 (ADD): expects 2 inputs, has 1");
  graph.operators[1].inputs = {1, kNoTensor};
  expect_rejected(graph, "operator 1 (ADD): required input 1 is absent");
  graph = two_relus();
  graph.operators[1].type = OpType::kConv2d;
  graph.operators[1].inputs = {1, 0, kNoTensor};  // the bias is optional
  EXPECT_TRUE(verify_graph(graph).is_ok());
  graph.operators[1].outputs = {2, 2};
  expect_rejected(graph, "expects 1 outputs, has 2");
}

TEST(Verifier, RejectsReadBeforeProduce) {
  Graph graph = two_relus();
  std::swap(graph.operators[0], graph.operators[1]);
  expect_rejected(graph, "before any operator produces it");
}

TEST(Verifier, RejectsTwoProducersAndWritesToConstants) {
  Graph graph = two_relus();
  graph.operators[1].outputs = {1};
  expect_rejected(graph, "already has a producer");
  graph = two_relus();
  graph.tensors[2].data.assign(4, 0);
  expect_rejected(graph, "writes constant");
}

TEST(Verifier, RejectsConstantOfWrongSize) {
  Graph graph = two_relus();
  Tensor weights = int8_tensor("w", {2, 3});
  weights.data.assign(5, 1);
  graph.tensors.push_back(weights);
  expect_rejected(graph, "constant data holds 5 bytes");
}

TEST(Verifier, RejectsBadQuantization) {
  Graph graph = two_relus();
  graph.tensors[1].quantization.scales = {0.0f};
  expect_rejected(graph, "finite and positive");
  graph = two_relus();
  graph.tensors[1].quantization.scales = {0.1f, 0.2f, 0.3f};
  graph.tensors[1].quantization.zero_points = {0, 0, 0};
  graph.tensors[1].quantization.axis = 1;
  expect_rejected(graph, "3 per-channel scales for dimension 1 of size 4");
  graph.tensors[1].quantization.axis = 5;
  expect_rejected(graph, "outside rank");
}

TEST(Verifier, RejectsNegativeDimensionsAndUnproducedOutputs) {
  Graph graph = two_relus();
  graph.tensors[0].shape = {1, -4};
  expect_rejected(graph, "negative dimension");
  graph = two_relus();
  graph.tensors.push_back(int8_tensor("orphan", {1}));
  graph.outputs = {3};
  expect_rejected(graph, "never produced");
}

}  // namespace
}  // namespace vnpu::ir
