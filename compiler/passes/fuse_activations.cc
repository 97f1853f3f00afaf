// fuse_activations: a standalone RELU, RELU6 or RELU_N1_TO_1 whose only input
// is written by an op with a fused-activation field (conv, depthwise, pools,
// FC, ADD, SUB, MUL) and read by nothing else becomes that op's fused
// activation, and the op writes the activation's output directly.
//
// Exactness is proved, not assumed: the standalone op is evaluated (with the
// CPU kernel) on all 256 int8 values the producer can emit, and the fusion is
// made only if that equals clamping the producer's value to the fused range of
// the candidate activation in the activation's output quantization (and the
// producer's existing activation, if any, is absorbed by the same check).
#include <array>
#include <cstdint>
#include <optional>

#include "compiler/passes/passes.h"
#include "ir/graph_edit.h"
#include "kernels/activations.h"
#include "kernels/prepare/op_support.h"

namespace vnpu::compiler {
namespace {

using Table = std::array<int32_t, 256>;

bool is_standalone_relu(ir::OpType type) {
  return type == ir::OpType::kRelu || type == ir::OpType::kRelu6 ||
         type == ir::OpType::kReluN1To1;
}

// The standalone activation applied to every int8 value (nullopt if it is not int8 per-tensor).
std::optional<Table> activation_table(const ir::Graph& graph, const ir::Operator& op) {
  const ir::Tensor& in = graph.tensor(op.inputs[0]);
  const ir::Tensor& out = graph.tensor(op.outputs[0]);
  if (in.type != ir::DataType::kInt8 || out.type != ir::DataType::kInt8) return std::nullopt;
  if (in.quantization.scales.size() != 1 || out.quantization.scales.size() != 1) {
    return std::nullopt;
  }
  std::array<int8_t, 256> input{};
  std::array<int8_t, 256> output{};
  for (int32_t v = 0; v < 256; ++v) input[static_cast<size_t>(v)] = static_cast<int8_t>(v - 128);
  const kernels::Dims dims = kernels::Dims::from({256});
  const float s_in = in.quantization.scale();
  const float s_out = out.quantization.scale();
  const int32_t z_in = in.quantization.zero_point();
  const int32_t z_out = out.quantization.zero_point();
  if (op.type == ir::OpType::kRelu6) {
    if (s_in != s_out || z_in != z_out) return std::nullopt;
    kernels::s8_relu6(kernels::make_s8_relu6_params(s_in, z_in), dims, input.data(), dims,
                      output.data());
  } else if (op.type == ir::OpType::kRelu) {
    const kernels::ReluParams p = kernels::make_s8_relu_params(s_in, z_in, s_out, z_out);
    if (p.output_multiplier.shift > 31) return std::nullopt;
    kernels::s8_relu(p, dims, input.data(), dims, output.data());
  } else {
    const kernels::ReluParams p = kernels::make_s8_relu_n1_to_1_params(s_in, z_in, s_out, z_out);
    if (p.output_multiplier.shift > 31) return std::nullopt;
    kernels::s8_relu_n1_to_1(p, dims, input.data(), dims, output.data());
  }
  Table table{};
  for (size_t i = 0; i < 256; ++i) table[i] = output[i];
  return table;
}

ir::FusedActivation fused_kind(ir::OpType type) {
  if (type == ir::OpType::kRelu6) return ir::FusedActivation::kRelu6;
  if (type == ir::OpType::kReluN1To1) return ir::FusedActivation::kReluN1To1;
  return ir::FusedActivation::kRelu;
}

// True when relu(clamp(v, existing range in the intermediate quantization)) ==
// clamp(v, fused range in the output quantization) for every int8 v, the
// intermediate and output sharing one quantization.
bool fusion_is_exact(const Table& relu, ir::FusedActivation existing, ir::FusedActivation fused,
                     const ir::Quantization& q) {
  const auto before = kernels::prepare::quantized_activation_range(existing, ir::DataType::kInt8,
                                                                   q.scale(), q.zero_point());
  const auto after = kernels::prepare::quantized_activation_range(fused, ir::DataType::kInt8,
                                                                  q.scale(), q.zero_point());
  for (int32_t v = -128; v <= 127; ++v) {
    const int32_t intermediate = kernels::clamp_to(v, before.min, before.max);
    const int32_t original = relu[static_cast<size_t>(intermediate + 128)];
    if (original != kernels::clamp_to(v, after.min, after.max)) return false;
  }
  return true;
}

bool same_quantization(const ir::Tensor& a, const ir::Tensor& b) {
  return a.type == b.type && a.quantization.scales == b.quantization.scales &&
         a.quantization.zero_points == b.quantization.zero_points;
}

}  // namespace

Status fuse_activations(ir::Graph& graph, const CompilerOptions& /*options*/) {
  std::vector<bool> erase(graph.operators.size(), false);
  for (size_t a = 0; a < graph.operators.size(); ++a) {
    const ir::Operator& act = graph.operators[a];
    if (!is_standalone_relu(act.type) || act.inputs.size() != 1 || act.outputs.size() != 1) {
      continue;
    }
    const int32_t middle = act.inputs[0];
    const int64_t p = producer_of(graph, middle);
    if (p < 0 || erase[static_cast<size_t>(p)]) continue;
    ir::Operator& producer = graph.operators[static_cast<size_t>(p)];
    ir::FusedActivation* field = fused_activation_field(producer);
    if (field == nullptr || producer.outputs.size() != 1) continue;
    if (is_graph_output(graph, middle) || tensor_uses(graph, middle).size() != 1) continue;
    const ir::Tensor& mid = graph.tensor(middle);
    const ir::Tensor& out = graph.tensor(act.outputs[0]);
    if (!same_quantization(mid, out) || mid.shape != out.shape) continue;
    const std::optional<Table> relu = activation_table(graph, act);
    if (!relu || !fusion_is_exact(*relu, *field, fused_kind(act.type), out.quantization)) continue;
    *field = fused_kind(act.type);
    producer.outputs[0] = act.outputs[0];
    erase[a] = true;
  }
  erase_operators(graph, erase);
  return Status::ok();
}

}  // namespace vnpu::compiler
