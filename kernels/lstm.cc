#include "kernels/lstm.h"

#include <algorithm>
#include <cstring>

namespace vnpu::kernels {
namespace {

// Where one step reads and writes (TFLM's LstmStepManager).
struct StepOffsets {
  int64_t input = 0;
  int64_t output = 0;
  int64_t state = 0;
  int32_t rows = 1;
};

void fully_connected(const LstmFcParams& p, int32_t rows, int32_t depth_in, int32_t depth_out,
                     const int8_t* input, const int8_t* weights, const int32_t* bias,
                     int16_t* output) {
  s8_lstm_fully_connected(p, rows, depth_in, depth_out, input, weights, bias, output);
}

void fully_connected(const LstmFcParams& p, int32_t rows, int32_t depth_in, int32_t depth_out,
                     const int16_t* input, const int8_t* weights, const int64_t* bias,
                     int16_t* output) {
  s16_lstm_fully_connected(p, rows, depth_in, depth_out, input, weights, bias, output);
}

void add_saturating(int64_t count, const int16_t* a, const int16_t* b, int16_t* out) {
  for (int64_t i = 0; i < count; ++i) {
    out[i] = static_cast<int16_t>(
        clamp_to(static_cast<int32_t>(a[i]) + static_cast<int32_t>(b[i]), -32768, 32767));
  }
}

template <typename ActT, typename BiasT>
void compute_gate(const LstmParams& p, const LstmTensors<ActT, BiasT>& t, const StepOffsets& at,
                  int gate, int16_t* gate_out, int16_t* fc_buffer) {
  const int64_t count = static_cast<int64_t>(at.rows) * p.state_size;
  fully_connected(p.input_fc[gate], at.rows, p.input_size, p.state_size, t.input + at.input,
                  t.input_weights[gate], t.bias[gate], gate_out);
  fully_connected(p.recurrent_fc[gate], at.rows, p.state_size, p.state_size, t.hidden + at.state,
                  t.recurrent_weights[gate], static_cast<const BiasT*>(nullptr), fc_buffer);
  add_saturating(count, gate_out, fc_buffer, gate_out);
  if (gate == kCellGate) {
    s16_lstm_tanh(-12, count, gate_out, gate_out);
  } else {
    s16_lstm_sigmoid(count, gate_out);
  }
}

template <typename ActT, typename BiasT>
void step(const LstmParams& p, const LstmTensors<ActT, BiasT>& t, const StepOffsets& at,
          int16_t* scratch) {
  const int64_t count = static_cast<int64_t>(at.rows) * p.state_size;
  const int64_t buffer_size = static_cast<int64_t>(p.batches) * p.state_size;
  int16_t* forget = scratch;
  int16_t* input_gate = scratch + buffer_size;
  int16_t* cell_gate = scratch + 2 * buffer_size;
  int16_t* fc_buffer = scratch + 3 * buffer_size;
  compute_gate(p, t, at, kForgetGate, forget, fc_buffer);
  compute_gate(p, t, at, kInputGate, input_gate, fc_buffer);
  compute_gate(p, t, at, kCellGate, cell_gate, fc_buffer);

  int16_t* cell = t.cell + at.state;
  lstm_mul(p.forget_cell_mul, count, forget, cell, cell);
  lstm_mul(p.input_cell_mul, count, input_gate, cell_gate, input_gate);
  add_saturating(count, cell, input_gate, cell);
  if (p.cell_clip > 0) {
    for (int64_t i = 0; i < count; ++i) {
      cell[i] = std::max<int16_t>(std::min(p.cell_clip, cell[i]),
                                  static_cast<int16_t>(-p.cell_clip));
    }
  }

  int16_t* output_gate = input_gate;
  compute_gate(p, t, at, kOutputGate, output_gate, fc_buffer);
  int16_t* cell_tanh = forget;
  s16_lstm_tanh(p.cell_scale_power, count, cell, cell_tanh);
  ActT* hidden = t.hidden + at.state;
  lstm_mul(p.hidden_mul, count, cell_tanh, output_gate, hidden);
  std::memcpy(t.output + at.output, hidden, static_cast<size_t>(count) * sizeof(ActT));
}

}  // namespace

template <typename ActT, typename BiasT>
void lstm_integer(const LstmParams& p, const LstmTensors<ActT, BiasT>& t, int16_t* scratch) {
  StepOffsets at;
  if (p.time_major) {
    at.rows = p.batches;
    for (int32_t time = 0; time < p.time_steps; ++time) {
      step(p, t, at, scratch);
      at.input += static_cast<int64_t>(p.input_size) * p.batches;
      at.output += static_cast<int64_t>(p.state_size) * p.batches;
    }
    return;
  }
  for (int32_t b = 0; b < p.batches; ++b) {
    for (int32_t time = 0; time < p.time_steps; ++time) {
      step(p, t, at, scratch);
      at.input += p.input_size;
      at.output += p.state_size;
    }
    at.state += p.state_size;
  }
}

template void lstm_integer<int8_t, int32_t>(const LstmParams&,
                                            const LstmTensors<int8_t, int32_t>&, int16_t*);
template void lstm_integer<int16_t, int64_t>(const LstmParams&,
                                             const LstmTensors<int16_t, int64_t>&, int16_t*);

}  // namespace vnpu::kernels
