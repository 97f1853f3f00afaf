#include "sim/functional/elementwise.h"

#include <string>
#include <utility>

#include "sim/functional/feature_map.h"
#include "sim/functional/kernel_geometry.h"
#include "sim/functional/output_stage.h"

namespace vnpu::sim {
namespace {

using isa::ElementwiseMode;

bool is_unary(ElementwiseMode mode) {
  return mode == ElementwiseMode::kAbs || mode == ElementwiseMode::kClz ||
         mode == ElementwiseMode::kLrelu;
}

int32_t pre_shift(int ifm_bits) { return ifm_bits == 8 ? 20 : (ifm_bits == 16 ? 15 : 0); }

int64_t count_leading_zeros(int64_t value) {
  uint32_t word = static_cast<uint32_t>(value);
  int64_t count = 0;
  for (uint32_t bit = 0x80000000u; bit != 0 && (word & bit) == 0; bit >>= 1) ++count;
  return count;
}

int32_t shift_amount(int64_t b) { return static_cast<int32_t>(saturate(b, 0, 31)); }

struct Operands {
  int64_t a = 0;
  int64_t b = 0;
};

class ElementwiseUnit {
 public:
  explicit ElementwiseUnit(const isa::Operation& op) : op_(op), s_(op.state) {}

  // The requantized result for operands (A, B), before the output stage.
  int64_t compute(Operands in) const;

 private:
  int64_t add_sub(Operands in) const;

