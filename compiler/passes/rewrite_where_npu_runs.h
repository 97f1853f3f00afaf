// The loop the rewriting passes share: each operator replaced by the
// operators a pass proposes for it, where the NPU runs every one of them.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

#include "compiler/options/compiler_options.h"
#include "core/status.h"
#include "ir/graph.h"
#include "isa/accelerator_config.h"

namespace vnpu::compiler {

// A pass's replacement for operator `index` of `graph` (empty: keep it); it
// may add the tensors the replacement needs to `graph`.
using ProposeRewrite = std::function<std::vector<ir::Operator>(
    ir::Graph& graph, size_t index, const isa::AcceleratorConfig& config)>;

// Replaces each operator by its proposal where all_on_npu holds for the
// proposal; otherwise keeps the operator and drops the tensors the proposal
// added. Operators keep their order.
Status rewrite_where_npu_runs(ir::Graph& graph, const CompilerOptions& options,
                              const ProposeRewrite& propose);

}  // namespace vnpu::compiler
