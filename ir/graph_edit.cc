#include "ir/graph_edit.h"

#include <algorithm>
#include <cstring>
#include <variant>

namespace vnpu::ir {

std::vector<TensorUse> tensor_uses(const ir::Graph& graph, int32_t tensor) {
  std::vector<TensorUse> uses;
  for (size_t op = 0; op < graph.operators.size(); ++op) {
    const std::vector<int32_t>& inputs = graph.operators[op].inputs;
    for (size_t i = 0; i < inputs.size(); ++i) {
      if (inputs[i] == tensor) uses.push_back({op, i});
    }
  }
  return uses;
}

bool is_graph_output(const ir::Graph& graph, int32_t tensor) {
  return std::find(graph.outputs.begin(), graph.outputs.end(), tensor) != graph.outputs.end();
}

bool is_graph_input(const ir::Graph& graph, int32_t tensor) {
  return std::find(graph.inputs.begin(), graph.inputs.end(), tensor) != graph.inputs.end();
}

int64_t producer_of(const ir::Graph& graph, int32_t tensor) {
  for (size_t op = 0; op < graph.operators.size(); ++op) {
    const std::vector<int32_t>& outputs = graph.operators[op].outputs;
    if (std::find(outputs.begin(), outputs.end(), tensor) != outputs.end()) {
      return static_cast<int64_t>(op);
    }
  }
  return -1;
}

void replace_uses(ir::Graph& graph, int32_t from, int32_t to) {
  for (ir::Operator& op : graph.operators) {
    std::replace(op.inputs.begin(), op.inputs.end(), from, to);
  }
}

void erase_operators(ir::Graph& graph, const std::vector<bool>& erase) {
  std::vector<ir::Operator> kept;
  kept.reserve(graph.operators.size());
  for (size_t op = 0; op < graph.operators.size(); ++op) {
    if (op >= erase.size() || !erase[op]) kept.push_back(std::move(graph.operators[op]));
  }
  graph.operators = std::move(kept);
}

ir::FusedActivation* fused_activation_field(ir::Operator& op) {
  switch (op.type) {
    case ir::OpType::kConv2d:
      return &std::get<ir::Conv2dOptions>(op.options).activation;
    case ir::OpType::kDepthwiseConv2d:
      return &std::get<ir::DepthwiseConv2dOptions>(op.options).activation;
    case ir::OpType::kAveragePool2d:
    case ir::OpType::kMaxPool2d:
      return &std::get<ir::Pool2dOptions>(op.options).activation;
    case ir::OpType::kFullyConnected:
      return &std::get<ir::FullyConnectedOptions>(op.options).activation;
    case ir::OpType::kAdd:
    case ir::OpType::kSub:
    case ir::OpType::kMul:
      return &std::get<ir::ElementwiseOptions>(op.options).activation;
    default:
      return nullptr;
  }
}

std::vector<int64_t> constant_integers(const ir::Tensor& tensor) {
  std::vector<int64_t> values;
  if (!tensor.is_constant()) return values;
  const auto count = static_cast<size_t>(tensor.element_count());
  if (tensor.type == ir::DataType::kInt32 && tensor.data.size() == count * 4) {
    for (size_t i = 0; i < count; ++i) {
      int32_t v = 0;
      std::memcpy(&v, tensor.data.data() + i * 4, 4);
      values.push_back(v);
    }
  } else if (tensor.type == ir::DataType::kInt64 && tensor.data.size() == count * 8) {
    for (size_t i = 0; i < count; ++i) {
      int64_t v = 0;
      std::memcpy(&v, tensor.data.data() + i * 8, 8);
      values.push_back(v);
    }
  }
  return values;
}

int32_t add_tensor(ir::Graph& graph, ir::Tensor tensor) {
  graph.tensors.push_back(std::move(tensor));
  return static_cast<int32_t>(graph.tensors.size() - 1);
}

int32_t add_int32_constant(ir::Graph& graph, const std::string& name,
                           const std::vector<int64_t>& values) {
  ir::Tensor t;
  t.name = name;
  t.type = ir::DataType::kInt32;
  t.shape = {static_cast<int32_t>(values.size())};
  for (int64_t v : values) {
    const auto u = static_cast<uint32_t>(static_cast<int32_t>(v));
    for (int byte = 0; byte < 4; ++byte) t.data.push_back(static_cast<uint8_t>(u >> (8 * byte)));
  }
  return add_tensor(graph, std::move(t));
}

}  // namespace vnpu::ir
