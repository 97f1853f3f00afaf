// lower_leaky_relu: an int16 LEAKY_RELU as a chain of three NPU elementwise
// operations, bit-exact with TFLite Micro (kernels::s16_leaky_relu):
//
//   TFLite: x = in - zp_in; out = clamp(zp_out + MBQM(x, x >= 0 ? m_identity : m_alpha))
//   NPU:    p = MUL(in, scalar 1), OFM_SCALE m_identity, + zp_out   (int16 scratch)
//           n = MUL(in, scalar 1), OFM_SCALE m_alpha, + zp_out      (int16 scratch)
//           out = MAX(p, n) or MIN(p, n), unscaled                   (the output)
//
// Each MUL forms TFLite's MultiplyByQuantizedMultiplier exactly (DBL
// rounding, docs/npu_semantics.md §3; the scalar is declared 16-bit so that
// MUL applies OFM_SCALE's multiplier) and clamps to int16 as TFLite does. The
// branch TFLite selects is the larger of the two for every int16 input when
// 0 <= alpha <= 1 and the smaller when alpha > 1; the lowering checks this
// over all 65,536 inputs with TFLite's own multipliers and takes MAX or MIN,
// or refuses. Refused too where TFLite's int32 left shift could wrap (the
// NPU's product does not) and for a negative alpha (a negative multiplier,
// which OFM_SCALE cannot hold). int8 LEAKY_RELU is a lookup table
// (lower_lut.cc).
#include <algorithm>
#include <climits>
#include <string>
#include <vector>

#include "compiler/codegen/chain_builder.h"
#include "compiler/codegen/lower_op.h"
#include "compiler/codegen/lowering_common.h"
#include "isa/scale_stream.h"
#include "kernels/activations.h"
#include "kernels/prepare/activation_support.h"

