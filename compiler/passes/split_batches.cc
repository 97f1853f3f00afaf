// split_batches: a CONV_2D, DEPTHWISE_CONV_2D, TRANSPOSE_CONV, AVERAGE_POOL_2D
// or MAX_POOL_2D over a batch of N > 1 images, which the NPU's feature maps
// cannot hold (they have no batch axis), becomes N copies of the operator, one
// per image: a SLICE takes image n out of the input, the operator runs on
// [1,H,W,C], and one CONCATENATION along the batch gathers the results into
// the output. Each image's result is the one TFLite computes for it (the
// kernels loop over the batch independently), so the output is identical.
// Done only when the NPU then runs every new operator (the CPU would gain
// nothing) and N is at most kMaxBatch (each copy encodes the weights again).
#include <string>
#include <variant>
#include <vector>

#include "compiler/passes/passes.h"
#include "compiler/passes/rewrite_where_npu_runs.h"
#include "ir/graph_edit.h"

namespace vnpu::compiler {
namespace {

constexpr int32_t kMaxBatch = 16;

// The input feature map's operand position: TRANSPOSE_CONV lists output_shape and filter first.
size_t feature_map_position(const ir::Operator& op) {
  return op.type == ir::OpType::kTransposeConv ? 2 : 0;
}

bool splittable(const ir::Graph& graph, const ir::Operator& op) {
  const bool kernel = op.type == ir::OpType::kConv2d || op.type == ir::OpType::kDepthwiseConv2d ||
                      op.type == ir::OpType::kTransposeConv ||
                      op.type == ir::OpType::kAveragePool2d || op.type == ir::OpType::kMaxPool2d;
  const size_t position = feature_map_position(op);
  if (!kernel || op.inputs.size() <= position || op.inputs[position] == ir::kNoTensor ||
      op.outputs.size() != 1) {
    return false;
  }
  const ir::Shape& in = graph.tensor(op.inputs[position]).shape;
  const ir::Shape& out = graph.tensor(op.outputs[0]).shape;
  return in.size() == 4 && out.size() == 4 && in[0] > 1 && in[0] <= kMaxBatch && out[0] == in[0];
}

ir::Tensor one_image(const ir::Tensor& batch, const std::string& suffix) {
  ir::Tensor t;
  t.name = batch.name + suffix;
  t.type = batch.type;
  t.shape = batch.shape;
  t.shape[0] = 1;
  t.quantization = batch.quantization;
  return t;
}

// The per-image operators (SLICE, the operator, ...) then the CONCATENATION;
// adds their tensors to the graph.
std::vector<ir::Operator> split(ir::Graph& graph, const ir::Operator& op) {
  const size_t position = feature_map_position(op);
  const int32_t input = op.inputs[position];
  const int32_t output = op.outputs[0];
  const ir::Shape in_shape = graph.tensor(input).shape;
  const ir::Shape out_shape = graph.tensor(output).shape;
  std::vector<ir::Operator> ops;
  std::vector<int32_t> results;
  for (int32_t n = 0; n < in_shape[0]; ++n) {
    const std::string suffix = "/image" + std::to_string(n);
    const int32_t image = add_tensor(graph, one_image(graph.tensor(input), suffix));
    const int32_t result = add_tensor(graph, one_image(graph.tensor(output), suffix));
    const int32_t begin =
        add_int32_constant(graph, graph.tensor(image).name + "/begin", {n, 0, 0, 0});
    const int32_t size = add_int32_constant(graph, graph.tensor(image).name + "/size",
                                            {1, in_shape[1], in_shape[2], in_shape[3]});
    ops.push_back({ir::OpType::kSlice, {input, begin, size}, {image}, std::monostate{}});
    ir::Operator per_image = op;
    per_image.inputs[position] = image;
    per_image.outputs = {result};
    if (op.type == ir::OpType::kTransposeConv) {
      per_image.inputs[0] = add_int32_constant(graph, graph.tensor(result).name + "/shape",
                                               {1, out_shape[1], out_shape[2], out_shape[3]});
    }
    ops.push_back(per_image);
    results.push_back(result);
  }
  ops.push_back({ir::OpType::kConcatenation,
                 results,
                 {output},
                 ir::ConcatenationOptions{0, ir::FusedActivation::kNone}});
  return ops;
}

}  // namespace

Status split_batches(ir::Graph& graph, const CompilerOptions& options) {
  return rewrite_where_npu_runs(
      graph, options, [](ir::Graph& g, size_t index, const isa::AcceleratorConfig&) {
        const ir::Operator op = g.operators[index];
        return splittable(g, op) ? split(g, op) : std::vector<ir::Operator>{};
      });
}

}  // namespace vnpu::compiler
