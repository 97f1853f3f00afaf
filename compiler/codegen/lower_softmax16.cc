// lower_softmax16: int16 SOFTMAX over the last dimension as a chain of NPU
// operations, bit-exact with TFLite Micro (kernels/softmax_s16.h). TFLite's
// lut_lookup on its 513-entry tables (entry 256 + (v >> 7), the low 7 bits
// interpolated with rounding) is the NPU's 16-bit lookup table, whose 512
// entries hold each base and slope (docs/npu_semantics.md §4), so both of
// TFLite's tables run in the output stage; the 2 KB LUT area holds one of
// them at a time, the second is loaded part-way (LoweredOp::luts).
//
//   max         MAX pool of the rows x depth x 1 view with a 1 x depth kernel
//   exp         SUB x - max, OFM_SCALE = TFLite's input multiplier (DBL is its
//               MultiplyByQuantizedMultiplier), + 32767 saturated to int16,
//               through the exp table                      (int16 per element)
//   sum         REDUCE_SUM over the depth                  (int32 per row)
//   reciprocal  h = CLZ(sum); SHL by h - 1; SUB 98304 << 14 (a constant map
//               written by ADD with OPA_SCALE 0); SHR 14 NATURAL = TFLite's
//               ((sum << (h - 1)) + 2^13) >> 14 - 98304, saturated to int16,
//               through the 1 / (1 + x) table             (int16 per row)
//   output      MUL exp * reciprocal (int32), SHR by 31 - h NATURAL = TFLite's
//               rounding shift, into the int16 output (never negative; 32767
//               clamps as TFLite's min)
// Refused where TFLite's int32 left shift of x - max (the input multiplier's
// exponent above 15) could wrap, which the NPU's product does not.
#include <array>
#include <string>
#include <variant>
#include <vector>

#include "compiler/codegen/chain_builder.h"
#include "compiler/codegen/lower_op.h"
#include "compiler/codegen/lowering_common.h"
#include "isa/scale_stream.h"
#include "kernels/prepare/elementwise_support.h"
#include "kernels/softmax.h"
#include "kernels/softmax_s16.h"

