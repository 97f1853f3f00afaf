// `vnpu verify`: every NPU operation of a compiled model run on a backend and
// compared with (a) the CPU reference kernels, through the layer it computes
// (verify/layer_map.h), and (b) the functional NPU running the same stream.
//
// For each seed the model's inputs are random (driver::random_input_bytes).
// The reference is the CPU runtime on the reference kernels running the layer
// graph; each NPU operation runs on the backend through the prefix of its
// stream (verify/npu_operations.h) and, when the backend is not the functional
// model itself, on the functional model too. Compared per operation:
//   - its OFM, element by element, with the functional model's;
//   - when it finishes a mapped layer, that layer's output tensor in the arena
//     with the CPU reference's;
//   - when it ends an `ethos-u` operator, the operator's outputs with the CPU
//     reference's tensors of the same names (the check Vela's streams get).
// The first mismatch is described: layer, OFM coordinate (n, h, w, c),
// expected and actual values and the inputs that contribute to it.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compiler/options/compiler_options.h"
#include "core/status.h"
#include "driver/npu/backend_registry.h"
#include "ir/graph.h"

namespace vnpu::verify {

struct VerifyOptions {
  std::string backend = "functional";
  driver::npu::BackendChoice choice;  // accelerator preset and timed-backend options
  int seeds = 1;                      // inputs from seeds 1..seeds
  // How the model was compiled (memory mode, arena-cache size), to map its
  // operations to layers and to compile --random's graphs; the accelerator
  // is choice.accelerator_config.
  compiler::CompilerOptions compile;

  compiler::CompilerOptions compile_options() const {
    compiler::CompilerOptions options = compile;
    options.accelerator_config = choice.accelerator_config;
    return options;
  }
};

// One row of the table: one NPU operation, summed over the seeds.
struct OperationCheck {
  std::string layer;                   // "3 CONV_2D conv1", or why there is none
  std::string npu_op;                  // "0.2 CONV"
  int64_t elements = 0;                // compared per seed (OFM, layer output, segment outputs)
  int64_t cpu_mismatches = -1;         // -1: nothing compared with the CPU reference
  int64_t functional_mismatches = -1;  // -1: the backend is the functional model
  int64_t max_abs_diff = 0;
  bool on_cpu = false;  // a random case whose operator stays on the CPU: no NPU operation
};

struct MismatchDetail {
  int seed = 0;
  std::string layer;
  std::string npu_op;
  std::string against;                  // "CPU reference" or "functional model"
  std::string tensor;                   // what was compared
  std::array<int64_t, 4> coordinate{};  // n, h, w, c
  int64_t expected = 0;
  int64_t actual = 0;
  std::vector<std::string> inputs;  // the contributing inputs, one line each
  std::string inputs_from;          // where they were read
};

struct VerifyReport {
  std::string mapping_note;
  std::vector<OperationCheck> rows;
  std::optional<MismatchDetail> first_mismatch;
  bool passed() const { return !first_mismatch.has_value(); }
};

// The chosen backend and, when it is not the functional model, the functional
// model, opened once (driver/npu/backend_registry.h).
struct OpenedBackends {
  std::vector<std::unique_ptr<driver::npu::NpuSession>> sessions;
  driver::cpu::NpuPrepare backend;
  driver::cpu::NpuPrepare functional;  // empty when the backend is the functional model
};

// invalid_input for a backend the registry does not know or one that runs no
// NPU operations, a seed count outside 1..1000, or the backend's own option errors.
Expected<OpenedBackends> open_backends(const driver::npu::BackendRegistry& registry,
                                       const VerifyOptions& options);

// `compiled` holds `ethos-u` operators; `source` is the model it was compiled
// from. invalid_input for a model without NPU operations; an NPU fault as its
// Status.
Expected<VerifyReport> verify_compiled_model(const ir::Model& compiled, const ir::Model& source,
                                             const OpenedBackends& backends,
                                             const VerifyOptions& options);

}  // namespace vnpu::verify
