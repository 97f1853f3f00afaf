// Test helpers for the compiler: the CPU runtime as the oracle of every pass.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "compiler/compiler_options.h"
#include "core/status.h"
#include "ir/graph.h"

namespace vnpu::compiler::testing {

// Runs `graph` on the CPU reference kernels with `inputs`; every output's bytes.
Expected<std::vector<std::vector<uint8_t>>> run_cpu(const ir::Graph& graph,
                                                    const std::vector<std::vector<uint8_t>>& inputs);

// Deterministic random inputs for every graph input.
std::vector<std::vector<uint8_t>> random_inputs(const ir::Graph& graph, uint64_t seed);

// Runs `pass` on a copy of `model` and checks (gtest assertions) that the graph
// still verifies and computes byte-identical outputs for seeds 1..seeds. Returns the rewritten model.
using PassFunction = Status (*)(ir::Graph&, const CompilerOptions&);
ir::Model run_pass_and_compare(const ir::Model& model, PassFunction pass, int seeds = 3);

size_t count_ops(const ir::Graph& graph, ir::OpType type);

}  // namespace vnpu::compiler::testing
