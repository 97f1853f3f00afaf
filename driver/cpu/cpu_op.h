// The contract between the CPU runtime and the CPU kernels.
//
// For every IR operator the runtime calls that op type's prepare function
// once. Prepare validates the operator against the graph (operand count,
// types, shapes, quantization), precomputes everything eval needs
// (multipliers, padding, activation bounds) and returns a CpuOp, or an
// invalid_input / unsupported Status naming the problem. Eval only computes:
// it reads and writes tensors through TensorMemory and returns ok; a CPU
// kernel cannot fail, except on index data that prepare cannot see (a GATHER,
// GATHER_ND or EMBEDDING_LOOKUP index outside its table, BROADCAST_ARGS shapes
// that do not broadcast, an int32 DIV by zero, on which TFLM traps), which TFLM
// also rejects at Invoke: eval then returns
// invalid_input and writes nothing out of bounds. An NPU backend's eval
// returns the fault the hardware raised (a STATUS fault bit) as its Status.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "core/status.h"
#include "ir/graph.h"

namespace vnpu::driver::cpu {

// Where each tensor's bytes live during one inference.
class TensorMemory {
 public:
  explicit TensorMemory(size_t tensor_count) : data_(tensor_count, nullptr) {}

  void bind(int32_t index, uint8_t* data) { data_.at(static_cast<size_t>(index)) = data; }
  uint8_t* bytes(int32_t index) const { return data_.at(static_cast<size_t>(index)); }

  template <typename T>
  T* get(int32_t index) const {
    return reinterpret_cast<T*>(bytes(index));
  }

 private:
  std::vector<uint8_t*> data_;
};

// How prepare chooses kernels. kFast uses kernels/optimized/ where an op has a
// fast variant (bit-exact with the reference, so results never change);
// kReference forces the TFLM-style reference kernels everywhere.
enum class KernelChoice { kFast, kReference };

class CpuOp;
class ModelContext;
struct CpuOptions;

using PrepareResult = Expected<std::unique_ptr<CpuOp>>;

// Prepares an operator that runs on an NPU backend (the `ethos-u` custom op).
using NpuPrepare = std::function<PrepareResult(const ir::Graph& graph, const ir::Operator& op)>;

struct CpuOptions {
  KernelChoice kernels = KernelChoice::kFast;
  // Set to run `ethos-u` operators on an NPU backend; unset, such a model is
  // refused with a message saying an NPU backend is needed.
  NpuPrepare npu_prepare;
  // Arena offsets a compiler chose, one per tensor (-1: let the planner place
  // it); empty when the model has none. See tflite/offline_memory_plan.h.
  std::vector<int64_t> fixed_offsets;
  // The model's other subgraphs and its resource variables, for IF, WHILE,
  // CALL_ONCE and the variable operators (driver/cpu/model_context.h); set by
  // CpuRuntime::create(const ir::Model&), unset those operators are refused.
  ModelContext* model_context = nullptr;
};

class CpuOp {
 public:
  virtual ~CpuOp() = default;
  // Ok, or why the operation failed: CPU kernels return ok but for bad index data
  // (see above); an NPU backend returns the fault the hardware would raise
  // (STATUS bits).
  virtual Status eval(const TensorMemory& memory) const = 0;
  // Where the operator ran, for reports: "cpu", "npu:functional", ...
  virtual const char* backend_name() const { return "cpu"; }
  // TFLM's Reset: an operator that keeps state of its own between invokes
  // (SignalFilterBankSpectralSubtraction's noise estimate) returns it to the
  // state Prepare left. CpuRuntime::reset_variables() calls it.
  virtual void reset_state() {}
};

using CpuOpPrepare = Expected<std::unique_ptr<CpuOp>> (*)(const ir::Graph& graph,
                                                          const ir::Operator& op,
                                                          const CpuOptions& cpu_options);

// The prepare function for an op type, or nullptr when the CPU has no kernel for it.
CpuOpPrepare find_cpu_op(ir::OpType type);

}  // namespace vnpu::driver::cpu
