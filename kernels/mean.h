// s8_mean and s16_mean: int8 / int16 MEAN over any set of axes, bit-exact
// with TensorFlow Lite Micro's integer MEAN (reduce_common.cc
// EvalIntegerMean, reference_ops::QuantizedMeanOrSum): (sum - zp_in * n)
// requantized by input_scale / output_scale with 1/n folded into the
// multiplier, plus zp_out, clamped to the type. TFLM takes this path even
// when input and output share their quantization (no truncating plain mean).
// The output holds the kept dimensions in input order, so keep_dims does not
// change its layout.
#pragma once

#include <array>
#include <cstdint>

#include "kernels/dims.h"
#include "kernels/quant_math.h"
#include "kernels/reduce.h"

namespace vnpu::kernels {

struct MeanParams {
  int32_t input_zero_point = 0;
  int32_t output_zero_point = 0;
  QuantizedMultiplier multiplier;  // quantize_multiplier(input_scale / output_scale)
  ReducedAxes reduced{};           // true: the dimension is averaged over
};

// TFLite's adjustment of the requantization multiplier by 1 / element_count.
QuantizedMultiplier mean_multiplier(QuantizedMultiplier multiplier, int64_t element_count);

void s8_mean(const MeanParams& params, const Dims& input_dims, const int8_t* input, int8_t* output);
void s16_mean(const MeanParams& params, const Dims& input_dims, const int16_t* input,
              int16_t* output);

}  // namespace vnpu::kernels
