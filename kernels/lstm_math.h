// The integer pieces of TensorFlow Lite Micro's integer LSTM (lstm_eval.cc),
// bit-exact: the int16 sigmoid and tanh with the LSTM's fixed input scales (the
// int16 LOGISTIC/TANH kernels of kernels/sigmoid_s16.h), and the fully
// connected and element-wise multiply of one LSTM step.
#pragma once

#include <cstdint>

#include "kernels/quant_math.h"

namespace vnpu::kernels {

// reference_integer_ops::Logistic (int16) in place, with input_multiplier 0 and
// input_left_shift 0 as the LSTM calls it: Q3.12 in, Q0.15 out.
void s16_lstm_sigmoid(int64_t count, int16_t* data);

// reference_integer_ops::Tanh (int16) with the LSTM's parameters for an input
// scale of 2^scale_power: the left shift 15 + scale_power - 3 (multiplier 3 for
// a negative shift). Output Q0.15.
void s16_lstm_tanh(int32_t scale_power, int64_t count, const int16_t* input, int16_t* output);

// reference_integer_ops::FullyConnected of one LSTM gate: int16 output,
// weights [depth_out, depth_in]; bias may be null.
struct LstmFcParams {
  int32_t input_offset = 0;    // -input zero point
  int32_t weights_offset = 0;  // -weights zero point
  QuantizedMultiplier multiplier;
};

void s8_lstm_fully_connected(const LstmFcParams& params, int32_t rows, int32_t depth_in,
                             int32_t depth_out, const int8_t* input, const int8_t* weights,
                             const int32_t* bias, int16_t* output);
void s16_lstm_fully_connected(const LstmFcParams& params, int32_t rows, int32_t depth_in,
                              int32_t depth_out, const int16_t* input, const int8_t* weights,
                              const int64_t* bias, int16_t* output);

// reference_integer_ops::MulElementwise of symmetric int16 inputs.
struct LstmMulParams {
  int32_t output_offset = 0;
  QuantizedMultiplier multiplier;
  int32_t activation_min = -32768;
  int32_t activation_max = 32767;
};

template <typename OutputT>
void lstm_mul(const LstmMulParams& params, int64_t count, const int16_t* input1,
              const int16_t* input2, OutputT* output);

}  // namespace vnpu::kernels
