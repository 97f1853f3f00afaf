/* The gemmlowp fixed-point operations the softmax kernel uses (quant_math.c). */
#ifndef VNPU_FIXED_POINT_H
#define VNPU_FIXED_POINT_H

#include <stdint.h>

int32_t vnpu_fp_add(int32_t a, int32_t b); /* wrapping, as gemmlowp's raw int32 add */
int32_t vnpu_fp_sub(int32_t a, int32_t b);
int32_t vnpu_fp_saturating_shift_left(int32_t x, int exponent); /* exponent in [1, 30] */
/* exp(a) in Q0.31 for a <= 0 in Q5.26 (gemmlowp exp_on_negative_values<5>). */
int32_t vnpu_fp_exp_on_negative_values_q5(int32_t a);
/* 1 / (1 + a) in Q0.31 for a in [0, 1) in Q0.31. */
int32_t vnpu_fp_one_over_one_plus_x_q0(int32_t a);

#endif /* VNPU_FIXED_POINT_H */
