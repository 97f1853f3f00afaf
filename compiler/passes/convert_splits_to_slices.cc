// convert_splits_to_slices: SPLIT, SPLIT_V and UNPACK copy consecutive boxes
// of their input along one axis into their outputs. As Vela rewrites a split
// into one slice read per output, each output becomes its own SLICE (UNPACK:
// a STRIDED_SLICE that shrinks the axis) with constant begin and size, which
// the NPU runs as a sub-box copy (compiler/codegen/lower_slice.cc). The
// rewrite happens only when the support check places every one of those
// slices on the NPU, so an operator the CPU would run once never becomes
// several CPU operators. Each output gets the same bytes as before.
#include <string>
#include <variant>

#include "compiler/passes/passes.h"
#include "compiler/passes/rewrite_where_npu_runs.h"
#include "compiler/passes/split_as_slices.h"
#include "ir/graph_edit.h"

namespace vnpu::compiler {
namespace {

// The input, the axis and the extent along it of each output; input -1 when
// `op` is not a well-formed split (the CPU runtime then reports it).
struct SplitPlan {
  int32_t input = -1;
  int32_t axis = 0;
  std::vector<int64_t> sizes;
};

bool single_constant(const ir::Graph& graph, const ir::Operator& op, size_t i, int64_t* value) {
  if (op.inputs.size() <= i || op.inputs[i] == ir::kNoTensor) return false;
  const ir::Tensor& t = graph.tensor(op.inputs[i]);
  if (!t.is_constant()) return false;
  const std::vector<int64_t> values = constant_integers(t);
  if (values.size() != 1) return false;
  *value = values[0];
  return true;
}

// Resolves -1 in SPLIT_V's sizes; false when they do not add up to `extent`.
bool resolve_sizes(int64_t extent, std::vector<int64_t>* sizes) {
  int64_t known = 0;
  int64_t* unknown = nullptr;
  for (int64_t& size : *sizes) {
    if (size == -1 && unknown == nullptr) {
      unknown = &size;
    } else if (size < 0) {
      return false;
    } else {
      known += size;
    }
  }
  if (unknown != nullptr && known <= extent) *unknown = extent - known;
  return unknown != nullptr ? known <= extent : known == extent;
}

SplitPlan plan_split(const ir::Graph& graph, const ir::Operator& op) {
  SplitPlan plan;
  int64_t axis = 0;
  const size_t n = op.outputs.size();
  if (op.type == ir::OpType::kSplit && op.inputs.size() == 2 &&
      single_constant(graph, op, 0, &axis)) {
    plan.input = op.inputs[1];
  } else if (op.type == ir::OpType::kSplitV && op.inputs.size() == 3 &&
             single_constant(graph, op, 2, &axis) && graph.tensor(op.inputs[1]).is_constant()) {
    plan.input = op.inputs[0];
    plan.sizes = constant_integers(graph.tensor(op.inputs[1]));
  } else if (op.type == ir::OpType::kUnpack && op.inputs.size() == 1 &&
             std::holds_alternative<ir::PackOptions>(op.options)) {
    plan.input = op.inputs[0];
    axis = std::get<ir::PackOptions>(op.options).axis;
  } else {
    return {};
  }
  if (plan.input == ir::kNoTensor || n == 0 || graph.tensor(plan.input).is_constant()) return {};
  const ir::Shape& shape = graph.tensor(plan.input).shape;
  const auto rank = static_cast<int64_t>(shape.size());
  if (axis < 0) axis += rank;
  if (axis < 0 || axis >= rank || (op.type == ir::OpType::kUnpack && rank < 2)) return {};
  plan.axis = static_cast<int32_t>(axis);
  const int64_t extent = shape[static_cast<size_t>(axis)];
  if (op.type == ir::OpType::kSplit) {
    if (extent % static_cast<int64_t>(n) != 0) return {};
    plan.sizes.assign(n, extent / static_cast<int64_t>(n));
  } else if (op.type == ir::OpType::kUnpack) {
    if (extent != static_cast<int64_t>(n)) return {};
    plan.sizes.assign(n, 1);
  } else if (plan.sizes.size() != n || !resolve_sizes(extent, &plan.sizes)) {
    return {};
  }
  return plan;
}

// One SLICE (UNPACK: STRIDED_SLICE shrinking the axis) per output; adds their constants.
std::vector<ir::Operator> slices_of(ir::Graph& graph, const ir::Operator& op,
                                    const SplitPlan& plan) {
  const ir::Shape shape = graph.tensor(plan.input).shape;
  std::vector<ir::Operator> slices;
  int64_t first = 0;
  for (size_t k = 0; k < op.outputs.size(); ++k) {
    std::vector<int64_t> begin(shape.size(), 0);
    std::vector<int64_t> size(shape.begin(), shape.end());
    begin[static_cast<size_t>(plan.axis)] = first;
    size[static_cast<size_t>(plan.axis)] = plan.sizes[k];
    first += plan.sizes[k];
    const std::string name = graph.tensor(op.outputs[k]).name + "/slice_";
    std::vector<int32_t> inputs = {plan.input, add_int32_constant(graph, name + "begin", begin)};
    if (op.type == ir::OpType::kUnpack) {
      std::vector<int64_t> end = size;
      end[static_cast<size_t>(plan.axis)] = begin[static_cast<size_t>(plan.axis)] + 1;
      inputs.push_back(add_int32_constant(graph, name + "end", end));
      inputs.push_back(
          add_int32_constant(graph, name + "strides", std::vector<int64_t>(shape.size(), 1)));
      ir::StridedSliceOptions options;
      options.shrink_axis_mask = 1 << plan.axis;
      slices.push_back({ir::OpType::kStridedSlice, inputs, {op.outputs[k]}, options});
    } else {
      inputs.push_back(add_int32_constant(graph, name + "size", size));
      slices.push_back({ir::OpType::kSlice, inputs, {op.outputs[k]}, std::monostate{}});
    }
  }
  return slices;
}

}  // namespace

std::vector<ir::Operator> split_as_slices(ir::Graph& graph, const ir::Operator& op) {
  const SplitPlan plan = plan_split(graph, op);
  return plan.input < 0 ? std::vector<ir::Operator>{} : slices_of(graph, op, plan);
}

Status convert_splits_to_slices(ir::Graph& graph, const CompilerOptions& options) {
  return rewrite_where_npu_runs(
      graph, options, [](ir::Graph& g, size_t index, const isa::AcceleratorConfig&) {
        const ir::Operator op = g.operators[index];
        return split_as_slices(g, op);
      });
}

}  // namespace vnpu::compiler
