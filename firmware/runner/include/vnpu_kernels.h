/* The firmware's CPU fallback: C11 ports of the int8 reference kernels in
 * kernels/ (fully_connected, conv2d, depthwise_conv2d, pooling, softmax,
 * add_sub's ADD, quant_math), bit-exact with them and so with TensorFlow Lite Micro's
 * reference kernels (the same "double rounding" requantization, the same
 * gemmlowp fixed point in softmax). tests/firmware/runner/kernels_test.cc runs
 * each against its C++ twin on random cases. Shapes are NHWC, 4-D unless said. */
#ifndef VNPU_KERNELS_H
#define VNPU_KERNELS_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* m ~= multiplier * 2^(shift - 31), multiplier in [2^30, 2^31) or 0. */
typedef struct vnpu_multiplier {
  int32_t multiplier;
  int32_t shift;
} vnpu_multiplier;

/* TFLite QuantizeMultiplier (kernels::quantize_multiplier): a non-finite input
 * gets multiplier 0 and shift INT32_MAX. */
vnpu_multiplier vnpu_quantize_multiplier(double real_multiplier);
int32_t vnpu_saturating_rounding_doubling_high_mul(int32_t a, int32_t b);
int32_t vnpu_rounding_divide_by_pot(int32_t x, int exponent);
int32_t vnpu_multiply_by_quantized_multiplier(int32_t x, int32_t multiplier, int shift);

typedef struct vnpu_conv_params {
  int32_t input_offset, output_offset;  /* -input zero point, output zero point */
  int32_t filter_offset;                /* fully connected per-tensor only */
  int32_t stride_h, stride_w, dilation_h, dilation_w, pad_top, pad_left;
  int32_t depth_multiplier;             /* depthwise only */
  int32_t activation_min, activation_max;
  bool per_channel;                     /* fully connected only */
} vnpu_conv_params;

/* input [batches, depth] (rows of filter_dims[1]), filter [out_depth, depth], bias may be NULL. */
void vnpu_s8_fully_connected(const vnpu_conv_params* p, const vnpu_multiplier* multipliers,
                             int32_t batches, int32_t depth, const int8_t* input,
                             int32_t output_depth, const int8_t* filter, const int32_t* bias,
                             int8_t* output);

/* filter [Cout, KH, KW, Cin/groups]. */
void vnpu_s8_conv2d(const vnpu_conv_params* p, const vnpu_multiplier* channel_multipliers,
                    const int32_t input_dims[4], const int8_t* input, const int32_t filter_dims[4],
                    const int8_t* filter, const int32_t* bias, const int32_t output_dims[4],
                    int8_t* output);

/* filter [1, KH, KW, Cin*M]. */
void vnpu_s8_depthwise_conv2d(const vnpu_conv_params* p,
                              const vnpu_multiplier* channel_multipliers,
                              const int32_t input_dims[4], const int8_t* input,
                              const int32_t filter_dims[4], const int8_t* filter,
                              const int32_t* bias, const int32_t output_dims[4], int8_t* output);

typedef struct vnpu_pool_params {
  int32_t stride_h, stride_w, filter_h, filter_w, pad_top, pad_left;
  int32_t activation_min, activation_max;
} vnpu_pool_params;

void vnpu_s8_average_pool2d(const vnpu_pool_params* p, const int32_t input_dims[4],
                            const int8_t* input, const int32_t output_dims[4], int8_t* output);

typedef struct vnpu_softmax_params {
  int32_t input_multiplier, input_left_shift, diff_min;
} vnpu_softmax_params;

/* kernels::make_s8_softmax_params: false when beta * input_scale * 2^26 <= 1. */
bool vnpu_make_s8_softmax_params(float input_scale, float beta, vnpu_softmax_params* p);

/* int8 -> int8 (scale 1/256, zero point -128) over rows of `depth`. */
void vnpu_s8_softmax(const vnpu_softmax_params* p, int32_t rows, int32_t depth,
                     const int8_t* input, int8_t* output);

typedef struct vnpu_add_params {
  int32_t input1_offset, input2_offset, output_offset, left_shift;
  vnpu_multiplier input1_multiplier, input2_multiplier, output_multiplier; /* shift <= 0 */
  int32_t activation_min, activation_max;
} vnpu_add_params;

/* kernels::make_s8_add_params (TFLM CalculateOpDataAdd, int8): the activation
 * range is left at [-128, 127]. */
vnpu_add_params vnpu_make_s8_add_params(float input1_scale, int32_t input1_zero_point,
                                        float input2_scale, int32_t input2_zero_point,
                                        float output_scale, int32_t output_zero_point);

/* Element-wise int8 ADD of two inputs of the same shape (no broadcasting). */
void vnpu_s8_add(const vnpu_add_params* p, uint32_t count, const int8_t* input1,
                 const int8_t* input2, int8_t* output);

#ifdef __cplusplus
}
#endif

#endif /* VNPU_KERNELS_H */
