// s8_add, s8_sub: int8 element-wise addition and subtraction with broadcasting,
// bit-exact with TensorFlow Lite Micro's int8 ADD (reference_integer_ops::AddFunc)
// and SUB (reference_ops::SubElementwise / BroadcastQuantSubSlow).
//
// Each input is offset by its zero point, shifted left by `left_shift` (20 for
// int8), rescaled by its own multiplier (< 1, relative to twice the larger
// input scale), summed or subtracted, rescaled by the output multiplier,
// offset by the output zero point and clamped to the activation range.
#pragma once

#include <cstdint>

#include "kernels/dims.h"
#include "kernels/quant_math.h"

namespace vnpu::kernels {

struct AddSubParams {
  int32_t input1_offset = 0;  // -input1 zero point
  int32_t input2_offset = 0;  // -input2 zero point
  int32_t output_offset = 0;  // output zero point
  int32_t left_shift = 20;
  QuantizedMultiplier input1_multiplier;  // shift <= 0
  QuantizedMultiplier input2_multiplier;  // shift <= 0
  QuantizedMultiplier output_multiplier;  // shift <= 0
  int32_t activation_min = -128;
  int32_t activation_max = 127;
};

// TFLM add_common.cc CalculateOpDataAdd (int8): the real multipliers are
// computed in double. Leaves the activation range at [-128, 127].
AddSubParams make_s8_add_params(float input1_scale, int32_t input1_zero_point,
                                float input2_scale, int32_t input2_zero_point,
                                float output_scale, int32_t output_zero_point);

// TFLM sub_common.cc CalculateOpDataSub (int8): the same formulas, but the
// ratios are computed in float and only then widened to double.
AddSubParams make_s8_sub_params(float input1_scale, int32_t input1_zero_point,
                                float input2_scale, int32_t input2_zero_point,
                                float output_scale, int32_t output_zero_point);

// The int16 variants (zero points 0, left shift 15): TFLM's int16 ADD
// (reference_ops::Add without POT scaling, BroadcastAdd) and SUB use the same
// general rescaling as int8.
AddSubParams make_s16_add_params(float input1_scale, float input2_scale, float output_scale);
AddSubParams make_s16_sub_params(float input1_scale, float input2_scale, float output_scale);

// True when every multiplier has shift <= 0, as TFLM's
// QuantizeMultiplierSmallerThanOneExp requires (real multiplier below 1).
bool add_sub_multipliers_valid(const AddSubParams& params);

// `output_dims` must be the broadcast shape of the two input shapes.
void s8_add(const AddSubParams& params, const Dims& input1_dims, const int8_t* input1,
            const Dims& input2_dims, const int8_t* input2, const Dims& output_dims,
            int8_t* output);

void s8_sub(const AddSubParams& params, const Dims& input1_dims, const int8_t* input1,
            const Dims& input2_dims, const int8_t* input2, const Dims& output_dims,
            int8_t* output);

void s16_add(const AddSubParams& params, const Dims& input1_dims, const int16_t* input1,
             const Dims& input2_dims, const int16_t* input2, const Dims& output_dims,
             int16_t* output);

void s16_sub(const AddSubParams& params, const Dims& input1_dims, const int16_t* input1,
             const Dims& input2_dims, const int16_t* input2, const Dims& output_dims,
             int16_t* output);

}  // namespace vnpu::kernels