namespace vnpu::compiler {
namespace {

using detail::ChainMap;
using detail::ElementwiseSpec;
using isa::ElementwiseMode;

constexpr uint8_t kBits = 16;
constexpr uint64_t kElementBytes = 2;

struct LeakyReluPlan {
  kernels::LeakyReluParams params;
  ElementwiseMode select = ElementwiseMode::kMax;
  ir::Shape nhwc;
  int64_t elements = 0;
};

int32_t branch(const kernels::LeakyReluParams& p, int32_t x,
               const kernels::QuantizedMultiplier& m) {
  return kernels::clamp_to(p.output_offset + kernels::multiply_by_quantized_multiplier(x, m),
                           INT16_MIN, INT16_MAX);
}

// MAX when the identity branch is never below the alpha branch for x >= 0
// and never above it for x < 0 over every int16 input; MIN for the reverse.
Expected<ElementwiseMode> branch_selection(const ir::Operator& op,
                                           const kernels::LeakyReluParams& p) {
  bool maximum = true;
  bool minimum = true;
  for (int32_t q = INT16_MIN; q <= INT16_MAX; ++q) {
    const int32_t x = q - p.input_offset;
    const int32_t identity = branch(p, x, p.identity_multiplier);
    const int32_t alpha = branch(p, x, p.alpha_multiplier);
    const int32_t leaky = x >= 0 ? identity : alpha;
    maximum = maximum && std::max(identity, alpha) == leaky;
    minimum = minimum && std::min(identity, alpha) == leaky;
  }
  if (maximum) return ElementwiseMode::kMax;
  if (minimum) return ElementwiseMode::kMin;
  return Status::unsupported(detail::op_prefix(op) +
                             "neither the larger nor the smaller of its two branches is "
                             "TFLite's choice for every input");
}

// OFM_SCALE of a TFLite multiplier, refused where TFLite's int32 left shift
// of |x| <= 32768 + |zp_in| could wrap or the NPU shift leaves 0..63.
Expected<isa::ScaleRegister> scale_register(const ir::Operator& op,
                                            const kernels::QuantizedMultiplier& m,
                                            int32_t input_offset) {
  if (m.multiplier < 0) {
    return Status::unsupported(detail::op_prefix(op) +
                               "negative alpha (OFM_SCALE holds no negative multiplier)");
  }
  const int64_t largest = 32768 + std::abs(int64_t{input_offset});
  if (m.shift > 0 && (m.shift >= 32 || (largest << m.shift) > INT32_MAX)) {
    return Status::unsupported(detail::op_prefix(op) + "a left shift of " +
                               std::to_string(m.shift) +
                               " bits under which TFLite's int32 wraps (the NPU's does not)");
  }
  const int32_t shift = 31 - m.shift;
  if (shift > static_cast<int32_t>(isa::kMaxScaleShift)) {
    return Status::unsupported(detail::op_prefix(op) + "multiplier exponent " +
                               std::to_string(m.shift) + " below -32");
  }
  return isa::ScaleRegister{static_cast<uint32_t>(m.multiplier), static_cast<uint8_t>(shift)};
}

Expected<LeakyReluPlan> plan_leaky_relu(const ir::Graph& graph, const ir::Operator& op) {
  if (!is_int16_leaky_relu(graph, op)) {
    return Status::invalid_input(detail::op_prefix(op) + "not an int16 LEAKY_RELU");
  }
  Expected<kernels::LeakyReluParams> params = kernels::prepare::s16_leaky_relu_params(graph, op);
  if (!params) return Status::unsupported(detail::op_prefix(op) + params.status().message());
  Expected<ir::Shape> nhwc =
      detail::as_nhwc(graph.tensor(op.inputs[0]).shape, detail::op_prefix(op));
  if (!nhwc) return nhwc.status();
  LeakyReluPlan plan;
  plan.params = *params;
  plan.nhwc = *nhwc;
  plan.elements = graph.tensor(op.inputs[0]).element_count();
  for (const kernels::QuantizedMultiplier* m :
       {&plan.params.identity_multiplier, &plan.params.alpha_multiplier}) {
    Expected<isa::ScaleRegister> scale = scale_register(op, *m, plan.params.input_offset);
    if (!scale) return scale.status();
  }
  Expected<ElementwiseMode> select = branch_selection(op, plan.params);
  if (!select) return select.status();
  plan.select = *select;
  return plan;
}

ChainMap map_at(const ir::Shape& nhwc, uint64_t offset, int32_t zero_point) {
  ChainMap map;
  map.offset = offset;
  map.height = nhwc[1];
  map.width = nhwc[2];
  map.depth = nhwc[3];
  map.bits = kBits;
  map.zero_point = zero_point;
  return map;
}

}  // namespace

bool is_int16_leaky_relu(const ir::Graph& graph, const ir::Operator& op) {
  return op.type == ir::OpType::kLeakyRelu && !op.inputs.empty() &&
         graph.tensor(op.inputs[0]).type == ir::DataType::kInt16;
}

int64_t leaky_relu_scratch_bytes(const ir::Graph& graph, const ir::Operator& op) {
  Expected<LeakyReluPlan> plan = plan_leaky_relu(graph, op);
  return plan ? 2 * static_cast<int64_t>(kElementBytes) * plan->elements : 0;
}

Expected<LoweredOp> lower_leaky_relu(const ir::Graph& graph, const ir::Operator& op,
                                     const isa::AcceleratorConfig& config,
                                     const FeatureMapPlacement& placement) {
  Expected<LeakyReluPlan> plan = plan_leaky_relu(graph, op);
  if (!plan) return plan.status();
  if (Status s = detail::check_chain_shram(op, config); !s) return s;
  const kernels::LeakyReluParams& p = plan->params;
  // (scale_register cannot refuse here: plan_leaky_relu checked both.)
  const isa::ScaleRegister identity = *scale_register(op, p.identity_multiplier, p.input_offset);
  const isa::ScaleRegister alpha = *scale_register(op, p.alpha_multiplier, p.input_offset);
  const uint64_t branch_bytes = kElementBytes * static_cast<uint64_t>(plan->elements);
  const ChainMap in = map_at(plan->nhwc, placement.ifm_offset, p.input_offset);
  // The branches are written with the output's zero point and compared raw.
  const ChainMap identity_out = map_at(plan->nhwc, placement.scratch_offset, p.output_offset);
  const ChainMap alpha_out =
      map_at(plan->nhwc, placement.scratch_offset + branch_bytes, p.output_offset);
  const ChainMap identity_raw = map_at(plan->nhwc, identity_out.offset, 0);
  const ChainMap alpha_raw = map_at(plan->nhwc, alpha_out.offset, 0);
  const ChainMap out = map_at(plan->nhwc, placement.ofm_offset, 0);
  const detail::SecondOperand one = detail::scalar(1, false, kBits);
  detail::ChainBuilder builder(config, detail::op_prefix(op));
  for (const ElementwiseSpec& step : {
           detail::elementwise_spec(ElementwiseMode::kMul, in, one, identity_out, identity),
           detail::elementwise_spec(ElementwiseMode::kMul, in, one, alpha_out, alpha),
           detail::elementwise_spec(plan->select, identity_raw, detail::operand(alpha_raw), out),
       }) {
    if (Status s = builder.elementwise(step); !s) return s;
  }
  LoweredOp lowered;
  lowered.chain = builder.take();
  return lowered;
}

}  // namespace vnpu::compiler
