// lower_sigmoid16: int16 LOGISTIC and TANH as a chain of NPU elementwise
// operations, bit-exact with TFLite Micro (kernels/sigmoid_s16.h). TFLite
// interpolates its 256-entry sigmoid table over 9 (LOGISTIC) or 8 (TANH)
// fractional bits of |v|, which the NPU's own 16-bit table cannot
// (tests/compiler/codegen/int16_sigmoid_table_test.cc), so the chain
// computes TFLite's interpolation itself, in int32, with two 256-entry int32
// tables indexed by the integer part:
//
//   v     = MUL(x, scalar input_multiplier), OFM_SCALE 1 >> shift, NATURAL
//           (TFLite's (x * m + round) >> shift)
//   m     = ABS(v)
//   i     = SHR(m, b) truncating (b = 9 LOGISTIC, 8 TANH)
//   base  = SHR(m, b) through table A: table[i] << b, or the saturated value
//           from i = 255 on (index i - 128 clipped to int8, as TFLite's i >= 255)
//   slope = SHR(m, b) through table D: table[i + 1] - table[i], 0 from 255 on
//   r     = base + (m - (i << b)) * slope
//   p     = SHR(r, 10) NATURAL (LOGISTIC), SHR(r, 8) minus 32768 (TANH): TFLite's
//           result for v >= 0
//   out   = p for v >= 0, else 32768 - p (LOGISTIC) or -p (TANH), that is
//           p + 2 * (p - centre) * min(max(v, -1), 0), centre 16384 or 0:
//           TFLite's negative branch is exactly this mirror image.
// Both tables fill the 2 KB LUT area (table 0 and table 4, 1 KB each).
#include <string>
#include <vector>

#include "compiler/codegen/chain_builder.h"
#include "compiler/codegen/lower_op.h"
#include "compiler/codegen/lowering_common.h"
#include "kernels/sigmoid_s16.h"

