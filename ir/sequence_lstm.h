// The operands of UNIDIRECTIONAL_SEQUENCE_LSTM as TensorFlow Lite numbers them
// (one source for the CPU operator, the compiler pass that unrolls it and the
// Vela placement rules of the tests).
#pragma once

#include <cstddef>
#include <cstdint>

namespace vnpu::ir::sequence_lstm {

constexpr size_t kOperandCount = 24;
constexpr int32_t kInput = 0;
constexpr int32_t kHiddenState = 18;  // a variable tensor
constexpr int32_t kCellState = 19;    // a variable tensor

// The weights and bias of one gate.
struct GateOperands {
  int32_t input_weights;
  int32_t recurrent_weights;
  int32_t bias;
};
constexpr GateOperands kInputGate{1, 5, 12};
constexpr GateOperands kForgetGate{2, 6, 13};
constexpr GateOperands kCellGate{3, 7, 14};
constexpr GateOperands kOutputGate{4, 8, 15};

// Peephole weights (9-11), projection weights and bias (16-17) and layer-norm
// coefficients (20-23): the variants TFLM's integer LSTM does not take.
constexpr bool is_variant_operand(int32_t slot) {
  return (slot >= 9 && slot <= 11) || slot == 16 || slot == 17 || slot >= 20;
}

}  // namespace vnpu::ir::sequence_lstm
