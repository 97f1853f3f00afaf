// Support rules on operator-specific options (depthwise multiplier, MEAN,
// SOFTMAX) and the code generator's coverage (npu_lowering).
#include <set>
#include <string>
#include <variant>

#include "compiler/codegen/lower_op.h"
#include "compiler/codegen/lowered_types.h"
#include "compiler/support/rule_checks.h"
#include "ir/graph_edit.h"

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

namespace {

// The distinct reduced axes (negative ones resolved), or nullopt-like empty + ok=false.
bool mean_axes(const ir::Operator& op, const ir::Graph& graph, std::set<int64_t>* axes) {
  if (op.inputs.size() < 2) return false;
  const ir::Tensor& axis_tensor = graph.tensor(op.inputs[1]);
  if (!axis_tensor.is_constant()) return false;
  const auto rank = static_cast<int64_t>(graph.tensor(op.inputs[0]).shape.size());
  for (int64_t axis : constant_integers(axis_tensor)) {
    const int64_t resolved = axis < 0 ? axis + rank : axis;
    if (resolved < 0 || resolved >= rank) return false;
    axes->insert(resolved);
  }
  return !axes->empty();
}

}  // namespace

RuleResult check_mean_axes(const ir::Operator& op, const ir::Graph& graph,
                           const isa::AcceleratorConfig&) {
  if (op.inputs.empty() || op.inputs[0] == ir::kNoTensor)
    return RuleResult::fail("MEAN has no input");
  const size_t rank = graph.tensor(op.inputs[0]).shape.size();
  std::set<int64_t> axes;
  if (rank != 4 || !mean_axes(op, graph, &axes)) {
    return RuleResult::fail("MEAN needs a 4D input and constant axes (input " +
                            describe(graph, op.inputs[0]) + ")");
  }
  for (int64_t axis : axes) {
    if (axis != 1 && axis != 2) {
      return RuleResult::fail("MEAN reduces axis " + std::to_string(axis) +
                              "; the NPU reduces only height (1) and width (2)");
    }
  }
  return RuleResult::pass();
}

RuleResult check_mean_area(const ir::Operator& op, const ir::Graph& graph,
                           const isa::AcceleratorConfig&) {
  std::set<int64_t> axes;
  if (!mean_axes(op, graph, &axes)) return RuleResult::pass();  // mean_axes refuses it
  const ir::Shape& in = graph.tensor(op.inputs[0]).shape;
  const int64_t height = axes.count(1) ? in[1] : 1;
  const int64_t width = axes.count(2) ? in[2] : 1;
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
