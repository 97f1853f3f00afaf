#include "kernels/conv2d.h"

namespace vnpu::kernels {
namespace {

// The exact sum of one output of a 16x8 convolution, without bias.
int64_t s16_conv2d_sum(const ConvParams& params, const Dims& input_dims, const int16_t* input,
                       const Dims& filter_dims, const int8_t* filter, int32_t b, int32_t out_y,
                       int32_t out_x, int32_t out_c, int32_t in_c_base) {
  const int32_t in_y_origin = out_y * params.stride_h - params.pad_top;
  const int32_t in_x_origin = out_x * params.stride_w - params.pad_left;
  const int32_t filter_depth = filter_dims[3];
  int64_t acc = 0;
  for (int32_t ky = 0; ky < filter_dims[1]; ++ky) {
    const int32_t in_y = in_y_origin + params.dilation_h * ky;
    if (in_y < 0 || in_y >= input_dims[1]) continue;
    for (int32_t kx = 0; kx < filter_dims[2]; ++kx) {
      const int32_t in_x = in_x_origin + params.dilation_w * kx;
      if (in_x < 0 || in_x >= input_dims[2]) continue;
      const int16_t* in_row = input + input_dims.offset(b, in_y, in_x, in_c_base);
      const int8_t* filter_row = filter + filter_dims.offset(out_c, ky, kx, 0);
      for (int32_t c = 0; c < filter_depth; ++c) {
        acc += int64_t{filter_row[c]} * in_row[c];
      }
    }
  }
  return acc;
}

template <typename Bias>
void s16_conv2d_with(const ConvParams& params, const QuantizedMultiplier* channel_multipliers,
                     const Dims& input_dims, const int16_t* input, const Dims& filter_dims,
                     const int8_t* filter, const Bias* bias, const Dims& output_dims,
                     int16_t* output) {
  const int32_t filter_depth = filter_dims[3];
  const int32_t output_depth = output_dims[3];
  const int32_t filters_per_group = output_depth / (input_dims[3] / filter_depth);
  for (int32_t b = 0; b < input_dims[0]; ++b) {
    for (int32_t out_y = 0; out_y < output_dims[1]; ++out_y) {
      for (int32_t out_x = 0; out_x < output_dims[2]; ++out_x) {
        for (int32_t out_c = 0; out_c < output_depth; ++out_c) {
          const int32_t in_c_base = (out_c / filters_per_group) * filter_depth;
          int64_t acc = s16_conv2d_sum(params, input_dims, input, filter_dims, filter, b, out_y,
                                       out_x, out_c, in_c_base);
          if (bias != nullptr) acc = wrapping_add(acc, bias[out_c]);
          const int32_t scaled = requantize_accumulator<Bias>(acc, channel_multipliers[out_c]);
          output[output_dims.offset(b, out_y, out_x, out_c)] = static_cast<int16_t>(
              clamp_to(scaled, params.activation_min, params.activation_max));
        }
      }
    }
  }
}

}  // namespace

void s16_conv2d(const ConvParams& params, const QuantizedMultiplier* channel_multipliers,
                const Dims& input_dims, const int16_t* input, const Dims& filter_dims,
                const int8_t* filter, const int64_t* bias, const Dims& output_dims,
                int16_t* output) {
  s16_conv2d_with(params, channel_multipliers, input_dims, input, filter_dims, filter, bias,
                  output_dims, output);
}

void s16_conv2d(const ConvParams& params, const QuantizedMultiplier* channel_multipliers,
                const Dims& input_dims, const int16_t* input, const Dims& filter_dims,
                const int8_t* filter, const int32_t* bias, const Dims& output_dims,
                int16_t* output) {
  s16_conv2d_with(params, channel_multipliers, input_dims, input, filter_dims, filter, bias,
                  output_dims, output);
}

void s8_conv2d(const ConvParams& params, const QuantizedMultiplier* channel_multipliers,
               const Dims& input_dims, const int8_t* input, const Dims& filter_dims,
               const int8_t* filter, const int32_t* bias, const Dims& output_dims,
               int8_t* output) {
  const int32_t batches = input_dims[0];
  const int32_t input_h = input_dims[1];
  const int32_t input_w = input_dims[2];
  const int32_t input_depth = input_dims[3];
  const int32_t filter_h = filter_dims[1];
  const int32_t filter_w = filter_dims[2];
  const int32_t filter_depth = filter_dims[3];
  const int32_t output_h = output_dims[1];
  const int32_t output_w = output_dims[2];
  const int32_t output_depth = output_dims[3];
  const int32_t groups = input_depth / filter_depth;
  const int32_t filters_per_group = output_depth / groups;

  for (int32_t b = 0; b < batches; ++b) {
    for (int32_t out_y = 0; out_y < output_h; ++out_y) {
      const int32_t in_y_origin = out_y * params.stride_h - params.pad_top;
      for (int32_t out_x = 0; out_x < output_w; ++out_x) {
        const int32_t in_x_origin = out_x * params.stride_w - params.pad_left;
        for (int32_t out_c = 0; out_c < output_depth; ++out_c) {
          const int32_t in_c_base = (out_c / filters_per_group) * filter_depth;
          // TFLite accumulates in int32 (wrapping); summing in int64 and
          // truncating gives the same bits without signed overflow.
          int64_t acc = 0;
          for (int32_t ky = 0; ky < filter_h; ++ky) {
            const int32_t in_y = in_y_origin + params.dilation_h * ky;
            if (in_y < 0 || in_y >= input_h) continue;
            for (int32_t kx = 0; kx < filter_w; ++kx) {
              const int32_t in_x = in_x_origin + params.dilation_w * kx;
              if (in_x < 0 || in_x >= input_w) continue;
              const int8_t* in_row = input + input_dims.offset(b, in_y, in_x, in_c_base);
              const int8_t* filter_row = filter + filter_dims.offset(out_c, ky, kx, 0);
              for (int32_t c = 0; c < filter_depth; ++c) {
                acc += static_cast<int32_t>(filter_row[c]) * (in_row[c] + params.input_offset);
              }
            }
          }
          if (bias != nullptr) acc += bias[out_c];
          const int32_t scaled =
              multiply_by_quantized_multiplier(static_cast<int32_t>(acc), channel_multipliers[out_c]);
          // Widen and truncate: TFLite's int32 add wraps, ours must not overflow.
          const auto value = static_cast<int32_t>(int64_t{scaled} + params.output_offset);
          output[output_dims.offset(b, out_y, out_x, out_c)] = static_cast<int8_t>(
              clamp_to(value, params.activation_min, params.activation_max));
        }
      }
    }
  }
}

}  // namespace vnpu::kernels
