// Runs an IR graph on the CPU kernels.
//
// create() prepares every operator (validation and precompute happen once,
// there) and plans the activation arena; invoke() only computes. Tensors are
// reachable through tensor_data() while they are live; an observer called
// after each operator sees that operator's outputs before the arena reuses
// their bytes (this is how intermediates are dumped).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "core/status.h"
#include "driver/cpu/cpu_op.h"
#include "ir/graph.h"
#include "ir/memory_planner.h"

namespace vnpu::driver::cpu {

class CpuRuntime {
 public:
  // The graph must outlive the runtime. Fails with the operator index and
  // type in the message when an operator is unsupported or inconsistent.
  static Expected<std::unique_ptr<CpuRuntime>> create(const ir::Graph& graph,
                                                      const CpuOptions& options = CpuOptions{});
  // Runs subgraph 0 of a model whose operators may call its other subgraphs
  // (IF, WHILE, CALL_ONCE) and share resource variables. The model must outlive
  // the runtime.
  static Expected<std::unique_ptr<CpuRuntime>> create(const ir::Model& model,
                                                      const CpuOptions& options = CpuOptions{});
  ~CpuRuntime();

  const ir::Graph& graph() const { return graph_; }
  const ir::MemoryPlan& memory_plan() const { return plan_; }
  int64_t arena_bytes() const { return plan_.arena_bytes; }

  // Bytes of tensor `index` (constants included); nullptr for a tensor the graph never touches.
  uint8_t* tensor_data(int32_t index) const { return memory_.bytes(index); }

  // Copies `bytes` into graph input `input_index`; sizes must match.
  Status set_input(size_t input_index, const std::vector<uint8_t>& bytes);
  std::vector<uint8_t> output(size_t output_index) const;

  using OpObserver = std::function<void(size_t op_index)>;
  // Sets every variable tensor (SVDF and LSTM states) and resource variable to
  // the value TFLM resets it to: the zero point for int8, 0 otherwise, and
  // resets the state operators keep (CpuOp::reset_state). create()
  // does it once; variables then keep their values across invoke() calls.
  void reset_variables();

  // Runs every operator in order; stops at the first that fails (an NPU fault)
  // with its index and type in the message.
  Status invoke(const OpObserver& after_op = nullptr);

  // The backend each operator runs on ("cpu", "npu:functional", "npu:systemc").
  const char* op_backend(size_t op_index) const { return ops_[op_index]->backend_name(); }

  // Host wall time of each operator in the last invoke(), in nanoseconds.
  const std::vector<int64_t>& op_host_ns() const { return op_host_ns_; }

 private:
  explicit CpuRuntime(const ir::Graph& graph);

  const ir::Graph& graph_;
  std::vector<std::unique_ptr<CpuOp>> ops_;
  ir::MemoryPlan plan_;
  std::vector<uint8_t> arena_;
  TensorMemory memory_;
  std::vector<int64_t> op_host_ns_;
  std::unique_ptr<ModelContext> owned_context_;  // set on the runtime of a model's subgraph 0
};

}  // namespace vnpu::driver::cpu
