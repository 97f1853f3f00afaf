// Support rules of the elementwise operators Vela 3.10 runs on the
// Ethos-U55 beyond ADD/SUB/MUL (tflite_supported_operators.py: MAXIMUM,
// MINIMUM, ABS, RSQRT): matching types, an input of the output's shape, and
// for MAXIMUM/MINIMUM one quantization on every operand; a QUANTIZE with an
// int16 side that the NPU's rescale reproduces exactly.
#include <string>

#include "compiler/codegen/lower_op.h"
#include "compiler/support/rule_checks.h"

namespace vnpu::compiler::rules {

RuleResult check_matching_types(const ir::Operator& op, const ir::Graph& graph,
                                const isa::AcceleratorConfig&) {
  if (op.inputs.empty() || op.outputs.empty()) return RuleResult::fail("missing operands");
  const int32_t out = op.outputs[0];
  for (int32_t in : op.inputs) {
    if (in == ir::kNoTensor || graph.tensor(in).type == graph.tensor(out).type) continue;
    return RuleResult::fail("input " + describe(graph, in) + " and output " +
                            describe(graph, out) + " differ in type");
  }
  return RuleResult::pass();
}

RuleResult check_ofm_shaped_input(const ir::Operator& op, const ir::Graph& graph,
                                  const isa::AcceleratorConfig&) {
  if (op.outputs.empty()) return RuleResult::fail("missing output");
  const ir::Shape& out = graph.tensor(op.outputs[0]).shape;
  for (int32_t in : op.inputs) {
    if (in != ir::kNoTensor && graph.tensor(in).shape == out) return RuleResult::pass();
  }
  return RuleResult::fail("no input has the output's shape " + ir::shape_to_string(out) +
                          "; the NPU broadcasts only the second operand");
}

RuleResult check_min_max_quantization(const ir::Operator& op, const ir::Graph& graph,
                                      const isa::AcceleratorConfig&) {
  if (op.inputs.size() < 2 || op.outputs.empty()) return RuleResult::fail("missing operands");
  const ir::Quantization& qo = graph.tensor(op.outputs[0]).quantization;
  for (int32_t in : {op.inputs[0], op.inputs[1]}) {
    const ir::Quantization& qi = graph.tensor(in).quantization;
    if (qi.scales.size() == 1 && qo.scales.size() == 1 && qi.scale() == qo.scale() &&
        qi.zero_point() == qo.zero_point()) {
      continue;
    }
    return RuleResult::fail("input " + describe(graph, in) +
                            " is quantized unlike the output (scale and zero point); the NPU "
                            "compares without rescaling");
  }
  return RuleResult::pass();
}

RuleResult check_int8_lookup_input(const ir::Operator& op, const ir::Graph& graph,
                                   const isa::AcceleratorConfig&) {
  if (op.inputs.empty()) return RuleResult::fail("missing input");
  if (graph.tensor(op.inputs[0]).type == ir::DataType::kInt8) return RuleResult::pass();
  return RuleResult::fail("input " + describe(graph, op.inputs[0]) +
                          " is not int8; the NPU runs the operator through a 256-entry table");
}

RuleResult check_prelu_lookup(const ir::Operator& op, const ir::Graph& graph,
                              const isa::AcceleratorConfig& config) {
  if (op.inputs.size() != 2) return RuleResult::fail("PRELU needs an input and an alpha");
  const int64_t alphas = graph.tensor(op.inputs[1]).element_count();
  if (graph.tensor(op.inputs[0]).type == ir::DataType::kInt8 && alphas == 1) {
    return RuleResult::pass();
  }
  return RuleResult::fail(
      "input " + describe(graph, op.inputs[0]) + " with " + std::to_string(alphas) +
      " alpha values: a lookup table needs int8 and one alpha, and the pass decompose_prelu "
      "found no exact combination of its two branches that the NPU runs" +
      (graph.tensor(op.inputs[0]).type == ir::DataType::kInt8 && config.shram_kb <= 16
           ? std::string(" (an int8 QUANTIZE is a lookup table, which the 16 KB SHRAM of ") +
                 config.name + " cannot hold beside the accumulators)"
           : ""));
}

RuleResult check_requantize_scale(const ir::Operator& op, const ir::Graph& graph,
                                  const isa::AcceleratorConfig&) {
  if (!is_rescaling_quantize(graph, op)) return RuleResult::pass();
  const Expected<isa::ScaleRegister> scale = requantize_ofm_scale(graph, op);
  if (scale) return RuleResult::pass();
  return RuleResult::fail(scale.status().message());
}

}  // namespace vnpu::compiler::rules
