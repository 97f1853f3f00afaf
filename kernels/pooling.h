// s8_average_pool2d and s8_max_pool2d: int8 (and s16_*: int16) 2-D pooling, bit-exact with
// TensorFlow Lite Micro's reference_integer_ops::AveragePool and MaxPool.
//
// Layouts: input [N,H,W,C], output [N,OH,OW,C]; input and output share their
// quantization. Each window is clipped to the input; the average divides by
// the number of taps inside it, rounding half away from zero.
#pragma once

#include <cstdint>

#include "kernels/dims.h"

namespace vnpu::kernels {

struct PoolParams {
  int32_t stride_h = 1;
  int32_t stride_w = 1;
  int32_t filter_h = 1;
  int32_t filter_w = 1;
  int32_t pad_top = 0;
  int32_t pad_left = 0;
  int32_t activation_min = -128;
  int32_t activation_max = 127;
};

// A window with no tap inside the input (impossible with TFLite's SAME/VALID
// padding, which prepare enforces) yields the clamped value 0.
void s8_average_pool2d(const PoolParams& params, const Dims& input_dims, const int8_t* input,
                       const Dims& output_dims, int8_t* output);

void s8_max_pool2d(const PoolParams& params, const Dims& input_dims, const int8_t* input,
                   const Dims& output_dims, int8_t* output);

// The int16 variants (TFLM's int16 AveragePool and MaxPool: the same loops).
void s16_average_pool2d(const PoolParams& params, const Dims& input_dims, const int16_t* input,
                        const Dims& output_dims, int16_t* output);

void s16_max_pool2d(const PoolParams& params, const Dims& input_dims, const int16_t* input,
                    const Dims& output_dims, int16_t* output);

}  // namespace vnpu::kernels
