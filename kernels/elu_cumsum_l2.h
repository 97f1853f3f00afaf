// ELU, CUMSUM and L2_NORMALIZATION on int8, bit-exact with TensorFlow Lite
// Micro:
//  - ELU: a 256-entry table built in float at prepare (elu.cc
//    PopulateLookupTable): x = in_scale * (q - zp_in); x < 0 ? exp(x) - 1 : x;
//    round(y * (1 / out_scale)) + zp_out, clamped;
//  - CUMSUM: running sums along one axis, forward or reversed, inclusive or
//    exclusive, in ADD_N's fixed point (inputs offset, << 20, halved; the sum
//    rescaled to the output). As in TFLM, each running sum starts at the
//    rescaled input offset (-zp_in), not at 0 (reference_ops::CumSum);
//  - L2_NORMALIZATION: per last-dimension row, x = q - zp_in, the row's sum of
//    squares through inv_sqrt_quantized_multiplier, x * that * 2^7 clamped to
//    int8 (output scale 1/128, zero point 0; integer_ops::L2Normalization).
#pragma once

#include <array>
#include <cstdint>

#include "kernels/dims.h"
#include "kernels/quant_math.h"

namespace vnpu::kernels {

struct EluTable {
  std::array<int8_t, 256> values{};  // indexed by uint8_t(q)
};

EluTable make_s8_elu_table(float input_scale, int32_t input_zero_point, float output_scale,
                           int32_t output_zero_point);

void s8_elu(const EluTable& table, const Dims& dims, const int8_t* input,
            const Dims& output_dims, int8_t* output);

struct CumsumParams {
  int32_t input_offset = 0;  // -zero point
  int32_t output_offset = 0;
  int left_shift = 20;
  QuantizedMultiplier input_multiplier;   // shift <= 0
  QuantizedMultiplier output_multiplier;  // shift <= 0
  int axis = 0;                           // in [0, rank)
  bool exclusive = false;
  bool reverse = false;
};

// The same fixed point as ADD_N (make_s8_add_n_params); axis and flags unset.
CumsumParams make_s8_cumsum_params(float input_scale, int32_t input_zero_point,
                                   float output_scale, int32_t output_zero_point);

void s8_cumsum(const CumsumParams& params, const Dims& dims, const int8_t* input, int8_t* output);

void s8_l2_normalization(int32_t input_zero_point, const Dims& dims, const int8_t* input,
                         const Dims& output_dims, int8_t* output);

}  // namespace vnpu::kernels
