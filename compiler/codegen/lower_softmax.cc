// lower_softmax: int8 SOFTMAX over the last dimension as a chain of NPU
// operations, Vela's int8 algorithm (softmax.py, get_graph_8bit), bit-exact
// with TFLite Micro's reference kernel (kernels/softmax.h). The tensor is
// viewed as rows x 1 x depth; per-row values are rows x 1 x 1 int32 maps in
// the scratch buffer, constants 1 x 1 x 1 int32 maps broadcast over the rows.
//
//   constants   3 ADDs write -32/17, 48/17 (Q2.29) and 1.0 (Q2.29): OPA_SCALE
//               0 drops the IFM, the scalar +-1 is scaled by OFM_SCALE |C| >> 0
//   max         MAX pool of the rows x depth x 1 view with a 1 x depth kernel
//   exp         SUB x - max into int32 with OFM zero point 127 through
//               ACTIVATION table 0 (clip int8): index x - max + 255 selects
//               exp(x - max) in Q0.31 (softmax_lut.h), 0 below diff_min
//   sum         SHR 12 (NATURAL: TFLite's Rescale to Q12.19), REDUCE_SUM
//   reciprocal  CLZ gives headroom_plus_one h; right shift = 35 - h; the half
//               denominator of gemmlowp's one_over_one_plus_x_for_x_in_0_1 is
//               RoundingHalfSum((sum << h) - 2^31, 2^31 - 1) = sum << (h - 1)
//               exactly (sum << h is even and below 2^32), so one SHL replaces
//               Vela's SUB/SHL/ADD; then Newton-Raphson as gemmlowp: x = 48/17
//               + hd * -32/17, three times x += 4 * (x * (1 - hd * x)), scale =
//               2x. Products of Q31 values are 32-bit MULs with OFM shift 31
//               (SaturatingRoundingDoublingHighMul), x4 and x2 saturate.
//   output      MUL exp * scale >> 31, SHR by the right shift (NATURAL =
//               RoundingDivideByPOT of a non-negative value) into the int8 OFM,
//               zero point -128, clamp to int8.
// Depths of 512 and more can make the shift exceed 31, where TFLite's result
// rounds to 0 but the NPU clamps its shift amount to 31: the scale is then
// multiplied by min(max(h - 3, 0), 1), zero exactly when the shift is above 31.
#include <algorithm>
#include <array>
#include <string>
#include <variant>
#include <vector>

#include "compiler/codegen/chain_builder.h"
#include "compiler/codegen/lower_op.h"
#include "compiler/codegen/lowering_common.h"
#include "compiler/codegen/softmax_lut.h"
#include "kernels/prepare/elementwise_support.h"
#include "kernels/softmax.h"

