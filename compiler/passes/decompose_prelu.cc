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
// MINIMUM) of the two. Where neither holds (per-channel alphas on both sides
// of 1), each branch is taken of its own half of the input: QUANTIZE of
// MAXIMUM(input, zp_in), which is zp_out for x < 0, and MUL of
// MINIMUM(input, zp_in) by alpha, which is zp_out for x >= 0, then ADD of the
// two, which adds nothing to the other branch. Each form is checked before the
// rewrite with the CPU kernels' own arithmetic: MAXIMUM/MINIMUM over the input
// type's range for every alpha value, the ADD over every value it can meet
// (see sum_of_halves), so the outputs stay byte-identical. Rewritten only where the original PRELU is not already on
// the NPU (one alpha runs as a lookup table) and every operator lands on it.
// An int16 PRELU's int8 alpha becomes an int16 constant holding a with zero
// point 0 (the 16x8 MUL's), which gives the same products.
#include <algorithm>
#include <set>
#include <string>
#include <utility>
#include <variant>

#include "compiler/passes/passes.h"
#include "compiler/passes/rewrite_where_npu_runs.h"
#include "compiler/support/partition.h"
#include "ir/graph_edit.h"
#include "kernels/add_sub.h"
#include "kernels/binary_arithmetic.h"

namespace vnpu::compiler {
namespace {

// How PRELU's two branches combine: MAXIMUM or MINIMUM of the branches over
// the whole input, or ADD of the branches over each half.
enum class Selection : uint8_t { kNeither, kMaximum, kMinimum, kSum };

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

struct TypeRange {
  int32_t low = -128;
  int32_t high = 127;
};

TypeRange type_range(ir::DataType type) {
  return type == ir::DataType::kInt16 ? TypeRange{-32768, 32767} : TypeRange{-128, 127};
}

// The two clamped branches of PRELU at x = input - zp_in and alpha a.
int32_t positive_branch(const kernels::PreluParams& params, TypeRange range, int32_t x) {
  return kernels::clamp_to(kernels::multiply_by_quantized_multiplier(x, params.positive_multiplier) +
                               params.output_offset,
                           range.low, range.high);
}

int32_t negative_branch(const kernels::PreluParams& params, TypeRange range, int32_t x, int32_t a) {
  return kernels::clamp_to(
      kernels::multiply_by_quantized_multiplier(x * a, params.negative_multiplier) +
          params.output_offset,
      range.low, range.high);
}

// Whether MAXIMUM or MINIMUM of the two clamped branches is PRELU for every
// input value of the type and every alpha value in `alphas`.
Selection max_or_min(const kernels::PreluParams& params, TypeRange range,
                     const std::set<int8_t>& alphas) {
  bool maximum = true;
  bool minimum = true;
  for (int8_t raw_alpha : alphas) {
    const int32_t a = params.alpha_offset + raw_alpha;
    for (int32_t q = range.low; q <= range.high && (maximum || minimum); ++q) {
      const int32_t x = params.input_offset + q;
      const int32_t positive = positive_branch(params, range, x);
      const int32_t negative = negative_branch(params, range, x, a);
      const int32_t prelu = x >= 0 ? positive : negative;
      maximum = maximum && std::max(positive, negative) == prelu;
      minimum = minimum && std::min(positive, negative) == prelu;
    }
  }
  if (maximum) return Selection::kMaximum;
  return minimum ? Selection::kMinimum : Selection::kNeither;
}

// Whether ADD of the two halves is PRELU. For x >= 0 the negative branch of
// min(x, 0) = 0 is zp_out and the positive one PRELU's value; for x < 0 the
// reverse. So it is PRELU for every input and alpha exactly when TFLite's ADD
// (output quantization on all three operands) returns v for v + zp_out and
// zp_out + v, for every v of the type: checked for all of them.
bool sum_of_halves(ir::DataType type, TypeRange range, const ir::Quantization& out) {
  const size_t count = static_cast<size_t>(range.high - range.low + 1);
  const kernels::Dims dims = kernels::Dims::from({static_cast<int32_t>(count)});
  const bool int16 = type == ir::DataType::kInt16;
  kernels::AddSubParams add =
      int16 ? kernels::make_s16_add_params(out.scale(), out.scale(), out.scale())
            : kernels::make_s8_add_params(out.scale(), out.zero_point(), out.scale(),
                                          out.zero_point(), out.scale(), out.zero_point());
  add.activation_min = range.low;
  add.activation_max = range.high;
  if (!kernels::add_sub_multipliers_valid(add)) return false;
  std::vector<int16_t> values(count), zero(count, static_cast<int16_t>(out.zero_point()));
  for (size_t i = 0; i < count; ++i) values[i] = static_cast<int16_t>(range.low + static_cast<int32_t>(i));
  for (bool value_first : {true, false}) {
    const std::vector<int16_t>& a = value_first ? values : zero;
    const std::vector<int16_t>& b = value_first ? zero : values;
    std::vector<int16_t> sum(count);
    if (int16) {
      kernels::s16_add(add, dims, a.data(), dims, b.data(), dims, sum.data());
    } else {
      const std::vector<int8_t> a8(a.begin(), a.end()), b8(b.begin(), b.end());
      std::vector<int8_t> s8(count);
      kernels::s8_add(add, dims, a8.data(), dims, b8.data(), dims, s8.data());
      sum.assign(s8.begin(), s8.end());
    }
    if (sum != values) return false;
  }
  return true;
}

// How PRELU of `op` decomposes exactly, if it does.
Selection branch_selection(const ir::Graph& graph, const ir::Operator& op) {
  const ir::DataType type = graph.tensor(op.inputs[0]).type;
  const std::vector<uint8_t>& alpha = graph.tensor(op.inputs[1]).data;
  const std::set<int8_t> alphas(reinterpret_cast<const int8_t*>(alpha.data()),
                                reinterpret_cast<const int8_t*>(alpha.data()) + alpha.size());
  const kernels::PreluParams params = prelu_params(graph, op);
  const TypeRange range = type_range(type);
  const Selection selection = max_or_min(params, range, alphas);
  if (selection != Selection::kNeither) return selection;
  const bool sum = sum_of_halves(type, range, graph.tensor(op.outputs[0]).quantization);
  return sum ? Selection::kSum : Selection::kNeither;
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

// A new activation like tensor `model` (type, quantization) of `shape`; `shape`
// is taken by value, as adding a tensor may move the graph's tensors.
int32_t add_like(ir::Graph& graph, int32_t model, const std::string& suffix, ir::Shape shape) {
  ir::Tensor t = graph.tensor(model);
  t.name += suffix;
  t.shape = std::move(shape);
  t.data.clear();
  t.is_variable = false;
  return ir::add_tensor(graph, std::move(t));
}

// A one-element constant holding the input's zero point in the input's type and quantization.
int32_t add_input_zero(ir::Graph& graph, int32_t input) {
  ir::Tensor zero = graph.tensor(input);
  zero.name += "/zero_point";
  zero.shape = {1};
  const auto value = static_cast<uint16_t>(zero.quantization.zero_point());
  zero.data = {static_cast<uint8_t>(value & 0xFF)};
  if (zero.type == ir::DataType::kInt16) zero.data.push_back(static_cast<uint8_t>(value >> 8));
  zero.is_variable = false;
  return ir::add_tensor(graph, std::move(zero));
}

// QUANTIZE (positive branch), MUL (negative branch), then MAXIMUM, MINIMUM or
// (kSum, each branch of its half of the input) ADD into the PRELU's output;
// adds the intermediates (and int16 alpha).
std::vector<ir::Operator> decomposition(ir::Graph& graph, const ir::Operator& op,
                                        Selection selection) {
  int32_t positive_in = op.inputs[0];
  int32_t negative_in = op.inputs[0];
  const int32_t output = op.outputs[0];
  const ir::Shape shape = graph.tensor(op.inputs[0]).shape;  // a copy: tensors are added below
  const int32_t alpha = mul_alpha(graph, op);
  std::vector<ir::Operator> ops;
  if (selection == Selection::kSum) {
    const int32_t zero = add_input_zero(graph, op.inputs[0]);
    positive_in = add_like(graph, op.inputs[0], "/nonnegative", shape);
    negative_in = add_like(graph, op.inputs[0], "/nonpositive", shape);
    ops.push_back({ir::OpType::kMaximum, {op.inputs[0], zero}, {positive_in}, std::monostate{}});
    ops.push_back({ir::OpType::kMinimum, {op.inputs[0], zero}, {negative_in}, std::monostate{}});
  }
  const int32_t positive = add_like(graph, output, "/positive", shape);
  const int32_t negative = add_like(graph, output, "/negative", graph.tensor(output).shape);
  ops.push_back({ir::OpType::kQuantize, {positive_in}, {positive}, std::monostate{}});
  ops.push_back({ir::OpType::kMul, {negative_in, alpha}, {negative}, ir::ElementwiseOptions{}});
  if (selection == Selection::kSum) {
    ops.push_back({ir::OpType::kAdd, {positive, negative}, {output}, ir::ElementwiseOptions{}});
  } else {
    const ir::OpType select =
        selection == Selection::kMaximum ? ir::OpType::kMaximum : ir::OpType::kMinimum;
    ops.push_back({select, {positive, negative}, {output}, std::monostate{}});
  }
  return ops;
}

}  // namespace

Status decompose_prelu(ir::Graph& graph, const CompilerOptions& options) {
  return rewrite_where_npu_runs(
      graph, options, [](ir::Graph& g, size_t index, const isa::AcceleratorConfig& config) {
        const ir::Operator op = g.operators[index];
        if (!decomposable_types(g, op) || runs_on_npu(g, index, config))
          return std::vector<ir::Operator>{};
        const Selection selection = branch_selection(g, op);
        return selection == Selection::kNeither ? std::vector<ir::Operator>{}
                                                : decomposition(g, op, selection);
      });
}

}  // namespace vnpu::compiler
