/* Average pooling, softmax and ADD: C ports of kernels/pooling.cc, softmax.cc and
 * add_sub.cc (same shapes only). */
#include <math.h>

#include "fixed_point.h"
#include "include/vnpu_kernels.h"

static int32_t clamp_to(int32_t value, int32_t low, int32_t high) {
  return value < low ? low : (value > high ? high : value);
}

static int32_t max_i32(int32_t a, int32_t b) { return a > b ? a : b; }
static int32_t min_i32(int32_t a, int32_t b) { return a < b ? a : b; }

static int8_t average_of_window(const vnpu_pool_params* p, const int32_t dims[4],
                                const int8_t* input, int32_t b, int32_t y_origin,
                                int32_t x_origin, int32_t c) {
  const int32_t y_start = max_i32(0, -y_origin), y_end = min_i32(p->filter_h, dims[1] - y_origin);
  const int32_t x_start = max_i32(0, -x_origin), x_end = min_i32(p->filter_w, dims[2] - x_origin);
  int32_t sum = 0, count = 0;
  for (int32_t fy = y_start; fy < y_end; ++fy) {
    for (int32_t fx = x_start; fx < x_end; ++fx) {
      sum += input[((b * dims[1] + y_origin + fy) * dims[2] + x_origin + fx) * dims[3] + c];
      ++count;
    }
  }
  int32_t average = 0;
  if (count > 0) average = sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count;
  return (int8_t)clamp_to(average, p->activation_min, p->activation_max);
}

void vnpu_s8_average_pool2d(const vnpu_pool_params* p, const int32_t input_dims[4],
                            const int8_t* input, const int32_t output_dims[4], int8_t* output) {
  for (int32_t b = 0; b < output_dims[0]; ++b) {
    for (int32_t out_y = 0; out_y < output_dims[1]; ++out_y) {
      for (int32_t out_x = 0; out_x < output_dims[2]; ++out_x) {
        const int32_t y_origin = out_y * p->stride_h - p->pad_top;
        const int32_t x_origin = out_x * p->stride_w - p->pad_left;
        for (int32_t c = 0; c < output_dims[3]; ++c) {
          output[((b * output_dims[1] + out_y) * output_dims[2] + out_x) * output_dims[3] + c] =
              average_of_window(p, input_dims, input, b, y_origin, x_origin, c);
        }
      }
    }
  }
}

enum { kScaledDiffIntegerBits = 5, kAccumulationIntegerBits = 12 };

bool vnpu_make_s8_softmax_params(float input_scale, float beta, vnpu_softmax_params* p) {
  const double max_real_multiplier = (double)((1LL << 31) - 1);
  double real_multiplier =
      (double)beta * (double)input_scale * (double)(1 << (31 - kScaledDiffIntegerBits));
  if (real_multiplier > max_real_multiplier) real_multiplier = max_real_multiplier;
  if (!(real_multiplier > 1.0)) return false;
  const vnpu_multiplier m = vnpu_quantize_multiplier(real_multiplier);
  p->input_multiplier = m.multiplier;
  p->input_left_shift = m.shift;
  const double max_input_rescaled = 1.0 * ((1 << kScaledDiffIntegerBits) - 1) *
                                    (double)(1LL << (31 - kScaledDiffIntegerBits)) /
                                    (double)(1LL << m.shift);
  p->diff_min = -(int32_t)floor(max_input_rescaled);
  return true;
}

static int32_t exp_of_diff(int32_t diff, const vnpu_softmax_params* p) {
  const int32_t rescaled =
      vnpu_multiply_by_quantized_multiplier(diff, p->input_multiplier, p->input_left_shift);
  return vnpu_fp_exp_on_negative_values_q5(rescaled);
}

static int count_leading_zeros(uint32_t x) {
  int zeros = 0;
  for (uint32_t bit = 1u << 31; bit != 0u && (x & bit) == 0u; bit >>= 1) ++zeros;
  return zeros;
}

