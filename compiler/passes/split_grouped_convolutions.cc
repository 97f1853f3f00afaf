// split_grouped_convolutions: a grouped CONV_2D (its filters see D / G of the
// input's D channels, G groups) convolves each group of input channels with
// its own block of output channels. As Vela 3.10 does, it becomes one CONV_2D
// per group: a SLICE takes the group's channels out of the input, the
// convolution runs with the group's filters, biases and per-channel scales,
// and one CONCATENATION along the channels gathers the results. Each output
// channel is computed from the same inputs, weights, bias and scale as
// TFLite's grouped kernel computes it, so the output is identical. Done only
// where the NPU then runs every new operator, for int8 filters in
// TFLite's OHWI layout and at most kMaxGroups groups.
#include <algorithm>
#include <string>
#include <variant>
#include <vector>

#include "compiler/passes/passes.h"
#include "compiler/passes/rewrite_where_npu_runs.h"
#include "ir/graph_edit.h"

namespace vnpu::compiler {
namespace {

constexpr int32_t kMaxGroups = 64;

struct GroupPlan {
  int32_t groups = 0;
  int32_t in_depth = 0;      // per group
  int32_t out_channels = 0;  // per group
};

bool has_bias(const ir::Operator& op) {
  return op.inputs.size() > 2 && op.inputs[2] != ir::kNoTensor;
}

// The groups of `op`, or groups 0 when it is not a grouped CONV_2D this pass splits.
GroupPlan plan_groups(const ir::Graph& graph, const ir::Operator& op) {
  if (op.type != ir::OpType::kConv2d || op.inputs.size() < 2 || op.outputs.size() != 1) return {};
  const ir::Tensor& in = graph.tensor(op.inputs[0]);
  const ir::Tensor& filter = graph.tensor(op.inputs[1]);
  const ir::Tensor& out = graph.tensor(op.outputs[0]);
  if (in.shape.size() != 4 || filter.shape.size() != 4 || out.shape.size() != 4 ||
      filter.type != ir::DataType::kInt8 || !filter.is_constant() || filter.shape[3] < 1) {
    return {};
  }
  const int32_t depth = filter.shape[3];
  const int32_t channels = filter.shape[0];
  // An input of depth 0 (no element) would make 0 groups.
  if (in.shape[3] < 1 || in.shape[3] == depth || in.shape[3] % depth != 0 ||
      out.shape[3] != channels) {
    return {};
  }
  const int32_t groups = in.shape[3] / depth;
  if (groups > kMaxGroups || channels % groups != 0) return {};
  if (has_bias(op) && graph.tensor(op.inputs[2]).element_count() != channels) return {};
  // Per-channel scales and zero points are sliced with the channels: one per channel, or one.
  for (size_t i = 1; i < std::min<size_t>(op.inputs.size(), 3); ++i) {
    if (op.inputs[i] == ir::kNoTensor) continue;
    const ir::Quantization& q = graph.tensor(op.inputs[i]).quantization;
    for (size_t count : {q.scales.size(), q.zero_points.size()}) {
      if (count > 1 && count != static_cast<size_t>(channels)) return {};
    }
  }
  return {groups, depth, channels / groups};
}

// Per-channel quantization restricted to channels [first, first + count).
ir::Quantization channel_slice(const ir::Quantization& q, int32_t first, int32_t count) {
  ir::Quantization slice = q;
  if (q.scales.size() > 1) {
    slice.scales.assign(q.scales.begin() + first, q.scales.begin() + first + count);
  }
  if (q.zero_points.size() > 1) {
    slice.zero_points.assign(q.zero_points.begin() + first, q.zero_points.begin() + first + count);
  }
  return slice;
}

// Rows [first, first + count) of a constant whose first axis is the output
// channel (the OHWI filter, the bias), as a new constant tensor.
int32_t add_row_slice(ir::Graph& graph, int32_t source, int32_t first, int32_t count,
                      const std::string& suffix) {
  ir::Tensor t = graph.tensor(source);
  const size_t row_bytes = t.data.size() / static_cast<size_t>(t.shape[0]);
  t.name += suffix;
  t.data.assign(t.data.begin() + static_cast<std::ptrdiff_t>(row_bytes * first),
                t.data.begin() + static_cast<std::ptrdiff_t>(row_bytes * (first + count)));
  t.shape[0] = count;
  t.quantization = channel_slice(t.quantization, first, count);
  return add_tensor(graph, std::move(t));
}

int32_t add_channel_slice_of(ir::Graph& graph, int32_t source, int32_t channels,
                             const std::string& suffix) {
  ir::Tensor t;
  const ir::Tensor& from = graph.tensor(source);
  t.name = from.name + suffix;
  t.type = from.type;
  t.shape = from.shape;
  t.shape[3] = channels;
  t.quantization = from.quantization;
  return add_tensor(graph, std::move(t));
}

// Per group: SLICE, CONV_2D; then the CONCATENATION. Adds their tensors to the graph.
std::vector<ir::Operator> split(ir::Graph& graph, const ir::Operator& op, const GroupPlan& plan) {
  const ir::Shape in_shape = graph.tensor(op.inputs[0]).shape;
  std::vector<ir::Operator> ops;
  std::vector<int32_t> results;
  for (int32_t g = 0; g < plan.groups; ++g) {
    const std::string suffix = "/group" + std::to_string(g);
    const int32_t first = g * plan.out_channels;
    const int32_t part = add_channel_slice_of(graph, op.inputs[0], plan.in_depth, suffix);
    const int32_t begin =
        add_int32_constant(graph, graph.tensor(part).name + "/begin", {0, 0, 0, g * plan.in_depth});
    const int32_t size = add_int32_constant(graph, graph.tensor(part).name + "/size",
                                            {in_shape[0], in_shape[1], in_shape[2], plan.in_depth});
    ops.push_back({ir::OpType::kSlice, {op.inputs[0], begin, size}, {part}, std::monostate{}});
    ir::Operator conv = op;
    conv.inputs[0] = part;
    conv.inputs[1] = add_row_slice(graph, op.inputs[1], first, plan.out_channels, suffix);
    if (has_bias(op)) {
      conv.inputs[2] = add_row_slice(graph, op.inputs[2], first, plan.out_channels, suffix);
    }
    const int32_t result = add_channel_slice_of(graph, op.outputs[0], plan.out_channels, suffix);
    conv.outputs = {result};
    ops.push_back(conv);
    results.push_back(result);
  }
  ops.push_back({ir::OpType::kConcatenation,
                 results,
                 {op.outputs[0]},
                 ir::ConcatenationOptions{3, ir::FusedActivation::kNone}});
  return ops;
}

}  // namespace

Status split_grouped_convolutions(ir::Graph& graph, const CompilerOptions& options) {
  return rewrite_where_npu_runs(
      graph, options, [](ir::Graph& g, size_t index, const isa::AcceleratorConfig&) {
        const ir::Operator op = g.operators[index];
        const GroupPlan plan = plan_groups(g, op);
        return plan.groups > 0 ? split(g, op, plan) : std::vector<ir::Operator>{};
      });
}

}  // namespace vnpu::compiler
