// s16_softmax: int16 softmax over the last dimension, bit-exact with
// TensorFlow Lite Micro's reference_ops::SoftmaxInt16.
//
// Per row: d = x - max(row) is rescaled so that [-65535, 0] spans [-10, 0],
// recentred by +32767 and saturated to int16; exp(d) in Q0.15 comes from a
// 513-entry interpolated lookup table. The sum of the exps (Q16.15) is
// normalised to its leading one; 1 / (1 + x) comes from a second table, and
// each exp times the reciprocal is shifted down to Q0.15 and clamped to
// [0, 32767]. Input and output zero points are 0, the output scale 1/32768.
#pragma once

#include <array>
#include <cstdint>

#include "kernels/dims.h"
#include "kernels/quant_math.h"

namespace vnpu::kernels {

// TFLite's int16 lookup tables: 512 samples and one extra value for the last slope.
constexpr int kInt16LutSize = 513;

struct Softmax16Params {
  QuantizedMultiplier input_multiplier;          // beta * input_scale / (10 / 65535)
  std::array<int16_t, kInt16LutSize> exp_lut{};  // exp(x), x in [-10, 0]
  std::array<int16_t, kInt16LutSize> one_over_one_plus_x_lut{};  // 1 / (1 + x), x in [0, 1]
};

// TFLM softmax_common.cc SoftmaxPrepare / CalculateSoftmaxParams for int16
// input: both tables from gen_lut (in float), the multiplier from
// QuantizeMultiplier. Returns false when the multiplier is not representable
// (a scale ratio of 2^31 or more).
bool make_s16_softmax_params(float input_scale, float beta, Softmax16Params* params);

// TFLite's lut_lookup on a 513-entry int16 table: entry 256 + (x >> 7),
// interpolated by the low 7 bits with rounding.
int16_t s16_lut_lookup(int16_t value, const int16_t* lut);

// Rows longer than this could overflow the int32 sum of Q0.15 exps.
constexpr int32_t kSoftmax16MaxDepth = 65536;

// Shapes must match.
void s16_softmax(const Softmax16Params& params, const Dims& input_dims, const int16_t* input,
                 const Dims& output_dims, int16_t* output);

}  // namespace vnpu::kernels
