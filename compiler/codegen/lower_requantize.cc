// lower_requantize: a QUANTIZE from int16 to int8 or int16, from int8 to
// int16, or between uint8 and int8, as one 1x1 AVERAGE pool that rescales on its way through (Vela
// runs such a QUANTIZE as a rescaling pooling pass); the int16 RELU and RELU6 are the same pass
// with the activation's clamp (lower_int16_relu).
//
// TFLite (kernels/quantize.h): out = clamp(zp_out + MultiplyByQuantizedMultiplier(
// x - zp_in, M, shift)). The pool's window sum is x - zp_in (IFM zero point);
// the output stage multiplies it by OFM_SCALE = M >> (31 - shift) in DBL
// rounding, adds the OFM zero point and clamps to the OFM type
// (docs/npu_semantics.md, sim/functional/output_stage.cc). DBL rounding is
// (v * M + 2^(s-1) + (s > 31 ? sign(v) * 2^30 : 0)) >> s, floor division:
//  - s = 31 - shift >= 31 (a right shift e = s - 31 in TFLite): TFLite's
//    SaturatingRoundingDoublingHighMul rounds v * M / 2^31 half away from zero
//    and RoundingDivideByPOT rounds that / 2^e half away from zero; nesting the
//    two floors gives the hardware's single expression (for v < 0 after
//    ceil(X / d) = floor((X + d - 1) / d)), so both agree for every v and M;
//  - s < 31 (a left shift): TFLite computes the high-mul of v * 2^shift, one
//    rounding of v * M / 2^s half away from zero, which DBL's single rounding
//    with the same nudge reproduces — as long as v * 2^shift does not wrap in
//    TFLite's int32 (and adding zp_out does not wrap either), which
//    requantize_ofm_scale demands.
// tests/compiler/codegen/lower_requantize_test.cc checks this on the
// functional NPU for every int16 input at edge and random scales.
#include <algorithm>
#include <cstdlib>
#include <string>

#include "compiler/codegen/lower_op.h"
#include "compiler/codegen/lowering_common.h"
#include "kernels/activations.h"
#include "kernels/prepare/activation_support.h"
#include "kernels/quantize.h"

