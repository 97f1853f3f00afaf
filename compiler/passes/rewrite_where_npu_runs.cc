#include "compiler/passes/rewrite_where_npu_runs.h"

#include <utility>

#include "compiler/support/partition.h"

namespace vnpu::compiler {

Status rewrite_where_npu_runs(ir::Graph& graph, const CompilerOptions& options,
                              const ProposeRewrite& propose) {
  const Expected<isa::AcceleratorConfig> config =
      isa::find_accelerator_config(options.accelerator_config);
  if (!config) return config.status();
  std::vector<ir::Operator> rewritten;
  const size_t count = graph.operators.size();
  for (size_t i = 0; i < count; ++i) {
    const size_t tensors_before = graph.tensors.size();
    std::vector<ir::Operator> ops = propose(graph, i, *config);
    if (ops.empty() || !all_on_npu(graph, ops, *config)) {
      graph.tensors.resize(tensors_before);  // drop the unused tensors
      rewritten.push_back(graph.operators[i]);
      continue;
    }
    for (ir::Operator& replacement : ops) rewritten.push_back(std::move(replacement));
  }
  graph.operators = std::move(rewritten);
  return Status::ok();
}

}  // namespace vnpu::compiler
