#include "kernels/fully_connected.h"

namespace vnpu::kernels {
namespace {

template <typename Bias>
void s16_fully_connected_with(const FullyConnectedParams& params,
                              const QuantizedMultiplier* multipliers, const Dims& input_dims,
                              const int16_t* input, const Dims& filter_dims, const int8_t* filter,
                              const Bias* bias, const Dims& output_dims, int16_t* output) {
  const int64_t accum_depth = filter_dims[filter_dims.rank() - 1];
  const int64_t output_depth = output_dims[output_dims.rank() - 1];
  const int64_t batches = accum_depth > 0 ? input_dims.flat_size() / accum_depth : 0;
  const int32_t filter_offset = params.per_channel ? 0 : params.filter_offset;
  for (int64_t b = 0; b < batches; ++b) {
    const int16_t* in_row = input + b * accum_depth;
    for (int64_t out_c = 0; out_c < output_depth; ++out_c) {
      const int8_t* filter_row = filter + out_c * accum_depth;
      int64_t acc = 0;
      for (int64_t d = 0; d < accum_depth; ++d) {
        acc += int64_t{filter_row[d] + filter_offset} * in_row[d];
      }
      if (bias != nullptr) acc = wrapping_add(acc, bias[out_c]);
      const int32_t scaled =
          requantize_accumulator<Bias>(acc, multipliers[params.per_channel ? out_c : 0]);
      output[b * output_depth + out_c] =
          static_cast<int16_t>(clamp_to(scaled, params.activation_min, params.activation_max));
    }
  }
}

}  // namespace

void s16_fully_connected(const FullyConnectedParams& params,
                         const QuantizedMultiplier* multipliers, const Dims& input_dims,
                         const int16_t* input, const Dims& filter_dims, const int8_t* filter,
                         const int64_t* bias, const Dims& output_dims, int16_t* output) {
  s16_fully_connected_with(params, multipliers, input_dims, input, filter_dims, filter, bias,
                           output_dims, output);
}

void s16_fully_connected(const FullyConnectedParams& params,
                         const QuantizedMultiplier* multipliers, const Dims& input_dims,
                         const int16_t* input, const Dims& filter_dims, const int8_t* filter,
                         const int32_t* bias, const Dims& output_dims, int16_t* output) {
  s16_fully_connected_with(params, multipliers, input_dims, input, filter_dims, filter, bias,
                           output_dims, output);
}

void s8_fully_connected(const FullyConnectedParams& params,
                        const QuantizedMultiplier* multipliers, const Dims& input_dims,
                        const int8_t* input, const Dims& filter_dims, const int8_t* filter,
                        const int32_t* bias, const Dims& output_dims, int8_t* output) {
  const int64_t accum_depth = filter_dims[filter_dims.rank() - 1];
  const int64_t output_depth = output_dims[output_dims.rank() - 1];
  const int64_t batches = accum_depth > 0 ? input_dims.flat_size() / accum_depth : 0;
  const int32_t filter_offset = params.per_channel ? 0 : params.filter_offset;

  for (int64_t b = 0; b < batches; ++b) {
    const int8_t* in_row = input + b * accum_depth;
    for (int64_t out_c = 0; out_c < output_depth; ++out_c) {
      const int8_t* filter_row = filter + out_c * accum_depth;
      // int64 sum truncated to int32 = TFLite's wrapping int32 accumulator.
      int64_t acc = 0;
      for (int64_t d = 0; d < accum_depth; ++d) {
        acc += (filter_row[d] + filter_offset) * (in_row[d] + params.input_offset);
      }
      if (bias != nullptr) acc += bias[out_c];
      const QuantizedMultiplier& m = multipliers[params.per_channel ? out_c : 0];
      const int32_t scaled = multiply_by_quantized_multiplier(static_cast<int32_t>(acc), m);
      // Widen and truncate: TFLite's int32 add wraps, ours must not overflow.
      const auto value = static_cast<int32_t>(int64_t{scaled} + params.output_offset);
      output[b * output_depth + out_c] =
          static_cast<int8_t>(clamp_to(value, params.activation_min, params.activation_max));
    }
  }
}

}  // namespace vnpu::kernels
