#include "cli/describe.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <type_traits>

namespace vnpu::cli {
namespace {

std::string format(const char* fmt, double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), fmt, value);
  return buffer;
}

std::string kernel_size(const ir::Graph& graph, const ir::Operator& op, int h_axis, int w_axis) {
  if (op.inputs.size() < 2 || op.inputs[1] < 0) return "";
  const ir::Shape& filter = graph.tensor(op.inputs[1]).shape;
  if (filter.size() != 4) return "";
  return "k" + std::to_string(filter[static_cast<size_t>(h_axis)]) + "x" +
         std::to_string(filter[static_cast<size_t>(w_axis)]) + " ";
}

std::string act(ir::FusedActivation activation) {
  return activation == ir::FusedActivation::kNone
             ? ""
             : std::string(" ") + ir::fused_activation_name(activation);
}

std::string stride_dilation(int32_t sh, int32_t sw, int32_t dh, int32_t dw) {
  std::string text = "s" + std::to_string(sh) + "x" + std::to_string(sw);
  if (dh != 1 || dw != 1) text += " d" + std::to_string(dh) + "x" + std::to_string(dw);
  return text;
}

}  // namespace

std::string describe_options(const ir::Graph& graph, const ir::Operator& op) {
  return std::visit(
      [&](const auto& o) -> std::string {
        using T = std::decay_t<decltype(o)>;
        if constexpr (std::is_same_v<T, ir::Conv2dOptions>) {
          return kernel_size(graph, op, 1, 2) +
                 stride_dilation(o.stride_h, o.stride_w, o.dilation_h, o.dilation_w) + " " +
                 ir::padding_name(o.padding) + act(o.activation);
        } else if constexpr (std::is_same_v<T, ir::DepthwiseConv2dOptions>) {
          return kernel_size(graph, op, 1, 2) +
                 stride_dilation(o.stride_h, o.stride_w, o.dilation_h, o.dilation_w) + " " +
                 ir::padding_name(o.padding) + " mult " + std::to_string(o.depth_multiplier) +
                 act(o.activation);
        } else if constexpr (std::is_same_v<T, ir::Pool2dOptions>) {
          return "f" + std::to_string(o.filter_h) + "x" + std::to_string(o.filter_w) + " " +
                 stride_dilation(o.stride_h, o.stride_w, 1, 1) + " " +
                 ir::padding_name(o.padding) + act(o.activation);
        } else if constexpr (std::is_same_v<T, ir::FullyConnectedOptions>) {
          return std::string(o.keep_num_dims ? "keep_num_dims" : "") + act(o.activation);
        } else if constexpr (std::is_same_v<T, ir::ElementwiseOptions>) {
          return act(o.activation);
        } else if constexpr (std::is_same_v<T, ir::SoftmaxOptions>) {
          return format("beta %g", static_cast<double>(o.beta));
        } else if constexpr (std::is_same_v<T, ir::LeakyReluOptions>) {
          return format("alpha %g", static_cast<double>(o.alpha));
        } else if constexpr (std::is_same_v<T, ir::ConcatenationOptions>) {
          return "axis " + std::to_string(o.axis) + act(o.activation);
        } else if constexpr (std::is_same_v<T, ir::ReducerOptions>) {
          return o.keep_dims ? "keep_dims" : "";
        } else if constexpr (std::is_same_v<T, ir::StridedSliceOptions>) {
          return "begin_mask " + std::to_string(o.begin_mask) + " end_mask " +
                 std::to_string(o.end_mask) + " shrink_axis_mask " +
                 std::to_string(o.shrink_axis_mask) + (o.offset ? " offset" : "");
        } else if constexpr (std::is_same_v<T, ir::PackOptions>) {
          return "count " + std::to_string(o.count) + " axis " + std::to_string(o.axis);
        } else if constexpr (std::is_same_v<T, ir::SplitOptions>) {
          return "num_splits " + std::to_string(o.num_splits);
        } else if constexpr (std::is_same_v<T, ir::GatherOptions>) {
          return "axis " + std::to_string(o.axis) + " batch_dims " + std::to_string(o.batch_dims);
        } else if constexpr (std::is_same_v<T, ir::BlockSizeOptions>) {
          return "block " + std::to_string(o.block_size);
        } else if constexpr (std::is_same_v<T, ir::MirrorPadOptions>) {
          return o.mode == ir::MirrorPadMode::kReflect ? "REFLECT" : "SYMMETRIC";
        } else if constexpr (std::is_same_v<T, ir::ResizeOptions>) {
          return std::string(o.align_corners ? "align_corners" : "") +
                 (o.align_corners && o.half_pixel_centers ? " " : "") +
                 (o.half_pixel_centers ? "half_pixel_centers" : "");
        } else if constexpr (std::is_same_v<T, ir::CustomOptions>) {
          return "custom '" + o.custom_code + "', " + std::to_string(o.data.size()) +
                 " option bytes";
        } else {
          return "";
        }
      },
      op.options);
}

namespace {

// Element k of little-endian `bytes` of `type` as text.
std::string element_text(ir::DataType type, const uint8_t* bytes) {
  auto read = [bytes](auto value) {
    std::memcpy(&value, bytes, sizeof(value));
    return value;
  };
  switch (type) {
    case ir::DataType::kInt8: return std::to_string(read(int8_t{0}));
    case ir::DataType::kUInt8: return std::to_string(read(uint8_t{0}));
    case ir::DataType::kInt16: return std::to_string(read(int16_t{0}));
    case ir::DataType::kInt32: return std::to_string(read(int32_t{0}));
    case ir::DataType::kInt64: return std::to_string(read(int64_t{0}));
    case ir::DataType::kUInt32: return std::to_string(read(uint32_t{0}));
    case ir::DataType::kUInt64: return std::to_string(read(uint64_t{0}));
    case ir::DataType::kFloat32: return format("%g", static_cast<double>(read(0.0f)));
    case ir::DataType::kBool: return bytes[0] != 0 ? "true" : "false";
    case ir::DataType::kResource: return "resource " + std::to_string(read(int32_t{0}));
  }
  return "?";
}

}  // namespace

std::string preview_elements(ir::DataType type, const std::vector<uint8_t>& bytes,
                             size_t max_values) {
  const size_t size = ir::element_size(type);
  const size_t count = bytes.size() / size;
  std::string text;
  for (size_t k = 0; k < count && k < max_values; ++k) {
    text += (k == 0 ? "" : " ") + element_text(type, bytes.data() + k * size);
  }
  if (count > max_values) text += " ...";
  return text;
}

std::string describe_quantization(const ir::Quantization& q) {
  if (!q.is_quantized()) return "-";
  if (!q.is_per_channel()) {
    return format("scale %.6g", static_cast<double>(q.scale())) + " zp " +
           std::to_string(q.zero_point());
  }
  const auto [low, high] = std::minmax_element(q.scales.begin(), q.scales.end());
  return "per-channel axis " + std::to_string(q.axis) + ": " + std::to_string(q.scales.size()) +
         " scales " + format("%.4g", static_cast<double>(*low)) + ".." +
         format("%.4g", static_cast<double>(*high));
}

std::string with_thousands(int64_t value) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  std::string text;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) text += ',';
    text += digits[i];
  }
  return value < 0 ? "-" + text : text;
}

int operator_column_width(const ir::Graph& graph) {
  size_t width = 18;
  for (const ir::Operator& op : graph.operators) {
    width = std::max(width, std::string(ir::op_type_name(op.type)).size());
  }
  return static_cast<int>(width);
}

}  // namespace vnpu::cli