static void softmax_row(const vnpu_softmax_params* p, int32_t depth, const int8_t* in,
                        int8_t* out) {
  int8_t max_in_row = INT8_MIN;
  for (int32_t c = 0; c < depth; ++c) max_in_row = in[c] > max_in_row ? in[c] : max_in_row;
  int32_t sum_of_exps = 0;
  for (int32_t c = 0; c < depth; ++c) {
    const int32_t diff = (int32_t)in[c] - max_in_row;
    if (diff >= p->diff_min) {
      sum_of_exps = vnpu_fp_add(sum_of_exps, vnpu_rounding_divide_by_pot(exp_of_diff(diff, p),
                                                                        kAccumulationIntegerBits));
    }
  }
  const int headroom_plus_one = count_leading_zeros((uint32_t)sum_of_exps);
  const int num_bits_over_unit = kAccumulationIntegerBits - headroom_plus_one;
  const int32_t shifted_sum_minus_one =
      (int32_t)(((uint32_t)sum_of_exps << headroom_plus_one) - (1u << 31));
  const int32_t shifted_scale = vnpu_fp_one_over_one_plus_x_q0(shifted_sum_minus_one);
  const int exponent = num_bits_over_unit + 31 - 8;
  for (int32_t c = 0; c < depth; ++c) {
    const int32_t diff = (int32_t)in[c] - max_in_row;
    if (diff < p->diff_min) {
      out[c] = INT8_MIN;
      continue;
    }
    const int32_t product =
        vnpu_saturating_rounding_doubling_high_mul(shifted_scale, exp_of_diff(diff, p));
    const int32_t unsaturated = exponent <= 31 ? vnpu_rounding_divide_by_pot(product, exponent) : 0;
    out[c] = (int8_t)clamp_to(unsaturated + INT8_MIN, INT8_MIN, INT8_MAX);
  }
}

void vnpu_s8_softmax(const vnpu_softmax_params* p, int32_t rows, int32_t depth,
                     const int8_t* input, int8_t* output) {
  for (int32_t row = 0; row < rows; ++row) {
    softmax_row(p, depth, input + row * depth, output + row * depth);
  }
}

vnpu_add_params vnpu_make_s8_add_params(float input1_scale, int32_t input1_zero_point,
                                        float input2_scale, int32_t input2_zero_point,
                                        float output_scale, int32_t output_zero_point) {
  vnpu_add_params p;
  p.input1_offset = -input1_zero_point;
  p.input2_offset = -input2_zero_point;
  p.output_offset = output_zero_point;
  p.left_shift = 20;
  p.activation_min = -128;
  p.activation_max = 127;
  const double twice_max_input_scale =
      2 * (double)(input1_scale > input2_scale ? input1_scale : input2_scale);
  p.input1_multiplier = vnpu_quantize_multiplier((double)input1_scale / twice_max_input_scale);
  p.input2_multiplier = vnpu_quantize_multiplier((double)input2_scale / twice_max_input_scale);
  p.output_multiplier = vnpu_quantize_multiplier(
      twice_max_input_scale / ((double)(1 << p.left_shift) * (double)output_scale));
  return p;
}

static int32_t rescale_add_input(int32_t value, int32_t offset, int32_t left_shift,
                                 vnpu_multiplier m) {
  const int32_t shifted = (offset + value) * (1 << left_shift);
  return vnpu_multiply_by_quantized_multiplier(shifted, m.multiplier, m.shift);
}

void vnpu_s8_add(const vnpu_add_params* p, uint32_t count, const int8_t* input1,
                 const int8_t* input2, int8_t* output) {
  for (uint32_t i = 0; i < count; ++i) {
    const int32_t scaled1 =
        rescale_add_input(input1[i], p->input1_offset, p->left_shift, p->input1_multiplier);
    const int32_t scaled2 =
        rescale_add_input(input2[i], p->input2_offset, p->left_shift, p->input2_multiplier);
    const int32_t sum = vnpu_multiply_by_quantized_multiplier(
                            scaled1 + scaled2, p->output_multiplier.multiplier,
                            p->output_multiplier.shift) +
                        p->output_offset;
    output[i] = (int8_t)clamp_to(sum, p->activation_min, p->activation_max);
  }
}
