// VAR_HANDLE, READ_VARIABLE and ASSIGN_VARIABLE with TFLM's resource variables
// (var_handle.cc, read_variable.cc, assign_variable.cc, micro_resource_variable.cc):
// VAR_HANDLE names a variable by (container, shared_name) and writes its int32
// id into its resource output; the first ASSIGN_VARIABLE prepared gives the
// variable the value's size and fills it with the value's zero point (cast to
// int8, as TFLM's memset does); READ_VARIABLE copies it out, ASSIGN_VARIABLE in.
// The variables live in the model's context and keep their values across invokes.
// The resource operand must be the output of a VAR_HANDLE of the same subgraph
// (the variable is resolved at prepare time).
#include <cstring>
#include <memory>
#include <string>
#include <variant>

#include "driver/cpu/model_context.h"
#include "driver/cpu/ops.h"
#include "kernels/prepare/op_support.h"

namespace vnpu::driver::cpu {

namespace prepare = kernels::prepare;
namespace {

class VarHandleOp final : public CpuOp {
 public:
  VarHandleOp(int32_t output, int32_t id) : output_(output), id_(id) {}
  Status eval(const TensorMemory& memory) const override {
    std::memcpy(memory.bytes(output_), &id_, sizeof(id_));
    return Status::ok();
  }

 private:
  int32_t output_;
  int32_t id_;
};

class ReadVariableOp final : public CpuOp {
 public:
  ReadVariableOp(ModelContext* context, int32_t id, int32_t output)
      : context_(context), id_(id), output_(output) {}
  Status eval(const TensorMemory& memory) const override {
    const std::vector<uint8_t>& value = context_->variable(id_);
    if (!value.empty()) std::memcpy(memory.bytes(output_), value.data(), value.size());
    return Status::ok();
  }

 private:
  ModelContext* context_;
  int32_t id_;
  int32_t output_;
};

class AssignVariableOp final : public CpuOp {
 public:
  AssignVariableOp(ModelContext* context, int32_t id, int32_t value)
      : context_(context), id_(id), value_(value) {}
  Status eval(const TensorMemory& memory) const override {
    std::vector<uint8_t>& target = context_->variable(id_);
    if (!target.empty()) std::memcpy(target.data(), memory.bytes(value_), target.size());
    return Status::ok();
  }

 private:
  ModelContext* context_;
  int32_t id_;
  int32_t value_;
};

Expected<ModelContext*> model_context(const CpuOptions& options) {
  if (options.model_context != nullptr) return options.model_context;
  return Status::unsupported(
      "resource variables need the whole model (CpuRuntime::create with the ir::Model)");
}

// The variable id behind a resource operand: its producer must be a VAR_HANDLE.
Expected<int32_t> resolve_variable(const ir::Graph& graph, int32_t resource,
                                   ModelContext& context) {
  if (Status s = prepare::check_type(graph, resource, ir::DataType::kResource, "resource"); !s) {
    return s;
  }
  for (const ir::Operator& producer : graph.operators) {
    if (producer.outputs.empty() || producer.outputs[0] != resource) continue;
    const auto* o = std::get_if<ir::VarHandleOptions>(&producer.options);
    if (producer.type != ir::OpType::kVarHandle || o == nullptr) break;
    return context.variable_id(o->container, o->shared_name);
  }
  return Status::unsupported("resource " + prepare::describe_tensor(graph, resource) +
                             ": must be the output of a VAR_HANDLE in the same subgraph");
}

}  // namespace

PrepareResult prepare_var_handle(const ir::Graph& graph, const ir::Operator& op,
                                 const CpuOptions& options) {
  const auto* o = std::get_if<ir::VarHandleOptions>(&op.options);
  if (o == nullptr) return Status::invalid_input("VAR_HANDLE without its options");
  if (Status s = prepare::check_operand_counts(op, 0, 0, 1); !s) return s;
  if (Status s = prepare::check_type(graph, op.outputs[0], ir::DataType::kResource, "output"); !s) {
    return s;
  }
  if (graph.tensor(op.outputs[0]).element_count() != 1) {
    return Status::invalid_input("output " + prepare::describe_tensor(graph, op.outputs[0]) +
                                 ": a resource handle is one element");
  }
  auto context = model_context(options);
  if (!context) return context.status();
  const int32_t id = (*context)->variable_id(o->container, o->shared_name);
  return std::unique_ptr<CpuOp>(std::make_unique<VarHandleOp>(op.outputs[0], id));
}

PrepareResult prepare_read_variable(const ir::Graph& graph, const ir::Operator& op,
                                    const CpuOptions& options) {
  if (Status s = prepare::check_operand_counts(op, 1, 1, 1); !s) return s;
  auto context = model_context(options);
  if (!context) return context.status();
  auto id = resolve_variable(graph, op.inputs[0], **context);
  if (!id) return id.status();
  (*context)->expect_variable_size(*id, static_cast<size_t>(graph.tensor(op.outputs[0]).size_bytes()),
                                   "READ_VARIABLE output " +
                                       prepare::describe_tensor(graph, op.outputs[0]));
  return std::unique_ptr<CpuOp>(std::make_unique<ReadVariableOp>(*context, *id, op.outputs[0]));
}

PrepareResult prepare_assign_variable(const ir::Graph& graph, const ir::Operator& op,
                                      const CpuOptions& options) {
  if (Status s = prepare::check_operand_counts(op, 2, 2, 0); !s) return s;
  auto context = model_context(options);
  if (!context) return context.status();
  auto id = resolve_variable(graph, op.inputs[0], **context);
  if (!id) return id.status();
  const ir::Tensor& value = graph.tensor(op.inputs[1]);
  const auto reset_byte = static_cast<uint8_t>(static_cast<int8_t>(
      value.quantization.is_quantized() ? value.quantization.zero_point() : 0));
  if (Status s = (*context)->allocate_variable(*id, static_cast<size_t>(value.size_bytes()),
                                               reset_byte);
      !s) {
    return s;
  }
  return std::unique_ptr<CpuOp>(std::make_unique<AssignVariableOp>(*context, *id, op.inputs[1]));
}

}  // namespace vnpu::driver::cpu
