// lower_elementwise: ADD, SUB, MUL, MAXIMUM and MINIMUM of two int8 tensors,
// or of two int16 tensors of TFLite's 16x8 scheme (zero points 0), to one
// NPU_OP_ELEMENTWISE (docs/npu_semantics.md §7), bit-exact with TFLite Micro.
//
// ADD/SUB use Vela's "advanced" scaling. TFLite shifts both operands (minus
// their zero points) left by 20, rescales each by scale_i / (2 * max scale)
// and requantizes the sum or difference by 2 * max scale / (2^20 * output
// scale). The larger-scale operand's multiplier is exactly 1/2; the NPU adds
// it as Y * 2^19 and rescales only the smaller-scale operand by OPA_SCALE with
// its IFM pre-shift of 20 (scale mode OPA_32 when that operand is A, OPB_32
// when it is B). The register values are TFLite's own multipliers
// (kernels::make_s8_add_params / make_s8_sub_params, what the CPU ops
// compute): OPA shift = TFLite's right shift - 20, OFM_SCALE = the output
// multiplier; they equal Vela's advanced_elementwise_add_sub_scale.
//
// int16 ADD/SUB: TFLite shifts left by 15, the NPU's IFM pre-shift for
// 16-bit IFMs; otherwise the same registers (kernels::make_s16_add_params /
// make_s16_sub_params).
//
// MUL: no IFM scaling; OFM_SCALE is TFLite's multiplier of s1 * s2 / s_out
// (kernels::make_s8_mul_params, Vela's quantise_scale of the same ratio).
//
// MAXIMUM/MINIMUM: TFLite compares the stored bytes and writes the larger or
// smaller unchanged; the NPU's MAX/MIN compares the values minus their zero
// points and adds the OFM zero point. Both agree when the inputs are
// quantized as the output is (Vela's constraint, support rule
// min_max_quantization; refused here otherwise). OFM_SCALE is 1 >> 0 in
// per-channel mode, as Vela's generate_scaling_for_elementwise writes it.
//
// Broadcasting: the operand with the output's shape is the IFM, the other one
// IFM2 with IFM2_BROADCAST set along the axes where it has size 1. When the
// broadcast operand is op.inputs[0], operand_order makes IFM2 operand A, so
// A - B stays input1 - input2 and OPA still names input1. The tensors are
// viewed as H x W x C: leading dimensions are merged into H (and, when the
// broadcast pattern needs it, into W or C) so that each axis is either whole
// or broadcast in IFM2.
#include <algorithm>
#include <array>
#include <cstdlib>
#include <string>
#include <vector>

#include "compiler/codegen/lower_op.h"
#include "compiler/codegen/lowering_common.h"
#include "kernels/add_sub.h"
#include "kernels/mul.h"
#include "kernels/prepare/elementwise_support.h"
#include "kernels/prepare/op_support.h"