namespace vnpu::compiler {
namespace {

using detail::ChainBuilder;
using detail::ChainMap;
using detail::ElementwiseSpec;
using isa::ElementwiseMode;

constexpr int32_t kMaxRows = 65536;  // 16-bit height fields
constexpr int32_t kMaskDepth = 512;  // from here the right shift can exceed 31
constexpr uint64_t kAlignment = 16;
constexpr uint8_t kLutTable0 = 16;
constexpr uint8_t kClipForceInt8 = 3;
constexpr int32_t kExpZeroPoint = 127;  // x - max + 127 + 128 = table index
constexpr int32_t kAccumulationShift = 12;               // Q0.31 -> Q12.19
// exponent = 12 + 31 - output bits - headroom_plus_one: 35 - h for int8, 27 - h for int16.
int32_t right_shift_base(int32_t output_bits) { return 12 + 31 - output_bits; }
constexpr int32_t kNegThirtyTwoOverSeventeen = -1010580540;  // gemmlowp, Q2.29
constexpr int32_t kFortyEightOverSeventeen = 1515870810;     // gemmlowp, Q2.29
constexpr int32_t kOneInQ2 = 1 << 29;
constexpr isa::ScaleRegister kHighMul{1u << 30, 31};  // Vela's (2^30, 31); 32-bit MUL: >> 31

// Per-row int32 buffers of the scratch.
enum PerRow : size_t {
  kSum, kHeadroomPlusOne, kRightShift, kHeadroom, kHalfDenominator, kX, kT1, kT2, kScale,
  kPerRowCount
};
enum Constant : size_t { kNegC, kPosC, kOneC, kConstantCount };

struct SoftmaxPlan {
  int32_t output_bits = 8;  // int8 or int16 (TFLite's int8 -> int16 softmax)
  int32_t rows = 1;
  int32_t depth = 1;
  kernels::SoftmaxParams params;
  // Offsets within the scratch buffer.
  uint64_t constants = 0;  // kConstantCount int32
  uint64_t row_max = 0;    // rows int8
  uint64_t exps = 0;       // rows x depth int32
  uint64_t work = 0;       // rows x depth int32: shifted exps, then products
  std::array<uint64_t, kPerRowCount> per_row{};
  int64_t bytes = 0;
};

uint64_t align(uint64_t value) { return (value + kAlignment - 1) / kAlignment * kAlignment; }

Status check_quantization(const ir::Graph& graph, const ir::Operator& op) {
  const std::string where = detail::op_prefix(op);
  if (Status s = detail::check_int8(graph, op, op.inputs[0]); !s) return s;
  for (int32_t index : {op.inputs[0], op.outputs[0]}) {
    const ir::Quantization& q = graph.tensor(index).quantization;
    if (q.scales.size() != 1 || q.zero_points.size() > 1) {
      return Status::unsupported(where + "tensor '" + graph.tensor(index).name +
                                 "' is not per-tensor quantized");
    }
  }
  const ir::Tensor& output = graph.tensor(op.outputs[0]);
  const ir::Quantization& out = output.quantization;
  if (output.type == ir::DataType::kInt16) {
    // TFLite's int8 -> int16 output: zero point -32768, scale within 0.1 % of 1/65536.
    const Status s = kernels::prepare::check_fixed_quantization(
        graph, op.outputs[0], "output", 1.0f / 65536, -32768, 0.001f * 1.0f / 65536);
    return s ? s : Status::unsupported(where + s.message());
  }
  if (Status s = detail::check_int8(graph, op, op.outputs[0]); !s) return s;
  if (out.scale() != 1.0f / 256 || out.zero_point() != -128) {
    return Status::unsupported(where + "output quantization must be scale 1/256, zero point -128 "
                               "(TFLite's int8 softmax output)");
  }
  return Status::ok();
}

Expected<SoftmaxPlan> plan_softmax(const ir::Graph& graph, const ir::Operator& op) {
  const std::string where = detail::op_prefix(op);
  if (op.type != ir::OpType::kSoftmax) return Status::invalid_input(where + "not a SOFTMAX");
  if (op.inputs.size() != 1 || op.outputs.size() != 1) {
    return Status::invalid_input(where + "needs one input and one output");
  }
  if (Status s = check_quantization(graph, op); !s) return s;
  const ir::Shape& shape = graph.tensor(op.inputs[0]).shape;
  if (shape.empty() || shape != graph.tensor(op.outputs[0]).shape) {
    return Status::invalid_input(where + "input and output must have the same shape of rank 1+");
  }
  SoftmaxPlan plan;
  plan.output_bits = graph.tensor(op.outputs[0]).type == ir::DataType::kInt16 ? 16 : 8;
  plan.depth = shape.back();
  int64_t rows = 1;
  for (size_t i = 0; i + 1 < shape.size(); ++i) rows *= shape[i];
  if (plan.depth < 1 || plan.depth > kernels::kSoftmaxMaxDepth) {
    return Status::unsupported(where + "depth " + std::to_string(plan.depth) + " outside 1.." +
                               std::to_string(kernels::kSoftmaxMaxDepth));
  }
  if (rows < 1 || rows > kMaxRows) {
    return Status::unsupported(where + std::to_string(rows) + " rows outside 1.." +
                               std::to_string(kMaxRows));
  }
  plan.rows = static_cast<int32_t>(rows);
  const auto* options = std::get_if<ir::SoftmaxOptions>(&op.options);
  const float beta = options != nullptr ? options->beta : 1.0f;
  if (!kernels::make_s8_softmax_params(graph.tensor(op.inputs[0]).quantization.scale(), beta,
                                       &plan.params)) {
    return Status::unsupported(where + "beta " + std::to_string(beta) +
                               " times the input scale must exceed 2^-26");
  }
  const auto row_bytes = static_cast<uint64_t>(plan.rows);
  const uint64_t map_bytes = row_bytes * static_cast<uint64_t>(plan.depth) * 4;
  uint64_t next = 0;
  plan.constants = next;
  next = align(next + kConstantCount * 4);
  plan.row_max = next;
  next = align(next + row_bytes);
  plan.exps = next;
  next = align(next + map_bytes);
  plan.work = next;
  next = align(next + map_bytes);
  for (uint64_t& offset : plan.per_row) {
    offset = next;
    next = align(next + row_bytes * 4);
  }
  plan.bytes = static_cast<int64_t>(next);
  return plan;
}

// The chain's feature maps at their placed offsets.
struct Maps {
  ChainMap input;       // rows x 1 x depth int8
  ChainMap input_rows;  // rows x depth x 1 int8 (the max pool's view)
  ChainMap output;      // rows x 1 x depth int8, zero point -128
  ChainMap row_max;     // rows x 1 x 1 int8
  ChainMap exps;        // rows x 1 x depth int32
  ChainMap work;
  std::array<ChainMap, kPerRowCount> per_row;
  std::array<ChainMap, kConstantCount> constants;
};

Maps place_maps(const SoftmaxPlan& p, const FeatureMapPlacement& placement) {
  const uint64_t base = placement.scratch_offset;
  Maps m;
  m.input = {placement.ifm_offset, p.rows, 1, p.depth, 8, 0};
  m.input_rows = {placement.ifm_offset, p.rows, p.depth, 1, 8, 0};
  m.output = {placement.ofm_offset,
              p.rows,
              1,
              p.depth,
              static_cast<uint8_t>(p.output_bits),
              p.output_bits == 16 ? -32768 : -128};
  m.row_max = {base + p.row_max, p.rows, 1, 1, 8, 0};
  m.exps = {base + p.exps, p.rows, 1, p.depth, 32, 0};
  m.work = {base + p.work, p.rows, 1, p.depth, 32, 0};
  for (size_t i = 0; i < kPerRowCount; ++i) m.per_row[i] = {base + p.per_row[i], p.rows, 1, 1, 32, 0};
  for (size_t i = 0; i < kConstantCount; ++i) m.constants[i] = {base + p.constants + 4 * i, 1, 1, 1, 32, 0};
  return m;
}

// The int32 constants: (0 * IFM + (+-1) * 1) * |C| >> 0 with the IFM's first byte.
Status emit_constants(const Maps& m, ChainBuilder* b) {
  const std::array<int32_t, kConstantCount> values = {kNegThirtyTwoOverSeventeen,
                                                      kFortyEightOverSeventeen, kOneInQ2};
  ChainMap first_byte = m.input;
  first_byte.height = first_byte.depth = 1;
  for (size_t i = 0; i < kConstantCount; ++i) {
    const int32_t value = values[i];
    ElementwiseSpec spec = detail::elementwise_spec(
        ElementwiseMode::kAdd, first_byte, detail::scalar(value < 0 ? -1 : 1), m.constants[i]);
    spec.opa_scale = 0;
    spec.ofm_scale = {static_cast<uint32_t>(value < 0 ? -static_cast<int64_t>(value) : value), 0};
    if (Status s = b->elementwise(spec); !s) return s;
  }
  return Status::ok();
}

// max, the exps through the table, their Q12.19 sum.
Status emit_sum_of_exps(const SoftmaxPlan& p, const Maps& m, ChainBuilder* b) {
  if (Status s = b->pool(isa::PoolingMode::kMax, m.input_rows, m.row_max, p.depth); !s) return s;
  ChainMap exps = m.exps;
  exps.zero_point = kExpZeroPoint;
  ElementwiseSpec sub =
      detail::elementwise_spec(ElementwiseMode::kSub, m.input, detail::operand(m.row_max), exps);
  sub.activation_function = kLutTable0;
  sub.clip_range = kClipForceInt8;
  if (Status s = b->elementwise(sub); !s) return s;
  ElementwiseSpec shr = detail::elementwise_spec(ElementwiseMode::kShr, m.exps,
                                                 detail::scalar(kAccumulationShift), m.work);
  shr.round_mode = isa::RoundMode::kNatural;
  if (Status s = b->elementwise(shr); !s) return s;
  return b->pool(isa::PoolingMode::kReduceSum, m.work, m.per_row[kSum], 1);
}

// gemmlowp's one_over_one_plus_x_for_x_in_0_1 times 2 (Rescale<0> of the Q2 result / 2).
Status emit_reciprocal(const SoftmaxPlan& p, const Maps& m, ChainBuilder* b) {
  const auto& r = m.per_row;
  const auto& c = m.constants;
  using detail::operand;
  using detail::scalar;
  const std::vector<ElementwiseSpec> head = {
      detail::elementwise_spec(ElementwiseMode::kClz, r[kSum], operand(r[kSum]),
                               r[kHeadroomPlusOne]),
      detail::elementwise_spec(ElementwiseMode::kSub, r[kHeadroomPlusOne],
                               scalar(right_shift_base(p.output_bits), true), r[kRightShift]),
      detail::elementwise_spec(ElementwiseMode::kSub, r[kHeadroomPlusOne], scalar(1), r[kHeadroom]),
      detail::elementwise_spec(ElementwiseMode::kShl, r[kSum], operand(r[kHeadroom]),
                               r[kHalfDenominator]),
      detail::elementwise_spec(ElementwiseMode::kMul, r[kHalfDenominator], operand(c[kNegC]),
                               r[kT1], kHighMul),
      detail::elementwise_spec(ElementwiseMode::kAdd, r[kT1], operand(c[kPosC]), r[kX]),
  };
  for (const ElementwiseSpec& spec : head) {
    if (Status s = b->elementwise(spec); !s) return s;
  }
  for (int iteration = 0; iteration < 3; ++iteration) {
    const std::vector<ElementwiseSpec> step = {
        detail::elementwise_spec(ElementwiseMode::kMul, r[kX], operand(r[kHalfDenominator]), r[kT1],
                                 kHighMul),
        detail::elementwise_spec(ElementwiseMode::kSub, r[kT1], operand(c[kOneC], true), r[kT1]),
        detail::elementwise_spec(ElementwiseMode::kMul, r[kX], operand(r[kT1]), r[kT2], kHighMul),
        detail::elementwise_spec(ElementwiseMode::kMul, r[kT2], scalar(4), r[kT2]),
        detail::elementwise_spec(ElementwiseMode::kAdd, r[kX], operand(r[kT2]), r[kX]),
    };
    for (const ElementwiseSpec& spec : step) {
      if (Status s = b->elementwise(spec); !s) return s;
    }
  }
  if (Status s = b->elementwise(
          detail::elementwise_spec(ElementwiseMode::kMul, r[kX], scalar(2), r[kScale]));
      !s) {
    return s;
  }
  // (For int16 the shift is at most 26.)
  if (p.depth < kMaskDepth || p.output_bits == 16) return Status::ok();
  const std::vector<ElementwiseSpec> mask = {
      detail::elementwise_spec(ElementwiseMode::kSub, r[kHeadroomPlusOne],
                               scalar(right_shift_base(8) - 32), r[kT1]),
      detail::elementwise_spec(ElementwiseMode::kMax, r[kT1], scalar(0), r[kT1]),
      detail::elementwise_spec(ElementwiseMode::kMin, r[kT1], scalar(1), r[kT1]),
      detail::elementwise_spec(ElementwiseMode::kMul, r[kScale], operand(r[kT1]), r[kScale]),
  };
  for (const ElementwiseSpec& spec : mask) {
    if (Status s = b->elementwise(spec); !s) return s;
  }
  return Status::ok();
}

Status emit_output(const Maps& m, ChainBuilder* b) {
  if (Status s = b->elementwise(detail::elementwise_spec(
          ElementwiseMode::kMul, m.exps, detail::operand(m.per_row[kScale]), m.work, kHighMul));
      !s) {
    return s;
  }
  ElementwiseSpec shr = detail::elementwise_spec(ElementwiseMode::kShr, m.work,
                                                 detail::operand(m.per_row[kRightShift]), m.output);
  shr.round_mode = isa::RoundMode::kNatural;
  return b->elementwise(shr);
}

}  // namespace

int64_t softmax_scratch_bytes(const ir::Graph& graph, const ir::Operator& op) {
  Expected<SoftmaxPlan> plan = plan_softmax(graph, op);
  return plan ? plan->bytes : 0;
}

Expected<LoweredOp> lower_softmax(const ir::Graph& graph, const ir::Operator& op,
                                  const isa::AcceleratorConfig& config,
                                  const FeatureMapPlacement& placement) {
  Expected<SoftmaxPlan> plan = plan_softmax(graph, op);
  if (!plan) return plan.status();
  const Maps maps = place_maps(*plan, placement);
  ChainBuilder builder(config, detail::op_prefix(op));
  if (Status s = emit_constants(maps, &builder); !s) return s;
  if (Status s = emit_sum_of_exps(*plan, maps, &builder); !s) return s;
  if (Status s = emit_reciprocal(*plan, maps, &builder); !s) return s;
  if (Status s = emit_output(maps, &builder); !s) return s;
  LoweredOp lowered;
  lowered.chain = builder.take();
  lowered.luts = {{0, softmax_exp_table(plan->params)}};
  return lowered;
}

}  // namespace vnpu::compiler
