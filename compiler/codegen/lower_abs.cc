// lower_abs: an int8 ABS, or a quantized int16 one (zero points 0), to one
// unary NPU_OP_ELEMENTWISE in ABS mode, as Vela lowers it, bit-exact with
// TFLite Micro (kernels/abs_rsqrt.h).
//
// TFLite: |x - zp_in|, times in_scale / out_scale (its QuantizedMultiplier)
// only when the scales differ, plus zp_out, clamped to the type. The NPU's ABS
// takes |IFM - IFM zero point|, scales it by OFM_SCALE with DBL rounding (the
// same double rounding, docs/npu_semantics.md §3), adds the OFM zero point
// and clamps. OFM_SCALE is TFLite's multiplier with shift = 31 - exponent,
// or 1 >> 0 when TFLite does not rescale. Where TFLite's left shift of
// |x - zp_in| (at most 255, or 32768 for int16) could leave int32, the ABS is
// refused. An unquantized int16 ABS (TFLite's plain |x|, which wraps -32768)
// stays on the CPU: the NPU saturates.
#include <cstdint>
#include <string>

#include "compiler/codegen/lower_op.h"
#include "compiler/codegen/lowering_common.h"
#include "isa/scale_stream.h"
#include "kernels/abs_rsqrt.h"

namespace vnpu::compiler {
namespace {

// The largest |x - zp_in|.
int64_t max_absolute_value(uint8_t bits) { return bits == 16 ? 32768 : 255; }

uint8_t element_bits(const ir::Graph& graph, const ir::Operator& op) {
  return graph.tensor(op.inputs[0]).type == ir::DataType::kInt16 ? 16 : 8;
}

Status check_abs_operands(const ir::Graph& graph, const ir::Operator& op) {
  const std::string where = detail::op_prefix(op);
  if (op.type != ir::OpType::kAbs) return Status::invalid_input(where + "not an ABS");
  if (op.inputs.size() != 1 || op.outputs.size() != 1) {
    return Status::invalid_input(where + "needs one input and one output");
  }
  if (Status s = detail::check_elementwise_operands(graph, op, {op.inputs[0], op.outputs[0]}); !s) return s;
  if (graph.tensor(op.inputs[0]).shape != graph.tensor(op.outputs[0]).shape) {
    return Status::invalid_input(where + "input and output shapes differ");
  }
  return Status::ok();
}

// OFM_SCALE of TFLite's rescale (1 >> 0 when it does not rescale).
Expected<isa::ScaleRegister> abs_ofm_scale(const ir::Operator& op,
                                           const kernels::AbsRsqrtParams& p, uint8_t bits) {
  if (!p.needs_rescale) return isa::ScaleRegister{1, 0};
  const kernels::QuantizedMultiplier& m = p.multiplier;
  const int32_t shift = 31 - m.shift;
  const bool left_shift_fits =
      m.shift <= 0 || (m.shift < 32 && (max_absolute_value(bits) << m.shift) <= INT32_MAX);
  if (shift < 0 || shift > static_cast<int32_t>(isa::kMaxScaleShift) || !left_shift_fits) {
    return Status::unsupported(detail::op_prefix(op) + "input/output scale ratio needs a left "
                               "shift of " + std::to_string(m.shift) +
                               " bits, past TFLite's int32 range for |x - zero point|");
  }
  return isa::ScaleRegister{static_cast<uint32_t>(m.multiplier), static_cast<uint8_t>(shift)};
}

}  // namespace

Expected<LoweredOp> lower_abs(const ir::Graph& graph, const ir::Operator& op,
                              const isa::AcceleratorConfig& config,
                              const FeatureMapPlacement& placement) {
  const std::string where = detail::op_prefix(op);
  if (Status s = check_abs_operands(graph, op); !s) return s;
  Expected<ir::Shape> shape = detail::as_nhwc(graph.tensor(op.inputs[0]).shape, where);
  if (!shape) return shape.status();
  const ir::Quantization& qi = graph.tensor(op.inputs[0]).quantization;
  const ir::Quantization& qo = graph.tensor(op.outputs[0]).quantization;
  const uint8_t bits = element_bits(graph, op);
  Expected<isa::ScaleRegister> scale = abs_ofm_scale(
      op, kernels::make_abs_params(qi.scale(), qi.zero_point(), qo.scale(), qo.zero_point()),
      bits);
  if (!scale) return scale.status();

  const int32_t height = (*shape)[1], width = (*shape)[2], depth = (*shape)[3];
  BlockProblem problem;
  problem.ofm_height = height;
  problem.ofm_width = width;
  problem.ofm_depth = depth;
  problem.ifm_block_depth = 0;
  problem.ifm_element_bytes = bits / 8;
  problem.kind = BlockProblem::Kind::kElementwise;
  Expected<BlockConfig> block = choose_block_config(problem, config);
  if (!block) return Status::unsupported(where + block.status().message());

  LoweredOp lowered;
  isa::RegisterState& s = lowered.state;
  static_cast<isa::FeatureMapState&>(s.ifm) =
      detail::nhwc_map(placement.ifm_offset, height, width, depth, qi.zero_point(), bits);
  s.ifm.depth_m1 = static_cast<uint32_t>(depth - 1);
  s.ifm.round_mode = isa::RoundMode::kDbl;
  static_cast<isa::FeatureMapState&>(s.ofm) =
      detail::nhwc_map(placement.ofm_offset, height, width, depth, qo.zero_point(), bits);
  detail::set_ofm_geometry(height, width, depth, *block, &s);
  s.ofm.round_mode = isa::RoundMode::kDbl;
  s.ofm.global_scale = true;
  s.ofm_scale = *scale;
  s.activation.min = bits == 16 ? INT16_MIN : -128;
  s.activation.max = bits == 16 ? INT16_MAX : 127;
  s.acc_format = isa::AccFormat::kInt32;
  lowered.kick_off = isa::Cmd0::kOpElementwise;
  detail::emit_single_kick_off(static_cast<uint16_t>(isa::ElementwiseMode::kAbs), &lowered);
  return lowered;
}

}  // namespace vnpu::compiler
