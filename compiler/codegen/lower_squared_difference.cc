// lower_squared_difference: an int8 SQUARED_DIFFERENCE, or an int16 one
// (zero points 0), as a chain of NPU elementwise operations, bit-exact with
// TFLite Micro (kernels::quantized_squared_difference):
//
//   TFLite: s_k = MBQM((x_k - zp_k) << L, m_k) with m_k = scale_k / (2 * max scale),
//           L = 7 (int8) or 0 (int16),
//           out = clamp(MBQM((s_1 - s_2)^2, m_out) + zp_out) to the type.
//   NPU:    t1 = MUL(input1, scalar 2^L), OFM_SCALE m_1      (int16 scratch)
//           t2 = MUL(input2, scalar 2^L), OFM_SCALE m_2      (int16 scratch)
//           d  = SUB(t1, t2), unscaled, IFM2 broadcast       (int16 scratch)
//           out = MUL(d, d), OFM_SCALE m_out, + zp_out       (the output)
//
// Each MUL forms TFLite's integer product exactly and its DBL rounding equals
// TFLite's MultiplyByQuantizedMultiplier (docs/npu_semantics.md §3); the
// scalar operand is declared 16-bit so that MUL applies OFM_SCALE's
// multiplier. |s_k| <= 2^15 / 2 fits int16 and so does s_1 - s_2 for int8
// (|d| <= 32640). For int16 the difference reaches 2^15, one past int16: d is
// then MIN(SUB(t1, t2), SUB(t2, t1)) = -|s_1 - s_2|, which fits. The SUBs take
// the full-shape operand as IFM and the broadcast one as IFM2; the square does
// not depend on the sign. Refused where TFLite's left shift of the square
// could leave int32.
//
// Vela's convert_squared_difference computes the same in int32 (a cast, then
// 32-bit MULs whose multipliers are constant operands, five operations); the
// int16 intermediates here let each MUL apply OFM_SCALE itself.
#include <string>
#include <vector>

#include "compiler/codegen/chain_builder.h"
#include "compiler/codegen/lower_op.h"
#include "compiler/codegen/lowering_common.h"
#include "isa/scale_stream.h"
#include "kernels/binary_arithmetic.h"

