// s8_tanh: int8 hyperbolic tangent, bit-exact with TensorFlow Lite Micro's
// reference_integer_ops::Tanh (gemmlowp fixed point, not a lookup table).
//
// x - input_zp at or beyond +/- input_range_radius saturates to 127 / -128;
// otherwise it is rescaled to Q4.27, gemmlowp::tanh gives Q0.31, and the result
// is shifted to the fixed output quantization: scale 1/128, zero point 0.
// Parameters come from make_s8_sigmoid_like_params (kernels/logistic.h).
#pragma once

#include <cstdint>

#include "kernels/dims.h"
#include "kernels/logistic.h"

namespace vnpu::kernels {

// Output quantization is fixed: scale 1/128, zero point 0. Shapes must match.
void s8_tanh(const SigmoidLikeParams& params, const Dims& input_dims, const int8_t* input,
             const Dims& output_dims, int8_t* output);

}  // namespace vnpu::kernels
