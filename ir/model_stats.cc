#include "ir/model_stats.h"

#include <cstdint>
#include <initializer_list>

namespace vnpu::ir {
namespace {

int64_t dim(const Tensor& tensor, size_t axis) {
  return axis < tensor.shape.size() ? tensor.shape[axis] : 0;
}

bool operand_present(const Graph& graph, const Operator& op, size_t index) {
  return index < op.inputs.size() && op.inputs[index] >= 0 &&
         static_cast<size_t>(op.inputs[index]) < graph.tensors.size();
}

// a * b * ..., saturating at INT64_MAX (shapes of a graph built in memory are
// not bounded by the reader's size limits; all factors are >= 0).
int64_t saturating_product(std::initializer_list<int64_t> factors) {
  int64_t product = 1;
  for (int64_t factor : factors) {
    if (factor <= 0) return 0;
    if (__builtin_mul_overflow(product, factor, &product)) return INT64_MAX;
  }
  return product;
}

}  // namespace

int64_t mac_count(const Graph& graph, const Operator& op) {
  if (op.outputs.empty() || op.outputs[0] < 0 ||
      static_cast<size_t>(op.outputs[0]) >= graph.tensors.size()) {
    return 0;
  }
  const Tensor& output = graph.tensor(op.outputs[0]);
  switch (op.type) {
    case OpType::kConv2d: {
      if (!operand_present(graph, op, 1)) return 0;
      const Tensor& filter = graph.tensor(op.inputs[1]);  // [OC, KH, KW, IC]
      return saturating_product(
          {output.element_count(), dim(filter, 1), dim(filter, 2), dim(filter, 3)});
    }
    case OpType::kDepthwiseConv2d: {
      if (!operand_present(graph, op, 1)) return 0;
      const Tensor& filter = graph.tensor(op.inputs[1]);  // [1, KH, KW, OC]
      return saturating_product({output.element_count(), dim(filter, 1), dim(filter, 2)});
    }
    case OpType::kFullyConnected: {
      if (!operand_present(graph, op, 1)) return 0;
      const Tensor& weights = graph.tensor(op.inputs[1]);  // [OUT, IN]
      return saturating_product({output.element_count(), dim(weights, 1)});
    }
    case OpType::kMul:
      return output.element_count();
    case OpType::kSvdf: {  // per batch: feature matmul [F, I] and time matmul [F, M]
      if (!operand_present(graph, op, 1) || !operand_present(graph, op, 2)) return 0;
      const Tensor& feature = graph.tensor(op.inputs[1]);
      const Tensor& time = graph.tensor(op.inputs[2]);
      return saturating_product(
          {dim(graph.tensor(op.inputs[0]), 0), dim(feature, 0), dim(feature, 1) + dim(time, 1)});
    }
    case OpType::kUnidirectionalSequenceLstm: {  // 4 gates of [S, I] and [S, S] per step
      if (!operand_present(graph, op, 2) || !operand_present(graph, op, 6)) return 0;
      return saturating_product({output.element_count(), 4,
                                 dim(graph.tensor(op.inputs[2]), 1) +
                                     dim(graph.tensor(op.inputs[6]), 1)});
    }
    default:
      return 0;
  }
}

ParameterBytes parameter_bytes(const Graph& graph) {
  ParameterBytes bytes;
  for (const Tensor& tensor : graph.tensors) {
    if (!tensor.is_constant()) continue;
    bytes.stored_bytes += static_cast<int64_t>(tensor.data.size());
    bytes.elements += tensor.element_count();
    bytes.float32_bytes += tensor.element_count() * 4;
  }
  return bytes;
}

}  // namespace vnpu::ir
