// IF, WHILE, CALL_ONCE and the resource variables on multi-subgraph models,
// written to a .tflite file and read back (so the reader's handling of every
// subgraph is exercised), with hand-computed results: a WHILE that counts to
// 10, an IF that picks a branch, a variable that accumulates across invokes,
// CALL_ONCE initialising a variable once. int8 ADD/SUB with scale 1 and zero
// point 0 do exact integer arithmetic in the subgraphs.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "driver/cpu/cpu_runtime.h"
#include "tflite/reader.h"
#include "tflite/writer.h"

namespace vnpu::driver::cpu {
namespace {

struct SubgraphBuilder {
  ir::Graph graph;

  int32_t tensor(const std::string& name, ir::DataType type = ir::DataType::kInt8) {
    ir::Tensor t;
    t.name = name;
    t.type = type;
    t.shape = {1};
    if (type == ir::DataType::kInt8) {
      t.quantization.scales = {1.0f};
      t.quantization.zero_points = {0};
    }
    graph.tensors.push_back(t);
    return static_cast<int32_t>(graph.tensors.size() - 1);
  }
  int32_t constant(const std::string& name, int8_t value) {
    const int32_t index = tensor(name);
    graph.tensor(index).data = {static_cast<uint8_t>(value)};
    return index;
  }
  void op(ir::OpType type, std::vector<int32_t> inputs, std::vector<int32_t> outputs,
          ir::OpOptions options = std::monostate{}) {
    ir::Operator o;
    o.type = type;
    o.inputs = std::move(inputs);
    o.outputs = std::move(outputs);
    o.options = std::move(options);
    graph.operators.push_back(std::move(o));
  }
  // out = a + b (or a - b).
  int32_t arithmetic(ir::OpType type, int32_t a, int32_t b, const std::string& name) {
    const int32_t out = tensor(name);
    op(type, {a, b}, {out}, ir::ElementwiseOptions{});
    return out;
  }
  // A VAR_HANDLE of `name`; returns its resource tensor.
  int32_t var_handle(const std::string& name) {
    const int32_t handle = tensor(name + "/handle", ir::DataType::kResource);
    op(ir::OpType::kVarHandle, {}, {handle}, ir::VarHandleOptions{"", name});
    return handle;
  }
};

ir::Model round_trip(std::vector<ir::Graph> graphs) {
  ir::Model model;
  model.graphs = std::move(graphs);
  auto bytes = tflite::write_tflite(model);
  EXPECT_TRUE(bytes) << bytes.status().message();
  auto read = tflite::read_tflite(bytes->data(), bytes->size(), "control_flow.tflite");
  EXPECT_TRUE(read) << read.status().message();
  return read ? std::move(*read) : ir::Model{};
}

std::vector<int8_t> run(CpuRuntime& runtime, std::vector<std::vector<uint8_t>> inputs) {
  for (size_t i = 0; i < inputs.size(); ++i) EXPECT_TRUE(runtime.set_input(i, inputs[i]));
  Status status = runtime.invoke();
  EXPECT_TRUE(status) << status.message();
  std::vector<int8_t> out;
  for (size_t i = 0; i < runtime.graph().outputs.size(); ++i) {
    for (uint8_t b : runtime.output(i)) out.push_back(static_cast<int8_t>(b));
  }
  return out;
}

// Subgraph 0: y = WHILE(x); cond (1): 10 - c (non-zero: continue); body (2): b + 1.
ir::Model counting_while() {
  SubgraphBuilder main;
  const int32_t x = main.tensor("x");
  const int32_t y = main.tensor("y");
  main.op(ir::OpType::kWhile, {x}, {y}, ir::WhileOptions{1, 2});
  main.graph.inputs = {x};
  main.graph.outputs = {y};
  SubgraphBuilder cond;
  const int32_t c = cond.tensor("c");
  const int32_t left = cond.arithmetic(ir::OpType::kSub, cond.constant("ten", 10), c, "left");
  cond.graph.inputs = {c};
  cond.graph.outputs = {left};
  SubgraphBuilder body;
  const int32_t b = body.tensor("b");
  const int32_t next = body.arithmetic(ir::OpType::kAdd, b, body.constant("one", 1), "next");
  body.graph.inputs = {b};
  body.graph.outputs = {next};
  return round_trip({main.graph, cond.graph, body.graph});
}

TEST(ControlFlowOp, WhileCountsToTen) {
  const ir::Model model = counting_while();
  ASSERT_EQ(model.graphs.size(), 3u);
  auto runtime = CpuRuntime::create(model);
  ASSERT_TRUE(runtime) << runtime.status().message();
  EXPECT_EQ(run(**runtime, {{3}}), std::vector<int8_t>{10});
  EXPECT_EQ(run(**runtime, {{10}}), std::vector<int8_t>{10});  // the body never runs
  EXPECT_EQ(run(**runtime, {{static_cast<uint8_t>(-5)}}), std::vector<int8_t>{10});
}

TEST(ControlFlowOp, WhileWithoutTheModelIsRefused) {
  const ir::Model model = counting_while();
  auto runtime = CpuRuntime::create(model.main_graph());
  ASSERT_FALSE(runtime);
  EXPECT_NE(runtime.status().message().find("WHILE"), std::string::npos)
      << runtime.status().message();
  EXPECT_NE(runtime.status().message().find("subgraph 1"), std::string::npos)
      << runtime.status().message();
}

TEST(ControlFlowOp, IfPicksTheBranchByItsCondition) {
  SubgraphBuilder main;
  const int32_t cond = main.tensor("cond", ir::DataType::kBool);
  const int32_t x = main.tensor("x");
  const int32_t y = main.tensor("y");
  main.op(ir::OpType::kIf, {cond, x}, {y}, ir::IfOptions{1, 2});
  main.graph.inputs = {cond, x};
  main.graph.outputs = {y};
  SubgraphBuilder then_branch;
  const int32_t a = then_branch.tensor("a");
  then_branch.graph.inputs = {a};
  then_branch.graph.outputs = {
      then_branch.arithmetic(ir::OpType::kAdd, a, then_branch.constant("one", 1), "plus")};
  SubgraphBuilder else_branch;
  const int32_t b = else_branch.tensor("b");
  else_branch.graph.inputs = {b};
  else_branch.graph.outputs = {
      else_branch.arithmetic(ir::OpType::kSub, b, else_branch.constant("one", 1), "minus")};
  const ir::Model model = round_trip({main.graph, then_branch.graph, else_branch.graph});
  auto runtime = CpuRuntime::create(model);
  ASSERT_TRUE(runtime) << runtime.status().message();
  EXPECT_EQ(run(**runtime, {{1}, {20}}), std::vector<int8_t>{21});
  EXPECT_EQ(run(**runtime, {{0}, {20}}), std::vector<int8_t>{19});
}

TEST(ControlFlowOp, IfBranchWithOtherOperandsIsRefused) {
  SubgraphBuilder main;
  const int32_t cond = main.tensor("cond", ir::DataType::kBool);
  const int32_t x = main.tensor("x");
  const int32_t y = main.tensor("y");
  main.op(ir::OpType::kIf, {cond, x}, {y}, ir::IfOptions{1, 1});
  main.graph.inputs = {cond, x};
  main.graph.outputs = {y};
  SubgraphBuilder branch;  // two inputs where the IF passes one
  const int32_t a = branch.tensor("a");
  const int32_t b = branch.tensor("b");
  branch.graph.inputs = {a, b};
  branch.graph.outputs = {branch.arithmetic(ir::OpType::kAdd, a, b, "sum")};
  const ir::Model model = round_trip({main.graph, branch.graph});
  auto runtime = CpuRuntime::create(model);
  ASSERT_FALSE(runtime);
  EXPECT_NE(runtime.status().message().find("subgraph 1 input: has 2, the operator passes 1"),
            std::string::npos)
      << runtime.status().message();
}

// Subgraph 0 of the variable models: s = READ(v) + x; ASSIGN(v, s); output s.
void accumulate(SubgraphBuilder& main) {
  const int32_t x = main.tensor("x");
  const int32_t handle = main.var_handle("total");
  const int32_t value = main.tensor("value");
  main.op(ir::OpType::kReadVariable, {handle}, {value});
  const int32_t sum = main.arithmetic(ir::OpType::kAdd, value, x, "sum");
  main.op(ir::OpType::kAssignVariable, {handle, sum}, {});
  main.graph.inputs = {x};
  main.graph.outputs = {sum};
}

TEST(VariableOp, AccumulatesAcrossInvokesAndResets) {
  SubgraphBuilder main;
  accumulate(main);
  const ir::Model model = round_trip({main.graph});
  auto runtime = CpuRuntime::create(model);
  ASSERT_TRUE(runtime) << runtime.status().message();
  EXPECT_EQ(run(**runtime, {{5}}), std::vector<int8_t>{5});
  EXPECT_EQ(run(**runtime, {{5}}), std::vector<int8_t>{10});
  EXPECT_EQ(run(**runtime, {{static_cast<uint8_t>(-3)}}), std::vector<int8_t>{7});
  (*runtime)->reset_variables();
  EXPECT_EQ(run(**runtime, {{4}}), std::vector<int8_t>{4});
}

TEST(VariableOp, CallOnceInitialisesTheVariableOnce) {
  SubgraphBuilder main;
  main.op(ir::OpType::kCallOnce, {}, {}, ir::CallOnceOptions{1});
  accumulate(main);
  SubgraphBuilder init;
  const int32_t handle = init.var_handle("total");
  init.op(ir::OpType::kAssignVariable, {handle, init.constant("hundred", 100)}, {});
  const ir::Model model = round_trip({main.graph, init.graph});
  auto runtime = CpuRuntime::create(model);
  ASSERT_TRUE(runtime) << runtime.status().message();
  EXPECT_EQ(run(**runtime, {{1}}), std::vector<int8_t>{101});
  EXPECT_EQ(run(**runtime, {{1}}), std::vector<int8_t>{102});
}

TEST(VariableOp, ReadOfAVariableNeverAssignedIsRefused) {
  SubgraphBuilder main;
  const int32_t handle = main.var_handle("nothing");
  const int32_t value = main.tensor("value");
  main.op(ir::OpType::kReadVariable, {handle}, {value});
  main.graph.outputs = {value};
  const ir::Model model = round_trip({main.graph});
  auto runtime = CpuRuntime::create(model);
  ASSERT_FALSE(runtime);
  EXPECT_NE(runtime.status().message().find("'nothing' is read but never assigned"),
            std::string::npos)
      << runtime.status().message();
}

TEST(ControlFlowOp, RecursiveSubgraphIsRefused) {
  SubgraphBuilder main;
  main.op(ir::OpType::kCallOnce, {}, {}, ir::CallOnceOptions{1});
  SubgraphBuilder init;
  init.op(ir::OpType::kCallOnce, {}, {}, ir::CallOnceOptions{1});
  const ir::Model model = round_trip({main.graph, init.graph});
  auto runtime = CpuRuntime::create(model);
  ASSERT_FALSE(runtime);
  EXPECT_NE(runtime.status().message().find("calls itself"), std::string::npos)
      << runtime.status().message();
}

}  // namespace
}  // namespace vnpu::driver::cpu
