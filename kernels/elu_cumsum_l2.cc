#include "kernels/elu_cumsum_l2.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "kernels/add_n.h"
#include "kernels/reciprocal.h"

namespace vnpu::kernels {

EluTable make_s8_elu_table(float input_scale, int32_t input_zero_point, float output_scale,
                           int32_t output_zero_point) {
  EluTable table;
  const float inverse_scale = 1 / output_scale;
  for (int32_t q = -128; q <= 127; ++q) {
    const float x = input_scale * static_cast<float>(q - input_zero_point);
    const float y = x < 0.0f ? std::exp(x) - 1.0f : x;
    const float rescaled = std::round(y * inverse_scale);
    const float shifted = rescaled + static_cast<float>(output_zero_point);
    // static_cast<int32_t> as x86-64 executes it: out of range and NaN give INT32_MIN.
    const int32_t quantized = shifted >= -2147483648.0f && shifted < 2147483648.0f
                                  ? static_cast<int32_t>(shifted)
                                  : std::numeric_limits<int32_t>::min();
    table.values[static_cast<uint8_t>(static_cast<int8_t>(q))] =
        static_cast<int8_t>(std::clamp<int32_t>(quantized, -128, 127));
  }
  return table;
}

void s8_elu(const EluTable& table, const Dims& dims, const int8_t* input,
            const Dims& /*output_dims*/, int8_t* output) {
  const int64_t size = dims.flat_size();
  for (int64_t i = 0; i < size; ++i) output[i] = table.values[static_cast<uint8_t>(input[i])];
}

CumsumParams make_s8_cumsum_params(float input_scale, int32_t input_zero_point,
                                   float output_scale, int32_t output_zero_point) {
  const AddNParams add_n =
      make_s8_add_n_params(input_scale, input_zero_point, output_scale, output_zero_point);
  CumsumParams params;
  params.input_offset = add_n.input_offset;
  params.output_offset = add_n.output_offset;
  params.left_shift = add_n.left_shift;
  params.input_multiplier = add_n.input_multiplier;
  params.output_multiplier = add_n.output_multiplier;
  return params;
}

void s8_cumsum(const CumsumParams& params, const Dims& dims, const int8_t* input,
               int8_t* output) {
  int64_t outer = 1;  // dimensions before the axis
  for (int i = 0; i < params.axis; ++i) outer *= dims[i];
  int64_t inner = 1;  // dimensions after the axis
  for (int i = params.axis + 1; i < dims.rank(); ++i) inner *= dims[i];
  const int64_t depth = dims[params.axis];
  const int32_t scale = 1 << params.left_shift;
  const int32_t start =
      multiply_by_quantized_multiplier(params.input_offset * scale, params.input_multiplier);
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t k = 0; k < inner; ++k) {
      auto sum = static_cast<uint32_t>(start);  // wrapping int32, as TFLM's on x86-64
      for (int64_t step = 0; step < depth; ++step) {
        const int64_t d = params.reverse ? depth - 1 - step : step;
        const int64_t index = (o * depth + d) * inner + k;
        const int32_t term = multiply_by_quantized_multiplier(
            (params.input_offset + input[index]) * scale, params.input_multiplier);
        const uint32_t before = sum;
        sum += static_cast<uint32_t>(term);
        const auto scaled = static_cast<int32_t>(params.exclusive ? before : sum);
        const int32_t value = multiply_by_quantized_multiplier(scaled, params.output_multiplier) +
                              params.output_offset;
        output[index] = static_cast<int8_t>(clamp_to(value, -128, 127));
      }
    }
  }
}

void s8_l2_normalization(int32_t input_zero_point, const Dims& dims, const int8_t* input,
                         const Dims& /*output_dims*/, int8_t* output) {
  constexpr int kOutputShift = 7;  // output scale 1/128
  const int32_t depth = dims.rank() > 0 ? dims[dims.rank() - 1] : 1;
  const int64_t outer = depth > 0 ? dims.flat_size() / depth : 0;
  for (int64_t row = 0; row < outer; ++row) {
    const int8_t* in = input + row * depth;
    int8_t* out = output + row * depth;
    uint32_t sum_of_squares = 0;  // wrapping int32, as TFLM's
    for (int32_t c = 0; c < depth; ++c) {
      const int32_t x = in[c] - input_zero_point;
      sum_of_squares += static_cast<uint32_t>(x * x);
    }
    const QuantizedMultiplier inv_norm =
        inv_sqrt_quantized_multiplier(static_cast<int32_t>(sum_of_squares));
    for (int32_t c = 0; c < depth; ++c) {
      const int32_t x = in[c] - input_zero_point;
      const int32_t value = multiply_by_quantized_multiplier(x, inv_norm.multiplier,
                                                             inv_norm.shift + kOutputShift);
      out[c] = static_cast<int8_t>(clamp_to(value, -128, 127));
    }
  }
}

}  // namespace vnpu::kernels
