#include "kernels/add_n.h"

namespace vnpu::kernels {

AddNParams make_s8_add_n_params(float input_scale, int32_t input_zero_point, float output_scale,
                                int32_t output_zero_point) {
  AddNParams params;
  params.input_offset = -input_zero_point;
  params.output_offset = output_zero_point;
  const double twice_max_input_scale = 2 * static_cast<double>(input_scale);
  params.input_multiplier =
      quantize_multiplier(static_cast<double>(input_scale) / twice_max_input_scale);
  params.output_multiplier = quantize_multiplier(
      twice_max_input_scale /
      (static_cast<double>(1 << params.left_shift) * static_cast<double>(output_scale)));
  return params;
}

void s8_add_n(const AddNParams& params, const Dims& dims, const std::vector<const int8_t*>& inputs,
              int8_t* output) {
  const int32_t scale = 1 << params.left_shift;
  const int64_t size = dims.flat_size();
  for (int64_t i = 0; i < size; ++i) {
    // A wrapping int32 accumulator, as TFLM's on x86-64.
    auto sum = static_cast<uint32_t>(
        multiply_by_quantized_multiplier(params.input_offset * scale, params.input_multiplier));
    for (const int8_t* input : inputs) {
      sum += static_cast<uint32_t>(multiply_by_quantized_multiplier(
          (params.input_offset + input[i]) * scale, params.input_multiplier));
    }
    const int32_t value =
        multiply_by_quantized_multiplier(static_cast<int32_t>(sum), params.output_multiplier) +
        params.output_offset;
    output[i] = static_cast<int8_t>(clamp_to(value, -128, 127));
  }
}

}  // namespace vnpu::kernels
