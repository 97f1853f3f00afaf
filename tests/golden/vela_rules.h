// Vela 3.10's Ethos-U55 placement rules for TFLite operators, as its
// SUPPORTED_OPS.md states them (the generic constraints and the specific ones
// of the operators the conformance corpus exercises), written down
// independently of vnpu's own support rules. The oracle of the acceptance
// point "every conformance case that Vela's rules put on the NPU lands on
// ours": an operator vnpu keeps on the CPU must be one these rules keep on the
// CPU too. An operator type with specific constraints not written here is
// treated as placed on the NPU, so a gap here fails that test rather than
// excusing a CPU operator.
#pragma once

#include <cstddef>
#include <string>

#include "ir/graph.h"

namespace vnpu::testing {

// Why Vela 3.10 keeps `op` of `graph` on the CPU for Ethos-U55 (the first
// constraint it fails), or "" when its rules place it on the NPU.
// `intermediates` is the operator's intermediate tensor count in the source
// flatbuffer (UNIDIRECTIONAL_SEQUENCE_LSTM needs 5), which the IR does not keep.
std::string vela_cpu_reason(const ir::Graph& graph, const ir::Operator& op, size_t intermediates);

// The intermediate tensor count of every operator of subgraph 0 of the
// .tflite file at `path`, in order; empty when the file does not parse.
std::vector<size_t> operator_intermediates(const std::string& path);

}  // namespace vnpu::testing
