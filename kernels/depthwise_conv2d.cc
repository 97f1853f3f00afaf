#include "kernels/depthwise_conv2d.h"

namespace vnpu::kernels {

void s8_depthwise_conv2d(const DepthwiseConvParams& params,
                         const QuantizedMultiplier* channel_multipliers, const Dims& input_dims,
                         const int8_t* input, const Dims& filter_dims, const int8_t* filter,
                         const int32_t* bias, const Dims& output_dims, int8_t* output) {
  const int32_t batches = input_dims[0];
  const int32_t input_h = input_dims[1];
  const int32_t input_w = input_dims[2];
  const int32_t input_depth = input_dims[3];
  const int32_t filter_h = filter_dims[1];
  const int32_t filter_w = filter_dims[2];
  const int32_t output_h = output_dims[1];
  const int32_t output_w = output_dims[2];

  for (int32_t b = 0; b < batches; ++b) {
    for (int32_t out_y = 0; out_y < output_h; ++out_y) {
      const int32_t in_y_origin = out_y * params.stride_h - params.pad_top;
      for (int32_t out_x = 0; out_x < output_w; ++out_x) {
        const int32_t in_x_origin = out_x * params.stride_w - params.pad_left;
        for (int32_t in_c = 0; in_c < input_depth; ++in_c) {
          for (int32_t m = 0; m < params.depth_multiplier; ++m) {
            const int32_t out_c = in_c * params.depth_multiplier + m;
            // int64 sum truncated to int32 = TFLite's wrapping int32 accumulator.
            int64_t acc = 0;
            for (int32_t ky = 0; ky < filter_h; ++ky) {
              const int32_t in_y = in_y_origin + params.dilation_h * ky;
              if (in_y < 0 || in_y >= input_h) continue;
              for (int32_t kx = 0; kx < filter_w; ++kx) {
                const int32_t in_x = in_x_origin + params.dilation_w * kx;
                if (in_x < 0 || in_x >= input_w) continue;
                const int32_t in_value = input[input_dims.offset(b, in_y, in_x, in_c)];
                const int32_t filter_value = filter[filter_dims.offset(0, ky, kx, out_c)];
                acc += filter_value * (in_value + params.input_offset);
              }
            }
            if (bias != nullptr) acc += bias[out_c];
            const int32_t scaled = multiply_by_quantized_multiplier(static_cast<int32_t>(acc),
                                                                    channel_multipliers[out_c]);
            // Widen and truncate: TFLite's int32 add wraps, ours must not overflow.
            const auto value = static_cast<int32_t>(int64_t{scaled} + params.output_offset);
            output[output_dims.offset(b, out_y, out_x, out_c)] = static_cast<int8_t>(
                clamp_to(value, params.activation_min, params.activation_max));
          }
        }
      }
    }
  }
}

void s16_depthwise_conv2d(const DepthwiseConvParams& params,
                          const QuantizedMultiplier* channel_multipliers, const Dims& input_dims,
                          const int16_t* input, const Dims& filter_dims, const int8_t* filter,
                          const int64_t* bias, const Dims& output_dims, int16_t* output) {
  for (int32_t b = 0; b < input_dims[0]; ++b) {
    for (int32_t out_y = 0; out_y < output_dims[1]; ++out_y) {
      const int32_t in_y_origin = out_y * params.stride_h - params.pad_top;
      for (int32_t out_x = 0; out_x < output_dims[2]; ++out_x) {
        const int32_t in_x_origin = out_x * params.stride_w - params.pad_left;
        for (int32_t out_c = 0; out_c < output_dims[3]; ++out_c) {
          const int32_t in_c = out_c / params.depth_multiplier;
          int64_t acc = 0;
          for (int32_t ky = 0; ky < filter_dims[1]; ++ky) {
            const int32_t in_y = in_y_origin + params.dilation_h * ky;
            if (in_y < 0 || in_y >= input_dims[1]) continue;
            for (int32_t kx = 0; kx < filter_dims[2]; ++kx) {
              const int32_t in_x = in_x_origin + params.dilation_w * kx;
              if (in_x < 0 || in_x >= input_dims[2]) continue;
              acc += int64_t{filter[filter_dims.offset(0, ky, kx, out_c)]} *
                     input[input_dims.offset(b, in_y, in_x, in_c)];
            }
          }
          if (bias != nullptr) acc = wrapping_add(acc, bias[out_c]);
          const int32_t scaled = multiply_by_quantized_multiplier_64(acc, channel_multipliers[out_c]);
          output[output_dims.offset(b, out_y, out_x, out_c)] = static_cast<int16_t>(
              clamp_to(scaled, params.activation_min, params.activation_max));
        }
      }
    }
  }
}

}  // namespace vnpu::kernels
