// unroll_lstm: an integer UNIDIRECTIONAL_SEQUENCE_LSTM (TFLM's kernel, as
// driver/cpu/ops/lstm_op.cc runs it) becomes its time steps as operators the
// NPU runs, each computing exactly what the kernel computes at that point:
//
//   once:     x16 = QUANTIZE(x) to int16 at x's scale (int8 only: x - zp, exact)
//             per gate, FULLY_CONNECTED(x16, input weights, bias) over every
//             time step at once, RESHAPE, one STRIDED_SLICE per step
//   per step: h16 = QUANTIZE(h) (int8 only)
//             per gate: ADD(that step's input part, FULLY_CONNECTED(h16,
//             recurrent weights)), then LOGISTIC (TANH for the cell gate)
//             c = ADD(MUL(forget, c), MUL(input, cell gate)), clipped by
//             MINIMUM and MAXIMUM when the LSTM clips
//             h = MUL(TANH(c), output gate), QUANTIZE to int8 (int8 only)
//   then:     PACK of every step's h along time
//
// Why each is exact: the int8 kernel's fully connected sums (w)(x - zp) in a
// wrapping int32 and rounds with the 32-bit MultiplyByQuantizedMultiplier;
// a 16x8 FULLY_CONNECTED with an int32 bias does the same with x - zp as its
// input (the recurrent one gets a zero bias for that reason); the 16x8 kernel
// matches a 16x8 FULLY_CONNECTED with an int64 bias (or none). Gate sums are
// int16 ADDs of equal scales (exact saturating sums); the multiplies have the
// scales the kernel's multipliers come from; int16 -> int8 at one scale adds
// the zero point and saturates, as the kernel's int8 multiply does. The gate
// functions and tanh(c) are TFLite's int16 LOGISTIC and TANH at 2^-12 and at
// the cell scale, checked here for all 65536 inputs against the kernel's
// fixed-point ones. Batches run side by side in each step (rows are
// independent), so batch-major and time-major inputs unroll alike.
//
// The last step writes the hidden and cell state variables, so the state
// carries over to the next invocation as the kernel's does.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <variant>
#include <vector>

#include "compiler/passes/passes.h"
#include "compiler/passes/rewrite_where_npu_runs.h"
#include "compiler/passes/split_as_slices.h"
#include "ir/graph_edit.h"
#include "ir/sequence_lstm.h"
#include "kernels/lstm_math.h"
#include "kernels/sigmoid_s16.h"

