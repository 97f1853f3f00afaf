// remove_reshapes: a RESHAPE, SQUEEZE or EXPAND_DIMS only renames a buffer. When its input
// and output share type and quantization, its output is not a graph output,
// and every reader can take the input tensor as it is (the shapes are equal,
// the reader is another RESHAPE/SQUEEZE/EXPAND_DIMS, or the reader is FULLY_CONNECTED's
// input, which is read as rows of the filter depth whatever its shape), the
// readers read the input (its output aliases its input) and it is removed.
#include "compiler/passes/passes.h"
#include "ir/graph_edit.h"

namespace vnpu::compiler {
namespace {

bool is_reshape(ir::OpType type) {
  return type == ir::OpType::kReshape || type == ir::OpType::kSqueeze ||
         type == ir::OpType::kExpandDims;
}

bool reader_accepts(const ir::Graph& graph, const ir::TensorUse& use, const ir::Shape& input_shape,
                    const ir::Shape& output_shape) {
  if (input_shape == output_shape) return true;
  const ir::OpType type = graph.operators[use.op].type;
  return use.input == 0 && (is_reshape(type) || type == ir::OpType::kFullyConnected);
}

bool removable(const ir::Graph& graph, const ir::Operator& op) {
  if (!is_reshape(op.type) || op.inputs.empty() || op.outputs.size() != 1) return false;
  const ir::Tensor& in = graph.tensor(op.inputs[0]);
  const ir::Tensor& out = graph.tensor(op.outputs[0]);
  if (in.type != out.type || in.quantization.scales != out.quantization.scales ||
      in.quantization.zero_points != out.quantization.zero_points ||
      in.element_count() != out.element_count() || is_graph_output(graph, op.outputs[0])) {
    return false;
  }
  for (const ir::TensorUse& use : tensor_uses(graph, op.outputs[0])) {
    if (!reader_accepts(graph, use, in.shape, out.shape)) return false;
  }
  return true;
}

}  // namespace

Status remove_reshapes(ir::Graph& graph, const CompilerOptions& /*options*/) {
  std::vector<bool> erase(graph.operators.size(), false);
  for (size_t op = 0; op < graph.operators.size(); ++op) {
    if (!removable(graph, graph.operators[op])) continue;
    replace_uses(graph, graph.operators[op].outputs[0], graph.operators[op].inputs[0]);
    erase[op] = true;
  }
  erase_operators(graph, erase);
  return Status::ok();
}

}  // namespace vnpu::compiler