namespace vnpu::compiler {
namespace {

using detail::ChainBuilder;
using detail::ChainMap;
using detail::ElementwiseSpec;
using isa::ElementwiseMode;

constexpr int32_t kMaxRows = 65536;  // 16-bit height fields
constexpr uint64_t kAlignment = 16;
constexpr uint8_t kLutTable0 = 16;
constexpr int32_t kExpIndexZeroPoint = 32767;       // TFLite's + 32767 before the exp table
constexpr int32_t kReciprocalOffset = 98304 << 14;  // ((1 << 15) + (1 << 16)) << 14
constexpr int32_t kSumShift = 14;
constexpr int32_t kMaxLeftShift = 15;  // 65535 << 16 leaves int32

struct Softmax16Plan {
  int32_t rows = 1;
  int32_t depth = 1;
  kernels::Softmax16Params params;
  isa::ScaleRegister input_scale;
  // Offsets within the scratch buffer.
  uint64_t offset_constant = 0;  // int32
  uint64_t row_max = 0;          // rows int16
  uint64_t exps = 0;             // rows x depth int16
  uint64_t products = 0;         // rows x depth int32
  uint64_t sum = 0, headroom_plus_one = 0, headroom = 0, shifted = 0,
           right_shift = 0;  // rows int32
  uint64_t reciprocal = 0;   // rows int16
  int64_t bytes = 0;
};

uint64_t align(uint64_t value) { return (value + kAlignment - 1) / kAlignment * kAlignment; }

Status check_quantization(const ir::Graph& graph, const ir::Operator& op) {
  const std::string where = detail::op_prefix(op);
  for (int32_t index : {op.inputs[0], op.outputs[0]}) {
    const ir::Tensor& t = graph.tensor(index);
    if (t.type != ir::DataType::kInt16 || t.quantization.scales.size() != 1 ||
        t.quantization.zero_point() != 0) {
      return Status::unsupported(where + "tensor '" + t.name +
                                 "' is not int16 per-tensor with zero point 0");
    }
  }
  // TFLite's int16 output: scale within 0.1 % of 1/32768.
  const Status s = kernels::prepare::check_fixed_quantization(graph, op.outputs[0], "output",
                                                              1.0f / 32768, 0, 0.001f / 32768);
  return s ? s : Status::unsupported(where + s.message());
}

Expected<isa::ScaleRegister> input_scale_register(const ir::Operator& op,
                                                  const kernels::QuantizedMultiplier& m) {
  if (m.shift > kMaxLeftShift) {
    return Status::unsupported(
        detail::op_prefix(op) + "input multiplier 2^" + std::to_string(m.shift) +
        ": TFLite's int32 (x - max) << shift could wrap (the NPU's does not)");
  }
  const int32_t shift = 31 - m.shift;
  if (shift > static_cast<int32_t>(isa::kMaxScaleShift)) {
    return Status::unsupported(detail::op_prefix(op) + "input multiplier exponent " +
                               std::to_string(m.shift) + " below -32");
  }
  return isa::ScaleRegister{static_cast<uint32_t>(m.multiplier), static_cast<uint8_t>(shift)};
}

Expected<Softmax16Plan> plan_softmax16(const ir::Graph& graph, const ir::Operator& op) {
  const std::string where = detail::op_prefix(op);
  if (!is_int16_softmax(graph, op)) return Status::invalid_input(where + "not an int16 SOFTMAX");
  if (op.inputs.size() != 1 || op.outputs.size() != 1) {
    return Status::invalid_input(where + "needs one input and one output");
  }
  if (Status s = check_quantization(graph, op); !s) return s;
  const ir::Shape& shape = graph.tensor(op.inputs[0]).shape;
  if (shape.empty() || shape != graph.tensor(op.outputs[0]).shape) {
    return Status::invalid_input(where + "input and output must have the same shape of rank 1+");
  }
  Softmax16Plan plan;
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
  if (!kernels::make_s16_softmax_params(graph.tensor(op.inputs[0]).quantization.scale(), beta,
                                        &plan.params)) {
    return Status::unsupported(where + "beta " + std::to_string(beta) +
                               " times the input scale gives no int32 multiplier");
  }
  Expected<isa::ScaleRegister> scale = input_scale_register(op, plan.params.input_multiplier);
  if (!scale) return scale.status();
  plan.input_scale = *scale;
  const auto row_count = static_cast<uint64_t>(plan.rows);
  const uint64_t elements = row_count * static_cast<uint64_t>(plan.depth);
  uint64_t next = 0;
  const auto take = [&next](uint64_t bytes) {
    const uint64_t at = next;
    next = align(next + bytes);
    return at;
  };
  plan.offset_constant = take(4);
  plan.row_max = take(row_count * 2);
  plan.exps = take(elements * 2);
  plan.products = take(elements * 4);
  for (uint64_t* per_row :
       {&plan.sum, &plan.headroom_plus_one, &plan.headroom, &plan.shifted, &plan.right_shift}) {
    *per_row = take(row_count * 4);
  }
  plan.reciprocal = take(row_count * 2);
  plan.bytes = static_cast<int64_t>(next);
  return plan;
}

// TFLite's 513-entry table as the NPU's 512 (base, slope) int32 entries.
std::vector<uint8_t> npu_table(const std::array<int16_t, kernels::kInt16LutSize>& lut) {
  std::vector<uint8_t> bytes;
  for (size_t i = 0; i + 1 < lut.size(); ++i) {
    const auto base = static_cast<uint16_t>(lut[i]);
    const auto slope = static_cast<uint16_t>(static_cast<int16_t>(lut[i + 1] - lut[i]));
    for (const uint16_t half : {base, slope}) {
      bytes.push_back(static_cast<uint8_t>(half & 0xFF));
      bytes.push_back(static_cast<uint8_t>(half >> 8));
    }
  }
  return bytes;
}

ChainMap map(uint64_t offset, int32_t height, int32_t width, int32_t depth, uint8_t bits,
             int32_t zero_point = 0) {
  return {offset, height, width, depth, bits, zero_point};
}

ElementwiseSpec through_table(ElementwiseSpec spec) {
  spec.activation_function = kLutTable0;
  return spec;
}

}  // namespace

bool is_int16_softmax(const ir::Graph& graph, const ir::Operator& op) {
  return op.type == ir::OpType::kSoftmax && !op.inputs.empty() &&
         graph.tensor(op.inputs[0]).type == ir::DataType::kInt16;
}

int64_t softmax16_scratch_bytes(const ir::Graph& graph, const ir::Operator& op) {
  Expected<Softmax16Plan> plan = plan_softmax16(graph, op);
  return plan ? plan->bytes : 0;
}

Expected<LoweredOp> lower_softmax16(const ir::Graph& graph, const ir::Operator& op,
                                    const isa::AcceleratorConfig& config,
                                    const FeatureMapPlacement& placement) {
  Expected<Softmax16Plan> plan = plan_softmax16(graph, op);
  if (!plan) return plan.status();
  const Softmax16Plan& p = *plan;
  const uint64_t s = placement.scratch_offset;
  const int32_t r = p.rows;
  const ChainMap input = map(placement.ifm_offset, r, 1, p.depth, 16);
  const ChainMap input_rows = map(placement.ifm_offset, r, p.depth, 1, 16);
  const ChainMap output = map(placement.ofm_offset, r, 1, p.depth, 16);
  const ChainMap row_max = map(s + p.row_max, r, 1, 1, 16);
  const ChainMap exps = map(s + p.exps, r, 1, p.depth, 16);
  const ChainMap exp_index = map(s + p.exps, r, 1, p.depth, 16, kExpIndexZeroPoint);
  const ChainMap products = map(s + p.products, r, 1, p.depth, 32);
  const ChainMap sum = map(s + p.sum, r, 1, 1, 32);
  const ChainMap headroom_plus_one = map(s + p.headroom_plus_one, r, 1, 1, 32);
  const ChainMap headroom = map(s + p.headroom, r, 1, 1, 32);
  const ChainMap shifted = map(s + p.shifted, r, 1, 1, 32);
  const ChainMap right_shift = map(s + p.right_shift, r, 1, 1, 32);
  const ChainMap reciprocal = map(s + p.reciprocal, r, 1, 1, 16);
  const ChainMap offset = map(s + p.offset_constant, 1, 1, 1, 32);
  ChainMap first_element = input;
  first_element.height = first_element.depth = 1;
  using detail::operand;
  using detail::scalar;

  ChainBuilder b(config, detail::op_prefix(op));
  // (0 * x + 1) * (98304 << 14): the constant, from the input's first element.
  ElementwiseSpec constant =
      detail::elementwise_spec(ElementwiseMode::kAdd, first_element, scalar(1), offset,
                               {static_cast<uint32_t>(kReciprocalOffset), 0});
  constant.opa_scale = 0;
  if (Status st = b.elementwise(constant); !st) return st;
  if (Status st = b.pool(isa::PoolingMode::kMax, input_rows, row_max, p.depth); !st) return st;
  const size_t exp_step = b.size();
  const std::vector<ElementwiseSpec> exp_and_sum_head = {
      through_table(detail::elementwise_spec(ElementwiseMode::kSub, input, operand(row_max),
                                             exp_index, p.input_scale)),
  };
  for (const ElementwiseSpec& spec : exp_and_sum_head) {
    if (Status st = b.elementwise(spec); !st) return st;
  }
  if (Status st = b.pool(isa::PoolingMode::kReduceSum, exps, sum, 1); !st) return st;
  const std::vector<ElementwiseSpec> normalise = {
      detail::elementwise_spec(ElementwiseMode::kClz, sum, operand(sum), headroom_plus_one),
      detail::elementwise_spec(ElementwiseMode::kSub, headroom_plus_one, scalar(1), headroom),
      detail::elementwise_spec(ElementwiseMode::kShl, sum, operand(headroom), shifted),
      detail::elementwise_spec(ElementwiseMode::kSub, shifted, operand(offset), shifted),
      detail::elementwise_spec(ElementwiseMode::kSub, headroom_plus_one, scalar(31, true),
                               right_shift),
  };
  for (const ElementwiseSpec& spec : normalise) {
    if (Status st = b.elementwise(spec); !st) return st;
  }
  const size_t reciprocal_step = b.size();
  const std::vector<ElementwiseSpec> tail = {
      through_table(detail::rounded(
          detail::elementwise_spec(ElementwiseMode::kShr, shifted, scalar(kSumShift), reciprocal),
          isa::RoundMode::kNatural)),
      detail::elementwise_spec(ElementwiseMode::kMul, exps, operand(reciprocal), products),
      detail::rounded(
          detail::elementwise_spec(ElementwiseMode::kShr, products, operand(right_shift), output),
          isa::RoundMode::kNatural),
  };
  for (const ElementwiseSpec& spec : tail) {
    if (Status st = b.elementwise(spec); !st) return st;
  }
  LoweredOp lowered;
  lowered.chain = b.take();
  lowered.luts = {{exp_step, npu_table(p.params.exp_lut)},
                  {reciprocal_step, npu_table(p.params.one_over_one_plus_x_lut)}};
  return lowered;
}

}  // namespace vnpu::compiler