namespace vnpu::compiler {
namespace {

namespace lstm = ir::sequence_lstm;

constexpr float kGateInputScale = 1.0f / 4096.0f;    // 2^-12, the gate FCs' output
constexpr float kGateOutputScale = 1.0f / 32768.0f;  // 2^-15, the gate functions' output
// Unrolling emits about 25 operators per step; longer sequences stay on the CPU.
constexpr int32_t kMaxSteps = 256;

// Forget, input, cell, output: the order the steps use them.
constexpr lstm::GateOperands kGates[4] = {lstm::kForgetGate, lstm::kInputGate, lstm::kCellGate,
                                          lstm::kOutputGate};
constexpr int kForget = 0, kInputGate = 1, kCellGate = 2, kOutput = 3;

struct LstmShape {
  int32_t batches = 0;  // 0: not an LSTM this pass unrolls
  int32_t steps = 0;
  int32_t input_size = 0;
  int32_t state_size = 0;
  bool time_major = false;
  bool wide = false;      // 16x8: int16 activations, int64 biases
  int16_t cell_clip = 0;  // quantized as the kernel does; 0: none
};

int32_t operand(const ir::Operator& op, int32_t slot) {
  return op.inputs[static_cast<size_t>(slot)];
}

bool per_tensor(const ir::Tensor& t) {
  return t.quantization.scales.size() == 1 && t.quantization.zero_points.size() == 1;
}

// The operands the CPU kernel takes: no variant operands, states that are
// variables of the activation type (cell int16), int8 weights with zero point 0.
bool operands_supported(const ir::Graph& graph, const ir::Operator& op, ir::DataType act) {
  if (op.inputs.size() != lstm::kOperandCount || op.outputs.size() != 1) return false;
  for (int32_t slot = 0; slot < static_cast<int32_t>(lstm::kOperandCount); ++slot) {
    if ((operand(op, slot) == ir::kNoTensor) != lstm::is_variant_operand(slot)) return false;
  }
  const ir::Tensor& hidden = graph.tensor(operand(op, lstm::kHiddenState));
  const ir::Tensor& cell = graph.tensor(operand(op, lstm::kCellState));
  const ir::Tensor& out = graph.tensor(op.outputs[0]);
  if (!hidden.is_variable || !cell.is_variable || hidden.type != act || out.type != act ||
      cell.type != ir::DataType::kInt16) {
    return false;
  }
  for (const ir::Tensor* t : {&graph.tensor(operand(op, lstm::kInput)), &hidden, &cell, &out}) {
    if (!per_tensor(*t)) return false;
  }
  if (act == ir::DataType::kInt16 &&
      (hidden.quantization.zero_point() != 0 ||
       graph.tensor(operand(op, lstm::kInput)).quantization.zero_point() != 0)) {
    return false;
  }
  const ir::DataType bias_type =
      act == ir::DataType::kInt8 ? ir::DataType::kInt32 : ir::DataType::kInt64;
  for (const lstm::GateOperands& gate : kGates) {
    for (int32_t slot : {gate.input_weights, gate.recurrent_weights}) {
      const ir::Tensor& w = graph.tensor(operand(op, slot));
      if (w.type != ir::DataType::kInt8 || !w.is_constant() || !per_tensor(w) ||
          w.quantization.zero_point() != 0 || w.shape.size() != 2) {
        return false;
      }
    }
    const ir::Tensor& bias = graph.tensor(operand(op, gate.bias));
    if (bias.type != bias_type || !bias.is_constant()) return false;
  }
  return true;
}

bool shapes_supported(const ir::Graph& graph, const ir::Operator& op, const LstmShape& s) {
  const ir::Shape state = {s.batches, s.state_size};
  if (graph.tensor(operand(op, lstm::kHiddenState)).shape != state ||
      graph.tensor(operand(op, lstm::kCellState)).shape != state) {
    return false;
  }
  for (const lstm::GateOperands& gate : kGates) {
    if (graph.tensor(operand(op, gate.input_weights)).shape !=
            ir::Shape{s.state_size, s.input_size} ||
        graph.tensor(operand(op, gate.recurrent_weights)).shape !=
            ir::Shape{s.state_size, s.state_size} ||
        graph.tensor(operand(op, gate.bias)).shape != ir::Shape{s.state_size}) {
      return false;
    }
  }
  const ir::Shape& in = graph.tensor(operand(op, lstm::kInput)).shape;
  return graph.tensor(op.outputs[0]).shape == ir::Shape{in[0], in[1], s.state_size};
}

// TFLite's int16 LOGISTIC or TANH at `input_scale` equals `reference` for every input.
template <typename Reference>
bool same_for_every_int16(kernels::Sigmoid16Function function, float input_scale,
                          Reference reference) {
  kernels::Sigmoid16Params params;
  if (!kernels::make_s16_sigmoid_like_params(function, input_scale, &params)) return false;
  std::vector<int16_t> in(65536), ours(65536), theirs(65536);
  for (int32_t v = -32768; v <= 32767; ++v)
    in[static_cast<size_t>(v + 32768)] = static_cast<int16_t>(v);
  const kernels::Dims dims{65536};
  if (function == kernels::Sigmoid16Function::kLogistic) {
    kernels::s16_logistic(params, dims, in.data(), dims, ours.data());
  } else {
    kernels::s16_tanh(params, dims, in.data(), dims, ours.data());
  }
  reference(in, theirs);
  return ours == theirs;
}

// The kernel's gate functions and tanh(c) are TFLite's LOGISTIC and TANH at these scales.
bool functions_match(float cell_scale) {
  const float log2_scale = std::log(cell_scale) * (1.0f / std::log(2.0f));
  const auto power = static_cast<int32_t>(std::round(log2_scale));  // as the CPU kernel rounds it
  if (power < -43 || power > 3) return false;
  using F = kernels::Sigmoid16Function;
  return same_for_every_int16(F::kLogistic, kGateInputScale,
                              [](const std::vector<int16_t>& in, std::vector<int16_t>& out) {
                                out = in;
                                kernels::s16_lstm_sigmoid(65536, out.data());
                              }) &&
         same_for_every_int16(F::kTanh, kGateInputScale,
                              [](const std::vector<int16_t>& in, std::vector<int16_t>& out) {
                                kernels::s16_lstm_tanh(-12, 65536, in.data(), out.data());
                              }) &&
         same_for_every_int16(F::kTanh, cell_scale,
                              [power](const std::vector<int16_t>& in, std::vector<int16_t>& out) {
                                kernels::s16_lstm_tanh(power, 65536, in.data(), out.data());
                              });
}

// The LSTM's sizes, or batches 0 when this pass does not unroll it.
LstmShape plan_lstm(const ir::Graph& graph, const ir::Operator& op) {
  const auto* options = std::get_if<ir::SequenceLstmOptions>(&op.options);
  if (op.type != ir::OpType::kUnidirectionalSequenceLstm || options == nullptr ||
      op.inputs.size() != lstm::kOperandCount) {
    return {};
  }
  const ir::Tensor& in = graph.tensor(operand(op, lstm::kInput));
  if ((in.type != ir::DataType::kInt8 && in.type != ir::DataType::kInt16) ||
      !operands_supported(graph, op, in.type) || in.shape.size() != 3) {
    return {};
  }
  LstmShape s;
  s.time_major = options->time_major;
  s.batches = s.time_major ? in.shape[1] : in.shape[0];
  s.steps = s.time_major ? in.shape[0] : in.shape[1];
  s.input_size = in.shape[2];
  s.state_size = graph.tensor(operand(op, lstm::kHiddenState)).shape.size() == 2
                     ? graph.tensor(operand(op, lstm::kHiddenState)).shape[1]
                     : 0;
  s.wide = in.type == ir::DataType::kInt16;
  if (s.batches < 1 || s.steps < 1 || s.steps > kMaxSteps || s.input_size < 1 || s.state_size < 1 ||
      !shapes_supported(graph, op, s)) {
    return {};
  }
  const float cell_scale = graph.tensor(operand(op, lstm::kCellState)).quantization.scale();
  if (!(cell_scale > 0.0f) || !functions_match(cell_scale)) return {};
  s.cell_clip = static_cast<int16_t>(std::min(
      std::max(static_cast<double>(options->cell_clip) / static_cast<double>(cell_scale), -32768.0),
      32767.0));
  return s;
}

// Builds the unrolled operators, adding their tensors to the graph.
class Unroller {
 public:
  Unroller(ir::Graph& graph, const ir::Operator& op, const LstmShape& shape)
      : graph_(graph), op_(op), s_(shape), name_(graph.tensor(op.outputs[0]).name) {}

