#include "kernels/pooling.h"

#include <algorithm>
#include <limits>

#include "kernels/quant_math.h"

namespace vnpu::kernels {
namespace {

// The part of the filter window of output (out_y, out_x) that lies inside the input.
struct Window {
  int32_t y_origin, x_origin, y_start, y_end, x_start, x_end;
};

Window clipped_window(const PoolParams& params, int32_t input_h, int32_t input_w, int32_t out_y,
                      int32_t out_x) {
  Window w;
  w.y_origin = out_y * params.stride_h - params.pad_top;
  w.x_origin = out_x * params.stride_w - params.pad_left;
  w.y_start = std::max(0, -w.y_origin);
  w.y_end = std::min(params.filter_h, input_h - w.y_origin);
  w.x_start = std::max(0, -w.x_origin);
  w.x_end = std::min(params.filter_w, input_w - w.x_origin);
  return w;
}

template <typename T>
void average_pool2d(const PoolParams& params, const Dims& input_dims, const T* input,
                    const Dims& output_dims, T* output) {
  const int32_t depth = output_dims[3];
  for (int32_t b = 0; b < output_dims[0]; ++b) {
    for (int32_t out_y = 0; out_y < output_dims[1]; ++out_y) {
      for (int32_t out_x = 0; out_x < output_dims[2]; ++out_x) {
        const Window w = clipped_window(params, input_dims[1], input_dims[2], out_y, out_x);
        for (int32_t c = 0; c < depth; ++c) {
          int32_t sum = 0;
          int32_t count = 0;
          for (int32_t fy = w.y_start; fy < w.y_end; ++fy) {
            for (int32_t fx = w.x_start; fx < w.x_end; ++fx) {
              sum += input[input_dims.offset(b, w.y_origin + fy, w.x_origin + fx, c)];
              ++count;
            }
          }
          int32_t average = 0;
          if (count > 0) {
            average = sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count;
          }
          average = clamp_to(average, params.activation_min, params.activation_max);
          output[output_dims.offset(b, out_y, out_x, c)] = static_cast<T>(average);
        }
      }
    }
  }
}

template <typename T>
void max_pool2d(const PoolParams& params, const Dims& input_dims, const T* input,
                const Dims& output_dims, T* output) {
  const int32_t depth = output_dims[3];
  for (int32_t b = 0; b < output_dims[0]; ++b) {
    for (int32_t out_y = 0; out_y < output_dims[1]; ++out_y) {
      for (int32_t out_x = 0; out_x < output_dims[2]; ++out_x) {
        const Window w = clipped_window(params, input_dims[1], input_dims[2], out_y, out_x);
        for (int32_t c = 0; c < depth; ++c) {
          int32_t max = std::numeric_limits<T>::lowest();
          for (int32_t fy = w.y_start; fy < w.y_end; ++fy) {
            for (int32_t fx = w.x_start; fx < w.x_end; ++fx) {
              max = std::max<int32_t>(
                  max, input[input_dims.offset(b, w.y_origin + fy, w.x_origin + fx, c)]);
            }
          }
          max = clamp_to(max, params.activation_min, params.activation_max);
          output[output_dims.offset(b, out_y, out_x, c)] = static_cast<T>(max);
        }
      }
    }
  }
}

}  // namespace

void s8_average_pool2d(const PoolParams& params, const Dims& input_dims, const int8_t* input,
                       const Dims& output_dims, int8_t* output) {
  average_pool2d(params, input_dims, input, output_dims, output);
}

void s8_max_pool2d(const PoolParams& params, const Dims& input_dims, const int8_t* input,
                   const Dims& output_dims, int8_t* output) {
  max_pool2d(params, input_dims, input, output_dims, output);
}

void s16_average_pool2d(const PoolParams& params, const Dims& input_dims, const int16_t* input,
                        const Dims& output_dims, int16_t* output) {
  average_pool2d(params, input_dims, input, output_dims, output);
}

void s16_max_pool2d(const PoolParams& params, const Dims& input_dims, const int16_t* input,
                    const Dims& output_dims, int16_t* output) {
  max_pool2d(params, input_dims, input, output_dims, output);
}

}  // namespace vnpu::kernels
