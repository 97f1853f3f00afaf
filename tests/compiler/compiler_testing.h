// Test helpers for the compiler: the CPU runtime as the oracle of every pass.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "compiler/options/compiler_options.h"
#include "core/deterministic_rng.h"
#include "core/status.h"
#include "ir/graph.h"

namespace vnpu::compiler::testing {

// Runs `graph` on the CPU reference kernels with `inputs`, `invocations`
// times (variables carry over); every output's bytes after the last.
Expected<std::vector<std::vector<uint8_t>>> run_cpu(const ir::Graph& graph,
                                                    const std::vector<std::vector<uint8_t>>& inputs,
                                                    int invocations = 1);

// Every int16 value from -32768 to 32767, little-endian (an exhaustive input).
std::vector<uint8_t> every_int16();

// The name of one of the U55 accelerator configurations, drawn from `rng`.
std::string random_accelerator(DeterministicRng& rng);

// Deterministic random inputs for every graph input.
std::vector<std::vector<uint8_t>> random_inputs(const ir::Graph& graph, uint64_t seed);

// Runs `pass` on a copy of `model` and checks (gtest assertions) that the graph
// still verifies and computes byte-identical outputs for seeds 1..seeds. Returns the rewritten model.
using PassFunction = Status (*)(ir::Graph&, const CompilerOptions&);
ir::Model run_pass_and_compare(const ir::Model& model, PassFunction pass, int seeds = 3);

size_t count_ops(const ir::Graph& graph, ir::OpType type);

// Writes `compiled` (the output of compile_model) as .tflite, reads it back and
// runs it as `vnpu run --backend functional` does: ethos-u operators on the
// functional NPU of `accelerator`, the rest on the CPU kernels, every tensor at
// the model's offline-planned offset, `invocations` times. Every output's
// bytes after the last.
Expected<std::vector<std::vector<uint8_t>>> run_compiled(
    const ir::Model& compiled, const std::string& accelerator,
    const std::vector<std::vector<uint8_t>>& inputs, int invocations = 1);

// compile_model with `options`, then run_compiled, then the CPU runtime on the
// source graph, each invoked `invocations` times: returns "" when the last
// outputs are byte-identical for `inputs`, else what differs (or the error).
std::string compile_and_compare(const ir::Model& model, const CompilerOptions& options,
                                const std::vector<std::vector<uint8_t>>& inputs,
                                int invocations = 1);

// compile_model with `options`: "" when every source operator runs on the NPU,
// else why not ("stayed on the CPU (rule): reason", "the lowering refused it:
// reason" or the compile error) for the first one that does not.
std::string npu_refusal(const ir::Model& model, const CompilerOptions& options);

// Compiles `model` (one operator) for ethos-u55-128 and checks (gtest
// assertions) that the operator stays on the CPU with `reason_part` in its
// reason and that the compiled model still computes what the CPU computes.
void expect_stays_on_cpu(const ir::Model& model, const std::string& label,
                         const std::string& reason_part);

}  // namespace vnpu::compiler::testing
