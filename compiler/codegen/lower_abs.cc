// lower_abs: an int8 ABS to one unary NPU_OP_ELEMENTWISE in ABS mode, as
// Vela lowers it, bit-exact with TFLite Micro (kernels/abs_rsqrt.h).
//
// TFLite: |x - zp_in|, times in_scale / out_scale (its QuantizedMultiplier)
// only when the scales differ, plus zp_out, clamped to int8. The NPU's ABS
// takes |IFM - IFM zero point|, scales it by OFM_SCALE with DBL rounding (the
// same double rounding, docs/npu_semantics.md §3), adds the OFM zero point
// and clamps. OFM_SCALE is TFLite's multiplier with shift = 31 - exponent,
// or 1 >> 0 when TFLite does not rescale. Where TFLite's left shift of
// |x - zp_in| (at most 255) could leave int32, the ABS is refused.
#include <cstdint>
#include <string>

#include "compiler/codegen/lower_op.h"
#include "compiler/codegen/lowering_common.h"
#include "isa/scale_stream.h"
#include "kernels/abs_rsqrt.h"

namespace vnpu::compiler {
namespace {

constexpr int64_t kMaxAbsoluteValue = 255;  // |int8 - zero point|

Status check_abs_operands(const ir::Graph& graph, const ir::Operator& op) {
  const std::string where = detail::op_prefix(op);
  if (op.type != ir::OpType::kAbs) return Status::invalid_input(where + "not an ABS");
  if (op.inputs.size() != 1 || op.outputs.size() != 1) {
    return Status::invalid_input(where + "needs one input and one output");
  }
  for (int32_t index : {op.inputs[0], op.outputs[0]}) {
    if (Status s = detail::check_int8(graph, op, index); !s) return s;
    const ir::Quantization& q = graph.tensor(index).quantization;
    if (q.is_per_channel() || q.scales.empty()) {
      return Status::unsupported(where + "tensor '" + graph.tensor(index).name +
                                 "' is not per-tensor quantized");
    }
  }
  if (graph.tensor(op.inputs[0]).shape != graph.tensor(op.outputs[0]).shape) {
    return Status::invalid_input(where + "input and output shapes differ");
  }
  return Status::ok();
}

// OFM_SCALE of TFLite's rescale (1 >> 0 when it does not rescale).
Expected<isa::ScaleRegister> abs_ofm_scale(const ir::Operator& op,
                                           const kernels::AbsRsqrtParams& p) {
  if (!p.needs_rescale) return isa::ScaleRegister{1, 0};
  const kernels::QuantizedMultiplier& m = p.multiplier;
  const int32_t shift = 31 - m.shift;
  const bool left_shift_fits = m.shift <= 0 || (kMaxAbsoluteValue << m.shift) <= INT32_MAX;
  if (shift < 0 || shift > static_cast<int32_t>(isa::kMaxScaleShift) || !left_shift_fits) {
    return Status::unsupported(detail::op_prefix(op) + "input/output scale ratio needs a shift of " +
                               std::to_string(m.shift) + " bits (TFLite's int32 range ends at " +
                               "2^23 for ABS)");
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
  Expected<isa::ScaleRegister> scale = abs_ofm_scale(
      op, kernels::make_abs_params(qi.scale(), qi.zero_point(), qo.scale(), qo.zero_point()));
  if (!scale) return scale.status();

  const int32_t height = (*shape)[1], width = (*shape)[2], depth = (*shape)[3];
  BlockProblem problem;
  problem.ofm_height = height;
  problem.ofm_width = width;
  problem.ofm_depth = depth;
  problem.ifm_block_depth = 0;
  problem.kind = BlockProblem::Kind::kElementwise;
  Expected<BlockConfig> block = choose_block_config(problem, config);
  if (!block) return Status::unsupported(where + block.status().message());

  LoweredOp lowered;
  isa::RegisterState& s = lowered.state;
  static_cast<isa::FeatureMapState&>(s.ifm) =
      detail::int8_nhwc_map(placement.ifm_offset, height, width, depth, qi.zero_point());
  s.ifm.depth_m1 = static_cast<uint32_t>(depth - 1);
  s.ifm.round_mode = isa::RoundMode::kDbl;
  static_cast<isa::FeatureMapState&>(s.ofm) =
      detail::int8_nhwc_map(placement.ofm_offset, height, width, depth, qo.zero_point());
  detail::set_ofm_geometry(height, width, depth, *block, &s);
  s.ofm.round_mode = isa::RoundMode::kDbl;
  s.ofm.global_scale = true;
  s.ofm_scale = *scale;
  s.activation.min = -128;
  s.activation.max = 127;
  s.acc_format = isa::AccFormat::kInt32;
  lowered.kick_off = isa::Cmd0::kOpElementwise;
  detail::emit_single_kick_off(static_cast<uint16_t>(isa::ElementwiseMode::kAbs), &lowered);
  return lowered;
}

}  // namespace vnpu::compiler
