// s8_log_softmax: int8 LOG_SOFTMAX over the last dimension, bit-exact with
// TensorFlow Lite Micro (log_softmax.cc, reference_ops::LogSoftmaxQuantized):
// per row d = x - max(row); d >= diff_min rescaled to Q5.26 (softmax's input
// multiplier with beta 1), exp_on_negative_values summed in Q12.19, the log of
// the sum from TFLite's log_x_for_x_greater_than_or_equal_to_1 in Q5.26; each
// d above max(diff_min - 1, the reverse-scaled log-sum threshold) gives
// (d_q5 - log_sum) / 2^22 + 127, clamped, the others -128. The output
// quantization is fixed: scale 16/256, zero point 127.
#pragma once

#include <cstdint>

#include "kernels/dims.h"
#include "kernels/quant_math.h"

namespace vnpu::kernels {

struct LogSoftmaxParams {
  int32_t input_multiplier = 0;  // Q31 significand of input_scale * 2^26
  int32_t input_left_shift = 0;  // >= 0
  QuantizedMultiplier reverse_scaling;  // 2^(31 - left_shift) / input_multiplier, shift <= 0
  int32_t diff_min = 0;
};

// TFLM PreprocessLogSoftmaxScalingExp with beta 1 and 5 integer bits; false
// when input_scale * 2^26 <= 1 (TFLM's QuantizeMultiplierGreaterThanOne fails).
bool make_s8_log_softmax_params(float input_scale, LogSoftmaxParams* params);

void s8_log_softmax(const LogSoftmaxParams& params, const Dims& dims, const int8_t* input,
                    const Dims& output_dims, int8_t* output);

}  // namespace vnpu::kernels