namespace vnpu::compiler {
namespace {

constexpr int32_t kIfmPreShift8 = 20;   // 8-bit IFMs (npu_semantics.md §7)
constexpr int32_t kIfmPreShift16 = 15;  // 16-bit IFMs
constexpr int64_t kMaxAxis = 65536;   // 16-bit *_M1 size fields
constexpr size_t kMaxRank = 4;

using Axes = detail::ElementwiseAxes;
using OperandLayout = detail::BinaryOperandLayout;

// Per output dimension: size 1 in the output (either grouping works), or the
// IFM2 operand has the output's size there, or it is broadcast (size 1).
enum class DimKind { kAny, kWhole, kBroadcast };

// Dimension boundaries of the H, W and C groups: H = [b0, b1), W = [b1, b2), C = [b2, b3).
using Groups = std::array<size_t, 4>;

ir::Shape pad_to_rank(const ir::Shape& shape, size_t rank) {
  ir::Shape padded(rank - shape.size(), 1);
  padded.insert(padded.end(), shape.begin(), shape.end());
  return padded;
}

bool uniform(const std::vector<DimKind>& kinds, size_t begin, size_t end) {
  DimKind seen = DimKind::kAny;
  for (size_t i = begin; i < end; ++i) {
    if (kinds[i] == DimKind::kAny) continue;
    if (seen != DimKind::kAny && kinds[i] != seen) return false;
    seen = kinds[i];
  }
  return true;
}

// The usual (N*H) x W x C view when every group is whole or broadcast, else
// one group per run of whole/broadcast dimensions (at most three runs).
bool choose_groups(const std::vector<DimKind>& kinds, Groups* groups) {
  const size_t rank = kinds.size();
  const size_t w_begin = rank >= 2 ? rank - 2 : 0;
  const size_t c_begin = rank >= 1 ? rank - 1 : 0;
  *groups = {0, w_begin, c_begin, rank};
  if (uniform(kinds, 0, w_begin)) return true;
  std::vector<size_t> run_starts;
  DimKind previous = DimKind::kAny;
  for (size_t i = 0; i < rank; ++i) {
    if (kinds[i] == DimKind::kAny || kinds[i] == previous) continue;
    run_starts.push_back(run_starts.empty() ? 0 : i);
    previous = kinds[i];
  }
  if (run_starts.size() > 3) return false;
  *groups = {0, 0, 0, rank};
  const size_t first = 3 - run_starts.size();
  for (size_t j = 1; j < run_starts.size(); ++j) (*groups)[first + j] = run_starts[j];
  return true;
}

int64_t product(const ir::Shape& shape, size_t begin, size_t end) {
  int64_t p = 1;
  for (size_t i = begin; i < end; ++i) p *= shape[i];
  return p;
}

// unsupported naming the op when an extent does not fit the 16-bit size fields.
Expected<Axes> make_axes(const ir::Operator& op, const ir::Shape& shape, const Groups& g) {
  const std::array<int64_t, 3> sizes = {product(shape, g[0], g[1]), product(shape, g[1], g[2]),
                                        product(shape, g[2], g[3])};
  for (int64_t size : sizes) {
    if (size > kMaxAxis) {
      return Status::unsupported(detail::op_prefix(op) + "an axis of " + std::to_string(size) +
                                 " elements exceeds the NPU's 65536");
    }
  }
  return Axes{static_cast<int32_t>(sizes[0]), static_cast<int32_t>(sizes[1]),
              static_cast<int32_t>(sizes[2])};
}

// The shapes of op.inputs[0], op.inputs[1] against the output, as IFM/IFM2/OFM.
Expected<OperandLayout> plan_operands(const ir::Graph& graph, const ir::Operator& op) {
  const std::string where = detail::op_prefix(op);
  const ir::Shape& out = graph.tensor(op.outputs[0]).shape;
  const ir::Shape& in1 = graph.tensor(op.inputs[0]).shape;
  const ir::Shape& in2 = graph.tensor(op.inputs[1]).shape;
  if (out.size() > kMaxRank || in1.size() > out.size() || in2.size() > out.size() ||
      graph.tensor(op.outputs[0]).element_count() <= 0) {
    return Status::unsupported(where +
                               "output must have rank 1..4 and elements, inputs at most "
                               "the output's rank");
  }
  const ir::Shape a = pad_to_rank(in1, out.size());
  const ir::Shape b = pad_to_rank(in2, out.size());
  for (size_t i = 0; i < out.size(); ++i) {
    const bool a_ok = a[i] == out[i] || a[i] == 1;
    const bool b_ok = b[i] == out[i] || b[i] == 1;
    if (!a_ok || !b_ok || (a[i] != out[i] && b[i] != out[i])) {
      return Status::invalid_input(where + "inputs " + ir::shape_to_string(in1) + " and " +
                                   ir::shape_to_string(in2) + " do not broadcast to the output " +
                                   ir::shape_to_string(out));
    }
  }
  OperandLayout layout;
  // The broadcast operand is IFM2; with equal shapes, a constant first operand
  // is (the NPU reads a constant only as IFM2: read_constant_operand).
  layout.swap = a != out || (b == out && graph.tensor(op.inputs[0]).is_constant());
  if (layout.swap && b != out) {
    return Status::unsupported(where + "both operands are broadcast (" + ir::shape_to_string(in1) +
                               " and " + ir::shape_to_string(in2) + " to " +
                               ir::shape_to_string(out) + "); the NPU broadcasts only IFM2");
  }
  const ir::Shape& broadcast = layout.swap ? a : b;
  std::vector<DimKind> kinds;
  for (size_t i = 0; i < out.size(); ++i) {
    kinds.push_back(out[i] == 1              ? DimKind::kAny
                    : broadcast[i] == out[i] ? DimKind::kWhole
                                             : DimKind::kBroadcast);
  }
  Groups groups;
  if (!choose_groups(kinds, &groups)) {
    return Status::unsupported(where + "broadcasting " + ir::shape_to_string(broadcast) + " to " +
                               ir::shape_to_string(out) +
                               " alternates whole and broadcast dimensions more than the "
                               "NPU's three axes can express");
  }
  Expected<Axes> ofm = make_axes(op, out, groups);
  if (!ofm) return ofm.status();
  layout.ofm = *ofm;
  layout.ifm2 = *make_axes(op, broadcast, groups);  // no larger than the OFM's
  return layout;
}

Status check_operands(const ir::Graph& graph, const ir::Operator& op) {
  const std::string where = detail::op_prefix(op);
  if (!is_binary_elementwise(op.type)) {
    return Status::invalid_input(where + "not an ADD, SUB, MUL, MAXIMUM or MINIMUM");
  }
  if (op.inputs.size() != 2 || op.outputs.size() != 1) {
    return Status::invalid_input(where + "needs two inputs and one output");
  }
  if (Status s = detail::check_elementwise_operands(graph, op, {op.inputs[0], op.inputs[1], op.outputs[0]}); !s) return s;
  return Status::ok();
}

uint8_t element_bits(const ir::Graph& graph, const ir::Operator& op) {
  return graph.tensor(op.inputs[0]).type == ir::DataType::kInt16 ? 16 : 8;
}

bool shift_fits(int32_t shift) {
  return shift >= 0 && shift <= static_cast<int32_t>(isa::kMaxScaleShift);
}

// OPA_SCALE, OFM_SCALE and which operand OPA rescales, from TFLite's ADD/SUB
// parameters. `input1_smaller`: op.inputs[0] (operand A after any swap) is rescaled.
Status set_add_sub_scaling(const ir::Operator& op, const kernels::AddSubParams& p,
                           bool input1_smaller, int32_t pre_shift, isa::RegisterState* s) {
  const std::string where = detail::op_prefix(op);
  if (!kernels::add_sub_multipliers_valid(p)) {
    return Status::unsupported(where +
                               "output scale too small for the input scales (TFLite "
                               "needs 2 * max input scale < 2^20 * output scale)");
  }
  const kernels::QuantizedMultiplier& m =
      input1_smaller ? p.input1_multiplier : p.input2_multiplier;
  const kernels::QuantizedMultiplier& half =
      input1_smaller ? p.input2_multiplier : p.input1_multiplier;
  if (half.multiplier != (1 << 30) || half.shift != 0 || p.left_shift != pre_shift) {
    return Status::unsupported(where + "the larger-scale operand's multiplier is not 1/2");
  }
  const int32_t opa_shift = 31 - m.shift - pre_shift;
  const int32_t ofm_shift = 31 - p.output_multiplier.shift;
  if (!shift_fits(opa_shift) || !shift_fits(ofm_shift)) {
    return Status::unsupported(where + "scale shifts " + std::to_string(opa_shift) +
                               " (input) and " + std::to_string(ofm_shift) +
                               " (output) outside 0..63");
  }
  s->ifm.scale_mode = input1_smaller ? isa::IfmScaleMode::kOpa32 : isa::IfmScaleMode::kOpb32;
  s->opa_scale = {static_cast<uint32_t>(m.multiplier), static_cast<uint8_t>(opa_shift)};
  s->opb_scale = {0, 0};
  s->ofm_scale = {static_cast<uint32_t>(p.output_multiplier.multiplier),
                  static_cast<uint8_t>(ofm_shift)};
  return Status::ok();
}

// The largest |value - zero point| of an int8 operand, or of an int16 one (zero point 0).
int64_t max_magnitude(int32_t zero_point, uint8_t bits) {
  if (bits == 16) return 32768;
  return std::max(std::abs(-128 - zero_point), std::abs(127 - zero_point));
}

// OFM_SCALE of MUL. TFLite left-shifts the int32 product before its high
// multiply when the multiplier is above 1 (where int32 could wrap, the NPU
// computes exactly): refused unless every product fits after the shift.
Status set_mul_scaling(const ir::Operator& op, const kernels::MulParams& p, uint8_t bits,
                       isa::RegisterState* s) {
  const std::string where = detail::op_prefix(op);
  const kernels::QuantizedMultiplier& m = p.output_multiplier;
  const int32_t ofm_shift = 31 - m.shift;
  if (!shift_fits(ofm_shift)) {
    return Status::unsupported(where + "output multiplier needs a left shift of " +
                               std::to_string(m.shift) + " bits (at most 31)");
  }
  if (m.shift > 0) {
    const int64_t largest =
        max_magnitude(-p.input1_offset, bits) * max_magnitude(-p.input2_offset, bits) << m.shift;
    if (largest > INT32_MAX) {
      return Status::unsupported(where + "output multiplier 2^" + std::to_string(m.shift) +
                                 " overflows TFLite's int32 product (" + std::to_string(largest) +
                                 ")");
    }
  }
  s->opa_scale = {0, 0};
  s->opb_scale = {0, 0};
  s->ofm_scale = {static_cast<uint32_t>(m.multiplier), static_cast<uint8_t>(ofm_shift)};
  return Status::ok();
}

bool same_quantization(const ir::Quantization& a, const ir::Quantization& b) {
  return a.scale() == b.scale() && a.zero_point() == b.zero_point();
}

// MAXIMUM/MINIMUM: no rescaling, so every operand must be quantized as the output.
Status set_min_max_scaling(const ir::Operator& op, const ir::Quantization& q1,
                           const ir::Quantization& q2, const ir::Quantization& qo,
                           isa::RegisterState* s) {
  if (!same_quantization(q1, qo) || !same_quantization(q2, qo)) {
    return Status::unsupported(detail::op_prefix(op) +
                               "inputs quantized unlike the output; the NPU compares "
                               "without rescaling");
  }
  s->opa_scale = {0, 0};
  s->opb_scale = {0, 0};
  s->ofm_scale = {1, 0};
  return Status::ok();
}

// The scale registers of `op` and their clamp.
Status set_scaling(const ir::Graph& graph, const ir::Operator& op, isa::RegisterState* s) {
  const ir::Quantization& q1 = graph.tensor(op.inputs[0]).quantization;
  const ir::Quantization& q2 = graph.tensor(op.inputs[1]).quantization;
  const ir::Quantization& qo = graph.tensor(op.outputs[0]).quantization;
  Status status = Status::ok();
  const uint8_t bits = element_bits(graph, op);
  const bool min_max = op.type == ir::OpType::kMaximum || op.type == ir::OpType::kMinimum;
  if (min_max) {
    status = set_min_max_scaling(op, q1, q2, qo, s);
  } else if (op.type == ir::OpType::kMul) {
    status =
        set_mul_scaling(op,
                        kernels::make_s8_mul_params(q1.scale(), q1.zero_point(), q2.scale(),
                                                    q2.zero_point(), qo.scale(), qo.zero_point()),
                        bits, s);
  } else if (bits == 16) {
    const auto make =
        op.type == ir::OpType::kSub ? kernels::make_s16_sub_params : kernels::make_s16_add_params;
    status = set_add_sub_scaling(op, make(q1.scale(), q2.scale(), qo.scale()),
                                 q1.scale() < q2.scale(), kIfmPreShift16, s);
  } else {
    const auto make =
        op.type == ir::OpType::kSub ? kernels::make_s8_sub_params : kernels::make_s8_add_params;
    status = set_add_sub_scaling(
        op,
        make(q1.scale(), q1.zero_point(), q2.scale(), q2.zero_point(), qo.scale(), qo.zero_point()),
        q1.scale() < q2.scale(), kIfmPreShift8, s);
  }
  if (!status) return status;
  s->ofm.global_scale = !min_max;
  const kernels::prepare::ActivationRange clamp = kernels::prepare::quantized_activation_range(
      kernels::prepare::elementwise_activation(op),
      bits == 16 ? ir::DataType::kInt16 : ir::DataType::kInt8, qo.scale(), qo.zero_point());
  s->activation.min = clamp.min;
  s->activation.max = clamp.max;
  return Status::ok();
}

// IFM, IFM2 (broadcast flags, operand order) and OFM maps and sizes.
void set_feature_maps(const ir::Graph& graph, const ir::Operator& op, const OperandLayout& l,
                      const BlockConfig& block, const FeatureMapPlacement& placement,
                      isa::RegisterState* s) {
  const int32_t zp1 = graph.tensor(op.inputs[0]).quantization.zero_point();
  const int32_t zp2 = graph.tensor(op.inputs[1]).quantization.zero_point();
  const int32_t zpo = graph.tensor(op.outputs[0]).quantization.zero_point();
  const uint8_t bits = element_bits(graph, op);
  const Axes& o = l.ofm;
  static_cast<isa::FeatureMapState&>(s->ifm) =
      detail::nhwc_map(l.swap ? placement.ifm2_offset : placement.ifm_offset, o.height, o.width,
                       o.depth, l.swap ? zp2 : zp1, bits);
  s->ifm.depth_m1 = static_cast<uint32_t>(o.depth - 1);
  s->ifm.round_mode = isa::RoundMode::kDbl;
  static_cast<isa::FeatureMapState&>(s->ifm2) =
      detail::nhwc_map(l.swap ? placement.ifm_offset : placement.ifm2_offset, l.ifm2.height,
                       l.ifm2.width, l.ifm2.depth, l.swap ? zp1 : zp2, bits);
  s->ifm2.broadcast_h = l.ifm2.height == 1 && o.height > 1;
  s->ifm2.broadcast_w = l.ifm2.width == 1 && o.width > 1;
  s->ifm2.broadcast_c = l.ifm2.depth == 1 && o.depth > 1;
  s->ifm2.operand_swap = l.swap;
  s->ifm2.ib_start = block.ib_end;
  static_cast<isa::FeatureMapState&>(s->ofm) =
      detail::nhwc_map(placement.ofm_offset, o.height, o.width, o.depth, zpo, bits);
  detail::set_ofm_geometry(o.height, o.width, o.depth, block, s);
  s->ofm.round_mode = isa::RoundMode::kDbl;
  s->acc_format = isa::AccFormat::kInt32;
}

// A constant operand (an ADD of a bias, a MUL by a scale) is read as IFM2
// from the constant region, where its bytes are the operator's constants (at
// placement.weights_offset); a constant the NPU would read as its IFM (the
// operand of the output's shape, the other broadcast) is refused.
Status read_constant_operand(const ir::Graph& graph, const ir::Operator& op, const OperandLayout& l,
                             const FeatureMapPlacement& placement, LoweredOp* lowered) {
  const ir::Tensor& ifm = graph.tensor(l.swap ? op.inputs[1] : op.inputs[0]);
  const ir::Tensor& ifm2 = graph.tensor(l.swap ? op.inputs[0] : op.inputs[1]);
  if (ifm.is_constant()) {
    return Status::unsupported(detail::op_prefix(op) + "constant operand '" + ifm.name +
                               "' has the output's shape while the other is broadcast (the NPU "
                               "reads a constant only as its second operand)");
  }
  if (!ifm2.is_constant()) return Status::ok();
  lowered->weights.buffer = ifm2.data;
  lowered->state.ifm2.region = kConstantRegion;
  lowered->state.ifm2.tile_base = {placement.weights_offset, 0, 0, 0};
  return Status::ok();
}

isa::ElementwiseMode elementwise_mode(ir::OpType type) {
  switch (type) {
    case ir::OpType::kMul:
      return isa::ElementwiseMode::kMul;
    case ir::OpType::kSub:
      return isa::ElementwiseMode::kSub;
    case ir::OpType::kMaximum:
      return isa::ElementwiseMode::kMax;
    case ir::OpType::kMinimum:
      return isa::ElementwiseMode::kMin;
    default:
      return isa::ElementwiseMode::kAdd;
  }
}

}  // namespace

namespace detail {

Expected<BinaryOperandLayout> plan_binary_operands(const ir::Graph& graph, const ir::Operator& op) {
  return plan_operands(graph, op);
}

}  // namespace detail

bool is_binary_elementwise(ir::OpType type) {
  switch (type) {
    case ir::OpType::kAdd:
    case ir::OpType::kSub:
    case ir::OpType::kMul:
    case ir::OpType::kMaximum:
    case ir::OpType::kMinimum:
      return true;
    default:
      return false;
  }
}

Expected<LoweredOp> lower_elementwise(const ir::Graph& graph, const ir::Operator& op,
                                      const isa::AcceleratorConfig& config,
                                      const FeatureMapPlacement& placement) {
  if (Status s = check_operands(graph, op); !s) return s;
  Expected<OperandLayout> layout = plan_operands(graph, op);
  if (!layout) return layout.status();

  BlockProblem problem;
  problem.ofm_height = layout->ofm.height;
  problem.ofm_width = layout->ofm.width;
  problem.ofm_depth = layout->ofm.depth;
  problem.ifm_block_depth = 0;
  problem.ifm_element_bytes = element_bits(graph, op) / 8;
  problem.kind = BlockProblem::Kind::kElementwise;
  Expected<BlockConfig> block = choose_block_config(problem, config);
  if (!block) return Status::unsupported(detail::op_prefix(op) + block.status().message());

  LoweredOp lowered;
  set_feature_maps(graph, op, *layout, *block, placement, &lowered.state);
  if (Status s = set_scaling(graph, op, &lowered.state); !s) return s;
  if (Status s = read_constant_operand(graph, op, *layout, placement, &lowered); !s) return s;
  lowered.kick_off = isa::Cmd0::kOpElementwise;
  detail::emit_single_kick_off(static_cast<uint16_t>(elementwise_mode(op.type)), &lowered);
  return lowered;
}

}  // namespace vnpu::compiler
