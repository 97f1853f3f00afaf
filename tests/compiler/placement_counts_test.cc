// compiler/placement_counts.h on a hand-built graph: ethos-u operators and the
// rest, the CPU types counted by name.
#include "compiler/placement_counts.h"

#include <gtest/gtest.h>

namespace vnpu::compiler {
namespace {

ir::Graph graph_of(std::initializer_list<ir::OpType> types) {
  ir::Graph graph;
  for (ir::OpType type : types) graph.operators.push_back({type, {}, {}, std::monostate{}});
  return graph;
}

TEST(PlacementCounts, CountsEthosUOperatorsApartFromTheCpuTypes) {
  const PlacementCounts counts =
      count_placement(graph_of({ir::OpType::kQuantize, ir::OpType::kEthosU, ir::OpType::kTranspose,
                                ir::OpType::kEthosU, ir::OpType::kTranspose}));
  EXPECT_EQ(counts.ethos_u_operators, 2u);
  EXPECT_EQ(counts.cpu_operators, 3u);
  EXPECT_EQ(cpu_operator_types_text(counts), "QUANTIZE x1, TRANSPOSE x2");
}

TEST(PlacementCounts, AModelAllOnTheNpuHasNoCpuTypes) {
  const PlacementCounts counts = count_placement(graph_of({ir::OpType::kEthosU}));
  EXPECT_EQ(counts.ethos_u_operators, 1u);
  EXPECT_EQ(counts.cpu_operators, 0u);
  EXPECT_EQ(cpu_operator_types_text(counts), "-");
}

}  // namespace
}  // namespace vnpu::compiler
