#include "compiler/placement_counts.h"

namespace vnpu::compiler {

PlacementCounts count_placement(const ir::Graph& compiled) {
  PlacementCounts counts;
  for (const ir::Operator& op : compiled.operators) {
    if (op.type == ir::OpType::kEthosU) {
      ++counts.ethos_u_operators;
      continue;
    }
    ++counts.cpu_operators;
    ++counts.cpu_operator_types[ir::op_type_name(op.type)];
  }
  return counts;
}

std::string cpu_operator_types_text(const PlacementCounts& counts) {
  std::string text;
  for (const auto& [type, count] : counts.cpu_operator_types) {
    if (!text.empty()) text += ", ";
    text += type + " x" + std::to_string(count);
  }
  return text.empty() ? "-" : text;
}

}  // namespace vnpu::compiler
