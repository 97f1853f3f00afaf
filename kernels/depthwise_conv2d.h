// s8_depthwise_conv2d: int8 depthwise convolution with per-channel
// requantization, bit-exact with TensorFlow Lite Micro's
// reference_integer_ops::DepthwiseConvPerChannel.
//
// Layouts: input [N,H,W,Cin], filter [1,KH,KW,Cin*M], bias [Cin*M] (optional,
// nullptr), output [N,OH,OW,Cin*M]. Output channel c*M + m reads input
// channel c (M = depth multiplier).
#pragma once

#include <cstdint>

#include "kernels/dims.h"
#include "kernels/quant_math.h"

namespace vnpu::kernels {

struct DepthwiseConvParams {
  int32_t input_offset = 0;   // -input zero point
  int32_t output_offset = 0;  // output zero point
  int32_t stride_h = 1;
  int32_t stride_w = 1;
  int32_t dilation_h = 1;
  int32_t dilation_w = 1;
  int32_t pad_top = 0;
  int32_t pad_left = 0;
  int32_t depth_multiplier = 1;
  int32_t activation_min = -128;
  int32_t activation_max = 127;
};

void s8_depthwise_conv2d(const DepthwiseConvParams& params,
                         const QuantizedMultiplier* channel_multipliers, const Dims& input_dims,
                         const int8_t* input, const Dims& filter_dims, const int8_t* filter,
                         const int32_t* bias, const Dims& output_dims, int8_t* output);

// s16_depthwise_conv2d: the 16x8 variant (TFLM's int16 DepthwiseConvPerChannel):
// int16 input and output with zero point 0 (the offsets are ignored), int8
// filter, int64 bias (TFLM reads the int16 kernel's bias as int64 only),
// int64 accumulator.
void s16_depthwise_conv2d(const DepthwiseConvParams& params,
                          const QuantizedMultiplier* channel_multipliers, const Dims& input_dims,
                          const int16_t* input, const Dims& filter_dims, const int8_t* filter,
                          const int64_t* bias, const Dims& output_dims, int16_t* output);

}  // namespace vnpu::kernels
