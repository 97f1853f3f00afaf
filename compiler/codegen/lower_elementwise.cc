// lower_add: ADD of two same-shape int8 tensors to one NPU_OP_ELEMENTWISE
// with Vela's "advanced" scaling (docs/npu_semantics.md §7).
//
// TFLite's ADD shifts both operands (minus their zero points) left by 20,
// rescales each by scale_i / (2 * max scale) and requantizes the sum by
// 2 * max scale / (2^20 * output scale). The larger-scale operand's
// multiplier is exactly 1/2; the NPU adds it as Y * 2^19 and rescales only
// the smaller-scale operand by OPA_SCALE with its IFM pre-shift of 20
// (scale mode OPA_32 when that operand is the IFM, OPB_32 when it is IFM2).
// The register values are TFLite's own multipliers (kernels::make_s8_add_params,
// what the CPU op computes): OPA shift = TFLite's right shift - 20, OFM_SCALE
// = the output multiplier; they equal Vela's advanced_elementwise_add_sub_scale.
#include <string>
#include <variant>

#include "compiler/codegen/lower_op.h"
#include "compiler/codegen/lowering_common.h"
#include "driver/cpu/ops/op_support.h"
#include "kernels/add_sub.h"

namespace vnpu::compiler {
namespace {

constexpr int32_t kIfmPreShift = 20;  // 8-bit IFMs (npu_semantics.md §7)

// The tensor viewed as (N*H) x W x C.
struct FlatShape {
  int32_t height = 1, width = 1, depth = 1;
};

FlatShape flat_shape(const ir::Shape& shape) {
  FlatShape f;
  const size_t rank = shape.size();
  if (rank >= 1) f.depth = shape[rank - 1];
  if (rank >= 2) f.width = shape[rank - 2];
  for (size_t i = 0; i + 2 < rank; ++i) f.height *= shape[i];
  return f;
}

Status check_add_operands(const ir::Graph& graph, const ir::Operator& op) {
  const std::string where = detail::op_prefix(op);
  if (op.inputs.size() != 2 || op.outputs.size() != 1) {
    return Status::invalid_input(where + "needs two inputs and one output");
  }
  for (int32_t index : {op.inputs[0], op.inputs[1], op.outputs[0]}) {
    if (Status s = detail::check_int8(graph, op, index); !s) return s;
  }
  const ir::Shape& out = graph.tensor(op.outputs[0]).shape;
  for (int32_t index : {op.inputs[0], op.inputs[1]}) {
    if (graph.tensor(index).shape != out) {
      return Status::unsupported(where + "operand '" + graph.tensor(index).name +
                                 "' does not have the output's shape (broadcast not lowered)");
    }
  }
  if (out.size() > 4 || graph.tensor(op.outputs[0]).element_count() <= 0) {
    return Status::unsupported(where + "output must have rank 1..4 and elements");
  }
  if (!std::holds_alternative<ir::ElementwiseOptions>(op.options)) {
    return Status::invalid_input(where + "options are missing");
  }
  return Status::ok();
}

// OPA_SCALE, OFM_SCALE and which operand OPA rescales, from TFLite's parameters.
Status set_add_scaling(const ir::Operator& op, const kernels::AddSubParams& p, bool ifm_is_smaller,
                       isa::RegisterState* s) {
  const kernels::QuantizedMultiplier& m =
      ifm_is_smaller ? p.input1_multiplier : p.input2_multiplier;
  const int32_t opa_shift = 31 - m.shift - kIfmPreShift;
  const int32_t ofm_shift = 31 - p.output_multiplier.shift;
  const int32_t max_shift = static_cast<int32_t>(isa::kMaxScaleShift);
  if (p.left_shift != kIfmPreShift || opa_shift < 0 || opa_shift > max_shift || ofm_shift < 0 ||
      ofm_shift > max_shift) {
    return Status::unsupported(detail::op_prefix(op) + "scale shifts " + std::to_string(opa_shift) +
                               " (input) and " + std::to_string(ofm_shift) +
                               " (output) outside 0..63");
  }
  s->ifm.scale_mode = ifm_is_smaller ? isa::IfmScaleMode::kOpa32 : isa::IfmScaleMode::kOpb32;
  s->opa_scale = {static_cast<uint32_t>(m.multiplier), static_cast<uint8_t>(opa_shift)};
  s->opb_scale = {0, 0};
  s->ofm_scale = {static_cast<uint32_t>(p.output_multiplier.multiplier),
                  static_cast<uint8_t>(ofm_shift)};
  s->ofm.global_scale = true;
  return Status::ok();
}

}  // namespace

Expected<LoweredOp> lower_add(const ir::Graph& graph, const ir::Operator& op,
                              const isa::AcceleratorConfig& config,
                              const FeatureMapPlacement& placement) {
  const std::string where = detail::op_prefix(op);
  if (op.type != ir::OpType::kAdd) return Status::invalid_input(where + "not an ADD");
  if (Status s = check_add_operands(graph, op); !s) return s;
  const ir::Quantization& q1 = graph.tensor(op.inputs[0]).quantization;
  const ir::Quantization& q2 = graph.tensor(op.inputs[1]).quantization;
  const ir::Quantization& qo = graph.tensor(op.outputs[0]).quantization;
  const kernels::AddSubParams params = kernels::make_s8_add_params(
      q1.scale(), q1.zero_point(), q2.scale(), q2.zero_point(), qo.scale(), qo.zero_point());
  const FlatShape f = flat_shape(graph.tensor(op.outputs[0]).shape);

  BlockProblem problem;
  problem.ofm_height = f.height;
  problem.ofm_width = f.width;
  problem.ofm_depth = f.depth;
  problem.ifm_block_depth = 0;
  Expected<BlockConfig> block = choose_block_config(problem, config);
  if (!block) return Status::unsupported(where + block.status().message());

  LoweredOp lowered;
  isa::RegisterState& s = lowered.state;
  static_cast<isa::FeatureMapState&>(s.ifm) =
      detail::int8_nhwc_map(placement.ifm_offset, f.height, f.width, f.depth, q1.zero_point());
  s.ifm.depth_m1 = static_cast<uint32_t>(f.depth - 1);
  s.ifm.round_mode = isa::RoundMode::kDbl;
  static_cast<isa::FeatureMapState&>(s.ifm2) =
      detail::int8_nhwc_map(placement.ifm2_offset, f.height, f.width, f.depth, q2.zero_point());
  s.ifm2.ib_start = block->ib_end;
  static_cast<isa::FeatureMapState&>(s.ofm) =
      detail::int8_nhwc_map(placement.ofm_offset, f.height, f.width, f.depth, qo.zero_point());
  detail::set_ofm_geometry(f.height, f.width, f.depth, *block, &s);
  s.ofm.round_mode = isa::RoundMode::kDbl;
  if (Status st = set_add_scaling(op, params, q1.scale() < q2.scale(), &s); !st) return st;
  const auto& options = std::get<ir::ElementwiseOptions>(op.options);
  const driver::cpu::ActivationRange clamp = driver::cpu::quantized_activation_range(
      options.activation, ir::DataType::kInt8, qo.scale(), qo.zero_point());
  s.activation.min = clamp.min;
  s.activation.max = clamp.max;
  s.acc_format = isa::AccFormat::kInt32;

  lowered.kick_off = isa::Cmd0::kOpElementwise;
  detail::emit_single_kick_off(static_cast<uint16_t>(isa::ElementwiseMode::kAdd), &lowered);
  return lowered;
}

}  // namespace vnpu::compiler
