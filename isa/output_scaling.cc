#include "isa/output_scaling.h"

namespace vnpu::isa {
namespace {

__extension__ typedef __int128 Int128;

int64_t to_int64(Int128 value) {
  const Int128 kMax = static_cast<Int128>(INT64_MAX);
  const Int128 kMin = static_cast<Int128>(INT64_MIN);
  return static_cast<int64_t>(value > kMax ? kMax : (value < kMin ? kMin : value));
}

// scale_value in 64 bits when nothing can pass them: |value| < 2^31 and
// multiplier < 2^31 keep |product| < 2^62, and shift <= 62 keeps the rounding
// term <= 2^61 + 2^30, so every step equals its 128-bit form (the common case:
// an int32 accumulator and a TFLite multiplier).
bool fits_64_bits(int64_t value, uint32_t multiplier, int shift) {
  return value > INT32_MIN && value <= INT32_MAX && multiplier <= INT32_MAX && shift <= 62;
}

int64_t scale_value_64(int64_t value, uint32_t multiplier, int shift, RoundMode mode) {
  const int64_t product = value * static_cast<int64_t>(multiplier);
  if (shift <= 0) return product;
  const int64_t half = int64_t{1} << (shift - 1);
  switch (mode) {
    case RoundMode::kTruncate:
      return product >= 0 ? product >> shift : -((-product) >> shift);
    case RoundMode::kNatural:
      return (product + half) >> shift;
    case RoundMode::kDbl:
    default: {
      int64_t round = half;
      if (shift > 31) round += value >= 0 ? (int64_t{1} << 30) : -(int64_t{1} << 30);
      return (product + round) >> shift;
    }
  }
}

}  // namespace

int64_t scale_value(int64_t value, uint32_t multiplier, int shift, RoundMode mode) {
  if (fits_64_bits(value, multiplier, shift)) return scale_value_64(value, multiplier, shift, mode);
  const Int128 product = static_cast<Int128>(value) * static_cast<Int128>(multiplier);
  if (shift <= 0) return to_int64(product);
  const Int128 half = static_cast<Int128>(1) << (shift - 1);
  switch (mode) {
    case RoundMode::kTruncate:
      return to_int64(product >= 0 ? product >> shift : -((-product) >> shift));
    case RoundMode::kNatural:
      return to_int64((product + half) >> shift);
    case RoundMode::kDbl:
    default: {
      Int128 round = half;
      if (shift > 31) round += value >= 0 ? (Int128{1} << 30) : -(Int128{1} << 30);
      return to_int64((product + round) >> shift);
    }
  }
}

}  // namespace vnpu::isa
