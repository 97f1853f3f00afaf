// s16_logistic and s16_tanh: the int16 sigmoid and hyperbolic tangent of
// TensorFlow Lite Micro (reference_integer_ops::Logistic and Tanh on int16):
// the input is rescaled so that 2^12 / 3 units are 1.0 (the table spans
// [-10.7, 10.7]), then a 256-entry table of sigmoid(i / 24) in unsigned
// Q0.16 is interpolated linearly; tanh uses tanh(x) = 2 * sigmoid(2x) - 1.
// Input and output zero points are 0; the output scale is 2^-15.
#pragma once

#include <cstdint>

#include "kernels/dims.h"

namespace vnpu::kernels {

enum class Sigmoid16Function { kLogistic, kTanh };

struct Sigmoid16Params {
  int32_t input_multiplier = 0;  // in (16383, 32767], or 3 * 2^k for a power-of-two input scale
  int32_t input_left_shift = 0;  // right shift (with rounding) after the multiply
};

// TFLM CalculateArithmeticOpDataLogistic / tanh.cc CalculateArithmeticOpData
// for int16: a power-of-two input scale of 2^-12 (logistic; 2^-12 or 2^-11 for
// tanh) multiplies by 3 * 2^shift exactly; any other scale gets the
// multiplier scale * 3 * 2^12 doubled until it passes 2^14 - 1/2 (at most 31
// times). Returns false when that multiplier exceeds 32767 (input scale above
// about 2.67), which TFLM rejects.
bool make_s16_sigmoid_like_params(Sigmoid16Function function, float input_scale,
                                  Sigmoid16Params* params);

// TFLite's sigmoid_table_uint16: sigmoid(i / 24) in unsigned Q0.16, i = 0..255.
uint16_t s16_sigmoid_table(int32_t i);

// Shapes must match.
void s16_logistic(const Sigmoid16Params& params, const Dims& input_dims, const int16_t* input,
                  const Dims& output_dims, int16_t* output);
void s16_tanh(const Sigmoid16Params& params, const Dims& input_dims, const int16_t* input,
              const Dims& output_dims, int16_t* output);

}  // namespace vnpu::kernels
