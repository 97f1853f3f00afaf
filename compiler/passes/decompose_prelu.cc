// decompose_prelu: TFLite's PRELU computes, with x = input - zp_in and
// a = alpha - zp_alpha (reference_ops::BroadcastPrelu4DSlow),
//   x >= 0: zp_out + x * (in / out)                (the positive branch)
//   x <  0: zp_out + x * a * (in * alpha / out)    (the negative branch)
// clamped to the type. The positive branch is exactly a QUANTIZE to the
// output's quantization (the same double ratio, the same rounding), the
// negative one exactly a MUL of input and alpha to it (TFLM's MUL ratio is
// in * alpha / out in double too), so where one branch is never below the
// other for x >= 0 and never above it for x < 0 (or the reverse), for every
// input value and every alpha value of the model, PRELU is MAXIMUM (or
// MINIMUM) of the two: the selection is checked exhaustively over the input
// type's range before the rewrite, so the outputs stay byte-identical.
// Rewritten only where the original PRELU is not already on the NPU (one
// alpha runs as a lookup table) and all three operators land on it.
// An int16 PRELU's int8 alpha becomes an int16 constant holding a with zero
// point 0 (the 16x8 MUL's), which gives the same products.
#include <algorithm>
#include <set>
#include <string>
#include <variant>

#include "compiler/passes/passes.h"
#include "compiler/passes/rewrite_where_npu_runs.h"
#include "compiler/support/partition.h"
#include "ir/graph_edit.h"
#include "kernels/binary_arithmetic.h"

