// Partitions a graph into NPU and CPU operators with the support rule table.
#pragma once

#include <string>
#include <vector>

#include "ir/graph.h"
#include "isa/accelerator_config.h"

namespace vnpu::compiler {

struct OpPlacement {
  size_t op_index = 0;
  ir::OpType type = ir::OpType::kAdd;
  bool on_npu = false;
  std::string rule;    // the first failing rule, or "all" for an NPU op
  std::string reason;  // the failing rule's reason, or a short note for an NPU op
};

struct Partition {
  std::vector<OpPlacement> ops;

  size_t npu_count() const;
  size_t cpu_count() const;
};

// The placement of one operator: the first rule of the table that refuses it.
OpPlacement place_operator(const ir::Graph& graph, size_t op_index,
                           const isa::AcceleratorConfig& config);

// Whether the NPU runs operator `op_index` of `graph`: every support rule
// passes and, for an operator lowered before placement, the code generator
// lowers it (as the scheduler first does, at offset 0).
bool runs_on_npu(const ir::Graph& graph, size_t op_index, const isa::AcceleratorConfig& config);

// Whether runs_on_npu holds for every operator of `ops` (a rewrite a pass
// considers, not yet in the graph), each checked as if appended to `graph`
// (which is left as it was).
bool all_on_npu(ir::Graph& graph, const std::vector<ir::Operator>& ops,
                const isa::AcceleratorConfig& config);

Partition partition_graph(const ir::Graph& graph, const isa::AcceleratorConfig& config);

}  // namespace vnpu::compiler
