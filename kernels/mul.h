// s8_mul: int8 element-wise multiplication with broadcasting, bit-exact with
// TensorFlow Lite Micro's reference_integer_ops::MulElementwise / BroadcastMul.
//
// output = clamp(output_zp + MultiplyByQuantizedMultiplier((x1 - zp1) * (x2 - zp2),
//                in1_scale * in2_scale / out_scale)).
#pragma once

#include <cstdint>

#include "kernels/dims.h"
#include "kernels/quant_math.h"

namespace vnpu::kernels {

struct MulParams {
  int32_t input1_offset = 0;  // -input1 zero point
  int32_t input2_offset = 0;  // -input2 zero point
  int32_t output_offset = 0;  // output zero point
  QuantizedMultiplier output_multiplier;
  int32_t activation_min = -128;
  int32_t activation_max = 127;
};

// TFLM mul_common.cc CalculateOpDataMul: the real multiplier is computed in
// double. Leaves the activation range at [-128, 127].
MulParams make_s8_mul_params(float input1_scale, int32_t input1_zero_point, float input2_scale,
                             int32_t input2_zero_point, float output_scale,
                             int32_t output_zero_point);

// `output_dims` must be the broadcast shape of the two input shapes.
void s8_mul(const MulParams& params, const Dims& input1_dims, const int8_t* input1,
            const Dims& input2_dims, const int8_t* input2, const Dims& output_dims,
            int8_t* output);

// The int16 variant (TFLM's int16 Mul / BroadcastMul4DSlow): zero points 0,
// the product of two int16 values requantized like int8's.
void s16_mul(const MulParams& params, const Dims& input1_dims, const int16_t* input1,
             const Dims& input2_dims, const int16_t* input2, const Dims& output_dims,
             int16_t* output);

}  // namespace vnpu::kernels
