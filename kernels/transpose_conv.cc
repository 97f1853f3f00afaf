#include "kernels/transpose_conv.h"

#include <algorithm>
#include <limits>

namespace vnpu::kernels {
namespace {

// Scatters every input element times every filter tap into `sums`.
template <typename T>
void scatter(const ConvParams& params, const Dims& input_dims, const T* input,
             const Dims& filter_dims, const int8_t* filter, const Dims& output_dims,
             int64_t* sums) {
  std::fill(sums, sums + output_dims.flat_size(), int64_t{0});
  const int32_t input_depth = input_dims[3];
  const int32_t output_depth = output_dims[3];
  for (int32_t b = 0; b < input_dims[0]; ++b) {
    for (int32_t in_y = 0; in_y < input_dims[1]; ++in_y) {
      for (int32_t in_x = 0; in_x < input_dims[2]; ++in_x) {
        const int32_t out_y_origin = in_y * params.stride_h - params.pad_top;
        const int32_t out_x_origin = in_x * params.stride_w - params.pad_left;
        for (int32_t ky = 0; ky < filter_dims[1]; ++ky) {
          const int32_t out_y = out_y_origin + ky;
          if (out_y < 0 || out_y >= output_dims[1]) continue;
          for (int32_t kx = 0; kx < filter_dims[2]; ++kx) {
            const int32_t out_x = out_x_origin + kx;
            if (out_x < 0 || out_x >= output_dims[2]) continue;
            const T* in = input + input_dims.offset(b, in_y, in_x, 0);
            int64_t* out = sums + output_dims.offset(b, out_y, out_x, 0);
            for (int32_t oc = 0; oc < output_depth; ++oc) {
              const int8_t* f = filter + filter_dims.offset(oc, ky, kx, 0);
              int64_t sum = 0;
              for (int32_t ic = 0; ic < input_depth; ++ic) {
                sum += int64_t{in[ic] + params.input_offset} * f[ic];
              }
              out[oc] += sum;
            }
          }
        }
      }
    }
  }
}

template <typename Accumulator, typename T, typename Bias>
void requantize_all(const ConvParams& params, const QuantizedMultiplier* channel_multipliers,
                    const Bias* bias, const Dims& output_dims, const int64_t* sums, T* output) {
  const int32_t output_depth = output_dims[3];
  const int64_t count = output_dims.flat_size();
  for (int64_t i = 0; i < count; ++i) {
    const auto c = static_cast<int32_t>(i % output_depth);
    int64_t acc = sums[i];
    if (bias != nullptr) acc = wrapping_add(acc, bias[c]);
    const int32_t scaled = requantize_accumulator<Accumulator>(acc, channel_multipliers[c]);
    const auto value = static_cast<int32_t>(int64_t{scaled} + params.output_offset);
    output[i] = static_cast<T>(clamp_to(value, params.activation_min, params.activation_max));
  }
}

}  // namespace

void s8_transpose_conv(const ConvParams& params, const QuantizedMultiplier* channel_multipliers,
                       const Dims& input_dims, const int8_t* input, const Dims& filter_dims,
                       const int8_t* filter, const int32_t* bias, const Dims& output_dims,
                       int8_t* output, int64_t* accumulators) {
  scatter(params, input_dims, input, filter_dims, filter, output_dims, accumulators);
  requantize_all<int32_t>(params, channel_multipliers, bias, output_dims, accumulators, output);
}

void s16_transpose_conv(const ConvParams& params, const QuantizedMultiplier* channel_multipliers,
                        const Dims& input_dims, const int16_t* input, const Dims& filter_dims,
                        const int8_t* filter, const int64_t* bias, const Dims& output_dims,
                        int16_t* output, int64_t* accumulators) {
  ConvParams no_offsets = params;
  no_offsets.input_offset = 0;
  no_offsets.output_offset = 0;
  scatter(no_offsets, input_dims, input, filter_dims, filter, output_dims, accumulators);
  requantize_all<int64_t>(no_offsets, channel_multipliers, bias, output_dims, accumulators, output);
}

}  // namespace vnpu::kernels
