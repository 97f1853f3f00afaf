// IF, WHILE and CALL_ONCE with TFLM's semantics (if.cc, while.cc, call_once.cc):
// operands are copied into the called subgraph's inputs, the subgraph runs on its
// own runtime (driver/cpu/model_context.h), and its outputs are copied back.
//  - IF: input 0 holds one element whose first byte picks then (non-zero) or else;
//    inputs 1.. go to the branch, its outputs are the IF's outputs.
//  - WHILE: the loop values start as the inputs; while the cond subgraph's single
//    output is true, the body maps them to the next values; the outputs are the
//    last values. A loop that passes kMaxWhileIterations stops with an error
//    rather than hang (TFLM has no bound).
//  - CALL_ONCE: runs the init subgraph (no inputs, no outputs) at the first
//    invoke of the runtime only.
#include <cstring>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "driver/cpu/cpu_runtime.h"
#include "driver/cpu/model_context.h"
#include "driver/cpu/ops.h"
#include "kernels/prepare/op_support.h"

namespace vnpu::driver::cpu {

namespace prepare = kernels::prepare;
namespace {

constexpr int64_t kMaxWhileIterations = int64_t{1} << 20;

Expected<CpuRuntime*> called_subgraph(const CpuOptions& options, int32_t index) {
  if (options.model_context == nullptr) {
    return Status::unsupported(
        "the operator calls subgraph " + std::to_string(index) +
        "; run the whole model (CpuRuntime::create with the ir::Model), not one graph");
  }
  return options.model_context->subgraph(index);
}

// Checks that `tensors` of the caller match the subgraph's `ports` one to one.
Status check_ports(const ir::Graph& graph, const std::vector<int32_t>& tensors, size_t first,
                   const CpuRuntime& callee, const std::vector<int32_t>& ports, const char* what,
                   int32_t subgraph) {
  const std::string where = "subgraph " + std::to_string(subgraph) + " " + what;
  if (tensors.size() - first != ports.size()) {
    return Status::invalid_input(where + ": has " + std::to_string(ports.size()) +
                                 ", the operator passes " + std::to_string(tensors.size() - first));
  }
  for (size_t i = 0; i < ports.size(); ++i) {
    const ir::Tensor& ours = graph.tensor(tensors[first + i]);
    const ir::Tensor& theirs = callee.graph().tensor(ports[i]);
    if (ours.type != theirs.type || ours.size_bytes() != theirs.size_bytes()) {
      return Status::invalid_input(where + " " + std::to_string(i) + ": " +
                                   ir::data_type_name(theirs.type) + " " +
                                   ir::shape_to_string(theirs.shape) + " does not match " +
                                   prepare::describe_tensor(graph, tensors[first + i]));
    }
  }
  return Status::ok();
}

void copy_tensor(uint8_t* to, const uint8_t* from, int64_t bytes) {
  if (bytes > 0 && to != from) std::memcpy(to, from, static_cast<size_t>(bytes));
}

// Copies caller tensors `tensors[first..]` into the callee's inputs.
void copy_in(const ir::Graph& graph, const TensorMemory& memory, const std::vector<int32_t>& tensors,
             size_t first, CpuRuntime& callee) {
  const std::vector<int32_t>& inputs = callee.graph().inputs;
  for (size_t i = 0; i < inputs.size(); ++i) {
    copy_tensor(callee.tensor_data(inputs[i]), memory.bytes(tensors[first + i]),
                graph.tensor(tensors[first + i]).size_bytes());
  }
}

void copy_out(const ir::Graph& graph, const CpuRuntime& callee, const TensorMemory& memory,
              const std::vector<int32_t>& tensors) {
  const std::vector<int32_t>& outputs = callee.graph().outputs;
  for (size_t i = 0; i < outputs.size(); ++i) {
    copy_tensor(memory.bytes(tensors[i]), callee.tensor_data(outputs[i]),
                graph.tensor(tensors[i]).size_bytes());
  }
}

class IfOp final : public CpuOp {
 public:
  IfOp(const ir::Graph& graph, const ir::Operator& op, CpuRuntime* then_branch,
       CpuRuntime* else_branch)
      : graph_(graph), op_(op), then_(then_branch), else_(else_branch) {}

  Status eval(const TensorMemory& memory) const override {
    CpuRuntime& branch = memory.bytes(op_.inputs[0])[0] != 0 ? *then_ : *else_;
    copy_in(graph_, memory, op_.inputs, 1, branch);
    if (Status s = branch.invoke(); !s) return s;
    copy_out(graph_, branch, memory, op_.outputs);
    return Status::ok();
  }

 private:
  const ir::Graph& graph_;
  const ir::Operator& op_;
  CpuRuntime* then_;
  CpuRuntime* else_;
};

class WhileOp final : public CpuOp {
 public:
  WhileOp(const ir::Graph& graph, const ir::Operator& op, CpuRuntime* cond, CpuRuntime* body)
      : graph_(graph), op_(op), cond_(cond), body_(body) {}

  Status eval(const TensorMemory& memory) const override {
    // The loop values live in the operator's outputs.
    for (size_t i = 0; i < op_.inputs.size(); ++i) {
      copy_tensor(memory.bytes(op_.outputs[i]), memory.bytes(op_.inputs[i]),
                  graph_.tensor(op_.inputs[i]).size_bytes());
    }
    for (int64_t iteration = 0;; ++iteration) {
      copy_in(graph_, memory, op_.outputs, 0, *cond_);
      if (Status s = cond_->invoke(); !s) return s;
      if (cond_->tensor_data(cond_->graph().outputs[0])[0] == 0) return Status::ok();
      if (iteration == kMaxWhileIterations) {
        return Status::invalid_input("the loop ran " + std::to_string(kMaxWhileIterations) +
                                     " iterations without its condition turning false");
      }
      copy_in(graph_, memory, op_.outputs, 0, *body_);
      if (Status s = body_->invoke(); !s) return s;
      copy_out(graph_, *body_, memory, op_.outputs);
    }
  }