namespace vnpu::compiler {
namespace {

enum class Selection : uint8_t { kNeither, kMaximum, kMinimum };

bool decomposable_types(const ir::Graph& graph, const ir::Operator& op) {
  if (op.type != ir::OpType::kPrelu || op.inputs.size() != 2 || op.outputs.size() != 1) {
    return false;
  }
  const ir::Tensor& input = graph.tensor(op.inputs[0]);
  const ir::Tensor& alpha = graph.tensor(op.inputs[1]);
  const ir::Tensor& output = graph.tensor(op.outputs[0]);
  const bool int16 = input.type == ir::DataType::kInt16;
  if ((input.type != ir::DataType::kInt8 && !int16) || output.type != input.type ||
      alpha.type != ir::DataType::kInt8 || !alpha.is_constant() ||
      alpha.data.size() != static_cast<size_t>(alpha.element_count())) {
    return false;
  }
  for (const ir::Tensor* t : {&input, &alpha, &output}) {
    if (t->quantization.scales.size() != 1) return false;
  }
  return !int16 || (input.quantization.zero_point() == 0 && output.quantization.zero_point() == 0);
}

kernels::PreluParams prelu_params(const ir::Graph& graph, const ir::Operator& op) {
  const ir::Quantization& in = graph.tensor(op.inputs[0]).quantization;
  const ir::Quantization& alpha = graph.tensor(op.inputs[1]).quantization;
  const ir::Quantization& out = graph.tensor(op.outputs[0]).quantization;
  return kernels::make_prelu_params(in.scale(), in.zero_point(), alpha.scale(), alpha.zero_point(),
                                    out.scale(), out.zero_point());
}

// Whether MAXIMUM or MINIMUM of the two clamped branches is PRELU for every
// input value of the type and every alpha value in `alpha`.
Selection branch_selection(const kernels::PreluParams& params, ir::DataType type,
                           const std::vector<uint8_t>& alpha) {
  const int32_t low = type == ir::DataType::kInt16 ? -32768 : -128;
  const int32_t high = type == ir::DataType::kInt16 ? 32767 : 127;
  const std::set<int8_t> alphas(reinterpret_cast<const int8_t*>(alpha.data()),
                                reinterpret_cast<const int8_t*>(alpha.data()) + alpha.size());
  bool maximum = true;
  bool minimum = true;
  for (int8_t raw_alpha : alphas) {
    const int32_t a = params.alpha_offset + raw_alpha;
    for (int32_t q = low; q <= high && (maximum || minimum); ++q) {
      const int32_t x = params.input_offset + q;
      const int32_t positive = kernels::clamp_to(
          kernels::multiply_by_quantized_multiplier(x, params.positive_multiplier) +
              params.output_offset,
          low, high);
      const int32_t negative = kernels::clamp_to(
          kernels::multiply_by_quantized_multiplier(x * a, params.negative_multiplier) +
              params.output_offset,
          low, high);
      const int32_t prelu = x >= 0 ? positive : negative;
      maximum = maximum && std::max(positive, negative) == prelu;
      minimum = minimum && std::min(positive, negative) == prelu;
    }
  }
  if (maximum) return Selection::kMaximum;
  return minimum ? Selection::kMinimum : Selection::kNeither;
}

// The alpha operand of the MUL: the model's for int8; for int16 an int16
// constant of a = alpha - zp_alpha with zero point 0 and alpha's scale.
int32_t mul_alpha(ir::Graph& graph, const ir::Operator& op) {
  const int32_t alpha_index = op.inputs[1];
  if (graph.tensor(op.inputs[0]).type != ir::DataType::kInt16) return alpha_index;
  ir::Tensor wide = graph.tensor(alpha_index);
  const int32_t zero_point = wide.quantization.zero_point();
  wide.name += "/int16";
  wide.type = ir::DataType::kInt16;
  wide.quantization.zero_points = {0};
  std::vector<uint8_t> bytes;
  for (uint8_t raw : graph.tensor(alpha_index).data) {
    const auto value = static_cast<uint16_t>(static_cast<int8_t>(raw) - zero_point);
    bytes.push_back(static_cast<uint8_t>(value & 0xFF));
    bytes.push_back(static_cast<uint8_t>(value >> 8));
  }
  wide.data = std::move(bytes);
  return ir::add_tensor(graph, std::move(wide));
}

// QUANTIZE (positive branch), MUL (negative branch), then MAXIMUM or MINIMUM
// into the PRELU's output; adds the two intermediates (and int16 alpha).
std::vector<ir::Operator> decomposition(ir::Graph& graph, const ir::Operator& op,
                                        Selection selection) {
  const int32_t input = op.inputs[0];
  const int32_t output = op.outputs[0];
  const int32_t alpha = mul_alpha(graph, op);
  ir::Tensor positive = graph.tensor(output);
  positive.name += "/positive";
  positive.shape = graph.tensor(input).shape;
  ir::Tensor negative = graph.tensor(output);
  negative.name += "/negative";
  const int32_t positive_index = ir::add_tensor(graph, std::move(positive));
  const int32_t negative_index = ir::add_tensor(graph, std::move(negative));
  const ir::OpType select =
      selection == Selection::kMaximum ? ir::OpType::kMaximum : ir::OpType::kMinimum;
  return {
      {ir::OpType::kQuantize, {input}, {positive_index}, std::monostate{}},
      {ir::OpType::kMul, {input, alpha}, {negative_index}, ir::ElementwiseOptions{}},
      {select, {positive_index, negative_index}, {output}, std::monostate{}},
  };
}

}  // namespace

Status decompose_prelu(ir::Graph& graph, const CompilerOptions& options) {
  return rewrite_where_npu_runs(
      graph, options, [](ir::Graph& g, size_t index, const isa::AcceleratorConfig& config) {
        const ir::Operator op = g.operators[index];
        if (!decomposable_types(g, op) || runs_on_npu(g, index, config))
          return std::vector<ir::Operator>{};
        const Selection selection = branch_selection(
            prelu_params(g, op), g.tensor(op.inputs[0]).type, g.tensor(op.inputs[1]).data);
        return selection == Selection::kNeither ? std::vector<ir::Operator>{}
                                                : decomposition(g, op, selection);
      });
}

}  // namespace vnpu::compiler
