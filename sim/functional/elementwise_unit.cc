#include "sim/functional/elementwise_unit.h"

#include "sim/functional/output_stage.h"

namespace vnpu::sim {
namespace {

using isa::ElementwiseMode;

int32_t pre_shift(int ifm_bits) { return ifm_bits == 8 ? 20 : (ifm_bits == 16 ? 15 : 0); }

int64_t count_leading_zeros(int64_t value) {
  uint32_t word = static_cast<uint32_t>(value);
  int64_t count = 0;
  for (uint32_t bit = 0x80000000u; bit != 0 && (word & bit) == 0; bit >>= 1) ++count;
  return count;
}

int32_t shift_amount(int64_t b) { return static_cast<int32_t>(saturate(b, 0, 31)); }

// Products and sums of the 64-bit datapath saturate where a stream's operands
// and multipliers would take them past 64 bits (never a signed overflow); no
// valid stream comes near.
int64_t multiply_saturating(int64_t a, int64_t b) {
  int64_t result = 0;
  if (!__builtin_mul_overflow(a, b, &result)) return result;
  return (a < 0) != (b < 0) ? INT64_MIN : INT64_MAX;
}

int64_t add_saturating(int64_t a, int64_t b) {
  int64_t result = 0;
  if (!__builtin_add_overflow(a, b, &result)) return result;
  return a < 0 ? INT64_MIN : INT64_MAX;
}

int64_t subtract_saturating(int64_t a, int64_t b) {
  int64_t result = 0;
  if (!__builtin_sub_overflow(a, b, &result)) return result;
  return a < 0 ? INT64_MIN : INT64_MAX;
}

}  // namespace

int64_t ElementwiseUnit::add_sub(Operands in) const {
  const int32_t p = pre_shift(s_.ifm.type.bits);
  int64_t a = in.a;
  int64_t b = in.b;
  int32_t rounding_shift = 0;
  switch (s_.ifm.scale_mode) {
    case isa::IfmScaleMode::kOpa32:
      a = scale_value(multiply_saturating(a, int64_t{1} << p), s_.opa_scale.multiplier,
                      s_.opa_scale.shift + p, s_.ifm.round_mode);
      b = p > 0 ? multiply_saturating(b, int64_t{1} << (p - 1)) : b;
      break;
    case isa::IfmScaleMode::kOpb32:
      b = scale_value(multiply_saturating(b, int64_t{1} << p), s_.opa_scale.multiplier,
                      s_.opa_scale.shift + p, s_.ifm.round_mode);
      a = p > 0 ? multiply_saturating(a, int64_t{1} << (p - 1)) : a;
      break;
    case isa::IfmScaleMode::kOpaOpb16:
    default:
      a = multiply_saturating(a, static_cast<int64_t>(s_.opa_scale.multiplier));
      b = multiply_saturating(b, static_cast<int64_t>(s_.opb_scale.multiplier));
      rounding_shift = s_.ifm.type.bits == 8 ? 4 : 0;
      break;
  }
  const int64_t sum = op_.elementwise_mode() == ElementwiseMode::kAdd ? add_saturating(a, b)
                                                                      : subtract_saturating(a, b);
  return scale_value(multiply_saturating(sum, int64_t{1} << rounding_shift),
                     s_.ofm_scale.multiplier, s_.ofm_scale.shift + rounding_shift,
                     s_.ofm.round_mode);
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
      return scale_value(in.a < 0 ? -in.a : in.a, scale.multiplier, scale.shift, s_.ofm.round_mode);
    case ElementwiseMode::kLrelu:
      return in.a >= 0 ? in.a : scale_value(in.a, scale.multiplier, scale.shift, s_.ofm.round_mode);
    case ElementwiseMode::kClz:
      return count_leading_zeros(in.a);
    case ElementwiseMode::kShl:
      return static_cast<int32_t>(static_cast<uint32_t>(in.a) << shift_amount(in.b));
    case ElementwiseMode::kShr:
    default:
      return shift_right_rounded(in.a, shift_amount(in.b), s_.ofm.round_mode);
  }
}

}  // namespace vnpu::sim