 private:
  const ir::Graph& graph_;
  const ir::Operator& op_;
  CpuRuntime* cond_;
  CpuRuntime* body_;
};

class CallOnceOp final : public CpuOp {
 public:
  explicit CallOnceOp(CpuRuntime* init) : init_(init) {}

  Status eval(const TensorMemory&) const override {
    if (has_run_) return Status::ok();
    if (Status s = init_->invoke(); !s) return s;
    has_run_ = true;
    return Status::ok();
  }

 private:
  CpuRuntime* init_;
  mutable bool has_run_ = false;
};

Status check_single_element(const ir::Graph& graph, int32_t index, const char* role) {
  if (graph.tensor(index).element_count() == 1) return Status::ok();
  return Status::invalid_input(std::string(role) + " " + prepare::describe_tensor(graph, index) +
                               ": must hold one element");
}

}  // namespace

PrepareResult prepare_if(const ir::Graph& graph, const ir::Operator& op, const CpuOptions& options) {
  const auto* o = std::get_if<ir::IfOptions>(&op.options);
  if (o == nullptr) return Status::invalid_input("IF without its options");
  if (op.inputs.empty()) return Status::invalid_input("IF needs a condition input");
  if (Status s = check_single_element(graph, op.inputs[0], "condition"); !s) return s;
  auto then_branch = called_subgraph(options, o->then_subgraph);
  if (!then_branch) return then_branch.status();
  auto else_branch = called_subgraph(options, o->else_subgraph);
  if (!else_branch) return else_branch.status();
  for (auto [branch, index] : {std::pair{*then_branch, o->then_subgraph},
                               std::pair{*else_branch, o->else_subgraph}}) {
    if (Status s = check_ports(graph, op.inputs, 1, *branch, branch->graph().inputs, "input", index);
        !s) {
      return s;
    }
    if (Status s =
            check_ports(graph, op.outputs, 0, *branch, branch->graph().outputs, "output", index);
        !s) {
      return s;
    }
  }
  return std::unique_ptr<CpuOp>(std::make_unique<IfOp>(graph, op, *then_branch, *else_branch));
}

PrepareResult prepare_while(const ir::Graph& graph, const ir::Operator& op,
                            const CpuOptions& options) {
  const auto* o = std::get_if<ir::WhileOptions>(&op.options);
  if (o == nullptr) return Status::invalid_input("WHILE without its options");
  if (op.inputs.size() != op.outputs.size()) {
    return Status::invalid_input("WHILE has " + std::to_string(op.inputs.size()) + " inputs but " +
                                 std::to_string(op.outputs.size()) + " outputs");
  }
  for (size_t i = 0; i < op.inputs.size(); ++i) {
    const ir::Tensor& in = graph.tensor(op.inputs[i]);
    const ir::Tensor& out = graph.tensor(op.outputs[i]);
    if (in.type != out.type || in.size_bytes() != out.size_bytes()) {
      return Status::invalid_input("loop value " + std::to_string(i) + ": input " +
                                   prepare::describe_tensor(graph, op.inputs[i]) +
                                   " does not match output " +
                                   prepare::describe_tensor(graph, op.outputs[i]));
    }
  }
  auto cond = called_subgraph(options, o->cond_subgraph);
  if (!cond) return cond.status();
  auto body = called_subgraph(options, o->body_subgraph);
  if (!body) return body.status();
  if (Status s = check_ports(graph, op.inputs, 0, **cond, (*cond)->graph().inputs, "input",
                             o->cond_subgraph);
      !s) {
    return s;
  }
  const std::vector<int32_t>& cond_outputs = (*cond)->graph().outputs;
  if (cond_outputs.size() != 1 || (*cond)->graph().tensor(cond_outputs[0]).element_count() != 1) {
    return Status::invalid_input("subgraph " + std::to_string(o->cond_subgraph) +
                                 ": a WHILE condition has one output of one element");
  }
  if (Status s = check_ports(graph, op.inputs, 0, **body, (*body)->graph().inputs, "input",
                             o->body_subgraph);
      !s) {
    return s;
  }
  if (Status s = check_ports(graph, op.outputs, 0, **body, (*body)->graph().outputs, "output",
                             o->body_subgraph);
      !s) {
    return s;
  }
  return std::unique_ptr<CpuOp>(std::make_unique<WhileOp>(graph, op, *cond, *body));
}

PrepareResult prepare_call_once(const ir::Graph&, const ir::Operator& op,
                                const CpuOptions& options) {
  const auto* o = std::get_if<ir::CallOnceOptions>(&op.options);
  if (o == nullptr) return Status::invalid_input("CALL_ONCE without its options");
  auto init = called_subgraph(options, o->init_subgraph);
  if (!init) return init.status();
  if (!(*init)->graph().inputs.empty() || !(*init)->graph().outputs.empty()) {
    return Status::invalid_input("subgraph " + std::to_string(o->init_subgraph) +
                                 ": a CALL_ONCE init subgraph has no inputs and no outputs");
  }
  return std::unique_ptr<CpuOp>(std::make_unique<CallOnceOp>(*init));
}

}  // namespace vnpu::driver::cpu
