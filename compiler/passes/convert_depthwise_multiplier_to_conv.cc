// convert_depthwise_multiplier_to_conv: a DEPTHWISE_CONV_2D over one input
// channel with depth multiplier M (output depth M) is a CONV_2D with M filters
// of one input channel: every output channel m sums input * filter[..][m] over
// the same window. The [1,H,W,M] depthwise filter becomes an [M,H,W,1] conv
// filter (per-channel quantization moves from axis 3 to axis 0, the same
// scales), bias and options carry over; TFLite computes both with the same
// per-channel multipliers and rounding, so outputs are identical. The NPU's
// depthwise kick-off only runs multiplier 1, so Vela converts these too.
#include <variant>

#include "compiler/passes/passes.h"
#include "ir/graph_edit.h"

namespace vnpu::compiler {
namespace {

bool convertible(const ir::Graph& graph, const ir::Operator& op) {
  if (op.type != ir::OpType::kDepthwiseConv2d || op.inputs.size() < 2 || op.outputs.size() != 1) {
    return false;
  }
  const auto* options = std::get_if<ir::DepthwiseConv2dOptions>(&op.options);
  const ir::Tensor& input = graph.tensor(op.inputs[0]);
  const ir::Tensor& filter = graph.tensor(op.inputs[1]);
  return options != nullptr && options->depth_multiplier > 1 && input.shape.size() == 4 &&
         input.shape[3] == 1 && filter.shape.size() == 4 && filter.shape[0] == 1 &&
         filter.shape[3] == options->depth_multiplier && filter.is_constant() &&
         element_size(filter.type) == 1;
}

// [1,H,W,M] -> [M,H,W,1]: out[m][y][x] = in[y][x][m].
ir::Tensor conv_filter(const ir::Tensor& depthwise) {
  const int32_t height = depthwise.shape[1];
  const int32_t width = depthwise.shape[2];
  const int32_t channels = depthwise.shape[3];
  ir::Tensor filter = depthwise;
  filter.name = depthwise.name + "/as_conv";
  filter.shape = {channels, height, width, 1};
  filter.quantization.axis = 0;
  for (int32_t m = 0; m < channels; ++m) {
    for (int32_t yx = 0; yx < height * width; ++yx) {
      filter.data[static_cast<size_t>(m * height * width + yx)] =
          depthwise.data[static_cast<size_t>(yx * channels + m)];
    }
  }
  return filter;
}

}  // namespace

Status convert_depthwise_multiplier_to_conv(ir::Graph& graph, const CompilerOptions&) {
  for (ir::Operator& op : graph.operators) {
    if (!convertible(graph, op)) continue;
    const auto depthwise = std::get<ir::DepthwiseConv2dOptions>(op.options);
    op.inputs[1] = add_tensor(graph, conv_filter(graph.tensor(op.inputs[1])));
    ir::Conv2dOptions options;
    options.padding = depthwise.padding;
    options.stride_w = depthwise.stride_w;
    options.stride_h = depthwise.stride_h;
    options.dilation_w = depthwise.dilation_w;
    options.dilation_h = depthwise.dilation_h;
    options.activation = depthwise.activation;
    op.type = ir::OpType::kConv2d;
    op.options = options;
  }
  return Status::ok();
}

}  // namespace vnpu::compiler
