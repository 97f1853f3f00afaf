// convert_depthwise_multiplier_to_conv: a DEPTHWISE_CONV_2D with depth
// multiplier M > 1 is a CONV_2D, since the NPU's depthwise kick-off runs
// multiplier 1 only:
//  - over one input channel (output depth M), a CONV_2D with M filters of one
//    input channel: every output channel m sums input * filter[..][m] over the
//    same window (Vela converts these too; always converted);
//  - over C > 1 input channels (output depth C x M), a CONV_2D whose filter
//    for output channel o holds the depthwise weights of o at input channel
//    o / M and zeros elsewhere: the zeros add nothing to TFLite's int32 (or
//    int64) sum, so every output is the depthwise one, at C times the MACs.
//    Converted only when the NPU then runs it (a CPU would pay the MACs) and
//    the weights are symmetric (a zero weight is zero only then).
// The [1,H,W,C*M] depthwise filter becomes a [C*M,H,W,C] conv filter
// (per-channel quantization moves from axis 3 to axis 0, the same scales);
// bias and options carry over; TFLite computes both with the same
// per-channel multipliers and rounding, so outputs are identical.
#include <algorithm>
#include <variant>

#include "compiler/passes/passes.h"
#include "compiler/support/partition.h"
#include "ir/graph_edit.h"

namespace vnpu::compiler {
namespace {

// The largest conv filter the conversion writes (the zeros grow it C-fold).
constexpr int64_t kMaxConvertedFilterBytes = int64_t{16} << 20;

bool convertible(const ir::Graph& graph, const ir::Operator& op) {
  if (op.type != ir::OpType::kDepthwiseConv2d || op.inputs.size() < 2 || op.outputs.size() != 1) {
    return false;
  }
  const auto* options = std::get_if<ir::DepthwiseConv2dOptions>(&op.options);
  const ir::Tensor& input = graph.tensor(op.inputs[0]);
  const ir::Tensor& filter = graph.tensor(op.inputs[1]);
  if (options == nullptr || options->depth_multiplier <= 1 || input.shape.size() != 4 ||
      filter.shape.size() != 4 || filter.shape[0] != 1 ||
      filter.shape[3] != int64_t{input.shape[3]} * options->depth_multiplier ||
      !filter.is_constant() || element_size(filter.type) != 1 ||
      filter.data.size() != static_cast<size_t>(filter.element_count())) {
    return false;
  }
  if (filter.element_count() * input.shape[3] > kMaxConvertedFilterBytes) return false;
  return input.shape[3] == 1 ||
         std::all_of(filter.quantization.zero_points.begin(), filter.quantization.zero_points.end(),
                     [](int64_t zp) { return zp == 0; });
}

// [1,H,W,C*M] -> [C*M,H,W,C]: out[o][y][x][i] = in[y][x][o] if i == o / M, else 0.
ir::Tensor conv_filter(const ir::Tensor& depthwise, int32_t input_channels) {
  const int32_t height = depthwise.shape[1];
  const int32_t width = depthwise.shape[2];
  const int32_t outputs = depthwise.shape[3];
  const int32_t multiplier = outputs / input_channels;
  ir::Tensor filter = depthwise;
  filter.name = depthwise.name + "/as_conv";
  filter.shape = {outputs, height, width, input_channels};
  filter.quantization.axis = 0;
  filter.data.assign(static_cast<size_t>(outputs) * height * width * input_channels, 0);
  for (int32_t o = 0; o < outputs; ++o) {
    for (int32_t yx = 0; yx < height * width; ++yx) {
      const auto at = (static_cast<size_t>(o) * height * width + yx) * input_channels +
                      static_cast<size_t>(o / multiplier);
      filter.data[at] = depthwise.data[static_cast<size_t>(yx * outputs + o)];
    }
  }
  return filter;
}

ir::Conv2dOptions conv_options(const ir::DepthwiseConv2dOptions& depthwise) {
  ir::Conv2dOptions options;
  options.padding = depthwise.padding;
  options.stride_w = depthwise.stride_w;
  options.stride_h = depthwise.stride_h;
  options.dilation_w = depthwise.dilation_w;
  options.dilation_h = depthwise.dilation_h;
  options.activation = depthwise.activation;
  return options;
}

}  // namespace

Status convert_depthwise_multiplier_to_conv(ir::Graph& graph, const CompilerOptions& options) {
  const Expected<isa::AcceleratorConfig> config =
      isa::find_accelerator_config(options.accelerator_config);
  if (!config) return config.status();
  for (size_t index = 0; index < graph.operators.size(); ++index) {
    ir::Operator& op = graph.operators[index];
    if (!convertible(graph, op)) continue;
    const ir::Operator depthwise = op;
    const int32_t input_channels = graph.tensor(op.inputs[0]).shape[3];
    op.inputs[1] = add_tensor(graph, conv_filter(graph.tensor(op.inputs[1]), input_channels));
    op.type = ir::OpType::kConv2d;
    op.options = conv_options(std::get<ir::DepthwiseConv2dOptions>(depthwise.options));
    if (input_channels == 1 || place_operator(graph, index, *config).on_npu) continue;
    graph.operators[index] = depthwise;  // the CPU keeps the cheaper depthwise
    graph.tensors.pop_back();
  }
  return Status::ok();
}

}  // namespace vnpu::compiler
