#include "kernels/quant_math.h"

#include <gemmlowp/fixedpoint/fixedpoint.h>

#include <cmath>
#include <limits>

namespace vnpu::kernels {

QuantizedMultiplier quantize_multiplier(double real_multiplier) {
  QuantizedMultiplier result;
  if (real_multiplier == 0.0) return result;
  if (!std::isfinite(real_multiplier)) {  // no Q31 form: a shift every range check refuses
    result.shift = std::numeric_limits<int32_t>::max();
    return result;
  }
  int exponent = 0;
  const double significand = std::frexp(real_multiplier, &exponent);
  auto fixed = static_cast<int64_t>(std::round(significand * static_cast<double>(1LL << 31)));
  if (fixed == (1LL << 31)) {
    fixed /= 2;
    ++exponent;
  }
  if (exponent < -31) {
    exponent = 0;
    fixed = 0;
  }
  result.multiplier = static_cast<int32_t>(fixed);
  result.shift = exponent;
  return result;
}

int32_t saturating_rounding_doubling_high_mul(int32_t a, int32_t b) {
  return gemmlowp::SaturatingRoundingDoublingHighMul(a, b);
}

int32_t rounding_divide_by_pot(int32_t x, int exponent) {
  return gemmlowp::RoundingDivideByPOT(x, exponent);
}

int32_t multiply_by_quantized_multiplier(int32_t x, int32_t multiplier, int shift) {
  const int left_shift = shift > 0 ? shift : 0;
  const int right_shift = shift > 0 ? 0 : -shift;
  // TFLite multiplies in int32; do the same modulo 2^32 without signed overflow.
  const auto shifted = static_cast<int32_t>(static_cast<uint32_t>(x) << left_shift);
  return rounding_divide_by_pot(saturating_rounding_doubling_high_mul(shifted, multiplier),
                                right_shift);
}

int32_t multiply_by_quantized_multiplier_64(int64_t x, QuantizedMultiplier m) {
  const int32_t reduced = reduced_multiplier_q15(m.multiplier);
  const int total_shift = 15 - m.shift;
  // TFLite assumes |x| < 2^47; an int64 bias can break that, so the product
  // wraps modulo 2^64 here instead of overflowing.
  const auto rounded = static_cast<int64_t>(static_cast<uint64_t>(x) * static_cast<uint64_t>(reduced) +
                                            (uint64_t{1} << (total_shift - 1)));
  return static_cast<int32_t>(rounded >> total_shift);
}

}  // namespace vnpu::kernels