namespace vnpu::compiler {
namespace {

using detail::ChainMap;
using detail::ElementwiseSpec;
using isa::ElementwiseMode;

constexpr int32_t kInputShift8 = 7;  // TFLite's left shift for int8 (0 for int16)
constexpr uint8_t kIntermediateBits = 16;
constexpr uint64_t kIntermediateBytes = 2;

struct SquaredDifferencePlan {
  detail::BinaryOperandLayout layout;
  kernels::SquaredDifferenceParams params;
  uint8_t bits = 8;  // of the operator's tensors
  int64_t input1_elements = 0, input2_elements = 0, output_elements = 0;
  int64_t scratch_bytes = 0;
};

Status check_operands(const ir::Graph& graph, const ir::Operator& op) {
  const std::string where = detail::op_prefix(op);
  if (op.type != ir::OpType::kSquaredDifference) {
    return Status::invalid_input(where + "not a SQUARED_DIFFERENCE");
  }
  if (op.inputs.size() != 2 || op.outputs.size() != 1) {
    return Status::invalid_input(where + "needs two inputs and one output");
  }
  if (Status s = detail::check_elementwise_operands(graph, op, {op.inputs[0], op.inputs[1], op.outputs[0]}); !s) return s;
  return Status::ok();
}

// OFM_SCALE of TFLite's multiplier `m` when the NPU shift 31 - exponent fits 0..63.
Expected<isa::ScaleRegister> scale_register(const ir::Operator& op,
                                            const kernels::QuantizedMultiplier& m) {
  const int32_t shift = 31 - m.shift;
  if (shift < 0 || shift > static_cast<int32_t>(isa::kMaxScaleShift)) {
    return Status::unsupported(detail::op_prefix(op) + "multiplier exponent " +
                               std::to_string(m.shift) + " outside -32..31");
  }
  return isa::ScaleRegister{static_cast<uint32_t>(m.multiplier), static_cast<uint8_t>(shift)};
}

Expected<SquaredDifferencePlan> plan_squared_difference(const ir::Graph& graph,
                                                        const ir::Operator& op) {
  if (Status s = check_operands(graph, op); !s) return s;
  SquaredDifferencePlan plan;
  Expected<detail::BinaryOperandLayout> layout = detail::plan_binary_operands(graph, op);
  if (!layout) return layout.status();
  plan.layout = *layout;
  plan.bits = graph.tensor(op.inputs[0]).type == ir::DataType::kInt16 ? 16 : 8;
  const ir::Quantization& q1 = graph.tensor(op.inputs[0]).quantization;
  const ir::Quantization& q2 = graph.tensor(op.inputs[1]).quantization;
  const ir::Quantization& qo = graph.tensor(op.outputs[0]).quantization;
  plan.params = kernels::make_squared_difference_params(
      q1.scale(), q1.zero_point(), q2.scale(), q2.zero_point(), qo.scale(), qo.zero_point(),
      plan.bits == 8 ? kInputShift8 : 0);
  // The largest |s_1 - s_2|: twice the largest scaled input (255 * 2^7 or 2^15, halved).
  const int64_t max_difference = plan.bits == 8 ? 32640 : 32768;
  const int32_t left = plan.params.output_multiplier.shift;
  if (left > 0 && (left >= 32 || (max_difference * max_difference << left) > INT32_MAX)) {
    return Status::unsupported(detail::op_prefix(op) + "output multiplier 2^" +
                               std::to_string(left) +
                               " overflows TFLite's int32 square of the difference");
  }
  plan.input1_elements = graph.tensor(op.inputs[0]).element_count();
  plan.input2_elements = graph.tensor(op.inputs[1]).element_count();
  plan.output_elements = graph.tensor(op.outputs[0]).element_count();
  const int64_t differences = plan.bits == 8 ? 1 : 2;
  plan.scratch_bytes =
      static_cast<int64_t>(kIntermediateBytes) *
      (plan.input1_elements + plan.input2_elements + differences * plan.output_elements);
  return plan;
}

ChainMap map_of(const detail::ElementwiseAxes& axes, uint64_t offset, uint8_t bits,
                int32_t zero_point) {
  ChainMap map;
  map.offset = offset;
  map.height = axes.height;
  map.width = axes.width;
  map.depth = axes.depth;
  map.bits = bits;
  map.zero_point = zero_point;
  return map;
}

// The operations of the chain, in order (see the top of the file).
Expected<std::vector<ElementwiseSpec>> chain_steps(const ir::Operator& op,
                                                   const SquaredDifferencePlan& plan,
                                                   const FeatureMapPlacement& placement) {
  const kernels::SquaredDifferenceParams& p = plan.params;
  Expected<isa::ScaleRegister> m1 = scale_register(op, p.input1_multiplier);
  Expected<isa::ScaleRegister> m2 = scale_register(op, p.input2_multiplier);
  Expected<isa::ScaleRegister> mo = scale_register(op, p.output_multiplier);
  for (const Expected<isa::ScaleRegister>* m : {&m1, &m2, &mo}) {
    if (!*m) return m->status();
  }
  // The full-shape operand has the OFM's extent, the broadcast one IFM2's.
  const detail::BinaryOperandLayout& l = plan.layout;
  const detail::ElementwiseAxes& axes1 = l.swap ? l.ifm2 : l.ofm;
  const detail::ElementwiseAxes& axes2 = l.swap ? l.ofm : l.ifm2;
  const uint64_t t1_offset = placement.scratch_offset;
  const uint64_t t2_offset =
      t1_offset + kIntermediateBytes * static_cast<uint64_t>(plan.input1_elements);
  const uint64_t d_offset =
      t2_offset + kIntermediateBytes * static_cast<uint64_t>(plan.input2_elements);
  const uint64_t d2_offset =
      d_offset + kIntermediateBytes * static_cast<uint64_t>(plan.output_elements);
  const ChainMap in1 = map_of(axes1, placement.ifm_offset, plan.bits, -p.input1_offset);
  const ChainMap in2 = map_of(axes2, placement.ifm2_offset, plan.bits, -p.input2_offset);
  const ChainMap t1 = map_of(axes1, t1_offset, kIntermediateBits, 0);
  const ChainMap t2 = map_of(axes2, t2_offset, kIntermediateBits, 0);
  const ChainMap d = map_of(l.ofm, d_offset, kIntermediateBits, 0);
  const ChainMap d2 = map_of(l.ofm, d2_offset, kIntermediateBits, 0);
  const ChainMap out = map_of(l.ofm, placement.ofm_offset, plan.bits, p.output_offset);
  const detail::SecondOperand shift_factor =
      detail::scalar(1 << p.left_shift, false, kIntermediateBits);
  const ChainMap& full = l.swap ? t2 : t1;
  const ChainMap& broadcast = l.swap ? t1 : t2;

  std::vector<ElementwiseSpec> steps = {
      detail::elementwise_spec(ElementwiseMode::kMul, in1, shift_factor, t1, *m1),
      detail::elementwise_spec(ElementwiseMode::kMul, in2, shift_factor, t2, *m2),
      detail::elementwise_spec(ElementwiseMode::kSub, full, detail::operand(broadcast), d),
  };
  if (plan.bits == 16) {
    steps.push_back(detail::elementwise_spec(ElementwiseMode::kSub, full,
                                             detail::operand(broadcast, true), d2));
    steps.push_back(detail::elementwise_spec(ElementwiseMode::kMin, d, detail::operand(d2), d));
  }
  steps.push_back(detail::elementwise_spec(ElementwiseMode::kMul, d, detail::operand(d), out, *mo));
  return steps;
}

}  // namespace

int64_t squared_difference_scratch_bytes(const ir::Graph& graph, const ir::Operator& op) {
  Expected<SquaredDifferencePlan> plan = plan_squared_difference(graph, op);
  return plan ? plan->scratch_bytes : 0;
}

Expected<LoweredOp> lower_squared_difference(const ir::Graph& graph, const ir::Operator& op,
                                             const isa::AcceleratorConfig& config,
                                             const FeatureMapPlacement& placement) {
  Expected<SquaredDifferencePlan> plan = plan_squared_difference(graph, op);
  if (!plan) return plan.status();
  if (Status s = detail::check_chain_shram(op, config); !s) return s;
  Expected<std::vector<ElementwiseSpec>> steps = chain_steps(op, *plan, placement);
  if (!steps) return steps.status();
  detail::ChainBuilder builder(config, detail::op_prefix(op));
  for (const ElementwiseSpec& step : *steps) {
    if (Status s = builder.elementwise(step); !s) return s;
  }
  LoweredOp lowered;
  lowered.chain = builder.take();
  return lowered;
}

}  // namespace vnpu::compiler
