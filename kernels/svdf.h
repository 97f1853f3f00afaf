// s8_svdf: int8 SVDF with an int16 or int8 activation state, bit-exact with
// TensorFlow Lite Micro's EvalIntegerSvdfReference (svdf_common.cc).
//
// One call is one time step: the state [batch, filters * memory] shifts left by
// one element, each filter's newest column gets the requantized feature matmul
// (offset by the state zero point, clamped to the state type), then the time
// matmul against weights_time, the rank reduction, the bias and the output
// requantization. The integer path applies no fused activation.
#pragma once

#include <cstdint>

#include "kernels/quant_math.h"

namespace vnpu::kernels {

struct SvdfParams {
  int32_t batches = 1;
  int32_t input_size = 1;
  int32_t filters = 1;  // units * rank
  int32_t rank = 1;
  int32_t memory = 1;
  int32_t input_zero_point = 0;
  int32_t state_zero_point = 0;
  int32_t output_zero_point = 0;
  QuantizedMultiplier feature_to_state;  // input * weights_feature -> state scale
  QuantizedMultiplier state_to_output;   // state * weights_time -> output scale
};

// `scratch` holds batches * filters int32 values, `unit_scratch` batches * filters / rank.
// `bias` may be null. StateT and the weights_time element type are int16_t or int8_t.
template <typename StateT>
void s8_svdf(const SvdfParams& params, const int8_t* input, const int8_t* weights_feature,
             const StateT* weights_time, const int32_t* bias, StateT* state, int8_t* output,
             int32_t* scratch, int32_t* unit_scratch);

}  // namespace vnpu::kernels
