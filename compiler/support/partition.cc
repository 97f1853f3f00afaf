#include "compiler/support/partition.h"

#include "compiler/support/support_rules.h"

namespace vnpu::compiler {

size_t Partition::npu_count() const {
  size_t count = 0;
  for (const OpPlacement& op : ops) count += op.on_npu ? 1 : 0;
  return count;
}

size_t Partition::cpu_count() const { return ops.size() - npu_count(); }

OpPlacement place_operator(const ir::Graph& graph, size_t op_index,
                           const isa::AcceleratorConfig& config) {
  const ir::Operator& op = graph.operators.at(op_index);
  OpPlacement placement;
  placement.op_index = op_index;
  placement.type = op.type;
  size_t checked = 0;
  for (const SupportRule& rule : support_rules()) {
    if (!rule_applies(rule, op.type)) continue;
    ++checked;
    RuleResult result = rule.check(op, graph, config);
    if (!result.ok) {
      placement.on_npu = false;
      placement.rule = rule.name;
      placement.reason = std::move(result.reason);
      return placement;
    }
  }
  placement.on_npu = true;
  placement.rule = "all";
  placement.reason = "passes " + std::to_string(checked) + " support rules";
  return placement;
}

Partition partition_graph(const ir::Graph& graph, const isa::AcceleratorConfig& config) {
  Partition partition;
  for (size_t op = 0; op < graph.operators.size(); ++op) {
    partition.ops.push_back(place_operator(graph, op, config));
  }
  return partition;
}

}  // namespace vnpu::compiler