  const isa::Operation& op_;
  const isa::RegisterState& s_;
};

int64_t ElementwiseUnit::add_sub(Operands in) const {
  const int32_t p = pre_shift(s_.ifm.type.bits);
  int64_t a = in.a;
  int64_t b = in.b;
  int32_t rounding_shift = 0;
  switch (s_.ifm.scale_mode) {
    case isa::IfmScaleMode::kOpa32:
      a = scale_value(a * (int64_t{1} << p), s_.opa_scale.multiplier, s_.opa_scale.shift + p,
                      s_.ifm.round_mode);
      b = p > 0 ? b * (int64_t{1} << (p - 1)) : b;
      break;
    case isa::IfmScaleMode::kOpb32:
      b = scale_value(b * (int64_t{1} << p), s_.opa_scale.multiplier, s_.opa_scale.shift + p,
                      s_.ifm.round_mode);
      a = p > 0 ? a * (int64_t{1} << (p - 1)) : a;
      break;
    case isa::IfmScaleMode::kOpaOpb16:
    default:
      a *= static_cast<int64_t>(s_.opa_scale.multiplier);
      b *= static_cast<int64_t>(s_.opb_scale.multiplier);
      rounding_shift = s_.ifm.type.bits == 8 ? 4 : 0;
      break;
  }
  const int64_t sum = op_.elementwise_mode() == ElementwiseMode::kAdd ? a + b : a - b;
  return scale_value(sum * (int64_t{1} << rounding_shift), s_.ofm_scale.multiplier,
                     s_.ofm_scale.shift + rounding_shift, s_.ofm.round_mode);
}

int64_t ElementwiseUnit::compute(Operands in) const {
  const isa::ScaleRegister& scale = s_.ofm_scale;
  switch (op_.elementwise_mode()) {
    case ElementwiseMode::kAdd:
    case ElementwiseMode::kSub:
      return add_sub(in);
    case ElementwiseMode::kMul: {
      // Operands are at most 32-bit values; a uint32 beyond INT32_MAX saturates.
      const int64_t product =
          saturate(in.a, INT32_MIN, INT32_MAX) * saturate(in.b, INT32_MIN, INT32_MAX);
      const bool wide = s_.ifm.type.bits == 32 || s_.ifm2.type.bits == 32;
      return scale_value(product, wide ? 1u : scale.multiplier, scale.shift, s_.ofm.round_mode);
    }
    case ElementwiseMode::kMin:
      return in.a < in.b ? in.a : in.b;
    case ElementwiseMode::kMax:
      return in.a > in.b ? in.a : in.b;
    case ElementwiseMode::kAbs:
      return scale_value(in.a < 0 ? -in.a : in.a, scale.multiplier, scale.shift,
                         s_.ofm.round_mode);
    case ElementwiseMode::kLrelu:
      return in.a >= 0 ? in.a
                       : scale_value(in.a, scale.multiplier, scale.shift, s_.ofm.round_mode);
    case ElementwiseMode::kClz:
      return count_leading_zeros(in.a);
    case ElementwiseMode::kShl:
      return static_cast<int32_t>(static_cast<uint32_t>(in.a) << shift_amount(in.b));
    case ElementwiseMode::kShr:
    default:
      return shift_right_rounded(in.a, shift_amount(in.b), s_.ofm.round_mode);
  }
}

}  // namespace

ExecResult execute_elementwise(const isa::Operation& op, const NpuMemory& memory) {
  const isa::RegisterState& s = op.state;
  const ElementwiseMode mode = op.elementwise_mode();
  if (static_cast<uint8_t>(mode) > static_cast<uint8_t>(ElementwiseMode::kShl)) {
    return ExecResult::parse("elementwise mode " + std::to_string(op.param & 0x3F) +
                             " is reserved");
  }
  const FmShape shape = ofm_shape(s);
  if (static_cast<int32_t>(s.ifm.depth_m1) + 1 != shape.depth) {
    return ExecResult::parse("ELEMENTWISE IFM depth " + std::to_string(s.ifm.depth_m1 + 1) +
                             " differs from OFM depth " + std::to_string(shape.depth));
  }
  ExecResult result = memory.check_work(static_cast<uint64_t>(shape.height) *
                                        static_cast<uint64_t>(shape.width) *
                                        static_cast<uint64_t>(shape.depth));
  if (!result.ok()) return result;
  FeatureMap ifm;
  FeatureMap ifm2;
  FeatureMap ofm;
  if (!(result = FeatureMap::bind(s.ifm, shape, memory, "IFM", &ifm)).ok()) return result;
  if (!(result = FeatureMap::bind(s.ofm, shape, memory, "OFM", &ofm)).ok()) return result;
  const bool binary = !is_unary(mode);
  const bool scalar = binary && s.ifm2.scalar;
  const FmShape shape2 = {s.ifm2.broadcast_h ? 1 : shape.height,
                          s.ifm2.broadcast_w ? 1 : shape.width, s.ifm2.broadcast_c ? 1 : shape.depth};
  if (binary && !scalar) {
    if (!(result = FeatureMap::bind(s.ifm2, shape2, memory, "IFM2", &ifm2)).ok()) return result;
  }
  OutputStage stage;
  if (!(result = OutputStage::create(op, memory, &stage)).ok()) return result;

  const ElementwiseUnit unit(op);
  const int64_t scalar_b = static_cast<int64_t>(s.ifm2.scalar_value) - s.ifm2.zero_point;
  for (int32_t y = 0; y < shape.height; ++y) {
    for (int32_t x = 0; x < shape.width; ++x) {
      for (int32_t c = 0; c < shape.depth; ++c) {
        Operands in;
        in.a = ifm.read(y, x, c) - s.ifm.zero_point;
        if (binary) {
          in.b = scalar ? scalar_b
                        : ifm2.read(y < shape2.height ? y : 0, x < shape2.width ? x : 0,
                                    c < shape2.depth ? c : 0) -
                              s.ifm2.zero_point;
          if (s.ifm2.operand_swap) std::swap(in.a, in.b);
        }
        ofm.write(y, x, c, stage.finish(unit.compute(in)));
      }
    }
  }
  if (ifm.access_fault() || ifm2.access_fault() || ofm.access_fault()) {
    return ExecResult::bus("feature-map access outside its region");
  }
  return ExecResult::success();
}

}  // namespace vnpu::sim
