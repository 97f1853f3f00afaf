// UNIDIRECTIONAL_SEQUENCE_LSTM: TFLM's integer LSTM (unidirectional_sequence_lstm.cc
// and lstm_eval_common.cc). TFLite's 24 operands: input; input-to-{input,forget,
// cell,output} weights (1-4); recurrent-to-{...} weights (5-8); peephole (9-11);
// {input,forget,cell,output} gate biases (12-15); projection (16-17); hidden and
// cell state (18-19, variables); layer-norm coefficients (20-23). Like TFLM,
// prepare refuses peephole, projection and layer-norm operands and CIFG (a
// missing input gate). int8 activations take int32 biases, int16 activations
// (16x8) int64 biases; the cell state is int16. Gate FC outputs have the fixed
// scale 2^-12, gate outputs 2^-15.
#include <cmath>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "driver/cpu/ops.h"
#include "ir/sequence_lstm.h"
#include "kernels/lstm.h"
#include "kernels/prepare/convolution_support.h"
#include "kernels/prepare/op_support.h"

namespace vnpu::driver::cpu {

namespace prepare = kernels::prepare;
namespace {

namespace lstm = ir::sequence_lstm;
constexpr size_t kOperands = lstm::kOperandCount;
constexpr int32_t kInput = lstm::kInput;
constexpr int32_t kHiddenState = lstm::kHiddenState;
constexpr int32_t kCellState = lstm::kCellState;
// Per kernels::LstmGate (forget, input, cell, output): the operand slots.
constexpr lstm::GateOperands kGates[4] = {lstm::kForgetGate, lstm::kInputGate, lstm::kCellGate,
                                          lstm::kOutputGate};
constexpr int32_t kInputWeightSlot[4] = {kGates[0].input_weights, kGates[1].input_weights,
                                         kGates[2].input_weights, kGates[3].input_weights};
constexpr int32_t kRecurrentWeightSlot[4] = {
    kGates[0].recurrent_weights, kGates[1].recurrent_weights, kGates[2].recurrent_weights,
    kGates[3].recurrent_weights};
constexpr int32_t kBiasSlot[4] = {kGates[0].bias, kGates[1].bias, kGates[2].bias, kGates[3].bias};
constexpr float kGateInputScale = 1.0f / 4096.0f;    // 2^-12
constexpr float kGateOutputScale = 1.0f / 32768.0f;  // 2^-15

template <typename ActT, typename BiasT>
class LstmOp final : public CpuOp {
 public:
  LstmOp(const ir::Operator& op, const kernels::LstmParams& params)
      : params_(params),
        operands_(op.inputs),
        output_(op.outputs[0]),
        scratch_(4 * static_cast<size_t>(params.batches) * static_cast<size_t>(params.state_size)) {}

  Status eval(const TensorMemory& memory) const override {
    kernels::LstmTensors<ActT, BiasT> t;
    t.input = memory.get<const ActT>(operands_[kInput]);
    for (int g = 0; g < 4; ++g) {
      t.input_weights[g] = memory.get<const int8_t>(operands_[kInputWeightSlot[g]]);
      t.recurrent_weights[g] = memory.get<const int8_t>(operands_[kRecurrentWeightSlot[g]]);
      t.bias[g] = memory.get<const BiasT>(operands_[kBiasSlot[g]]);
    }
    t.hidden = memory.get<ActT>(operands_[kHiddenState]);
    t.cell = memory.get<int16_t>(operands_[kCellState]);
    t.output = memory.get<ActT>(output_);
    kernels::lstm_integer<ActT, BiasT>(params_, t, scratch_.data());
    return Status::ok();
  }

