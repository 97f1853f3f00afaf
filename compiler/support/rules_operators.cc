// Support rules on operator-specific options (depthwise multiplier, MEAN,
// SOFTMAX) and the code generator's coverage (npu_lowering).
#include <string>
#include <variant>

#include "compiler/codegen/lower_op.h"
#include "compiler/codegen/lowered_types.h"
#include "compiler/support/rule_checks.h"

namespace vnpu::compiler::rules {

RuleResult check_depth_multiplier(const ir::Operator& op, const ir::Graph& graph,
                                  const isa::AcceleratorConfig&) {
  const auto* options = std::get_if<ir::DepthwiseConv2dOptions>(&op.options);
  const int32_t multiplier = options != nullptr ? options->depth_multiplier : 1;
  if (multiplier == 1) return RuleResult::pass();
  const ir::Shape& in = graph.tensor(op.inputs[0]).shape;
  const ir::Shape& out = graph.tensor(op.outputs[0]).shape;
  if (!in.empty() && !out.empty() && in.back() == 1 && out.back() == multiplier) {
    return RuleResult::pass();
  }
  return RuleResult::fail("depth multiplier " + std::to_string(multiplier) + " with input depth " +
                          std::to_string(in.empty() ? 0 : in.back()) +
                          "; a multiplier above 1 needs input depth 1 and output depth equal to "
                          "the multiplier");
}

RuleResult check_mean_axes(const ir::Operator& op, const ir::Graph& graph,
                           const isa::AcceleratorConfig&) {
  if (op.inputs.size() < 2 || op.inputs[0] == ir::kNoTensor || op.inputs[1] == ir::kNoTensor) {
    return RuleResult::fail("MEAN needs an input and axes");
  }
  const Expected<MeanWindow> window = mean_window(graph, op);
  return window ? RuleResult::pass() : RuleResult::fail(window.status().message());
}

RuleResult check_mean_area(const ir::Operator& op, const ir::Graph& graph,
                           const isa::AcceleratorConfig&) {
  if (op.inputs.size() < 2) return RuleResult::pass();  // mean_axes refuses it
  const Expected<MeanWindow> window = mean_window(graph, op);
  if (!window) return RuleResult::pass();  // mean_axes refuses it
  const int64_t height = window->height;
  const int64_t width = window->width;
  if (height <= kMaxDilatedKernelHeight && height * width <= kMaxDilatedKernelArea) {
    return RuleResult::pass();
  }
  return RuleResult::fail("MEAN reduces a " + std::to_string(width) + "x" + std::to_string(height) +
                          " (WxH) window; one depthwise kernel is at most " +
                          std::to_string(kMaxDilatedKernelHeight) + " high and " +
                          std::to_string(kMaxDilatedKernelArea) + " elements");
}

RuleResult check_mean_requantize(const ir::Operator& op, const ir::Graph& graph,
                                 const isa::AcceleratorConfig&) {
  const Status status = check_mean_operands(graph, op);
  return status ? RuleResult::pass() : RuleResult::fail(status.message());
}

RuleResult check_arg_max(const ir::Operator& op, const ir::Graph& graph,
                         const isa::AcceleratorConfig&) {
  const Status s = compiler::check_arg_max(graph, op);
  return s ? RuleResult::pass() : RuleResult::fail(s.message());
}

RuleResult check_softmax_beta(const ir::Operator& op, const ir::Graph& graph,
                              const isa::AcceleratorConfig&) {
  const auto* options = std::get_if<ir::SoftmaxOptions>(&op.options);
  const float beta = options != nullptr ? options->beta : 1.0f;
  if (!(beta > 0.0f)) {
    return RuleResult::fail("SOFTMAX beta " + std::to_string(beta) + " is not positive");
  }
  if (graph.tensor(op.inputs[0]).shape != graph.tensor(op.outputs[0]).shape) {
    return RuleResult::fail("SOFTMAX input " + describe(graph, op.inputs[0]) + " and output " +
                            describe(graph, op.outputs[0]) + " differ in shape");
  }
  return RuleResult::pass();
}

RuleResult check_npu_lowering(const ir::Operator& op, const ir::Graph&,
                              const isa::AcceleratorConfig&) {
  if (has_npu_lowering(op.type)) return RuleResult::pass();
  return RuleResult::fail(std::string("vnpu does not lower ") + ir::op_type_name(op.type) +
                          " to NPU commands yet (lowered: " + lowered_type_list() + ")");
}

}  // namespace vnpu::compiler::rules
