// ADD_N on int8 tensors of one shape and quantization, bit-exact with
// TensorFlow Lite Micro's reference_ops::AddN (add_n.cc): each input is
// offset by -zp_in, shifted left by 20 and halved (in_scale / (2 * in_scale)),
// the terms summed into an accumulator, the sum rescaled by
// 2 * in_scale / (2^20 * out_scale), plus zp_out, clamped to int8.
// TFLM's accumulator starts at the rescaled input offset (-zp_in), not at 0,
// so the result is sum(x_i) - zp_in * in_scale in real terms; that is kept.
#pragma once

#include <cstdint>
#include <vector>

#include "kernels/dims.h"
#include "kernels/quant_math.h"

namespace vnpu::kernels {

struct AddNParams {
  int32_t input_offset = 0;  // -zero point
  int32_t output_offset = 0;
  int left_shift = 20;
  QuantizedMultiplier input_multiplier;   // shift <= 0
  QuantizedMultiplier output_multiplier;  // shift <= 0
};

AddNParams make_s8_add_n_params(float input_scale, int32_t input_zero_point, float output_scale,
                                int32_t output_zero_point);

// `inputs` holds one pointer per input, each of `dims`.
void s8_add_n(const AddNParams& params, const Dims& dims, const std::vector<const int8_t*>& inputs,
              int8_t* output);

}  // namespace vnpu::kernels