 private:
  kernels::LstmParams params_;
  std::vector<int32_t> operands_;
  int32_t output_;
  mutable std::vector<int16_t> scratch_;
};

Status check_present(const ir::Graph& graph, const ir::Operator& op) {
  if (op.inputs.size() != kOperands) {
    return Status::invalid_input("expected 24 operands as TFLite defines them, got " +
                                 std::to_string(op.inputs.size()));
  }
  if (op.outputs.size() != 1) return Status::invalid_input("expects 1 output");
  for (int32_t slot = 0; slot < static_cast<int32_t>(kOperands); ++slot) {
    const bool absent = op.inputs[static_cast<size_t>(slot)] == ir::kNoTensor;
    const bool optional_variant = lstm::is_variant_operand(slot);
    if (optional_variant && !absent) {
      return Status::unsupported("operand " + std::to_string(slot) +
                                 ": peephole, projection and layer-norm LSTMs are not supported "
                                 "(TFLM rejects them)");
    }
    if (!optional_variant && absent) {
      return Status::unsupported("operand " + std::to_string(slot) +
                                 " is missing (CIFG LSTMs are not supported, TFLM rejects them)");
    }
  }
  for (int32_t slot : {kHiddenState, kCellState}) {
    const int32_t index = op.inputs[static_cast<size_t>(slot)];
    if (!graph.tensor(index).is_variable) {
      return Status::invalid_input("state " + prepare::describe_tensor(graph, index) +
                                   ": must be a variable tensor");
    }
  }
  return Status::ok();
}

Status check_types(const ir::Graph& graph, const ir::Operator& op, ir::DataType act,
                   ir::DataType bias) {
  const auto& in = op.inputs;
  if (Status s = prepare::check_type(graph, in[kHiddenState], act, "hidden state"); !s) return s;
  if (Status s = prepare::check_type(graph, op.outputs[0], act, "output"); !s) return s;
  if (Status s = prepare::check_type(graph, in[kCellState], ir::DataType::kInt16, "cell state");
      !s) {
    return s;
  }
  for (int g = 0; g < 4; ++g) {
    for (int32_t slot : {kInputWeightSlot[g], kRecurrentWeightSlot[g]}) {
      const int32_t index = in[static_cast<size_t>(slot)];
      if (Status s = prepare::check_type(graph, index, ir::DataType::kInt8, "weights"); !s) return s;
      if (Status s = prepare::check_constant(graph, index, "weights"); !s) return s;
      if (Status s = prepare::check_per_tensor_quantized(graph, index, "weights"); !s) return s;
    }
    const int32_t bias_index = in[static_cast<size_t>(kBiasSlot[g])];
    if (Status s = prepare::check_type(graph, bias_index, bias, "bias"); !s) return s;
    if (Status s = prepare::check_constant(graph, bias_index, "bias"); !s) return s;
  }
  for (int32_t index : {in[kInput], in[kHiddenState], in[kCellState], op.outputs[0]}) {
    if (Status s = prepare::check_per_tensor_quantized(graph, index, "operand"); !s) return s;
  }
  return Status::ok();
}

Status check_shape(const ir::Graph& graph, int32_t index, const ir::Shape& expected,
                   const char* role) {
  if (graph.tensor(index).shape == expected) return Status::ok();
  return Status::invalid_input(std::string(role) + " " + prepare::describe_tensor(graph, index) +
                               ": expected shape " + ir::shape_to_string(expected));
}

Status set_sizes(const ir::Graph& graph, const ir::Operator& op, kernels::LstmParams& p) {
  const auto& in = op.inputs;
  if (Status s = prepare::check_rank(graph, in[kInput], 3, "input"); !s) return s;
  if (Status s = prepare::check_rank(graph, in[kHiddenState], 2, "hidden state"); !s) return s;
  const ir::Shape& input_shape = graph.tensor(in[kInput]).shape;
  p.batches = p.time_major ? input_shape[1] : input_shape[0];
  p.time_steps = p.time_major ? input_shape[0] : input_shape[1];
  p.input_size = input_shape[2];
  p.state_size = graph.tensor(in[kHiddenState]).shape[1];
  for (int g = 0; g < 4; ++g) {
    if (Status s = check_shape(graph, in[static_cast<size_t>(kInputWeightSlot[g])],
                               {p.state_size, p.input_size}, "input weights");
        !s) {
      return s;
    }
    if (Status s = check_shape(graph, in[static_cast<size_t>(kRecurrentWeightSlot[g])],
                               {p.state_size, p.state_size}, "recurrent weights");
        !s) {
      return s;
    }
    if (Status s = check_shape(graph, in[static_cast<size_t>(kBiasSlot[g])], {p.state_size}, "bias");
        !s) {
      return s;
    }
  }
  const int64_t state_count = static_cast<int64_t>(p.batches) * p.state_size;
  for (int32_t slot : {kHiddenState, kCellState}) {
    const int32_t index = in[static_cast<size_t>(slot)];
    if (graph.tensor(index).element_count() != state_count) {
      return Status::invalid_input("state " + prepare::describe_tensor(graph, index) +
                                   ": expected " + std::to_string(state_count) + " elements");
    }
  }
  return check_shape(graph, op.outputs[0], {input_shape[0], input_shape[1], p.state_size},
                     "output");
}

Expected<kernels::LstmFcParams> fc_params(const ir::Graph& graph, int32_t input, int32_t weights) {
  const ir::Quantization& in_q = graph.tensor(input).quantization;
  const ir::Quantization& w_q = graph.tensor(weights).quantization;
  kernels::LstmFcParams fc;
  fc.input_offset = -in_q.zero_point();
  fc.weights_offset = -w_q.zero_point();
  const double real =
      prepare::per_tensor_fully_connected_scale_ratio(in_q.scale(), w_q.scale(), kGateInputScale);
  fc.multiplier = kernels::quantize_multiplier(real);
  if (fc.multiplier.shift > 31) {
    return Status::unsupported("weights " + prepare::describe_tensor(graph, weights) +
                               ": scale ratio " + std::to_string(real) + " is 2^31 or more");
  }
  return fc;
}

kernels::LstmMulParams mul_params(float scale1, float scale2, float output_scale,
                                  ir::DataType output_type, int32_t output_zero_point) {
  kernels::LstmMulParams m;
  m.output_offset = output_zero_point;
  m.multiplier = kernels::quantize_multiplier(static_cast<double>(scale1) *
                                              static_cast<double>(scale2) /
                                              static_cast<double>(output_scale));
  m.activation_min = output_type == ir::DataType::kInt8 ? -128 : -32768;
  m.activation_max = output_type == ir::DataType::kInt8 ? 127 : 32767;
  return m;
}

Status set_scales(const ir::Graph& graph, const ir::Operator& op, float cell_clip,
                  kernels::LstmParams& p) {
  const auto& in = op.inputs;
  for (int g = 0; g < 4; ++g) {
    auto input_fc = fc_params(graph, in[kInput], in[static_cast<size_t>(kInputWeightSlot[g])]);
    if (!input_fc) return input_fc.status();
    auto recurrent_fc =
        fc_params(graph, in[kHiddenState], in[static_cast<size_t>(kRecurrentWeightSlot[g])]);
    if (!recurrent_fc) return recurrent_fc.status();
    p.input_fc[g] = *input_fc;
    p.recurrent_fc[g] = *recurrent_fc;
  }
  const ir::Tensor& cell = graph.tensor(in[kCellState]);
  const ir::Tensor& hidden = graph.tensor(in[kHiddenState]);
  const float cell_scale = cell.quantization.scale();
  // TFLM CheckedLog2: the rounded float log2 (a cell scale off a power of two rounds).
  const float log2_scale = std::log(cell_scale) * (1.0f / std::log(2.0f));
  p.cell_scale_power = static_cast<int32_t>(std::round(log2_scale));
  p.cell_clip = static_cast<int16_t>(std::min(
      std::max(static_cast<double>(cell_clip) / static_cast<double>(cell_scale), -32768.0),
      32767.0));
  p.forget_cell_mul = mul_params(kGateOutputScale, cell_scale, cell_scale, ir::DataType::kInt16, 0);
  p.input_cell_mul =
      mul_params(kGateOutputScale, kGateOutputScale, cell_scale, ir::DataType::kInt16, 0);
  p.hidden_mul = mul_params(kGateOutputScale, kGateOutputScale, hidden.quantization.scale(),
                            hidden.type, hidden.quantization.zero_point());
  for (const kernels::LstmMulParams* m : {&p.forget_cell_mul, &p.input_cell_mul, &p.hidden_mul}) {
    if (m->multiplier.shift > 31) return Status::unsupported("a state scale ratio is 2^31 or more");
  }
  // The tanh input shift is 12 + power; TFLM's int32 arithmetic holds it in [-31, 15].
  if (p.cell_scale_power < -43 || p.cell_scale_power > 3) {
    return Status::unsupported("cell state " + prepare::describe_tensor(graph, in[kCellState]) +
                               ": scale 2^" + std::to_string(p.cell_scale_power) +
                               " is outside the tanh input range TFLM handles");
  }
  return Status::ok();
}

}  // namespace

PrepareResult prepare_unidirectional_sequence_lstm(const ir::Graph& graph, const ir::Operator& op,
                                                   const CpuOptions&) {
  const auto* options = std::get_if<ir::SequenceLstmOptions>(&op.options);
  if (options == nullptr) return Status::invalid_input("LSTM without its options");
  if (Status s = check_present(graph, op); !s) return s;
  const ir::DataType act = graph.tensor(op.inputs[kInput]).type;
  if (act != ir::DataType::kInt8 && act != ir::DataType::kInt16) {
    return Status::unsupported("input " + prepare::describe_tensor(graph, op.inputs[kInput]) +
                               ": only int8 and int16 LSTMs run on the CPU");
  }
  const ir::DataType bias = act == ir::DataType::kInt8 ? ir::DataType::kInt32 : ir::DataType::kInt64;
  if (Status s = check_types(graph, op, act, bias); !s) return s;
  kernels::LstmParams params;
  params.time_major = options->time_major;
  if (Status s = set_sizes(graph, op, params); !s) return s;
  if (Status s = set_scales(graph, op, options->cell_clip, params); !s) return s;
  if (act == ir::DataType::kInt8) {
    return std::unique_ptr<CpuOp>(std::make_unique<LstmOp<int8_t, int32_t>>(op, params));
  }
  return std::unique_ptr<CpuOp>(std::make_unique<LstmOp<int16_t, int64_t>>(op, params));
}

}  // namespace vnpu::driver::cpu
