#include "compiler/support/partition.h"

#include "compiler/codegen/lower_op.h"
#include "compiler/codegen/lowered_types.h"
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

bool runs_on_npu(const ir::Graph& graph, size_t op_index, const isa::AcceleratorConfig& config) {
  if (!place_operator(graph, op_index, config).on_npu) return false;
  const ir::Operator& op = graph.operators[op_index];
  if (is_memory_alias(op.type) || lowered_at_placement(graph, op)) return true;
  return lower_operator(graph, op, config, FeatureMapPlacement{}).has_value();
}

bool all_on_npu(ir::Graph& graph, const std::vector<ir::Operator>& ops,
                const isa::AcceleratorConfig& config) {
  bool on_npu = true;
  for (const ir::Operator& op : ops) {
    graph.operators.push_back(op);
    on_npu = on_npu && runs_on_npu(graph, graph.operators.size() - 1, config);
    graph.operators.pop_back();
  }
  return on_npu;
}

Partition partition_graph(const ir::Graph& graph, const isa::AcceleratorConfig& config) {
  Partition partition;
  for (size_t op = 0; op < graph.operators.size(); ++op) {
    partition.ops.push_back(place_operator(graph, op, config));
  }
  return partition;
}

}  // namespace vnpu::compiler
