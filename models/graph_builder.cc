#include "models/graph_builder.h"

#include <cstring>
#include <utility>

namespace vnpu::models {

GraphBuilder::GraphBuilder(std::string name, uint64_t seed) : rng_(seed) {
  graph_.name = std::move(name);
}

int32_t GraphBuilder::add_activation(const std::string& name, const ir::Shape& shape,
                                     QuantParams quant) {
  ir::Tensor tensor;
  tensor.name = name;
  tensor.type = ir::DataType::kInt8;
  tensor.shape = shape;
  tensor.quantization.scales = {quant.scale};
  tensor.quantization.zero_points = {quant.zero_point};
  graph_.tensors.push_back(std::move(tensor));
  return static_cast<int32_t>(graph_.tensors.size() - 1);
}

int32_t GraphBuilder::add_weights(const std::string& name, const ir::Shape& shape, int32_t axis,
                                  const std::vector<float>& scales) {
  ir::Tensor tensor;
  tensor.name = name;
  tensor.type = ir::DataType::kInt8;
  tensor.shape = shape;
  tensor.quantization.scales = scales;
  tensor.quantization.zero_points.assign(scales.size(), 0);
  tensor.quantization.axis = axis;
  tensor.data.resize(static_cast<size_t>(tensor.element_count()));
  for (uint8_t& byte : tensor.data) {
    byte = static_cast<uint8_t>(static_cast<int8_t>(rng_.uniform(-127, 127)));
  }
  graph_.tensors.push_back(std::move(tensor));
  return static_cast<int32_t>(graph_.tensors.size() - 1);
}

int32_t GraphBuilder::add_bias(const std::string& name, int32_t channels, float input_scale,
                               const std::vector<float>& weight_scales, int32_t range) {
  ir::Tensor tensor;
  tensor.name = name;
  tensor.type = ir::DataType::kInt32;
  tensor.shape = {channels};
  for (float weight_scale : weight_scales) {
    tensor.quantization.scales.push_back(input_scale * weight_scale);
  }
  tensor.quantization.zero_points.assign(weight_scales.size(), 0);
  tensor.data.resize(static_cast<size_t>(channels) * 4);
  for (int32_t c = 0; c < channels; ++c) {
    const int32_t value = rng_.uniform(-range, range);
    std::memcpy(tensor.data.data() + 4 * c, &value, 4);
  }
  graph_.tensors.push_back(std::move(tensor));
  return static_cast<int32_t>(graph_.tensors.size() - 1);
}

int32_t GraphBuilder::add_int32_constant(const std::string& name,
                                         const std::vector<int32_t>& values) {
  ir::Tensor tensor;
  tensor.name = name;
  tensor.type = ir::DataType::kInt32;
  tensor.shape = {static_cast<int32_t>(values.size())};
  tensor.data.resize(values.size() * 4);
  std::memcpy(tensor.data.data(), values.data(), tensor.data.size());
  graph_.tensors.push_back(std::move(tensor));
  return static_cast<int32_t>(graph_.tensors.size() - 1);
}

void GraphBuilder::add_op(ir::OpType type, std::vector<int32_t> inputs,
                          std::vector<int32_t> outputs, ir::OpOptions options) {
  ir::Operator op;
  op.type = type;
  op.inputs = std::move(inputs);
  op.outputs = std::move(outputs);
  op.options = std::move(options);
  graph_.operators.push_back(std::move(op));
}

void GraphBuilder::set_io(std::vector<int32_t> inputs, std::vector<int32_t> outputs) {
  graph_.inputs = std::move(inputs);
  graph_.outputs = std::move(outputs);
}

ir::Model GraphBuilder::finish(const std::string& description) {
  ir::Model model;
  model.description = description;
  model.graphs.push_back(std::move(graph_));
  return model;
}

}  // namespace vnpu::models