  std::vector<ir::Operator> build() {
    const int32_t x16 = to_int16(operand(op_, lstm::kInput), "/input16");
    std::vector<int32_t> input_parts[4];
    for (int g = 0; g < 4; ++g) input_parts[g] = input_contributions(x16, g);
    int32_t hidden = operand(op_, lstm::kHiddenState);
    int32_t cell = operand(op_, lstm::kCellState);
    std::vector<int32_t> outputs;
    for (int32_t t = 0; t < s_.steps; ++t) {
      const bool last = t == s_.steps - 1;
      const std::string step = "/step" + std::to_string(t);
      const int32_t h16 = to_int16(hidden, step + "/hidden16");
      int32_t gates[4];
      for (int g = 0; g < 4; ++g) {
        gates[g] = gate(g, input_parts[g][static_cast<size_t>(t)], h16, step);
      }
      cell = next_cell(gates, cell, last, step);
      hidden = next_hidden(cell, gates[kOutput], last, step);
      outputs.push_back(hidden);
    }
    ops_.push_back(
        {ir::OpType::kPack, outputs, {op_.outputs[0]}, ir::PackOptions{s_.steps, time_axis()}});
    return std::move(ops_);
  }

 private:
  int32_t time_axis() const { return s_.time_major ? 0 : 1; }
  const ir::Tensor& tensor(int32_t index) const { return graph_.tensor(index); }

  int32_t add(const std::string& suffix, ir::DataType type, ir::Shape shape, float scale,
              int64_t zero_point = 0) {
    ir::Tensor t;
    t.name = name_ + suffix;
    t.type = type;
    t.shape = std::move(shape);
    t.quantization.scales = {scale};
    t.quantization.zero_points = {zero_point};
    return ir::add_tensor(graph_, std::move(t));
  }

  int32_t add_like(int32_t source, const std::string& suffix, ir::DataType type, float scale,
                   int64_t zero_point = 0) {
    const ir::Shape shape = tensor(source).shape;
    return add(suffix, type, shape, scale, zero_point);
  }

