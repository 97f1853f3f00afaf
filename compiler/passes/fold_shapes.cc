// fold_shapes: SHAPE's output is its input's shape, which a model states when
// it is written, so the operator becomes the constant it computes (as Vela
// 3.10 does) and runs nowhere: its output tensor holds the shape as int32 or
// int64 and the operator is removed. Readers (typically RESHAPE or a slice of
// the shape feeding a computation) then see a constant operand.
#include <cstdint>
#include <vector>

#include "compiler/passes/passes.h"
#include "ir/graph_edit.h"

namespace vnpu::compiler {
namespace {

bool foldable(const ir::Graph& graph, const ir::Operator& op) {
  if (op.type != ir::OpType::kShape || op.inputs.size() != 1 || op.outputs.size() != 1) {
    return false;
  }
  const ir::Tensor& in = graph.tensor(op.inputs[0]);
  const ir::Tensor& out = graph.tensor(op.outputs[0]);
  const bool integer = out.type == ir::DataType::kInt32 || out.type == ir::DataType::kInt64;
  // A scalar's shape is empty: no bytes, which would not be a constant.
  return integer && !in.shape.empty() && !out.is_variable &&
         out.shape == ir::Shape{static_cast<int32_t>(in.shape.size())};
}

// The little-endian bytes of `values` as `type` (int32 or int64) elements.
std::vector<uint8_t> integer_bytes(const ir::Shape& values, ir::DataType type) {
  const int width = type == ir::DataType::kInt64 ? 8 : 4;
  std::vector<uint8_t> bytes;
  for (int32_t v : values) {
    const auto u = static_cast<uint64_t>(static_cast<int64_t>(v));
    for (int byte = 0; byte < width; ++byte) bytes.push_back(static_cast<uint8_t>(u >> (8 * byte)));
  }
  return bytes;
}

}  // namespace

Status fold_shapes(ir::Graph& graph, const CompilerOptions& /*options*/) {
  std::vector<bool> erase(graph.operators.size(), false);
  for (size_t index = 0; index < graph.operators.size(); ++index) {
    const ir::Operator& op = graph.operators[index];
    if (!foldable(graph, op)) continue;
    ir::Tensor& out = graph.tensors[static_cast<size_t>(op.outputs[0])];
    out.data = integer_bytes(graph.tensor(op.inputs[0]).shape, out.type);
    erase[index] = true;
  }
  erase_operators(graph, erase);
  return Status::ok();
}

}  // namespace vnpu::compiler
