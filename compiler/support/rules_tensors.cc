// Support rules on the operator type and its feature-map tensors.
#include <algorithm>
#include <string>

#include "compiler/support/rule_checks.h"

namespace vnpu::compiler::rules {
namespace {

// Non-constant operands: inputs (absent ones skipped) then outputs.
std::vector<int32_t> feature_maps(const ir::Operator& op, const ir::Graph& graph) {
  std::vector<int32_t> maps;
  for (int32_t t : op.inputs) {
    if (t != ir::kNoTensor && !graph.tensor(t).is_constant()) maps.push_back(t);
  }
  // ARG_MAX's output is an int32 index tensor, which the arg_max rule checks.
  if (op.type == ir::OpType::kArgMax) return maps;
  for (int32_t t : op.outputs) maps.push_back(t);
  return maps;
}

}  // namespace

std::string describe(const ir::Graph& graph, int32_t tensor) {
  const ir::Tensor& t = graph.tensor(tensor);
  return "'" + t.name + "' " + ir::shape_to_string(t.shape) + " " + ir::data_type_name(t.type);
}

RuleResult check_operator_type(const ir::Operator& op, const ir::Graph&,
                               const isa::AcceleratorConfig& config) {
  const auto& types = npu_operator_types();
  if (std::find(types.begin(), types.end(), op.type) != types.end()) return RuleResult::pass();
  return RuleResult::fail(std::string(ir::op_type_name(op.type)) + " is not an operator " +
                          config.name + " runs");
}

RuleResult check_activation_types(const ir::Operator& op, const ir::Graph& graph,
                                  const isa::AcceleratorConfig&) {
  for (int32_t t : feature_maps(op, graph)) {
    const ir::DataType type = graph.tensor(t).type;
    if (type != ir::DataType::kInt8 && type != ir::DataType::kUInt8 &&
        type != ir::DataType::kInt16) {
      return RuleResult::fail("tensor " + describe(graph, t) +
                              ": feature maps must be int8, uint8 or int16");
    }
  }
  return RuleResult::pass();
}

RuleResult check_per_tensor_activations(const ir::Operator& op, const ir::Graph& graph,
                                        const isa::AcceleratorConfig&) {
  for (int32_t t : feature_maps(op, graph)) {
    const size_t scales = graph.tensor(t).quantization.scales.size();
    if (scales != 1) {
      return RuleResult::fail("tensor " + describe(graph, t) + " has " + std::to_string(scales) +
                              " quantization scales; feature maps need exactly one");
    }
  }
  return RuleResult::pass();
}

RuleResult check_tensor_dims(const ir::Operator& op, const ir::Graph& graph,
                             const isa::AcceleratorConfig&) {
  for (int32_t t : feature_maps(op, graph)) {
    const ir::Shape& shape = graph.tensor(t).shape;
    for (size_t d = 0; d < shape.size(); ++d) {
      if (shape[d] < 1 || shape[d] > kMaxDimension) {
        return RuleResult::fail("tensor " + describe(graph, t) + ": dimension " +
                                std::to_string(d) + " is " + std::to_string(shape[d]) +
                                ", the NPU supports 1.." + std::to_string(kMaxDimension));
      }
    }
  }
  return RuleResult::pass();
}

RuleResult check_batch_size(const ir::Operator& op, const ir::Graph& graph,
                            const isa::AcceleratorConfig&) {
  for (int32_t t : feature_maps(op, graph)) {
    const ir::Shape& shape = graph.tensor(t).shape;
    if (shape.size() == 4 && shape[0] != 1) {
      return RuleResult::fail("tensor " + describe(graph, t) + ": batch " +
                              std::to_string(shape[0]) + ", the NPU supports batch 1");
    }
  }
  return RuleResult::pass();
}

}  // namespace vnpu::compiler::rules
