// lower_operator: CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED to one
// NPU kick-off. The arithmetic mirrors the CPU prepare functions
// (driver/cpu/ops/conv2d_op.cc, depthwise_conv2d_op.cc, fully_connected_op.cc; the shared
// arithmetic is kernels/prepare/).
#include "compiler/codegen/lower_op.h"

#include <algorithm>
#include <string>
#include <variant>

#include "compiler/codegen/lowering_common.h"
#include "isa/command_encoder.h"
#include "isa/scale_stream.h"
#include "isa/weight_layout.h"
#include "kernels/prepare/convolution_support.h"
#include "kernels/prepare/op_support.h"
#include "kernels/quant_math.h"

namespace vnpu::compiler {
namespace {

// What the kick-off needs from the operator, in NPU terms.
struct ConvGeometry {
  int32_t in_h = 1, in_w = 1, in_c = 1;
  int32_t out_h = 1, out_w = 1, out_c = 1;
  int32_t kh = 1, kw = 1, stride_y = 1, stride_x = 1, dilation_y = 1, dilation_x = 1;
  int32_t pad_top = 0, pad_left = 0, pad_bottom = 0, pad_right = 0;
  bool depthwise = false;
  bool fully_connected = false;
  ir::FusedActivation activation = ir::FusedActivation::kNone;
};

std::string where(const ir::Operator& op) { return std::string(ir::op_type_name(op.type)) + ": "; }

// TFLite's top/left padding and the bottom/right remainder the NPU needs so
// that its IFM extent ((out - 1) * stride + dilated kernel - pads) covers
// exactly the rows TFLite reads.
void set_padding(ir::Padding padding, ConvGeometry* g) {
  g->out_h =
      kernels::prepare::compute_out_size(padding, g->in_h, g->kh, g->stride_y, g->dilation_y);
  g->out_w =
      kernels::prepare::compute_out_size(padding, g->in_w, g->kw, g->stride_x, g->dilation_x);
  g->pad_top =
      kernels::prepare::compute_padding(g->stride_y, g->dilation_y, g->in_h, g->kh, g->out_h);
  g->pad_left =
      kernels::prepare::compute_padding(g->stride_x, g->dilation_x, g->in_w, g->kw, g->out_w);
  const int32_t total_h = (g->out_h - 1) * g->stride_y + (g->kh - 1) * g->dilation_y + 1 - g->in_h;
  const int32_t total_w = (g->out_w - 1) * g->stride_x + (g->kw - 1) * g->dilation_x + 1 - g->in_w;
  g->pad_bottom = std::max(total_h - g->pad_top, 0);
  g->pad_right = std::max(total_w - g->pad_left, 0);
}

Expected<ConvGeometry> conv_geometry(const ir::Graph& graph, const ir::Operator& op) {
  ConvGeometry g;
  const ir::Shape& in = graph.tensor(op.inputs[0]).shape;
  const ir::Shape& f = graph.tensor(op.inputs[1]).shape;
  if (op.type == ir::OpType::kFullyConnected) {
    if (f.size() != 2 || f[1] <= 0 || graph.tensor(op.inputs[0]).element_count() % f[1] != 0) {
      return Status::invalid_input(where(op) + "filter must be [OUT, IN] dividing the input");
    }
    const auto* options = std::get_if<ir::FullyConnectedOptions>(&op.options);
    g.activation = options != nullptr ? options->activation : ir::FusedActivation::kNone;
    g.fully_connected = true;
    g.in_w = g.out_w = static_cast<int32_t>(graph.tensor(op.inputs[0]).element_count() / f[1]);
    g.in_c = f[1];
    g.out_c = f[0];
    return g;
  }
  if (in.size() != 4 || f.size() != 4 || in[0] != 1) {
    return Status::unsupported(where(op) + "input and filter must have rank 4 and batch 1");
  }
  g.in_h = in[1];
  g.in_w = in[2];
  g.in_c = in[3];
  g.kh = f[1];
  g.kw = f[2];
  ir::Padding padding = ir::Padding::kSame;
  if (const auto* o = std::get_if<ir::Conv2dOptions>(&op.options)) {
    if (f[3] != in[3]) return Status::unsupported(where(op) + "grouped convolution");
    g.out_c = f[0];
    g.stride_y = o->stride_h;
    g.stride_x = o->stride_w;
    g.dilation_y = o->dilation_h;
    g.dilation_x = o->dilation_w;
    g.activation = o->activation;
    padding = o->padding;
  } else if (const auto* d = std::get_if<ir::DepthwiseConv2dOptions>(&op.options)) {
    if (d->depth_multiplier != 1 || f[3] != in[3]) {
      return Status::unsupported(where(op) + "depth multiplier " +
                                 std::to_string(d->depth_multiplier) + " (only 1 is lowered)");
    }
    g.depthwise = true;
    g.out_c = f[3];
    g.stride_y = d->stride_h;
    g.stride_x = d->stride_w;
    g.dilation_y = d->dilation_h;
    g.dilation_x = d->dilation_w;
    g.activation = d->activation;
    padding = d->padding;
  } else {
    return Status::invalid_input(where(op) + "options are missing");
  }
  for (int32_t s : {g.stride_y, g.stride_x}) {
    if (s < 1 || s > 3)
      return Status::unsupported(where(op) + "stride " + std::to_string(s) + " (1..3)");
  }
  for (int32_t d : {g.dilation_y, g.dilation_x}) {
    if (d < 1 || d > 2)
      return Status::unsupported(where(op) + "dilation " + std::to_string(d) + " (1..2)");
  }
  set_padding(padding, &g);
  if (g.out_h <= 0 || g.out_w <= 0) return Status::invalid_input(where(op) + "empty output");
  if (g.pad_top > 127 || g.pad_left > 127 || g.pad_bottom > 128 || g.pad_right > 128) {
    return Status::unsupported(where(op) + "padding beyond 127 (top/left) or 128 (bottom/right)");
  }
  return g;
}

// One multiplier per OFM channel, from the ratio the CPU op uses (kernels/prepare).
Expected<std::vector<kernels::QuantizedMultiplier>> channel_multipliers(const ir::Graph& graph,
                                                                        const ir::Operator& op,
                                                                        int32_t channels) {
  const float in_scale = graph.tensor(op.inputs[0]).quantization.scale();
  const float out_scale = graph.tensor(op.outputs[0]).quantization.scale();
  const ir::Quantization& f_q = graph.tensor(op.inputs[1]).quantization;
  if (f_q.scales.empty()) return Status::unsupported(where(op) + "filter is not quantized");
  std::vector<kernels::QuantizedMultiplier> result;
  for (int32_t c = 0; c < channels; ++c) {
    const float f_scale = f_q.scales[f_q.is_per_channel() ? static_cast<size_t>(c) : 0];
    const double real =
        op.type == ir::OpType::kFullyConnected && !f_q.is_per_channel()
            ? kernels::prepare::per_tensor_fully_connected_scale_ratio(in_scale, f_scale, out_scale)
            : kernels::prepare::per_channel_scale_ratio(in_scale, f_scale, out_scale);
    const kernels::QuantizedMultiplier m = kernels::quantize_multiplier(real);
    if (m.shift > 31 || 31 - m.shift > static_cast<int32_t>(isa::kMaxScaleShift)) {
      return Status::unsupported(where(op) + "channel " + std::to_string(c) +
                                 ": multiplier exponent " + std::to_string(m.shift) +
                                 " outside -32..31");
    }
    result.push_back(m);
  }
  return result;
}

// The filter as OHWI int16 symbols, minus the filter zero point where TFLite applies one.
std::vector<int16_t> ohwi_weights(const ir::Graph& graph, const ir::Operator& op,
                                  const ConvGeometry& g) {
  const ir::Tensor& filter = graph.tensor(op.inputs[1]);
  const auto* data = reinterpret_cast<const int8_t*>(filter.data.data());
  std::vector<int16_t> raw(data, data + filter.data.size());
  if (g.depthwise) return isa::transpose_depthwise_filter(raw, g.kh, g.kw, g.out_c);
  if (g.fully_connected && !filter.quantization.is_per_channel()) {
    const int32_t zp = filter.quantization.zero_point();
    for (int16_t& w : raw) w = static_cast<int16_t>(w - zp);
  }
  return raw;
}

Expected<std::vector<isa::ScaleBiasEntry>> scale_entries(const ir::Graph& graph,
                                                         const ir::Operator& op, int32_t channels) {
  Expected<std::vector<kernels::QuantizedMultiplier>> m = channel_multipliers(graph, op, channels);
  if (!m) return m.status();
  const int32_t bias_index = op.inputs.size() > 2 ? op.inputs[2] : ir::kNoTensor;
  const int32_t* bias = nullptr;
  if (bias_index != ir::kNoTensor) {
    const ir::Tensor& t = graph.tensor(bias_index);
    if (t.type != ir::DataType::kInt32 || t.element_count() != channels) {
      return Status::unsupported(where(op) +
                                 "bias must be int32 with one value per output channel");
    }
    bias = reinterpret_cast<const int32_t*>(t.data.data());
  }
  std::vector<isa::ScaleBiasEntry> entries;
  for (int32_t c = 0; c < channels; ++c) {
    const kernels::QuantizedMultiplier q = (*m)[static_cast<size_t>(c)];
    entries.push_back({bias != nullptr ? int64_t{bias[c]} : 0, static_cast<uint32_t>(q.multiplier),
                       static_cast<uint32_t>(31 - q.shift)});
  }
  return entries;
}

Status check_types(const ir::Graph& graph, const ir::Operator& op) {
  if (op.inputs.size() < 2 || op.outputs.empty())
    return Status::invalid_input(where(op) + "missing operands");
  for (int32_t index : {op.inputs[0], op.inputs[1], op.outputs[0]}) {
    const ir::Tensor& t = graph.tensor(index);
    if (t.type != ir::DataType::kInt8) {
      return Status::unsupported(where(op) + "tensor '" + t.name + "' is not int8");
    }
  }
  if (graph.tensor(op.inputs[1]).data.empty()) {
    return Status::unsupported(where(op) + "filter is not constant");
  }
  return Status::ok();
}

// The kick-off's registers: IFM/OFM in NHWC in the arena, weights and scales
// in the constant region, per-channel DBL scaling, the activation clamp.
isa::RegisterState kick_off_state(const ir::Graph& graph, const ir::Operator& op,
                                  const ConvGeometry& g, const BlockProblem& problem,
                                  const BlockConfig& block_config, isa::WeightOrder order,
                                  const isa::EncodedWeightRange& range,
                                  const FeatureMapPlacement& placement) {
  isa::RegisterState s;
  const int32_t in_zp = graph.tensor(op.inputs[0]).quantization.zero_point();
  const ir::Quantization& out_q = graph.tensor(op.outputs[0]).quantization;
  static_cast<isa::FeatureMapState&>(s.ifm) =
      detail::int8_nhwc_map(placement.ifm_offset, g.in_h, g.in_w, g.in_c, in_zp);
  s.ifm.depth_m1 = static_cast<uint32_t>(g.in_c - 1);
  s.ifm.round_mode = isa::RoundMode::kDbl;
  s.ifm.pad_top = static_cast<uint8_t>(g.pad_top);
  s.ifm.pad_left = static_cast<uint8_t>(g.pad_left);
  s.ifm.pad_bottom = static_cast<uint8_t>(g.pad_bottom);
  s.ifm.pad_right = static_cast<uint8_t>(g.pad_right);
  s.ifm.ib_end = block_config.ib_end;
  static_cast<isa::FeatureMapState&>(s.ofm) =
      detail::int8_nhwc_map(placement.ofm_offset, g.out_h, g.out_w, g.out_c, out_q.zero_point());
  s.ofm.height_m1 = static_cast<uint32_t>(g.out_h - 1);
  s.ofm.width_m1 = static_cast<uint32_t>(g.out_w - 1);
  s.ofm.depth_m1 = static_cast<uint32_t>(g.out_c - 1);
  s.ofm.global_scale = false;
  s.ofm.round_mode = isa::RoundMode::kDbl;
  s.ofm.block_width_m1 = static_cast<uint32_t>(block_config.width - 1);
  s.ofm.block_height_m1 = static_cast<uint32_t>(block_config.height - 1);
  s.ofm.block_depth_m1 = static_cast<uint32_t>(block_config.depth - 1);
  s.kernel.height_m1 = static_cast<uint32_t>(problem.kernel_height - 1);
  s.kernel.width_m1 = static_cast<uint32_t>(problem.kernel_width - 1);
  s.kernel.stride_y = static_cast<uint8_t>(g.stride_y);
  s.kernel.stride_x = static_cast<uint8_t>(g.stride_x);
  s.kernel.dilation_y = static_cast<uint8_t>(g.dilation_y);
  s.kernel.dilation_x = static_cast<uint8_t>(g.dilation_x);
  s.kernel.weight_order = order;
  s.weights = {kConstantRegion, placement.weights_offset + range.weight_offset,
               range.weight_length};
  s.scales = {kConstantRegion, placement.weights_offset + range.scale_offset, range.scale_length};
  const kernels::prepare::ActivationRange clamp = kernels::prepare::quantized_activation_range(
      g.activation, ir::DataType::kInt8, out_q.scale(), out_q.zero_point());
  s.activation.min = clamp.min;
  s.activation.max = clamp.max;
  s.acc_format = isa::AccFormat::kInt32;
  s.ab_start = block_config.ab_start;

  return s;
}

// 0, d, 2d, ..., depth with d = the placement's range depth rounded up to a
// multiple of the block depth (one range when 0 or at least the depth).
std::vector<int32_t> weight_range_offsets(int32_t depth, int32_t block_depth,
                                          const FeatureMapPlacement& placement) {
  int32_t step = depth;
  if (placement.weight_range_depth > 0) {
    step = (placement.weight_range_depth + block_depth - 1) / block_depth * block_depth;
  }
  std::vector<int32_t> offsets;
  for (int32_t begin = 0; begin < depth; begin += step) offsets.push_back(begin);
  offsets.push_back(depth);
  return offsets;
}

}  // namespace

int64_t lowering_scratch_bytes(const ir::Graph& graph, const ir::Operator& op) {
  if (op.type == ir::OpType::kSquaredDifference) return squared_difference_scratch_bytes(graph, op);
  return op.type == ir::OpType::kSoftmax ? softmax_scratch_bytes(graph, op) : 0;
}

bool reads_two_feature_maps(ir::OpType type) {
  return is_binary_elementwise(type) || type == ir::OpType::kSquaredDifference;
}

bool lowered_at_placement(const ir::Graph& graph, const ir::Operator& op) {
  return op.type == ir::OpType::kConcatenation || op.type == ir::OpType::kPack ||
         op.type == ir::OpType::kPad || op.type == ir::OpType::kPadV2 ||
         lowering_scratch_bytes(graph, op) > 0;
}

Expected<LoweredOp> lower_operator(const ir::Graph& graph, const ir::Operator& op,
                                   const isa::AcceleratorConfig& config,
                                   const FeatureMapPlacement& placement) {
  if (op.type == ir::OpType::kSoftmax) return lower_softmax(graph, op, config, placement);
  if (op.type == ir::OpType::kSquaredDifference) {
    return lower_squared_difference(graph, op, config, placement);
  }
  if (op.type == ir::OpType::kMaxPool2d || op.type == ir::OpType::kAveragePool2d) {
    return lower_pool(graph, op, config, placement);
  }
  if (is_int16_requantize(graph, op)) return lower_requantize(graph, op, config, placement);
  if (is_lut_operator(op.type)) return lower_lut(graph, op, config, placement);
  if (op.type == ir::OpType::kAbs) return lower_abs(graph, op, config, placement);
  if (op.type == ir::OpType::kSlice || op.type == ir::OpType::kStridedSlice) {
    return lower_slice(graph, op, config, placement);
  }
  if (op.type == ir::OpType::kConcatenation || op.type == ir::OpType::kPack) {
    return lower_concatenation(graph, op, config, placement);
  }
  if (op.type == ir::OpType::kResizeNearestNeighbor) {
    return lower_resize_nearest(graph, op, config, placement);
  }
  if (op.type == ir::OpType::kTranspose) return lower_transpose(graph, op, config, placement);
  if (op.type == ir::OpType::kPad || op.type == ir::OpType::kPadV2) {
    return lower_pad(graph, op, config, placement);
  }
  if (is_binary_elementwise(op.type)) return lower_elementwise(graph, op, config, placement);
  if (op.type != ir::OpType::kConv2d && op.type != ir::OpType::kDepthwiseConv2d &&
      op.type != ir::OpType::kFullyConnected) {
    return Status::unsupported(where(op) +
                               "not lowered (only CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED, "
                               "MAX_POOL_2D, AVERAGE_POOL_2D, ADD, SUB, MUL, MAXIMUM, MINIMUM, "
                               "ABS, SQUARED_DIFFERENCE, SOFTMAX, the lookup-table "
                               "activations and the copies SLICE, STRIDED_SLICE, "
                               "CONCATENATION, PACK, RESIZE_NEAREST_NEIGHBOR, TRANSPOSE, PAD, PADV2)");
  }
  if (Status s = check_types(graph, op); !s) return s;
  Expected<ConvGeometry> geometry = conv_geometry(graph, op);
  if (!geometry) return geometry.status();
  const ConvGeometry& g = *geometry;
  Expected<std::vector<isa::ScaleBiasEntry>> entries = scale_entries(graph, op, g.out_c);
  if (!entries) return entries.status();

  isa::WeightLayoutParams layout = isa::weight_layout_for(config);
  layout.ofm_depth = g.out_c;
  layout.kernel_height = g.kh;
  layout.kernel_width = g.kw;
  layout.ifm_depth = g.depthwise ? 1 : g.in_c;
  layout.depthwise = g.depthwise;
  layout.dilation_x = g.dilation_x;
  layout.dilation_y = g.dilation_y;
  layout.order = g.depthwise || g.fully_connected ? isa::WeightOrder::kDepthFirst
                                                  : isa::choose_weight_order(g.kh, g.kw, g.in_c, 8);

  BlockProblem problem;
  problem.ofm_height = g.out_h;
  problem.ofm_width = g.out_w;
  problem.ofm_depth = g.out_c;
  problem.kernel_height = (g.kh - 1) * g.dilation_y + 1;
  problem.kernel_width = (g.kw - 1) * g.dilation_x + 1;
  problem.stride_y = g.stride_y;
  problem.stride_x = g.stride_x;
  problem.ifm_block_depth = g.depthwise ? 0 : isa::weight_ifm_block_depth(layout);
  problem.kind = g.depthwise ? BlockProblem::Kind::kDepthwise : BlockProblem::Kind::kConvolution;
  problem.ifm_depth = g.in_c;
  problem.dilation_y = g.dilation_y;
  problem.dilation_x = g.dilation_x;
  problem.part_kernel_first = layout.order == isa::WeightOrder::kPartKernelFirst;
  Expected<BlockConfig> block = choose_block_config(problem, config);
  if (!block) return Status::unsupported(where(op) + block.status().message());
  layout.ofm_block_depth = block->depth;

  LoweredOp lowered;
  Expected<isa::EncodedWeights> encoded =
      isa::encode_weight_ranges(layout, ohwi_weights(graph, op, g), *entries,
                                weight_range_offsets(g.out_c, block->depth, placement));
  if (!encoded) return Status::unsupported(where(op) + encoded.status().message());
  lowered.weights = std::move(*encoded);
  const isa::EncodedWeightRange& range = lowered.weights.ranges.at(0);

  lowered.state = kick_off_state(graph, op, g, problem, *block, layout.order, range, placement);

  lowered.kick_off = g.depthwise ? isa::Cmd0::kOpDepthwise : isa::Cmd0::kOpConv;
  isa::CommandBuilder builder;
  builder.set_state(lowered.state);
  builder.operation(lowered.kick_off);
  builder.operation(isa::Cmd0::kOpStop, 0xFFFF);
  lowered.commands = builder.words();
  return lowered;
}

}  // namespace vnpu::compiler
