#include "ir/window_geometry.h"

#include <limits>
#include <string>
#include <variant>

namespace vnpu::ir {
namespace {

struct Window {
  int32_t filter_h = 1, filter_w = 1, dilation_h = 1, dilation_w = 1;
  const char* value_name = "dilation";  // the option that scales the filter
};

// The filter extents and dilations of a window operator, when its operands
// have the ranks prepare expects.
bool window_of(const Graph& graph, const Operator& op, Window* window) {
  auto shape = [&](size_t slot) -> const Shape* {
    if (slot >= op.inputs.size() || op.inputs[slot] == kNoTensor) return nullptr;
    const Shape& s = graph.tensor(op.inputs[slot]).shape;
    return s.size() == 4 ? &s : nullptr;
  };
  if (const auto* conv = std::get_if<Conv2dOptions>(&op.options)) {
    if (shape(1) == nullptr) return false;
    *window = {(*shape(1))[1], (*shape(1))[2], conv->dilation_h, conv->dilation_w, "dilation"};
    return true;
  }
  if (const auto* depthwise = std::get_if<DepthwiseConv2dOptions>(&op.options)) {
    if (shape(1) == nullptr) return false;
    *window = {(*shape(1))[1], (*shape(1))[2], depthwise->dilation_h, depthwise->dilation_w,
               "dilation"};
    return true;
  }
  if (const auto* pool = std::get_if<Pool2dOptions>(&op.options)) {
    *window = {pool->filter_h, pool->filter_w, 1, 1, "filter size"};
    return true;
  }
  return false;
}

}  // namespace

int64_t effective_filter_extent(int32_t filter_size, int32_t dilation) {
  return (int64_t{filter_size} - 1) * dilation + 1;
}

Status check_window_axis(const char* axis, const char* value_name, int32_t value,
                         int32_t input_size, int32_t filter_size, int32_t dilation) {
  constexpr int64_t kLimit = std::numeric_limits<int32_t>::max();
  if (filter_size < 1 || dilation < 1 || input_size < 0) return Status::ok();
  const int64_t extent = effective_filter_extent(filter_size, dilation);
  if (extent + input_size <= kLimit) return Status::ok();
  return Status::invalid_input(
      std::string(value_name) + " " + std::to_string(value) + " makes the effective filter " +
      axis + " " + std::to_string(extent) + " exceed " + std::to_string(kLimit - input_size) +
      " (2^31 - 1 less the input " + axis + " " + std::to_string(input_size) + ")");
}

namespace {

// TRANSPOSE_CONV scatters input position i to outputs i * stride - pad + k: the
// largest, (input - 1) * stride + filter, must fit int32 along each axis.
Status check_transpose_conv_axis(const char* axis, int32_t stride, int32_t input_size,
                                 int32_t filter_size) {
  constexpr int64_t kLimit = std::numeric_limits<int32_t>::max();
  if (stride < 1 || input_size < 1 || filter_size < 0) return Status::ok();
  const int64_t reach = (int64_t{input_size} - 1) * stride + filter_size;
  if (reach <= kLimit) return Status::ok();
  return Status::invalid_input("stride " + std::to_string(stride) + " makes the transposed " +
                               axis + " " + std::to_string(reach) + " exceed 2^31 - 1 (input " +
                               axis + " " + std::to_string(input_size) + ")");
}

Status check_transpose_conv_geometry(const Graph& graph, const Operator& op,
                                     const TransposeConvOptions& options) {
  constexpr size_t kFilter = 1, kInput = 2;  // output_shape, weights, input, [bias]
  if (op.inputs.size() <= kInput || op.inputs[kFilter] == kNoTensor ||
      op.inputs[kInput] == kNoTensor) {
    return Status::ok();
  }
  const Shape& filter = graph.tensor(op.inputs[kFilter]).shape;
  const Shape& input = graph.tensor(op.inputs[kInput]).shape;
  if (filter.size() != 4 || input.size() != 4) return Status::ok();
  Status status = check_transpose_conv_axis("height", options.stride_h, input[1], filter[1]);
  if (!status) return status;
  return check_transpose_conv_axis("width", options.stride_w, input[2], filter[2]);
}

}  // namespace

Status check_window_geometry(const Graph& graph, const Operator& op) {
  if (const auto* transpose = std::get_if<TransposeConvOptions>(&op.options)) {
    return check_transpose_conv_geometry(graph, op, *transpose);
  }
  Window window;
  if (op.inputs.empty() || op.inputs[0] == kNoTensor || !window_of(graph, op, &window)) {
    return Status::ok();
  }
  const Shape& input = graph.tensor(op.inputs[0]).shape;
  if (input.size() != 4) return Status::ok();
  const bool pool = std::holds_alternative<Pool2dOptions>(op.options);
  Status status =
      check_window_axis("height", window.value_name, pool ? window.filter_h : window.dilation_h,
                        input[1], window.filter_h, window.dilation_h);
  if (!status) return status;
  return check_window_axis("width", window.value_name, pool ? window.filter_w : window.dilation_w,
                           input[2], window.filter_w, window.dilation_w);
}

}  // namespace vnpu::ir
