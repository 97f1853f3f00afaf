#include "kernels/add_sub.h"

#include <algorithm>

#include "kernels/broadcast.h"

namespace vnpu::kernels {
namespace {

// MultiplyByQuantizedMultiplierSmallerThanOneExp: shift <= 0, so this is the
// high multiply followed by a rounding right shift.
int32_t rescale_input(int32_t value, int32_t offset, int32_t left_shift,
                      const QuantizedMultiplier& multiplier) {
  const int32_t shifted = (offset + value) * (1 << left_shift);
  return multiply_by_quantized_multiplier(shifted, multiplier);
}

template <bool kSubtract, typename T>
T add_sub_element(T x1, T x2, const AddSubParams& p) {
  const int32_t scaled1 = rescale_input(x1, p.input1_offset, p.left_shift, p.input1_multiplier);
  const int32_t scaled2 = rescale_input(x2, p.input2_offset, p.left_shift, p.input2_multiplier);
  const int32_t raw = kSubtract ? scaled1 - scaled2 : scaled1 + scaled2;
  const int32_t output = multiply_by_quantized_multiplier(raw, p.output_multiplier) +
                         p.output_offset;
  return static_cast<T>(clamp_to(output, p.activation_min, p.activation_max));
}

template <bool kSubtract, typename T>
void add_sub(const AddSubParams& params, const Dims& input1_dims, const T* input1,
             const Dims& input2_dims, const T* input2, const Dims& output_dims, T* output) {
  const BroadcastWalk walk = make_broadcast_walk(input1_dims, input2_dims, output_dims);
  for_each_broadcast(walk, [&](int64_t i1, int64_t i2, int64_t o) {
    output[o] = add_sub_element<kSubtract, T>(input1[i1], input2[i2], params);
  });
}

// TFLM CalculateOpDataAdd: the ratios in double.
AddSubParams make_add_params(float input1_scale, int32_t input1_zero_point, float input2_scale,
                             int32_t input2_zero_point, float output_scale,
                             int32_t output_zero_point, int32_t left_shift) {
  AddSubParams params;
  params.input1_offset = -input1_zero_point;
  params.input2_offset = -input2_zero_point;
  params.output_offset = output_zero_point;
  params.left_shift = left_shift;
  const double twice_max_input_scale =
      2 * static_cast<double>(std::max(input1_scale, input2_scale));
  const double real_input1 = static_cast<double>(input1_scale) / twice_max_input_scale;
  const double real_input2 = static_cast<double>(input2_scale) / twice_max_input_scale;
  const double real_output =
      twice_max_input_scale /
      (static_cast<double>(1 << params.left_shift) * static_cast<double>(output_scale));
  params.input1_multiplier = quantize_multiplier(real_input1);
  params.input2_multiplier = quantize_multiplier(real_input2);
  params.output_multiplier = quantize_multiplier(real_output);
  return params;
}

// TFLM CalculateOpDataSub: the ratios in float, then widened.
AddSubParams make_sub_params(float input1_scale, int32_t input1_zero_point, float input2_scale,
                             int32_t input2_zero_point, float output_scale,
                             int32_t output_zero_point, int32_t left_shift) {
  AddSubParams params;
  params.input1_offset = -input1_zero_point;
  params.input2_offset = -input2_zero_point;
  params.output_offset = output_zero_point;
  params.left_shift = left_shift;
  const float twice_max_input_scale = 2 * std::max(input1_scale, input2_scale);
  const auto real_input1 = static_cast<double>(input1_scale / twice_max_input_scale);
  const auto real_input2 = static_cast<double>(input2_scale / twice_max_input_scale);
  const auto real_output = static_cast<double>(
      twice_max_input_scale / (static_cast<float>(1 << params.left_shift) * output_scale));
  params.input1_multiplier = quantize_multiplier(real_input1);
  params.input2_multiplier = quantize_multiplier(real_input2);
  params.output_multiplier = quantize_multiplier(real_output);
  return params;
}

}  // namespace

AddSubParams make_s8_add_params(float input1_scale, int32_t input1_zero_point,
                                float input2_scale, int32_t input2_zero_point,
                                float output_scale, int32_t output_zero_point) {
  return make_add_params(input1_scale, input1_zero_point, input2_scale, input2_zero_point,
                         output_scale, output_zero_point, 20);
}

AddSubParams make_s8_sub_params(float input1_scale, int32_t input1_zero_point,
                                float input2_scale, int32_t input2_zero_point,
                                float output_scale, int32_t output_zero_point) {
  return make_sub_params(input1_scale, input1_zero_point, input2_scale, input2_zero_point,
                         output_scale, output_zero_point, 20);
}

AddSubParams make_s16_add_params(float input1_scale, float input2_scale, float output_scale) {
  return make_add_params(input1_scale, 0, input2_scale, 0, output_scale, 0, 15);
}

AddSubParams make_s16_sub_params(float input1_scale, float input2_scale, float output_scale) {
  return make_sub_params(input1_scale, 0, input2_scale, 0, output_scale, 0, 15);
}

bool add_sub_multipliers_valid(const AddSubParams& params) {
  return params.input1_multiplier.shift <= 0 && params.input2_multiplier.shift <= 0 &&
         params.output_multiplier.shift <= 0;
}

void s8_add(const AddSubParams& params, const Dims& input1_dims, const int8_t* input1,
            const Dims& input2_dims, const int8_t* input2, const Dims& output_dims,
            int8_t* output) {
  add_sub<false>(params, input1_dims, input1, input2_dims, input2, output_dims, output);
}

void s8_sub(const AddSubParams& params, const Dims& input1_dims, const int8_t* input1,
            const Dims& input2_dims, const int8_t* input2, const Dims& output_dims,
            int8_t* output) {
  add_sub<true>(params, input1_dims, input1, input2_dims, input2, output_dims, output);
}

void s16_add(const AddSubParams& params, const Dims& input1_dims, const int16_t* input1,
             const Dims& input2_dims, const int16_t* input2, const Dims& output_dims,
             int16_t* output) {
  add_sub<false>(params, input1_dims, input1, input2_dims, input2, output_dims, output);
}

void s16_sub(const AddSubParams& params, const Dims& input1_dims, const int16_t* input1,
             const Dims& input2_dims, const int16_t* input2, const Dims& output_dims,
             int16_t* output) {
  add_sub<true>(params, input1_dims, input1, input2_dims, input2, output_dims, output);
}

}  // namespace vnpu::kernels
