// Checks the invariants listed in ir/graph.h. Passes and readers call it
// between stages; a failure names the tensor or operator that breaks the rule.
#pragma once

#include "core/status.h"
#include "ir/graph.h"

namespace vnpu::ir {

Status verify_graph(const Graph& graph);
Status verify_model(const Model& model);

}  // namespace vnpu::ir