  // int8 x as int16 x - zp at the same scale; int16 tensors stay as they are.
  int32_t to_int16(int32_t source, const std::string& suffix) {
    if (s_.wide) return source;
    const float scale = tensor(source).quantization.scale();
    const int32_t wide = add_like(source, suffix, ir::DataType::kInt16, scale);
    ops_.push_back({ir::OpType::kQuantize, {source}, {wide}, std::monostate{}});
    return wide;
  }

  // A copy of a gate's bias whose scale is input scale x weight scale (the
  // FULLY_CONNECTED bias check); the values are the kernel's.
  int32_t bias_for(int32_t bias, int32_t input, int32_t weights) {
    ir::Tensor t = tensor(bias);
    t.name += "/fc";
    t.quantization.scales = {tensor(input).quantization.scale() *
                             tensor(weights).quantization.scale()};
    t.quantization.zero_points = {0};
    return ir::add_tensor(graph_, std::move(t));
  }

  // An int32 bias of zeros: keeps an int8 recurrent sum in TFLite's int32
  // accumulator. One per gate, shared by every step.
  int32_t zero_bias(int g, int32_t input, int32_t weights) {
    int32_t& made = zero_biases_[g];
    if (made == ir::kNoTensor) made = add_zero_bias(input, weights);
    return made;
  }

  int32_t add_zero_bias(int32_t input, int32_t weights) {
    ir::Tensor t;
    t.name = tensor(weights).name + "/zero_bias";
    t.type = ir::DataType::kInt32;
    t.shape = {s_.state_size};
    t.data.assign(static_cast<size_t>(s_.state_size) * 4, 0);
    t.quantization.scales = {tensor(input).quantization.scale() *
                             tensor(weights).quantization.scale()};
    t.quantization.zero_points = {0};
    return ir::add_tensor(graph_, std::move(t));
  }

  // Gate g's input FULLY_CONNECTED over every step, one [batches, state] tensor per step.
  std::vector<int32_t> input_contributions(int32_t x16, int g) {
    const int32_t weights = operand(op_, kGates[g].input_weights);
    const std::string gate_name = "/gate" + std::to_string(g);
    const ir::Shape in = tensor(x16).shape;  // a copy: adding tensors moves them
    const int32_t rows = in[0] * in[1];
    const int32_t flat =
        add(gate_name + "/input_fc", ir::DataType::kInt16, {rows, s_.state_size}, kGateInputScale);
    ops_.push_back({ir::OpType::kFullyConnected,
                    {x16, weights, bias_for(operand(op_, kGates[g].bias), x16, weights)},
                    {flat},
                    ir::FullyConnectedOptions{}});
    const ir::Shape by_time = {in[0], in[1], s_.state_size};
    const int32_t shaped =
        add(gate_name + "/input_fc3d", ir::DataType::kInt16, by_time, kGateInputScale);
    ops_.push_back({ir::OpType::kReshape,
                    {flat},
                    {shaped},
                    ir::ReshapeOptions{{by_time[0], by_time[1], by_time[2]}}});
    std::vector<int32_t> parts;
    for (int32_t t = 0; t < s_.steps; ++t) {
      parts.push_back(add(gate_name + "/input_fc/step" + std::to_string(t), ir::DataType::kInt16,
                          {s_.batches, s_.state_size}, kGateInputScale));
    }
    const ir::Operator unpack{
        ir::OpType::kUnpack, {shaped}, parts, ir::PackOptions{s_.steps, time_axis()}};
    for (ir::Operator& slice : split_as_slices(graph_, unpack)) ops_.push_back(std::move(slice));
    return parts;
  }

  // Gate g of one step: its function of the input part plus the recurrent part.
  int32_t gate(int g, int32_t input_part, int32_t h16, const std::string& step) {
    const std::string gate_name = step + "/gate" + std::to_string(g);
    const int32_t weights = operand(op_, kGates[g].recurrent_weights);
    const int32_t recurrent =
        add_like(input_part, gate_name + "/recurrent_fc", ir::DataType::kInt16, kGateInputScale);
    std::vector<int32_t> fc_inputs = {h16, weights};
    if (!s_.wide) fc_inputs.push_back(zero_bias(g, h16, weights));
    ops_.push_back(
        {ir::OpType::kFullyConnected, fc_inputs, {recurrent}, ir::FullyConnectedOptions{}});
    const int32_t sum =
        add_like(input_part, gate_name + "/sum", ir::DataType::kInt16, kGateInputScale);
    ops_.push_back({ir::OpType::kAdd, {input_part, recurrent}, {sum}, ir::ElementwiseOptions{}});
    const int32_t out = add_like(sum, gate_name, ir::DataType::kInt16, kGateOutputScale);
    ops_.push_back({g == kCellGate ? ir::OpType::kTanh : ir::OpType::kLogistic,
                    {sum},
                    {out},
                    std::monostate{}});
    return out;
  }