namespace vnpu::compiler {
namespace {

constexpr int32_t kScaleFractionBits = 31;  // TFLite's Q31 multiplier

bool is_int8_or_int16(ir::DataType type) {
  return type == ir::DataType::kInt8 || type == ir::DataType::kInt16;
}

uint8_t bits_of(ir::DataType type) { return type == ir::DataType::kInt16 ? 16 : 8; }

int64_t type_min(ir::DataType type) {
  if (type == ir::DataType::kUInt8) return 0;
  return type == ir::DataType::kInt16 ? INT16_MIN : INT8_MIN;
}
int64_t type_max(ir::DataType type) {
  if (type == ir::DataType::kUInt8) return UINT8_MAX;
  return type == ir::DataType::kInt16 ? INT16_MAX : INT8_MAX;
}

// The NPU's zero-point registers hold 16 signed bits.
Status check_zero_point(int32_t zero_point, const char* side) {
  if (zero_point >= INT16_MIN && zero_point <= INT16_MAX) return Status::ok();
  return Status::unsupported(std::string(side) + " zero point " + std::to_string(zero_point) +
                             " does not fit the NPU's 16-bit zero-point register");
}

// TFLite's zp_out + MultiplyByQuantizedMultiplier(x - zp_in, multiplier) as
// OFM_SCALE, or unsupported when the NPU's result could differ: a zero point
// outside 16 bits, or a left shift under which TFLite's int32 wraps.
Expected<isa::ScaleRegister> rescale_register(ir::DataType in, int32_t input_zero_point,
                                              int32_t output_zero_point,
                                              const kernels::QuantizedMultiplier& multiplier) {
  if (Status s = check_zero_point(input_zero_point, "input"); !s) return s;
  if (Status s = check_zero_point(output_zero_point, "output"); !s) return s;
  const int64_t max_abs_input = std::max(std::llabs(type_min(in) - input_zero_point),
                                         std::llabs(type_max(in) - input_zero_point));
  const int32_t left_shift = std::max(multiplier.shift, 0);
  // |MultiplyByQuantizedMultiplier(v)| <= |v| * 2^shift, since M < 2^31.
  const int64_t bound = (max_abs_input << left_shift) + std::llabs(output_zero_point);
  if (bound > INT32_MAX) {
    return Status::unsupported(
        "input scale / output scale needs a left shift of " + std::to_string(left_shift) +
        " bits, under which TFLite's int32 (input - zero point) * 2^shift + output zero point "
        "reaches " + std::to_string(bound) + " and wraps, which the NPU's wider output stage "
        "does not");
  }
  return isa::ScaleRegister{static_cast<uint32_t>(multiplier.multiplier),
                            static_cast<uint8_t>(kScaleFractionBits - multiplier.shift)};
}

// What one rescaling 1x1 pool computes: clamp(zp_out + scale(x - zp_in), min, max).
struct RescalingPool {
  int32_t input_zero_point = 0;
  int32_t output_zero_point = 0;
  isa::ScaleRegister scale;
  int32_t min = 0;
  int32_t max = 0;
};

// x * 2^30 >> 30 in DBL rounding: the value itself.
constexpr isa::ScaleRegister kIdentityScale{uint32_t{1} << 30, 30};

Expected<LoweredOp> lower_rescaling_pool(const ir::Graph& graph, const ir::Operator& op,
                                         const RescalingPool& pass,
                                         const isa::AcceleratorConfig& config,
                                         const FeatureMapPlacement& placement) {
  const std::string where = detail::op_prefix(op);
  const ir::Tensor& in = graph.tensor(op.inputs[0]);
  const ir::Tensor& out = graph.tensor(op.outputs[0]);
  if (in.element_count() != out.element_count()) {
    return Status::invalid_input(where + "input and output differ in size");
  }
  Expected<ir::Shape> shape = detail::as_nhwc(in.shape, where);
  if (!shape) return shape.status();
  const int32_t height = (*shape)[1], width = (*shape)[2], depth = (*shape)[3];

  BlockProblem problem;
  problem.ofm_height = height;
  problem.ofm_width = width;
  problem.ofm_depth = depth;
  problem.ifm_block_depth = 0;  // one IFM channel per OFM channel
  problem.ifm_element_bytes = bits_of(in.type) / 8;
  problem.kind = BlockProblem::Kind::kPooling;
  Expected<BlockConfig> block = choose_block_config(problem, config);
  if (!block) return Status::unsupported(where + block.status().message());

  LoweredOp lowered;
  isa::RegisterState& s = lowered.state;
  static_cast<isa::FeatureMapState&>(s.ifm) = detail::nhwc_map(
      placement.ifm_offset, height, width, depth, pass.input_zero_point, bits_of(in.type));
  s.ifm.type.is_signed = in.type != ir::DataType::kUInt8;
  s.ifm.depth_m1 = static_cast<uint32_t>(depth - 1);
  s.ifm.round_mode = isa::RoundMode::kDbl;
  static_cast<isa::FeatureMapState&>(s.ofm) = detail::nhwc_map(
      placement.ofm_offset, height, width, depth, pass.output_zero_point, bits_of(out.type));
  s.ofm.type.is_signed = out.type != ir::DataType::kUInt8;
  detail::set_ofm_geometry(height, width, depth, *block, &s);
  s.ofm.round_mode = isa::RoundMode::kDbl;
  s.ofm.global_scale = true;
  s.ofm_scale = pass.scale;
  s.kernel.stride_y = 1;
  s.kernel.stride_x = 1;
  s.activation.min = pass.min;
  s.activation.max = pass.max;
  s.acc_format = isa::AccFormat::kInt32;
  lowered.kick_off = isa::Cmd0::kOpPool;
  detail::emit_single_kick_off(static_cast<uint16_t>(isa::PoolingMode::kAverage), &lowered);
  return lowered;
}

}  // namespace

bool is_int16_relu(const ir::Graph& graph, const ir::Operator& op) {
  return (op.type == ir::OpType::kRelu || op.type == ir::OpType::kRelu6) && !op.inputs.empty() &&
         op.inputs[0] != ir::kNoTensor && op.outputs.size() == 1 &&
         graph.tensor(op.inputs[0]).type == ir::DataType::kInt16;
}

Expected<LoweredOp> lower_int16_relu(const ir::Graph& graph, const ir::Operator& op,
                                     const isa::AcceleratorConfig& config,
                                     const FeatureMapPlacement& placement) {
  const std::string where = detail::op_prefix(op);
  if (!is_int16_relu(graph, op)) return Status::invalid_input(where + "not an int16 RELU or RELU6");
  RescalingPool pass;
  if (op.type == ir::OpType::kRelu6) {
    // TFLM's RELU6 clamps in the input's quantization (the output's is the same).
    const Expected<kernels::Relu6Params> params = kernels::prepare::s16_relu6_params(graph, op);
    if (!params) return Status::unsupported(where + params.status().message());
    pass.scale = kIdentityScale;
    pass.min = params->lower;
    pass.max = params->upper;
  } else {
    const Expected<kernels::ReluParams> params = kernels::prepare::s16_relu_params(graph, op);
    if (!params) return Status::unsupported(where + params.status().message());
    const Expected<isa::ScaleRegister> scale =
        rescale_register(ir::DataType::kInt16, params->input_offset, params->output_offset,
                         params->output_multiplier);
    if (!scale) return Status::unsupported(where + scale.status().message());
    pass.input_zero_point = params->input_offset;
    pass.output_zero_point = params->output_offset;
    pass.scale = *scale;
    pass.min = params->activation_min;
    pass.max = params->activation_max;
  }
  return lower_rescaling_pool(graph, op, pass, config, placement);
}

bool is_rescaling_quantize(const ir::Graph& graph, const ir::Operator& op) {
  if (op.type != ir::OpType::kQuantize || op.inputs.empty() || op.outputs.size() != 1 ||
      op.inputs[0] == ir::kNoTensor) {
    return false;
  }
  const ir::DataType in = graph.tensor(op.inputs[0]).type;
  const ir::DataType out = graph.tensor(op.outputs[0]).type;
  const bool uint8_int8 = (in == ir::DataType::kUInt8 && out == ir::DataType::kInt8) ||
                          (in == ir::DataType::kInt8 && out == ir::DataType::kUInt8);
  return uint8_int8 || (is_int8_or_int16(in) && is_int8_or_int16(out) &&
                        (in == ir::DataType::kInt16 || out == ir::DataType::kInt16));
}

Expected<isa::ScaleRegister> requantize_ofm_scale(const ir::Graph& graph, const ir::Operator& op) {
  const Expected<kernels::RequantizeParams> params = kernels::prepare::requantize_params(graph, op);
  if (!params) return params.status();
  return rescale_register(graph.tensor(op.inputs[0]).type, params->input_zero_point,
                          params->output_zero_point, params->multiplier);
}

Expected<LoweredOp> lower_requantize(const ir::Graph& graph, const ir::Operator& op,
                                     const isa::AcceleratorConfig& config,
                                     const FeatureMapPlacement& placement) {
  const std::string where = detail::op_prefix(op);
  if (!is_rescaling_quantize(graph, op)) {
    return Status::invalid_input(where +
                                 "not a QUANTIZE with an int16 side or between uint8 and int8");
  }
  const Expected<isa::ScaleRegister> scale = requantize_ofm_scale(graph, op);
  if (!scale) return Status::unsupported(where + scale.status().message());
  const ir::Tensor& in = graph.tensor(op.inputs[0]);
  const ir::Tensor& out = graph.tensor(op.outputs[0]);
  RescalingPool pass;
  pass.input_zero_point = in.quantization.zero_point();
  pass.output_zero_point = out.quantization.zero_point();
  pass.scale = *scale;
  pass.min = static_cast<int32_t>(type_min(out.type));
  pass.max = static_cast<int32_t>(type_max(out.type));
  return lower_rescaling_pool(graph, op, pass, config, placement);
}

}  // namespace vnpu::compiler
