// s8_conv2d: int8 2-D convolution with per-channel requantization, bit-exact
// with TensorFlow Lite Micro's reference_integer_ops::ConvPerChannel.
//
// Layouts: input [N,H,W,Cin], filter [Cout,KH,KW,Cin/groups], bias [Cout]
// (optional, nullptr), output [N,OH,OW,Cout]. Grouped convolution is
// implied when Cin is a multiple of the filter's input depth. Taps outside the
// input are skipped (zero padding in the real domain).
#pragma once

#include <cstdint>

#include "kernels/dims.h"
#include "kernels/quant_math.h"

namespace vnpu::kernels {

struct ConvParams {
  int32_t input_offset = 0;   // -input zero point
  int32_t output_offset = 0;  // output zero point
  int32_t stride_h = 1;
  int32_t stride_w = 1;
  int32_t dilation_h = 1;
  int32_t dilation_w = 1;
  int32_t pad_top = 0;
  int32_t pad_left = 0;
  int32_t activation_min = -128;
  int32_t activation_max = 127;
};

// `channel_multipliers` holds one requantization multiplier per output channel.
void s8_conv2d(const ConvParams& params, const QuantizedMultiplier* channel_multipliers,
               const Dims& input_dims, const int8_t* input, const Dims& filter_dims,
               const int8_t* filter, const int32_t* bias, const Dims& output_dims,
               int8_t* output);

// s16_conv2d: the 16x8 variant (TFLM's int16 ConvPerChannel<AccumScalar>):
// int16 input and output with zero point 0 (input_offset and output_offset
// are ignored), int8 filter. The bias type sets the accumulator: int64 (also
// without a bias: pass a null int64 pointer), or int32 with an int32 bias.
void s16_conv2d(const ConvParams& params, const QuantizedMultiplier* channel_multipliers,
                const Dims& input_dims, const int16_t* input, const Dims& filter_dims,
                const int8_t* filter, const int64_t* bias, const Dims& output_dims,
                int16_t* output);
void s16_conv2d(const ConvParams& params, const QuantizedMultiplier* channel_multipliers,
                const Dims& input_dims, const int16_t* input, const Dims& filter_dims,
                const int8_t* filter, const int32_t* bias, const Dims& output_dims,
                int16_t* output);

}  // namespace vnpu::kernels
