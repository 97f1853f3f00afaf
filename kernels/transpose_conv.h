// s8_transpose_conv and s16_transpose_conv: transposed 2-D convolution with
// per-channel requantization, bit-exact with TensorFlow Lite Micro's
// reference_integer_ops::TransposeConv (int8, and the 16x8 variant).
//
// Layouts: input [N,H,W,Cin], filter [Cout,KH,KW,Cin], bias [Cout] (optional,
// nullptr), output [N,OH,OW,Cout]. Every input element is scattered into the
// output window at (in * stride - pad + k); taps outside the output are
// dropped. The sums are then biased, requantized per output channel and
// clamped. int8 sums in (wrapping) int32 with the input offset applied; int16
// (zero points 0) sums in int64 with an int64 bias (an int16 bias is widened
// by the caller's op) and uses TFLite's 64-bit requantization.
#pragma once

#include <cstdint>

#include "kernels/conv2d.h"
#include "kernels/dims.h"
#include "kernels/quant_math.h"

namespace vnpu::kernels {

// Uses ConvParams (dilation 1): input_offset, output_offset, strides, padding
// and the activation range. `accumulators` holds output_dims.flat_size()
// values (the scatter target, overwritten).
void s8_transpose_conv(const ConvParams& params, const QuantizedMultiplier* channel_multipliers,
                       const Dims& input_dims, const int8_t* input, const Dims& filter_dims,
                       const int8_t* filter, const int32_t* bias, const Dims& output_dims,
                       int8_t* output, int64_t* accumulators);

void s16_transpose_conv(const ConvParams& params, const QuantizedMultiplier* channel_multipliers,
                        const Dims& input_dims, const int16_t* input, const Dims& filter_dims,
                        const int8_t* filter, const int64_t* bias, const Dims& output_dims,
                        int16_t* output, int64_t* accumulators);

}  // namespace vnpu::kernels
