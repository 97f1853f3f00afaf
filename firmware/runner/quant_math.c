/* Requantization (kernels/quant_math.cc) and the gemmlowp fixed point that
 * softmax needs (gemmlowp/fixedpoint/fixedpoint.h, int32 scalar paths), in C. */
#include <math.h>
#include <stdint.h>

#include "fixed_point.h"
#include "include/vnpu_kernels.h"

vnpu_multiplier vnpu_quantize_multiplier(double real_multiplier) {
  vnpu_multiplier result = {0, 0};
  if (real_multiplier == 0.0) return result;
  if (!isfinite(real_multiplier)) {
    result.shift = INT32_MAX;
    return result;
  }
  int exponent = 0;
  const double significand = frexp(real_multiplier, &exponent);
  int64_t fixed = (int64_t)round(significand * (double)(1LL << 31));
  if (fixed == (1LL << 31)) {
    fixed /= 2;
    ++exponent;
  }
  if (exponent < -31) {
    exponent = 0;
    fixed = 0;
  }
  result.multiplier = (int32_t)fixed;
  result.shift = exponent;
  return result;
}

int32_t vnpu_saturating_rounding_doubling_high_mul(int32_t a, int32_t b) {
  if (a == b && a == INT32_MIN) return INT32_MAX;
  const int64_t ab = (int64_t)a * (int64_t)b;
  const int64_t nudge = ab >= 0 ? (1LL << 30) : (1LL - (1LL << 30));
  return (int32_t)((ab + nudge) / (1LL << 31));
}

int32_t vnpu_rounding_divide_by_pot(int32_t x, int exponent) {
  const int32_t mask = (int32_t)((1LL << exponent) - 1);
  const int32_t remainder = x & mask;
  const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

int32_t vnpu_multiply_by_quantized_multiplier(int32_t x, int32_t multiplier, int shift) {
  const int left_shift = shift > 0 ? shift : 0;
  const int right_shift = shift > 0 ? 0 : -shift;
  const int32_t shifted = (int32_t)((uint32_t)x << left_shift);
  return vnpu_rounding_divide_by_pot(
      vnpu_saturating_rounding_doubling_high_mul(shifted, multiplier), right_shift);
}

int32_t vnpu_fp_add(int32_t a, int32_t b) { return (int32_t)((uint32_t)a + (uint32_t)b); }

int32_t vnpu_fp_sub(int32_t a, int32_t b) { return (int32_t)((uint32_t)a - (uint32_t)b); }

int32_t vnpu_fp_saturating_shift_left(int32_t x, int exponent) {
  const int32_t threshold = (int32_t)((1LL << (31 - exponent)) - 1);
  if (x > threshold) return INT32_MAX;
  if (x < -threshold) return INT32_MIN;
  return (int32_t)((uint32_t)x << exponent);
}

/* gemmlowp exp_on_interval_between_negative_one_quarter_and_0_excl (Q0.31). */
static int32_t exp_on_quarter_interval(int32_t a) {
  const int32_t constant_term = 1895147668;     /* exp(-1/8) */
  const int32_t constant_1_over_3 = 715827883;  /* 1/3 */
  const int32_t x = vnpu_fp_add(a, 1 << 28);
  const int32_t x2 = vnpu_saturating_rounding_doubling_high_mul(x, x);
  const int32_t x3 = vnpu_saturating_rounding_doubling_high_mul(x2, x);
  const int32_t x4 = vnpu_saturating_rounding_doubling_high_mul(x2, x2);
  const int32_t x4_over_4 = vnpu_rounding_divide_by_pot(x4, 2);
  const int32_t sum = vnpu_fp_add(
      vnpu_saturating_rounding_doubling_high_mul(vnpu_fp_add(x4_over_4, x3), constant_1_over_3),
      x2);
  const int32_t polynomial = vnpu_rounding_divide_by_pot(sum, 1);
  return vnpu_fp_add(constant_term, vnpu_saturating_rounding_doubling_high_mul(
                                        constant_term, vnpu_fp_add(x, polynomial)));
}

int32_t vnpu_fp_exp_on_negative_values_q5(int32_t a) {
  static const int32_t kMultipliers[7] = {1672461947, 1302514674, 790015084, 290630308,
                                          39332535,   720401,     242};
  const int32_t one_quarter = 1 << 24;
  const int32_t mask = one_quarter - 1;
  const int32_t a_mod_quarter_minus_one_quarter = vnpu_fp_sub(a & mask, one_quarter);
  int32_t result =
      exp_on_quarter_interval(vnpu_fp_saturating_shift_left(a_mod_quarter_minus_one_quarter, 5));
  const int32_t remainder = vnpu_fp_sub(a_mod_quarter_minus_one_quarter, a);
  for (int i = 0; i < 7; ++i) {
    /* exponents -2..4: bit 26 + exponent of the remainder */
    if ((remainder & (int32_t)(1u << (24 + i))) != 0) {
      result = vnpu_saturating_rounding_doubling_high_mul(result, kMultipliers[i]);
    }
  }
  return a == 0 ? INT32_MAX : result;
}

int32_t vnpu_fp_one_over_one_plus_x_q0(int32_t a) {
  const int64_t sum64 = (int64_t)a + (int64_t)INT32_MAX;
  const int32_t half_denominator = (int32_t)((sum64 + (sum64 >= 0 ? 1 : -1)) / 2);
  const int32_t constant_48_over_17 = 1515870810;
  const int32_t constant_neg_32_over_17 = -1010580540;
  const int32_t one_q2 = 1 << 29;
  int32_t x = vnpu_fp_add(constant_48_over_17, vnpu_saturating_rounding_doubling_high_mul(
                                                   half_denominator, constant_neg_32_over_17));
  for (int i = 0; i < 3; ++i) {
    const int32_t half_denominator_times_x =
        vnpu_saturating_rounding_doubling_high_mul(half_denominator, x);
    const int32_t one_minus = vnpu_fp_sub(one_q2, half_denominator_times_x);
    x = vnpu_fp_add(x, vnpu_fp_saturating_shift_left(
                           vnpu_saturating_rounding_doubling_high_mul(x, one_minus), 2));
  }
  return vnpu_fp_saturating_shift_left(x, 1);
}
