// Integer UNIDIRECTIONAL_SEQUENCE_LSTM, bit-exact with TensorFlow Lite Micro's
// EvalLstm (lstm_eval.h): int8 activations with int32 bias, or int16
// activations (16x8) with int64 bias; int8 weights; int16 cell state.
//
// Each step computes the forget, input and cell gates (input FC with bias plus
// recurrent FC, saturating add, sigmoid, or tanh for the cell gate; the FC
// outputs are Q3.12, the gate outputs Q0.15), updates the cell state
// (forget * cell + input * cell_gate, saturating, optionally clipped), computes
// the output gate, and sets hidden = tanh(cell) * output_gate, which is also
// copied into the output. Time-major input runs all batches in one step;
// batch-major input runs batch by batch.
#pragma once

#include <cstdint>

#include "kernels/lstm_math.h"

namespace vnpu::kernels {

enum LstmGate { kForgetGate = 0, kInputGate = 1, kCellGate = 2, kOutputGate = 3 };

struct LstmParams {
  int32_t batches = 1;
  int32_t time_steps = 1;
  int32_t input_size = 1;
  int32_t state_size = 1;
  bool time_major = false;
  LstmFcParams input_fc[4];      // per LstmGate
  LstmFcParams recurrent_fc[4];  // per LstmGate
  LstmMulParams forget_cell_mul;  // forget gate x cell state -> cell state
  LstmMulParams input_cell_mul;   // input gate x cell gate -> cell state
  LstmMulParams hidden_mul;       // tanh(cell) x output gate -> hidden state
  int32_t cell_scale_power = 0;   // cell state scale = 2^cell_scale_power
  int16_t cell_clip = 0;          // quantized; 0: no clipping
};

// The operands of one LSTM. Weights and biases are per LstmGate.
template <typename ActT, typename BiasT>
struct LstmTensors {
  const ActT* input = nullptr;
  const int8_t* input_weights[4] = {};
  const int8_t* recurrent_weights[4] = {};
  const BiasT* bias[4] = {};
  ActT* hidden = nullptr;
  int16_t* cell = nullptr;
  ActT* output = nullptr;
};

// `scratch` holds 4 buffers of batches * state_size int16 values.
// ActT/BiasT: int8_t/int32_t or int16_t/int64_t.
template <typename ActT, typename BiasT>
void lstm_integer(const LstmParams& params, const LstmTensors<ActT, BiasT>& tensors,
                  int16_t* scratch);

}  // namespace vnpu::kernels
