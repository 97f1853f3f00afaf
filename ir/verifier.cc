#include "ir/verifier.h"

#include <cmath>
#include <string>
#include <vector>

#include "ir/window_geometry.h"

namespace vnpu::ir {
namespace {

std::string tensor_label(const Graph& graph, int32_t index) {
  return "tensor " + std::to_string(index) + " '" + graph.tensor(index).name + "'";
}

std::string op_label(const Graph& graph, size_t op_index) {
  return "operator " + std::to_string(op_index) + " (" +
         op_type_name(graph.operators[op_index].type) + ")";
}

bool in_range(const Graph& graph, int32_t index) {
  return index >= 0 && static_cast<size_t>(index) < graph.tensors.size();
}

Status verify_tensor(const Graph& graph, int32_t index) {
  const Tensor& tensor = graph.tensor(index);
  for (int32_t dim : tensor.shape) {
    if (dim < 0) {
      return Status::invalid_input(tensor_label(graph, index) + ": negative dimension in shape " +
                                   shape_to_string(tensor.shape));
    }
  }
  if (tensor.is_constant() && static_cast<int64_t>(tensor.data.size()) != tensor.size_bytes()) {
    return Status::invalid_input(
        tensor_label(graph, index) + ": constant data holds " + std::to_string(tensor.data.size()) +
        " bytes, shape " + shape_to_string(tensor.shape) + " of " + data_type_name(tensor.type) +
        " needs " + std::to_string(tensor.size_bytes()));
  }
  if (tensor.is_constant() && tensor.type == DataType::kBool) {
    const int64_t bad = first_invalid_bool(tensor.data.data(), tensor.size_bytes());
    if (bad >= 0) {
      return Status::invalid_input(tensor_label(graph, index) + ": bool constant element " +
                                   std::to_string(bad) + " is " +
                                   std::to_string(tensor.data[static_cast<size_t>(bad)]) +
                                   ", not 0 or 1");
    }
  }
  const Quantization& q = tensor.quantization;
  if (!q.is_quantized()) return Status::ok();
  for (float scale : q.scales) {
    if (!std::isfinite(scale) || scale <= 0.0f) {
      return Status::invalid_input(tensor_label(graph, index) +
                                   ": quantization scale must be finite and positive, got " +
                                   std::to_string(scale));
    }
  }
  if (q.zero_points.size() != q.scales.size() && q.zero_points.size() > 1) {
    return Status::invalid_input(tensor_label(graph, index) + ": " +
                                 std::to_string(q.scales.size()) + " scales but " +
                                 std::to_string(q.zero_points.size()) + " zero points");
  }
  if (q.is_per_channel()) {
    const int32_t rank = static_cast<int32_t>(tensor.shape.size());
    if (q.axis < 0 || q.axis >= rank) {
      return Status::invalid_input(tensor_label(graph, index) + ": quantized dimension " +
                                   std::to_string(q.axis) + " outside rank " +
                                   std::to_string(rank));
    }
    if (static_cast<int64_t>(q.scales.size()) != tensor.shape[static_cast<size_t>(q.axis)]) {
      return Status::invalid_input(
          tensor_label(graph, index) + ": " + std::to_string(q.scales.size()) +
          " per-channel scales for dimension " + std::to_string(q.axis) + " of size " +
          std::to_string(tensor.shape[static_cast<size_t>(q.axis)]));
    }
  }
  return Status::ok();
}

// The operand counts of operand_arity, and no required input absent.
Status check_operand_arity(const Operator& op) {
  const OperandArity arity = operand_arity(op.type);
  const auto range = [](size_t low, size_t high) {
    if (high == SIZE_MAX) return std::to_string(low) + " or more";
    return low == high ? std::to_string(low) : std::to_string(low) + " to " + std::to_string(high);
  };
  if (op.inputs.size() < arity.min_inputs || op.inputs.size() > arity.max_inputs) {
    return Status::invalid_input("expects " + range(arity.min_inputs, arity.max_inputs) +
                                 " inputs, has " + std::to_string(op.inputs.size()));
  }
  if (op.outputs.size() < arity.min_outputs || op.outputs.size() > arity.max_outputs) {
    return Status::invalid_input("expects " + range(arity.min_outputs, arity.max_outputs) +
                                 " outputs, has " + std::to_string(op.outputs.size()));
  }
  // An unbounded input list (ADD_N, CONCATENATION, PACK, IF, WHILE, ethos-u)
  // has no optional operand: every one it lists is required.
  const size_t required =
      arity.max_inputs == SIZE_MAX ? op.inputs.size() : arity.min_inputs;
  for (size_t i = 0; i < required; ++i) {
    if (op.inputs[i] == kNoTensor) {
      return Status::invalid_input("required input " + std::to_string(i) + " is absent");
    }
  }
  return Status::ok();
}

}  // namespace

Status verify_graph(const Graph& graph) {
  for (int32_t i = 0; i < static_cast<int32_t>(graph.tensors.size()); ++i) {
    Status status = verify_tensor(graph, i);
    if (!status) return status;
  }
  // available[i]: tensor i has a value at this point of execution.
  std::vector<bool> available(graph.tensors.size(), false);
  std::vector<bool> produced(graph.tensors.size(), false);
  for (size_t i = 0; i < graph.tensors.size(); ++i) {
    available[i] = graph.tensors[i].is_constant() || graph.tensors[i].is_variable;
  }
  for (int32_t index : graph.inputs) {
    if (!in_range(graph, index)) {
      return Status::invalid_input("graph input refers to tensor " + std::to_string(index) +
                                   ", graph has " + std::to_string(graph.tensors.size()));
    }
    available[static_cast<size_t>(index)] = true;
  }
  for (size_t op_index = 0; op_index < graph.operators.size(); ++op_index) {
    const Operator& op = graph.operators[op_index];
    for (int32_t index : op.inputs) {
      if (index == kNoTensor) continue;
      if (!in_range(graph, index)) {
        return Status::invalid_input(op_label(graph, op_index) + ": input tensor index " +
                                     std::to_string(index) + " out of range (graph has " +
                                     std::to_string(graph.tensors.size()) + " tensors)");
      }
      if (!available[static_cast<size_t>(index)]) {
        return Status::invalid_input(op_label(graph, op_index) + ": reads " +
                                     tensor_label(graph, index) +
                                     " before any operator produces it");
      }
    }
    // ASSIGN_VARIABLE and CALL_ONCE have no outputs; every other type needs one.
    if (op.outputs.empty() && operand_arity(op.type).min_outputs > 0) {
      return Status::invalid_input(op_label(graph, op_index) + ": has no outputs");
    }
    if (Status s = check_operand_arity(op); !s) return s.with_context(op_label(graph, op_index));
    if (Status s = check_window_geometry(graph, op); !s) {
      return s.with_context(op_label(graph, op_index));
    }
    for (int32_t index : op.outputs) {
      if (!in_range(graph, index)) {
        return Status::invalid_input(op_label(graph, op_index) + ": output tensor index " +
                                     std::to_string(index) + " out of range (graph has " +
                                     std::to_string(graph.tensors.size()) + " tensors)");
      }
      const auto slot = static_cast<size_t>(index);
      if (graph.tensors[slot].is_constant()) {
        return Status::invalid_input(op_label(graph, op_index) + ": writes constant " +
                                     tensor_label(graph, index));
      }
      if (produced[slot]) {
        return Status::invalid_input(op_label(graph, op_index) + ": " + tensor_label(graph, index) +
                                     " already has a producer");
      }
      produced[slot] = true;
      available[slot] = true;
    }
  }
  for (int32_t index : graph.outputs) {
    if (!in_range(graph, index)) {
      return Status::invalid_input("graph output refers to tensor " + std::to_string(index) +
                                   ", graph has " + std::to_string(graph.tensors.size()));
    }
    if (!available[static_cast<size_t>(index)]) {
      return Status::invalid_input("graph output " + tensor_label(graph, index) +
                                   " is never produced");
    }
  }
  return Status::ok();
}

Status verify_model(const Model& model) {
  if (model.graphs.empty()) return Status::invalid_input("model has no subgraphs");
  for (size_t i = 0; i < model.graphs.size(); ++i) {
    Status status = verify_graph(model.graphs[i]);
    if (!status) return status.with_context("subgraph " + std::to_string(i));
  }
  return Status::ok();
}

}  // namespace vnpu::ir
