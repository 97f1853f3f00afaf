/* Fully connected, conv2d and depthwise conv2d: C ports of
 * kernels/fully_connected.cc, conv2d.cc and depthwise_conv2d.cc. Accumulators
 * are int64 truncated to int32: TFLite's wrapping int32 sum, without overflow. */
#include "include/vnpu_kernels.h"

static int32_t clamp_to(int32_t value, int32_t low, int32_t high) {
  return value < low ? low : (value > high ? high : value);
}

static int8_t requantize(int64_t acc, const int32_t* bias, int32_t channel,
                         vnpu_multiplier m, const vnpu_conv_params* p) {
  if (bias != 0) acc += bias[channel];
  const int32_t scaled = vnpu_multiply_by_quantized_multiplier((int32_t)acc, m.multiplier, m.shift);
  const int32_t value = (int32_t)((int64_t)scaled + p->output_offset);
  return (int8_t)clamp_to(value, p->activation_min, p->activation_max);
}

static int32_t offset4(const int32_t dims[4], int32_t n, int32_t y, int32_t x, int32_t c) {
  return ((n * dims[1] + y) * dims[2] + x) * dims[3] + c;
}

void vnpu_s8_fully_connected(const vnpu_conv_params* p, const vnpu_multiplier* multipliers,
                             int32_t batches, int32_t depth, const int8_t* input,
                             int32_t output_depth, const int8_t* filter, const int32_t* bias,
                             int8_t* output) {
  const int32_t filter_offset = p->per_channel ? 0 : p->filter_offset;
  for (int32_t b = 0; b < batches; ++b) {
    const int8_t* in_row = input + b * depth;
    for (int32_t out_c = 0; out_c < output_depth; ++out_c) {
      const int8_t* filter_row = filter + out_c * depth;
      int64_t acc = 0;
      for (int32_t d = 0; d < depth; ++d) {
        acc += (int64_t)(filter_row[d] + filter_offset) * (in_row[d] + p->input_offset);
      }
      output[b * output_depth + out_c] =
          requantize(acc, bias, out_c, multipliers[p->per_channel ? out_c : 0], p);
    }
  }
}

void vnpu_s8_conv2d(const vnpu_conv_params* p, const vnpu_multiplier* channel_multipliers,
                    const int32_t input_dims[4], const int8_t* input, const int32_t filter_dims[4],
                    const int8_t* filter, const int32_t* bias, const int32_t output_dims[4],
                    int8_t* output) {
  const int32_t filter_depth = filter_dims[3];
  const int32_t groups = input_dims[3] / filter_depth;
  const int32_t filters_per_group = output_dims[3] / groups;
  for (int32_t b = 0; b < input_dims[0]; ++b) {
    for (int32_t out_y = 0; out_y < output_dims[1]; ++out_y) {
      const int32_t in_y_origin = out_y * p->stride_h - p->pad_top;
      for (int32_t out_x = 0; out_x < output_dims[2]; ++out_x) {
        const int32_t in_x_origin = out_x * p->stride_w - p->pad_left;
        for (int32_t out_c = 0; out_c < output_dims[3]; ++out_c) {
          const int32_t in_c_base = (out_c / filters_per_group) * filter_depth;
          int64_t acc = 0;
          for (int32_t ky = 0; ky < filter_dims[1]; ++ky) {
            const int32_t in_y = in_y_origin + p->dilation_h * ky;
            if (in_y < 0 || in_y >= input_dims[1]) continue;
            for (int32_t kx = 0; kx < filter_dims[2]; ++kx) {
              const int32_t in_x = in_x_origin + p->dilation_w * kx;
              if (in_x < 0 || in_x >= input_dims[2]) continue;
              const int8_t* in_row = input + offset4(input_dims, b, in_y, in_x, in_c_base);
              const int8_t* filter_row = filter + offset4(filter_dims, out_c, ky, kx, 0);
              for (int32_t c = 0; c < filter_depth; ++c) {
                acc += (int32_t)filter_row[c] * (in_row[c] + p->input_offset);
              }
            }
          }
          output[offset4(output_dims, b, out_y, out_x, out_c)] =
              requantize(acc, bias, out_c, channel_multipliers[out_c], p);
        }
      }
    }
  }
}

static int64_t depthwise_sum(const vnpu_conv_params* p, const int32_t input_dims[4],
                             const int8_t* input, const int32_t filter_dims[4],
                             const int8_t* filter, int32_t b, int32_t in_y_origin,
                             int32_t in_x_origin, int32_t in_c, int32_t out_c) {
  int64_t acc = 0;
  for (int32_t ky = 0; ky < filter_dims[1]; ++ky) {
    const int32_t in_y = in_y_origin + p->dilation_h * ky;
    if (in_y < 0 || in_y >= input_dims[1]) continue;
    for (int32_t kx = 0; kx < filter_dims[2]; ++kx) {
      const int32_t in_x = in_x_origin + p->dilation_w * kx;
      if (in_x < 0 || in_x >= input_dims[2]) continue;
      const int32_t in_value = input[offset4(input_dims, b, in_y, in_x, in_c)];
      const int32_t filter_value = filter[offset4(filter_dims, 0, ky, kx, out_c)];
      acc += filter_value * (in_value + p->input_offset);
    }
  }
  return acc;
}

void vnpu_s8_depthwise_conv2d(const vnpu_conv_params* p,
                              const vnpu_multiplier* channel_multipliers,
                              const int32_t input_dims[4], const int8_t* input,
                              const int32_t filter_dims[4], const int8_t* filter,
                              const int32_t* bias, const int32_t output_dims[4], int8_t* output) {
  for (int32_t b = 0; b < input_dims[0]; ++b) {
    for (int32_t out_y = 0; out_y < output_dims[1]; ++out_y) {
      const int32_t in_y_origin = out_y * p->stride_h - p->pad_top;
      for (int32_t out_x = 0; out_x < output_dims[2]; ++out_x) {
        const int32_t in_x_origin = out_x * p->stride_w - p->pad_left;
        for (int32_t in_c = 0; in_c < input_dims[3]; ++in_c) {
          for (int32_t m = 0; m < p->depth_multiplier; ++m) {
            const int32_t out_c = in_c * p->depth_multiplier + m;
            const int64_t acc = depthwise_sum(p, input_dims, input, filter_dims, filter, b,
                                              in_y_origin, in_x_origin, in_c, out_c);
            output[offset4(output_dims, b, out_y, out_x, out_c)] =
                requantize(acc, bias, out_c, channel_multipliers[out_c], p);
          }
        }
      }
    }
  }
}
