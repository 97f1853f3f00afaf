// The NPU operations of a compiled model, and one of them run on a backend.
//
// Every `ethos-u` operator's COP1 payload is decoded (isa/command_decoder.h)
// into its compute operations (CONV, DEPTHWISE, POOL, ELEMENTWISE kick-offs).
// run_through_operation() runs the model up to one such operation: the
// operator's command stream is cut after that kick-off and ends with
// NPU_OP_STOP, the operators after it are dropped, and what is left runs
// through the CPU runtime with a backend's NpuPrepare (driver/npu/
// backend_registry.h), exactly as `vnpu run` runs it. What the NPU wrote is
// then read from the tensors behind its base pointers. Running a prefix per
// operation costs O(operations^2) NPU work, but needs nothing from a backend
// beyond the one invoke path, so any backend of the registry plugs in.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "driver/cpu/cpu_op.h"
#include "ir/graph.h"
#include "isa/register_state.h"

namespace vnpu::verify {

struct NpuOperationRef {
  size_t operator_index = 0;  // the `ethos-u` operator in the compiled graph
  size_t segment = 0;         // its rank among the model's `ethos-u` operators
  size_t index = 0;           // the compute operation's rank in its stream
  bool last_in_segment = false;
  isa::Operation operation;  // the kick-off and the register state it runs with
};

// "CONV", "DEPTHWISE", "POOL MAX", "ELEMENTWISE ADD", ...
std::string npu_operation_name(const isa::Operation& operation);

// invalid_input when the model has no `ethos-u` operator, a payload does not
// parse, or a stream does not decode (naming the operator).
Expected<std::vector<NpuOperationRef>> list_npu_operations(const ir::Model& compiled);

// The accelerator preset whose CONFIG the first `ethos-u` payload was compiled
// for, or "" when there is none or no preset has that CONFIG.
std::string payload_accelerator(const ir::Model& compiled);

// What the NPU left in memory after running through one operation.
struct NpuMemorySnapshot {
  std::vector<std::vector<uint8_t>> regions;  // the bytes behind BASEP i
  std::vector<std::vector<uint8_t>> outputs;  // the `ethos-u` operator's output tensors
};

// The model on `inputs` up to `operation` (inclusive) on the backend behind
// `npu_prepare`. An NPU fault is returned as its Status.
Expected<NpuMemorySnapshot> run_through_operation(const ir::Model& compiled,
                                                  const NpuOperationRef& operation,
                                                  const driver::cpu::NpuPrepare& npu_prepare,
                                                  const std::vector<std::vector<uint8_t>>& inputs);

// The same run cut just before the operation's kick-off: the memory the
// operation reads (for the inputs of a mismatch).
Expected<NpuMemorySnapshot> run_before_operation(const ir::Model& compiled,
                                                 const NpuOperationRef& operation,
                                                 const driver::cpu::NpuPrepare& npu_prepare,
                                                 const std::vector<std::vector<uint8_t>>& inputs);

}  // namespace vnpu::verify
