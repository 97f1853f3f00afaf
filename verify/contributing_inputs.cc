#include "verify/contributing_inputs.h"

#include <algorithm>
#include <cstring>
#include <variant>

namespace vnpu::verify {
namespace {

constexpr int64_t kMaxListedValues = 32;

using Coordinate = std::array<int64_t, 4>;

std::array<int64_t, 4> dims4(const ir::Shape& shape) {
  switch (shape.size()) {
    case 0:
      return {1, 1, 1, 1};
    case 1:
      return {1, 1, 1, shape[0]};
    case 2:
      return {shape[0], 1, 1, shape[1]};
    case 3:
      return {1, shape[0], shape[1], shape[2]};
    default:
      break;
  }
  const size_t r = shape.size();
  int64_t n = 1;
  for (size_t i = 0; i + 3 < r; ++i) n *= shape[i];
  return {n, shape[r - 3], shape[r - 2], shape[r - 1]};
}

int64_t flat_index(const std::array<int64_t, 4>& dims, const Coordinate& at) {
  return ((at[0] * dims[1] + at[1]) * dims[2] + at[2]) * dims[3] + at[3];
}

std::string coordinate_text(const Coordinate& at) {
  return "(" + std::to_string(at[0]) + ", " + std::to_string(at[1]) + ", " + std::to_string(at[2]) +
         ", " + std::to_string(at[3]) + ")";
}

const std::vector<uint8_t>& bytes_of(const ir::Graph& graph,
                                     const std::vector<std::vector<uint8_t>>& tensors,
                                     int32_t index) {
  const ir::Tensor& tensor = graph.tensor(index);
  if (tensor.is_constant()) return tensor.data;
  return tensors.at(static_cast<size_t>(index));
}

int64_t value_at(const ir::Graph& graph, const std::vector<std::vector<uint8_t>>& tensors,
                 int32_t index, int64_t flat) {
  return element_value(graph.tensor(index).type, bytes_of(graph, tensors, index), flat);
}

std::string tensor_text(const ir::Graph& graph, int32_t index) {
  return "'" + graph.tensor(index).name + "'";
}

// Spatial geometry of a windowed operator along one axis.
struct Axis {
  int64_t stride = 1, dilation = 1, kernel = 1, pad = 0;
};

int64_t same_padding(int64_t in, int64_t out, const Axis& axis) {
  const int64_t effective = (axis.kernel - 1) * axis.dilation + 1;
  return std::max<int64_t>((out - 1) * axis.stride + effective - in, 0) / 2;
}

struct Window {
  Axis y, x;
  bool all_channels = false;  // CONV_2D reads every input channel
  int64_t channel = 0;        // otherwise this one
};

std::string window_line(const ir::Graph& graph, const std::vector<std::vector<uint8_t>>& tensors,
                        int32_t input, const Window& w, const Coordinate& at) {
  const auto dims = dims4(graph.tensor(input).shape);
  const int64_t y0 = at[1] * w.y.stride - w.y.pad;
  const int64_t x0 = at[2] * w.x.stride - w.x.pad;
  std::string values;
  int64_t listed = 0, total = 0;
  for (int64_t ky = 0; ky < w.y.kernel; ++ky) {
    for (int64_t kx = 0; kx < w.x.kernel; ++kx) {
      const int64_t y = y0 + ky * w.y.dilation, x = x0 + kx * w.x.dilation;
      const int64_t c_begin = w.all_channels ? 0 : w.channel;
      const int64_t c_end = w.all_channels ? dims[3] : w.channel + 1;
      for (int64_t c = c_begin; c < c_end; ++c) {
        ++total;
        if (listed >= kMaxListedValues) continue;
        ++listed;
        const bool inside = y >= 0 && y < dims[1] && x >= 0 && x < dims[2];
        values += inside ? std::to_string(
                               value_at(graph, tensors, input, flat_index(dims, {at[0], y, x, c})))
                         : std::string("pad");
        values += " ";
      }
    }
  }
  std::string line =
      "IFM " + tensor_text(graph, input) + " window rows " + std::to_string(y0) + ".." +
      std::to_string(y0 + (w.y.kernel - 1) * w.y.dilation) + ", cols " + std::to_string(x0) + ".." +
      std::to_string(x0 + (w.x.kernel - 1) * w.x.dilation) +
      (w.all_channels ? ", all channels" : ", channel " + std::to_string(w.channel)) + ": " +
      values;
  if (total > listed) line += "... (" + std::to_string(total) + " values)";
  return line;
}

void add_bias(const ir::Graph& graph, const std::vector<std::vector<uint8_t>>& tensors,
              const ir::Operator& op, int64_t channel, std::vector<std::string>* lines) {
  if (op.inputs.size() < 3 || op.inputs[2] < 0) return;
  lines->push_back("bias[" + std::to_string(channel) +
                   "] = " + std::to_string(value_at(graph, tensors, op.inputs[2], channel)));
}

std::vector<std::string> windowed(const ir::Graph& graph,
                                  const std::vector<std::vector<uint8_t>>& tensors,
                                  const ir::Operator& op, const Coordinate& at) {
  const auto in = dims4(graph.tensor(op.inputs[0]).shape);
  const auto out = dims4(graph.tensor(op.outputs[0]).shape);
  Window w;
  ir::Padding padding = ir::Padding::kValid;
  if (const auto* conv = std::get_if<ir::Conv2dOptions>(&op.options)) {
    const auto filter = graph.tensor(op.inputs[1]).shape;
    w.y = {conv->stride_h, conv->dilation_h, filter[1], 0};
    w.x = {conv->stride_w, conv->dilation_w, filter[2], 0};
    w.all_channels = true;
    padding = conv->padding;
  } else if (const auto* dw = std::get_if<ir::DepthwiseConv2dOptions>(&op.options)) {
    const auto filter = graph.tensor(op.inputs[1]).shape;
    w.y = {dw->stride_h, dw->dilation_h, filter[1], 0};
    w.x = {dw->stride_w, dw->dilation_w, filter[2], 0};
    w.channel = at[3] / std::max(dw->depth_multiplier, 1);
    padding = dw->padding;
  } else if (const auto* pool = std::get_if<ir::Pool2dOptions>(&op.options)) {
    w.y = {pool->stride_h, 1, pool->filter_h, 0};
    w.x = {pool->stride_w, 1, pool->filter_w, 0};
    w.channel = at[3];
    padding = pool->padding;
  }
  if (padding == ir::Padding::kSame) {
    w.y.pad = same_padding(in[1], out[1], w.y);
    w.x.pad = same_padding(in[2], out[2], w.x);
  }
  std::vector<std::string> lines = {window_line(graph, tensors, op.inputs[0], w, at)};
  add_bias(graph, tensors, op, at[3], &lines);
  return lines;
}

std::vector<std::string> fully_connected(const ir::Graph& graph,
                                         const std::vector<std::vector<uint8_t>>& tensors,
                                         const ir::Operator& op, const Coordinate& at) {
  const int32_t input = op.inputs[0];
  const auto filter = graph.tensor(op.inputs[1]).shape;
  const int64_t depth = filter.empty() ? 1 : filter.back();
  std::string values;
  for (int64_t i = 0; i < std::min(depth, kMaxListedValues); ++i) {
    values += std::to_string(value_at(graph, tensors, input, at[0] * depth + i)) + " ";
  }
  if (depth > kMaxListedValues) values += "... (" + std::to_string(depth) + " values)";
  std::vector<std::string> lines = {"input " + tensor_text(graph, input) + " row " +
                                    std::to_string(at[0]) + ": " + values};
  add_bias(graph, tensors, op, at[3], &lines);
  return lines;
}

// Each input at the output's coordinate, broadcast dimensions of size 1 resolved.
std::vector<std::string> elementwise(const ir::Graph& graph,
                                     const std::vector<std::vector<uint8_t>>& tensors,
                                     const ir::Operator& op, const Coordinate& at) {
  std::vector<std::string> lines;
  for (size_t i = 0; i < op.inputs.size(); ++i) {
    const int32_t input = op.inputs[i];
    if (input < 0) continue;
    const ir::Tensor& tensor = graph.tensor(input);
    if (tensor.type == ir::DataType::kInt32 && tensor.is_constant() && i > 0 &&
        tensor.element_count() <= 4 && op.type != ir::OpType::kAdd && op.type != ir::OpType::kSub &&
        op.type != ir::OpType::kMul) {
      continue;  // a shape or axis operand
    }
    const auto dims = dims4(tensor.shape);
    Coordinate c = at;
    for (size_t d = 0; d < 4; ++d) {
      if (dims[d] == 1) c[d] = 0;
    }
    if (flat_index(dims, c) >= tensor.element_count()) continue;
    lines.push_back("input " + std::to_string(i) + " " + tensor_text(graph, input) + " at " +
                    coordinate_text(c) + " = " +
                    std::to_string(value_at(graph, tensors, input, flat_index(dims, c))));
  }
  return lines;
}

}  // namespace

std::array<int64_t, 4> nhwc_coordinate(const ir::Shape& shape, int64_t flat) {
  const auto dims = dims4(shape);
  Coordinate at{};
  for (size_t d = 4; d-- > 0;) {
    at[d] = flat % std::max<int64_t>(dims[d], 1);
    flat /= std::max<int64_t>(dims[d], 1);
  }
  return at;
}

int64_t element_value(ir::DataType type, const std::vector<uint8_t>& bytes, int64_t index) {
  const size_t size = ir::element_size(type);
  const size_t offset = static_cast<size_t>(index) * size;
  if (offset + size > bytes.size()) return 0;
  const uint8_t* p = bytes.data() + offset;
  switch (type) {
    case ir::DataType::kInt8:
      return static_cast<int8_t>(p[0]);
    case ir::DataType::kUInt8:
    case ir::DataType::kBool:
      return p[0];
    case ir::DataType::kInt16: {
      int16_t v;
      std::memcpy(&v, p, 2);
      return v;
    }
    case ir::DataType::kUInt32: {
      uint32_t v;
      std::memcpy(&v, p, 4);
      return v;
    }
    case ir::DataType::kInt64:
    case ir::DataType::kUInt64: {
      int64_t v;
      std::memcpy(&v, p, 8);
      return v;
    }
    default: {
      int32_t v;
      std::memcpy(&v, p, 4);
      return v;
    }
  }
}

std::vector<std::string> contributing_inputs(const ir::Graph& graph, const ir::Operator& op,
                                             const std::vector<std::vector<uint8_t>>& tensors,
                                             const std::array<int64_t, 4>& coordinate) {
  if (op.inputs.empty() || op.outputs.empty() || op.inputs[0] < 0) return {};
  switch (op.type) {
    case ir::OpType::kConv2d:
    case ir::OpType::kDepthwiseConv2d:
    case ir::OpType::kMaxPool2d:
    case ir::OpType::kAveragePool2d:
      return windowed(graph, tensors, op, coordinate);
    case ir::OpType::kFullyConnected:
      return fully_connected(graph, tensors, op, coordinate);
    default:
      return elementwise(graph, tensors, op, coordinate);
  }
}

}  // namespace vnpu::verify
