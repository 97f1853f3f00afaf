// Integer requantization exactly as TensorFlow Lite computes it (default
// "double rounding" build: TFLITE_SINGLE_ROUNDING not defined).
//
// A real multiplier m is stored as a Q31 significand and a power-of-two
// exponent, m ~= multiplier * 2^(shift - 31); shift > 0 means a left shift.
// The fixed-point primitives come from gemmlowp (Debian libgemmlowp-dev),
// which is the code TensorFlow Lite itself uses, so rounding ties match.
#pragma once

#include <cstdint>

namespace vnpu::kernels {

struct QuantizedMultiplier {
  int32_t multiplier = 0;  // Q31 significand in [2^30, 2^31), or 0
  int32_t shift = 0;       // power of two; > 0 left, < 0 right
};

// TFLite QuantizeMultiplier: frexp, round half away from zero to Q31, exponents
// below -31 flush to zero. A non-finite multiplier (a scale ratio that overflowed)
// has no Q31 form: it gets multiplier 0 and shift INT32_MAX, which range checks refuse.
QuantizedMultiplier quantize_multiplier(double real_multiplier);

// High 32 bits of 2*a*b, rounded half away from zero; saturates INT32_MIN*INT32_MIN.
int32_t saturating_rounding_doubling_high_mul(int32_t a, int32_t b);

// x / 2^exponent rounded half away from zero, exponent in [0, 31].
int32_t rounding_divide_by_pot(int32_t x, int exponent);

// TFLite MultiplyByQuantizedMultiplier: x * 2^max(shift,0) (wrapping like
// TFLite's int32 multiply), high-mul, then rounding right shift by max(-shift,0).
int32_t multiply_by_quantized_multiplier(int32_t x, int32_t multiplier, int shift);

inline int32_t multiply_by_quantized_multiplier(int32_t x, QuantizedMultiplier m) {
  return multiply_by_quantized_multiplier(x, m.multiplier, m.shift);
}

// TFLite MultiplyByQuantizedMultiplier for an int64 accumulator (the 16x8
// kernels with an int64 bias): the multiplier rounded to Q15, one rounding
// right shift by 15 - shift; the result truncated to int32.
int32_t multiply_by_quantized_multiplier_64(int64_t x, QuantizedMultiplier m);

// The Q15 multiplier of multiply_by_quantized_multiplier_64: the Q31 one
// rounded to 16 bits, 0x7FFF where that rounding would reach 2^15.
inline int32_t reduced_multiplier_q15(int32_t multiplier) {
  return multiplier < 0x7FFF0000 ? (multiplier + (1 << 15)) >> 16 : 0x7FFF;
}

// TFLite's requantization of an accumulator of type Accumulator, picked by
// overload resolution: the 16x8 kernels accumulate in their bias type (int64
// with an int64 bias or none, int32 with an int32 bias), BATCH_MATMUL in int32
// (int8) or int64 (int16). `wide_sum` is the exact sum; the int32 variant
// truncates it first (TFLite's wrapping int32 accumulator).
template <typename Accumulator>
int32_t requantize_accumulator(int64_t wide_sum, QuantizedMultiplier m) {
  if constexpr (sizeof(Accumulator) == 8) {
    return multiply_by_quantized_multiplier_64(wide_sum, m);
  } else {
    return multiply_by_quantized_multiplier(static_cast<int32_t>(wide_sum), m);
  }
}

// a + b modulo 2^64 (an int64 bias may be anything; TFLite's sum would overflow).
inline int64_t wrapping_add(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b));
}

// a + b modulo 2^32: TFLite's int32 sums that wrap on every target it runs on (SVDF).
inline int32_t wrapping_add_int32(int32_t a, int64_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) + static_cast<uint32_t>(b));
}

inline int32_t clamp_to(int32_t value, int32_t low, int32_t high) {
  return value < low ? low : (value > high ? high : value);
}

}  // namespace vnpu::kernels
