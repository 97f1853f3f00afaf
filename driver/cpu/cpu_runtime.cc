#include "driver/cpu/cpu_runtime.h"

#include <cstring>
#include <string>

#include "core/input_limits.h"
#include "driver/cpu/model_context.h"
#include "ir/model_stats.h"
#include "ir/verifier.h"

namespace vnpu::driver::cpu {
namespace {

std::string op_label(const ir::Graph& graph, size_t op_index) {
  return "operator " + std::to_string(op_index) + " (" +
         ir::op_type_name(graph.operators[op_index].type) + ")";
}

PrepareResult prepare_op(const ir::Graph& graph, const ir::Operator& op,
                         const CpuOptions& options) {
  if (op.type == ir::OpType::kEthosU) {
    if (!options.npu_prepare) {
      return Status::unsupported(
          "the operator holds an NPU command stream; run it on an NPU backend "
          "(--backend functional or systemc)");
    }
    return options.npu_prepare(graph, op);
  }
  CpuOpPrepare prepare = find_cpu_op(op.type);
  if (prepare == nullptr) return Status::unsupported("no CPU kernel for this operator");
  return prepare(graph, op, options);
}

// Ok, or invalid_input when an offline plan puts an output of a CPU operator
// over another of its operands: the kernels read and write distinct buffers
// (TFLM would silently compute garbage). Our own planner never does it (the
// operands of one operator are live together); ethos-u operators are the
// compiler's business (Vela puts feature maps inside its scratch tensor). A
// RESHAPE or SQUEEZE may alias its input exactly (TFLM's reshape copies only
// when the tensors do not alias; so does ours).
Status check_cpu_operands_apart(const ir::Graph& graph, const ir::MemoryPlan& plan) {
  std::vector<const ir::TensorPlacement*> placed(graph.tensors.size(), nullptr);
  for (const ir::TensorPlacement& placement : plan.placements) {
    placed[static_cast<size_t>(placement.tensor)] = &placement;
  }
  auto overlap = [&](int32_t a, int32_t b) {
    if (a == b || a == ir::kNoTensor || b == ir::kNoTensor) return false;
    const ir::TensorPlacement* pa = placed[static_cast<size_t>(a)];
    const ir::TensorPlacement* pb = placed[static_cast<size_t>(b)];
    if (pa == nullptr || pb == nullptr || pa->size_bytes == 0 || pb->size_bytes == 0) return false;
    return pa->offset_bytes < pb->offset_bytes + pb->size_bytes &&
           pb->offset_bytes < pa->offset_bytes + pa->size_bytes;
  };
  for (size_t i = 0; i < graph.operators.size(); ++i) {
    const ir::Operator& op = graph.operators[i];
    if (op.type == ir::OpType::kEthosU) continue;
    for (size_t k = 0; k < op.outputs.size(); ++k) {
      const int32_t out = op.outputs[k];
      const bool may_alias = op.type == ir::OpType::kReshape || op.type == ir::OpType::kSqueeze;
      for (int32_t in : op.inputs) {
        if (!overlap(out, in)) continue;
        if (may_alias && placed[static_cast<size_t>(out)]->offset_bytes ==
                             placed[static_cast<size_t>(in)]->offset_bytes) {
          continue;
        }
        return Status::invalid_input(op_label(graph, i) + ": the offline memory plan puts output " +
                                     graph.tensor(out).name + " at arena offset " +
                                     std::to_string(placed[static_cast<size_t>(out)]->offset_bytes) +
                                     " over input " + graph.tensor(in).name + " at offset " +
                                     std::to_string(placed[static_cast<size_t>(in)]->offset_bytes));
      }
      for (size_t j = k + 1; j < op.outputs.size(); ++j) {
        if (!overlap(out, op.outputs[j])) continue;
        return Status::invalid_input(op_label(graph, i) + ": the offline memory plan puts outputs " +
                                     graph.tensor(out).name + " and " +
                                     graph.tensor(op.outputs[j]).name + " over each other");
      }
    }
  }
  return Status::ok();
}

// Ok, or invalid_input when the operators the CPU runs need more than
// kMaxCpuMacs multiply-accumulates (ir::mac_count saturates, the sum cannot wrap).
Status check_cpu_work(const ir::Graph& graph) {
  int64_t macs = 0;
  for (const ir::Operator& op : graph.operators) {
    if (op.type == ir::OpType::kEthosU) continue;
    const int64_t op_macs = ir::mac_count(graph, op);
    macs += op_macs > kMaxCpuMacs ? kMaxCpuMacs + 1 : op_macs;
    if (macs > kMaxCpuMacs) {
      return Status::invalid_input("the model needs more than " + std::to_string(kMaxCpuMacs) +
                                   " multiply-accumulates on the CPU, the limit of one run");
    }
  }
  return Status::ok();
}

}  // namespace

CpuRuntime::CpuRuntime(const ir::Graph& graph) : graph_(graph), memory_(graph.tensors.size()) {}

CpuRuntime::~CpuRuntime() = default;

Expected<std::unique_ptr<CpuRuntime>> CpuRuntime::create(const ir::Model& model,
                                                       const CpuOptions& options) {
  if (model.graphs.empty()) return Status::invalid_input("the model has no subgraphs");
  auto context = std::make_unique<ModelContext>(model, options);
  CpuOptions main_options = options;
  main_options.model_context = context.get();
  auto runtime = create(model.main_graph(), main_options);
  if (!runtime) return runtime.status();
  Status variables = context->check_variables();
  if (!variables) return variables;
  (*runtime)->owned_context_ = std::move(context);
  (*runtime)->reset_variables();
  return runtime;
}

Expected<std::unique_ptr<CpuRuntime>> CpuRuntime::create(const ir::Graph& graph,
                                                       const CpuOptions& options) {
  Status verified = ir::verify_graph(graph);
  if (!verified) return verified;
  Status work = check_cpu_work(graph);
  if (!work) return work;
  std::unique_ptr<CpuRuntime> runtime(new CpuRuntime(graph));
  for (size_t i = 0; i < graph.operators.size(); ++i) {
    const ir::Operator& op = graph.operators[i];
    auto prepared = prepare_op(graph, op, options);
    if (!prepared) return prepared.status().with_context(op_label(graph, i));
    runtime->ops_.push_back(std::move(*prepared));
  }
  runtime->plan_ = ir::plan_memory(graph, options.fixed_offsets);
  if (Status apart = check_cpu_operands_apart(graph, runtime->plan_); !apart) return apart;
  if (runtime->plan_.arena_bytes > kMaxArenaBytes) {
    return Status::invalid_input("the activation arena needs " +
                                 std::to_string(runtime->plan_.arena_bytes) +
                                 " bytes, more than the limit of " +
                                 std::to_string(kMaxArenaBytes));
  }
  runtime->arena_.assign(static_cast<size_t>(runtime->plan_.arena_bytes), 0);
  for (const ir::TensorPlacement& placement : runtime->plan_.placements) {
    runtime->memory_.bind(placement.tensor,
                          runtime->arena_.data() + placement.offset_bytes);
  }
  for (size_t i = 0; i < graph.tensors.size(); ++i) {
    const ir::Tensor& tensor = graph.tensors[i];
    if (tensor.is_constant()) {
      // Kernels only read constants; TensorMemory hands out mutable pointers for uniformity.
      runtime->memory_.bind(static_cast<int32_t>(i), const_cast<uint8_t*>(tensor.data.data()));
    }
  }
  runtime->reset_variables();
  runtime->op_host_ns_.assign(graph.operators.size(), 0);
  return runtime;
}

void CpuRuntime::reset_variables() {
  for (size_t i = 0; i < graph_.tensors.size(); ++i) {
    const ir::Tensor& tensor = graph_.tensors[i];
    uint8_t* data = memory_.bytes(static_cast<int32_t>(i));
    // A scratch area may hold variables placed inside it: resetting it would undo theirs.
    if (!tensor.is_variable || tensor.is_scratch || tensor.is_constant() || data == nullptr) {
      continue;
    }
    // As TFLM's ResetVariableTensors: int8 variables hold their zero point, others 0.
    const int fill = tensor.type == ir::DataType::kInt8 ? tensor.quantization.zero_point() : 0;
    std::memset(data, fill, static_cast<size_t>(tensor.size_bytes()));
  }
  if (owned_context_) owned_context_->reset_variables();
  for (const std::unique_ptr<CpuOp>& op : ops_) op->reset_state();
}

Status CpuRuntime::set_input(size_t input_index, const std::vector<uint8_t>& bytes) {
  if (input_index >= graph_.inputs.size()) {
    return Status::invalid_input("input " + std::to_string(input_index) + " does not exist; " +
                                 "the model has " + std::to_string(graph_.inputs.size()));
  }
  const int32_t tensor = graph_.inputs[input_index];
  const auto expected = static_cast<size_t>(graph_.tensor(tensor).size_bytes());
  if (bytes.size() != expected) {
    return Status::invalid_input("input " + std::to_string(input_index) + ": got " +
                                 std::to_string(bytes.size()) + " bytes, tensor needs " +
                                 std::to_string(expected));
  }
  if (graph_.tensor(tensor).type == ir::DataType::kBool) {
    const int64_t bad = ir::first_invalid_bool(bytes.data(), static_cast<int64_t>(expected));
    if (bad >= 0) {
      return Status::invalid_input("input " + std::to_string(input_index) + ": bool element " +
                                   std::to_string(bad) + " is " +
                                   std::to_string(bytes[static_cast<size_t>(bad)]) +
                                   ", not 0 or 1");
    }
  }
  if (expected > 0) std::memcpy(memory_.bytes(tensor), bytes.data(), expected);
  return Status::ok();
}

std::vector<uint8_t> CpuRuntime::output(size_t output_index) const {
  const int32_t tensor = graph_.outputs.at(output_index);
  const uint8_t* data = memory_.bytes(tensor);
  return std::vector<uint8_t>(data, data + graph_.tensor(tensor).size_bytes());
}

Status CpuRuntime::invoke(const OpObserver& after_op) {
  using Clock = std::chrono::steady_clock;
  for (size_t i = 0; i < ops_.size(); ++i) {
    const auto start = Clock::now();
    Status status = ops_[i]->eval(memory_);
    op_host_ns_[i] =
        std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start).count();
    if (!status) return status.with_context(op_label(graph_, i));
    if (after_op) after_op(i);
  }
  return Status::ok();
}

}  // namespace vnpu::driver::cpu