  // forget x cell + input x cell gate, clipped; the last step writes the cell state.
  int32_t next_cell(const int32_t gates[4], int32_t cell, bool last, const std::string& step) {
    const int32_t state = operand(op_, lstm::kCellState);
    const float scale = tensor(state).quantization.scale();
    const int32_t kept = add_like(cell, step + "/forget_cell", ir::DataType::kInt16, scale);
    ops_.push_back({ir::OpType::kMul, {gates[kForget], cell}, {kept}, ir::ElementwiseOptions{}});
    const int32_t fresh = add_like(cell, step + "/input_cell", ir::DataType::kInt16, scale);
    ops_.push_back({ir::OpType::kMul,
                    {gates[kInputGate], gates[kCellGate]},
                    {fresh},
                    ir::ElementwiseOptions{}});
    const bool clip = s_.cell_clip > 0;
    const int32_t sum =
        last && !clip ? state : add_like(cell, step + "/cell", ir::DataType::kInt16, scale);
    ops_.push_back({ir::OpType::kAdd, {kept, fresh}, {sum}, ir::ElementwiseOptions{}});
    if (!clip) return sum;
    const int32_t below = add_like(cell, step + "/cell_min", ir::DataType::kInt16, scale);
    ops_.push_back({ir::OpType::kMinimum,
                    {sum, clip_constant(s_.cell_clip, "/clip_high")},
                    {below},
                    std::monostate{}});
    const int32_t clipped =
        last ? state : add_like(cell, step + "/cell_clipped", ir::DataType::kInt16, scale);
    ops_.push_back({ir::OpType::kMaximum,
                    {below, clip_constant(static_cast<int16_t>(-s_.cell_clip), "/clip_low")},
                    {clipped},
                    std::monostate{}});
    return clipped;
  }

  int32_t clip_constant(int16_t value, const std::string& suffix) {
    const int32_t state = operand(op_, lstm::kCellState);
    const int32_t t = add(suffix, ir::DataType::kInt16, {1, 1}, tensor(state).quantization.scale());
    ir::Tensor& c = graph_.tensor(t);
    c.data.resize(2);
    std::memcpy(c.data.data(), &value, 2);
    return t;
  }

  // tanh(cell) x output gate at the hidden scale; the last step writes the hidden state.
  int32_t next_hidden(int32_t cell, int32_t output_gate, bool last, const std::string& step) {
    const int32_t state = operand(op_, lstm::kHiddenState);
    const ir::Quantization q = tensor(state).quantization;
    const int32_t cell_tanh =
        add_like(cell, step + "/cell_tanh", ir::DataType::kInt16, kGateOutputScale);
    ops_.push_back({ir::OpType::kTanh, {cell}, {cell_tanh}, std::monostate{}});
    const bool direct = s_.wide;
    const int32_t product = last && direct
                                ? state
                                : add_like(cell, step + (direct ? "/hidden" : "/hidden16"),
                                           ir::DataType::kInt16, q.scale());
    ops_.push_back(
        {ir::OpType::kMul, {cell_tanh, output_gate}, {product}, ir::ElementwiseOptions{}});
    if (direct) return product;
    const int32_t hidden =
        last ? state
             : add_like(cell, step + "/hidden", ir::DataType::kInt8, q.scale(), q.zero_point());
    ops_.push_back({ir::OpType::kQuantize, {product}, {hidden}, std::monostate{}});
    return hidden;
  }

  ir::Graph& graph_;
  const ir::Operator op_;
  const LstmShape s_;
  const std::string name_;
  std::vector<ir::Operator> ops_;
  int32_t zero_biases_[4] = {ir::kNoTensor, ir::kNoTensor, ir::kNoTensor, ir::kNoTensor};
};

}  // namespace

Status unroll_lstm(ir::Graph& graph, const CompilerOptions& options) {
  return rewrite_where_npu_runs(
      graph, options, [](ir::Graph& g, size_t index, const isa::AcceleratorConfig&) {
        const ir::Operator op = g.operators[index];
        const LstmShape shape = plan_lstm(g, op);
        return shape.batches > 0 ? Unroller(g, op, shape).build() : std::vector<ir::Operator>{};
      });
}

}  // namespace vnpu::compiler
