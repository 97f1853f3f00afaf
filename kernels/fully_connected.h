// s8_fully_connected: int8 fully connected layer, bit-exact with TensorFlow
// Lite Micro's reference_integer_ops::FullyConnected (per-tensor) and
// FullyConnectedPerChannel (per-channel weights).
//
// Layouts: input [..., D] read as batches = flat size / D rows of D values,
// filter [Cout, D], bias [Cout] (optional, nullptr), output [..., Cout].
#pragma once

#include <cstdint>

#include "kernels/dims.h"
#include "kernels/quant_math.h"

namespace vnpu::kernels {

struct FullyConnectedParams {
  int32_t input_offset = 0;   // -input zero point
  int32_t filter_offset = 0;  // -filter zero point; applied on the per-tensor path only, as TFLite does
  int32_t output_offset = 0;  // output zero point
  int32_t activation_min = -128;
  int32_t activation_max = 127;
  bool per_channel = false;   // one multiplier per output channel, else multipliers[0] for all
};

void s8_fully_connected(const FullyConnectedParams& params,
                        const QuantizedMultiplier* multipliers, const Dims& input_dims,
                        const int8_t* input, const Dims& filter_dims, const int8_t* filter,
                        const int32_t* bias, const Dims& output_dims, int8_t* output);

// s16_fully_connected: the 16x8 variant (TFLM's int16 FullyConnected and
// FullyConnectedPerChannel<AccumScalar>): int16 input and output with zero
// point 0 (input_offset and output_offset are ignored), int8 filter. The bias
// type sets the accumulator: int64 (also without a bias: pass a null int64
// pointer), or int32 with an int32 bias.
void s16_fully_connected(const FullyConnectedParams& params,
                         const QuantizedMultiplier* multipliers, const Dims& input_dims,
                         const int16_t* input, const Dims& filter_dims, const int8_t* filter,
                         const int64_t* bias, const Dims& output_dims, int16_t* output);
void s16_fully_connected(const FullyConnectedParams& params,
                         const QuantizedMultiplier* multipliers, const Dims& input_dims,
                         const int16_t* input, const Dims& filter_dims, const int8_t* filter,
                         const int32_t* bias, const Dims& output_dims, int16_t* output);

}  // namespace vnpu::kernels
