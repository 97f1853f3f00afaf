#include "ir/memory_planner.h"

#include <gtest/gtest.h>

namespace vnpu::ir {
namespace {

ir::Tensor activation(int32_t bytes) {
  ir::Tensor tensor;
  tensor.type = ir::DataType::kInt8;
  tensor.shape = {bytes};
  return tensor;
}

// A chain t0 -> op0 -> t1 -> op1 -> t2 -> op2 -> t3 of unary ops.
ir::Graph chain(const std::vector<int32_t>& sizes) {
  ir::Graph graph;
  for (int32_t size : sizes) graph.tensors.push_back(activation(size));
  for (int32_t i = 0; i + 1 < static_cast<int32_t>(sizes.size()); ++i) {
    ir::Operator op;
    op.type = ir::OpType::kRelu;
    op.inputs = {i};
    op.outputs = {i + 1};
    graph.operators.push_back(op);
  }
  graph.inputs = {0};
  graph.outputs = {static_cast<int32_t>(sizes.size()) - 1};
  return graph;
}

bool bytes_overlap(const TensorPlacement& a, const TensorPlacement& b) {
  return a.offset_bytes < b.offset_bytes + b.size_bytes &&
         b.offset_bytes < a.offset_bytes + a.size_bytes;
}

void expect_no_live_overlap(const MemoryPlan& plan) {
  for (size_t i = 0; i < plan.placements.size(); ++i) {
    for (size_t j = i + 1; j < plan.placements.size(); ++j) {
      const auto& a = plan.placements[i];
      const auto& b = plan.placements[j];
      const bool live_together = a.first_op <= b.last_op && b.first_op <= a.last_op;
      EXPECT_FALSE(live_together && bytes_overlap(a, b))
          << "tensors " << a.tensor << " and " << b.tensor << " share bytes while both live";
    }
  }
}

TEST(MemoryPlanner, ChainReusesBuffersOfDeadTensors) {
  const MemoryPlan plan = plan_memory(chain({1000, 1000, 1000, 1000}));
  ASSERT_EQ(plan.placements.size(), 4u);
  expect_no_live_overlap(plan);
  EXPECT_EQ(plan.unshared_bytes, 4 * 1008);
  EXPECT_EQ(plan.arena_bytes, 2 * 1008);  // only producer and consumer are ever live together
}

TEST(MemoryPlanner, OffsetsAreAligned) {
  const MemoryPlan plan = plan_memory(chain({3, 17, 5, 100, 1}));
  for (const auto& placement : plan.placements) {
    EXPECT_EQ(placement.offset_bytes % kArenaAlignment, 0);
  }
  expect_no_live_overlap(plan);
}

TEST(MemoryPlanner, ResidualBranchStaysLiveAcrossTheBranch) {
  // t0 -> relu -> t1 -> relu -> t2 ; add(t1, t2) -> t3 : t1 is live through op 2.
  ir::Graph graph = chain({64, 64, 64});
  graph.tensors.push_back(activation(64));
  ir::Operator add;
  add.type = ir::OpType::kAdd;
  add.inputs = {1, 2};
  add.outputs = {3};
  graph.operators.push_back(add);
  graph.outputs = {3};
  const MemoryPlan plan = plan_memory(graph);
  expect_no_live_overlap(plan);
  EXPECT_EQ(plan.placements[1].last_op, 2);
  EXPECT_EQ(plan.arena_bytes, 3 * 64);
}

TEST(MemoryPlanner, ConstantsAreNotPlanned) {
  ir::Graph graph = chain({16, 16});
  ir::Tensor weights = activation(8);
  weights.data.assign(8, 1);
  graph.tensors.push_back(weights);
  graph.operators[0].inputs.push_back(2);
  const MemoryPlan plan = plan_memory(graph);
  EXPECT_EQ(plan.placements.size(), 2u);
}

}  // namespace
}  // namespace vnpu::ir