namespace vnpu::compiler {
namespace {

using detail::ChainMap;
using detail::ElementwiseSpec;
using isa::ElementwiseMode;

constexpr uint8_t kBaseTable = 16;   // ACTIVATION 16 + 0: bytes 0..1023 of the LUT area
constexpr uint8_t kSlopeTable = 20;  // ACTIVATION 16 + 4: bytes 1024..2047
constexpr uint8_t kClipForceInt8 = 3;
constexpr int32_t kTableIndexZeroPoint = -128;  // i - 128 indexes entry i
constexpr int32_t kTableEntries = 256;
constexpr int32_t kMaps = 9;  // int32 intermediates per element

struct SigmoidPlan {
  kernels::Sigmoid16Params params;
  bool tanh = false;
  ir::Shape nhwc;
  int64_t elements = 0;
};

Expected<SigmoidPlan> plan_sigmoid16(const ir::Graph& graph, const ir::Operator& op) {
  const std::string where = detail::op_prefix(op);
  if (!is_int16_sigmoid_like(graph, op) || op.outputs.size() != 1) {
    return Status::invalid_input(where + "not an int16 LOGISTIC or TANH");
  }
  const ir::Tensor& in = graph.tensor(op.inputs[0]);
  const ir::Tensor& out = graph.tensor(op.outputs[0]);
  if (out.type != ir::DataType::kInt16 || in.shape != out.shape ||
      in.quantization.scales.size() != 1 || in.quantization.zero_point() != 0 ||
      out.quantization.zero_point() != 0) {
    return Status::unsupported(where + "needs int16 input and output of one shape, zero points 0");
  }
  SigmoidPlan plan;
  plan.tanh = op.type == ir::OpType::kTanh;
  if (!kernels::make_s16_sigmoid_like_params(
          plan.tanh ? kernels::Sigmoid16Function::kTanh : kernels::Sigmoid16Function::kLogistic,
          in.quantization.scale(), &plan.params)) {
    return Status::unsupported(where + "input scale " + std::to_string(in.quantization.scale()) +
                               " above TFLite's range");
  }
  Expected<ir::Shape> nhwc = detail::as_nhwc(in.shape, where);
  if (!nhwc) return nhwc.status();
  plan.nhwc = *nhwc;
  plan.elements = in.element_count();
  return plan;
}

// Table A (base << b, saturated from 255 on) then table D (slope), int32 each.
std::vector<uint8_t> tables(bool tanh) {
  const int32_t bits = tanh ? 8 : 9;
  const int32_t saturated = tanh ? 0xFFFF << 8 : 0x7FFF << 10;
  std::vector<uint8_t> bytes;
  const auto append = [&bytes](int32_t value) {
    for (int byte = 0; byte < 4; ++byte) {
      bytes.push_back(static_cast<uint8_t>(static_cast<uint32_t>(value) >> (8 * byte)));
    }
  };
  for (int32_t i = 0; i < kTableEntries; ++i) {
    append(i < 255 ? int32_t{kernels::s16_sigmoid_table(i)} << bits : saturated);
  }
  for (int32_t i = 0; i < kTableEntries; ++i) {
    append(i < 255 ? kernels::s16_sigmoid_table(i + 1) - kernels::s16_sigmoid_table(i) : 0);
  }
  return bytes;
}

ElementwiseSpec through(ElementwiseSpec s, uint8_t table) {
  s.ofm.zero_point = kTableIndexZeroPoint;
  s.activation_function = table;
  s.clip_range = kClipForceInt8;
  return s;
}

}  // namespace

bool is_int16_sigmoid_like(const ir::Graph& graph, const ir::Operator& op) {
  return (op.type == ir::OpType::kLogistic || op.type == ir::OpType::kTanh) && !op.inputs.empty() &&
         graph.tensor(op.inputs[0]).type == ir::DataType::kInt16;
}

int64_t sigmoid16_scratch_bytes(const ir::Graph& graph, const ir::Operator& op) {
  Expected<SigmoidPlan> plan = plan_sigmoid16(graph, op);
  return plan ? int64_t{kMaps} * 4 * plan->elements : 0;
}

Expected<LoweredOp> lower_sigmoid16(const ir::Graph& graph, const ir::Operator& op,
                                    const isa::AcceleratorConfig& config,
                                    const FeatureMapPlacement& placement) {
  Expected<SigmoidPlan> plan = plan_sigmoid16(graph, op);
  if (!plan) return plan.status();
  const SigmoidPlan& p = *plan;
  const std::string where = detail::op_prefix(op);
  if (config.shram_kb <= 16) {
    return Status::unsupported(where +
                               "its two lookup tables would overlap the accumulators in "
                               "the 16 KB SHRAM of " +
                               config.name);
  }
  const auto at = [&](uint8_t bits, uint64_t offset) {
    return ChainMap{offset, p.nhwc[1], p.nhwc[2], p.nhwc[3], bits, 0};
  };
  const auto scratch = [&](int32_t k) {
    return at(32, placement.scratch_offset +
                      4 * static_cast<uint64_t>(k) * static_cast<uint64_t>(p.elements));
  };
  const ChainMap x = at(16, placement.ifm_offset);
  const ChainMap out = at(16, placement.ofm_offset);
  const ChainMap v = scratch(0), m = scratch(1), i = scratch(2), base = scratch(3),
                 slope = scratch(4), r = scratch(5), pos = scratch(6), sign = scratch(7),
                 w = scratch(8);
  const int32_t bits = p.tanh ? 8 : 9;
  const int32_t result_shift = p.tanh ? 8 : 10;  // TFLite's final shift, rounding by half
  using detail::operand;
  using detail::scalar;

  using detail::elementwise_spec;
  using detail::rounded;
  constexpr isa::RoundMode kTruncate = isa::RoundMode::kTruncate;
  ElementwiseSpec rescale = rounded(
      elementwise_spec(ElementwiseMode::kMul, x, scalar(p.params.input_multiplier, false, 16), v,
                       {1, static_cast<uint8_t>(p.params.input_left_shift)}),
      isa::RoundMode::kNatural);
  const ElementwiseSpec integer_part =
      rounded(elementwise_spec(ElementwiseMode::kShr, m, scalar(bits), i), kTruncate);
  std::vector<ElementwiseSpec> steps = {
      rescale,
      elementwise_spec(ElementwiseMode::kAbs, v, operand(v), m),
      integer_part,
      through(rounded(elementwise_spec(ElementwiseMode::kShr, m, scalar(bits), base), kTruncate),
              kBaseTable),
      through(rounded(elementwise_spec(ElementwiseMode::kShr, m, scalar(bits), slope), kTruncate),
              kSlopeTable),
      elementwise_spec(ElementwiseMode::kShl, i, scalar(bits), i),
      elementwise_spec(ElementwiseMode::kSub, m, operand(i), i),          // the fraction
      elementwise_spec(ElementwiseMode::kMul, i, operand(slope), slope),  // fraction * slope
      elementwise_spec(ElementwiseMode::kAdd, base, operand(slope), r),
      rounded(elementwise_spec(ElementwiseMode::kShr, r, scalar(result_shift), pos),
              isa::RoundMode::kNatural),
  };
  if (p.tanh) steps.push_back(elementwise_spec(ElementwiseMode::kAdd, pos, scalar(-32768), pos));
  const int32_t centre = p.tanh ? 0 : 16384;
  const std::vector<ElementwiseSpec> mirror = {
      elementwise_spec(ElementwiseMode::kMax, v, scalar(-1), sign),
      elementwise_spec(ElementwiseMode::kMin, sign, scalar(0), sign),  // -1 for v < 0, else 0
      elementwise_spec(ElementwiseMode::kSub, pos, scalar(centre), w),
      elementwise_spec(ElementwiseMode::kMul, w, operand(sign), w),
      elementwise_spec(ElementwiseMode::kAdd, w, operand(w), w),
      elementwise_spec(ElementwiseMode::kAdd, pos, operand(w), out),
  };
  steps.insert(steps.end(), mirror.begin(), mirror.end());
  detail::ChainBuilder builder(config, where);
  for (const ElementwiseSpec& s : steps) {
    if (Status st = builder.elementwise(s); !st) return st;
  }
  LoweredOp lowered;
  lowered.chain = builder.take();
  lowered.luts = {{0, tables(p.tanh)}};
  return lowered;
}

}  // namespace vnpu::compiler
