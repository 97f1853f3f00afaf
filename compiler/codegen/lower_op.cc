// lower_operator: CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED, TRANSPOSE_CONV
// (a convolution of the zero-upscaled input) and MEAN (a depthwise kernel of
// ones) to one NPU kick-off. The arithmetic mirrors the CPU prepare functions
// (driver/cpu/ops/conv2d_op.cc, depthwise_conv2d_op.cc, fully_connected_op.cc; the shared
// arithmetic is kernels/prepare/).
#include "compiler/codegen/lower_op.h"

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <string>
#include <variant>

#include "compiler/codegen/lowering_common.h"
#include "compiler/codegen/slice_box.h"
#include "compiler/codegen/weighted_geometry.h"
#include "ir/graph_edit.h"
#include "isa/command_encoder.h"
#include "isa/scale_stream.h"
#include "isa/weight_layout.h"
#include "kernels/mean.h"
#include "kernels/prepare/convolution_support.h"
#include "kernels/prepare/op_support.h"
#include "kernels/quant_math.h"

namespace vnpu::compiler {
namespace {

using detail::check_mean_types;
using detail::conv_geometry;
using detail::ConvGeometry;
using detail::mean_geometry;
using detail::Operands;
using detail::operands_of;

// One multiplier per OFM channel, from the ratio the CPU op uses (kernels/prepare).
Expected<std::vector<kernels::QuantizedMultiplier>> channel_multipliers(const ir::Graph& graph,
                                                                        const ir::Operator& op,
                                                                        int32_t channels) {
  const Operands operands = operands_of(op);
  const float in_scale = graph.tensor(operands.ifm).quantization.scale();
  const float out_scale = graph.tensor(op.outputs[0]).quantization.scale();
  const ir::Quantization& f_q = graph.tensor(operands.filter).quantization;
  if (f_q.scales.empty())
    return Status::unsupported(detail::op_prefix(op) + "filter is not quantized");
  std::vector<kernels::QuantizedMultiplier> result;
  for (int32_t c = 0; c < channels; ++c) {
    const float f_scale = f_q.scales[f_q.is_per_channel() ? static_cast<size_t>(c) : 0];
    const double real =
        op.type == ir::OpType::kFullyConnected && !f_q.is_per_channel()
            ? kernels::prepare::per_tensor_fully_connected_scale_ratio(in_scale, f_scale, out_scale)
            : kernels::prepare::per_channel_scale_ratio(in_scale, f_scale, out_scale);
    const kernels::QuantizedMultiplier m = kernels::quantize_multiplier(real);
    if (m.shift > 31 || 31 - m.shift > static_cast<int32_t>(isa::kMaxScaleShift)) {
      return Status::unsupported(detail::op_prefix(op) + "channel " + std::to_string(c) +
                                 ": multiplier exponent " + std::to_string(m.shift) +
                                 " outside -32..31");
    }
    result.push_back(m);
  }
  return result;
}

// An OHWI filter turned by 180 degrees in height and width (TRANSPOSE_CONV's
// scatter read as a convolution).
std::vector<int16_t> rotate_ohwi(const std::vector<int16_t>& ohwi, const ConvGeometry& g) {
  std::vector<int16_t> rotated(ohwi.size());
  const auto at = [&](int32_t o, int32_t y, int32_t x) {
    return static_cast<size_t>(((o * g.kh + y) * g.kw + x) * g.in_c);
  };
  for (int32_t o = 0; o < g.out_c; ++o) {
    for (int32_t y = 0; y < g.kh; ++y) {
      for (int32_t x = 0; x < g.kw; ++x) {
        const size_t from = at(o, g.kh - 1 - y, g.kw - 1 - x);
        std::copy_n(ohwi.begin() + static_cast<std::ptrdiff_t>(from), g.in_c,
                    rotated.begin() + static_cast<std::ptrdiff_t>(at(o, y, x)));
      }
    }
  }
  return rotated;
}

// An OHWI filter of `taps_h` x `taps_w` taps laid into the g.kh x g.kw kernel
// at every spread_y-th row and spread_x-th column, zeros between.
std::vector<int16_t> spread_ohwi(const std::vector<int16_t>& ohwi, const ConvGeometry& g,
                                 int32_t taps_h, int32_t taps_w, int32_t depth) {
  std::vector<int16_t> spread(static_cast<size_t>(g.out_c) * g.kh * g.kw * depth, 0);
  for (int32_t o = 0; o < g.out_c; ++o) {
    for (int32_t y = 0; y < taps_h; ++y) {
      for (int32_t x = 0; x < taps_w; ++x) {
        const auto from = static_cast<size_t>(((o * taps_h + y) * taps_w + x) * depth);
        const auto to =
            static_cast<size_t>(((o * g.kh + y * g.spread_y) * g.kw + x * g.spread_x) * depth);
        std::copy_n(ohwi.begin() + static_cast<std::ptrdiff_t>(from), depth,
                    spread.begin() + static_cast<std::ptrdiff_t>(to));
      }
    }
  }
  return spread;
}

// The filter as OHWI int16 symbols, minus the filter zero point where TFLite applies one.
std::vector<int16_t> ohwi_weights(const ir::Graph& graph, const ir::Operator& op,
                                  const ConvGeometry& g) {
  const ir::Tensor& filter = graph.tensor(operands_of(op).filter);
  const auto* data = reinterpret_cast<const int8_t*>(filter.data.data());
  std::vector<int16_t> raw(data, data + filter.data.size());
  if (g.spread_y > 1 || g.spread_x > 1) {
    const int32_t taps_h = (g.kh - 1) / g.spread_y + 1;
    const int32_t taps_w = (g.kw - 1) / g.spread_x + 1;
    const int32_t depth = g.depthwise ? 1 : g.in_c;
    if (g.depthwise) raw = isa::transpose_depthwise_filter(raw, taps_h, taps_w, g.out_c);
    return spread_ohwi(raw, g, taps_h, taps_w, depth);
  }
  if (g.depthwise) return isa::transpose_depthwise_filter(raw, g.kh, g.kw, g.out_c);
  if (g.transposed) return rotate_ohwi(raw, g);
  if (g.fully_connected && !filter.quantization.is_per_channel()) {
    const int32_t zp = filter.quantization.zero_point();
    for (int16_t& w : raw) w = static_cast<int16_t>(w - zp);
  }
  return raw;
}

// Whether `op` runs TFLite's 16x8 scheme: int16 activations, int8 weights.
bool is_16x8(const ir::Graph& graph, const ir::Operator& op) {
  const int32_t ifm = operands_of(op).ifm;
  return ifm != ir::kNoTensor && graph.tensor(ifm).type == ir::DataType::kInt16;
}

// The bias of `op` as int64 values (none: zeros); unsupported unless it is a
// constant of `expected` type with one value per output channel. A 16x8
// TRANSPOSE_CONV's int16 bias is widened to int64, as TFLite does.
Expected<std::vector<int64_t>> bias_values(const ir::Graph& graph, const ir::Operator& op,
                                           int32_t channels, ir::DataType expected) {
  std::vector<int64_t> values(static_cast<size_t>(channels), 0);
  const int32_t index = operands_of(op).bias;
  if (index == ir::kNoTensor) return values;
  const ir::Tensor& t = graph.tensor(index);
  if (op.type == ir::OpType::kTransposeConv && expected == ir::DataType::kInt64 &&
      t.type == ir::DataType::kInt16 && t.element_count() == channels &&
      t.data.size() == 2 * static_cast<size_t>(channels)) {
    for (size_t c = 0; c < values.size(); ++c) {
      int16_t v = 0;
      std::memcpy(&v, t.data.data() + 2 * c, 2);
      values[c] = v;
    }
    return values;
  }
  const size_t bytes = expected == ir::DataType::kInt64 ? 8 : 4;
  if (t.type != expected || t.element_count() != channels ||
      t.data.size() != bytes * static_cast<size_t>(channels)) {
    return Status::unsupported(detail::op_prefix(op) + "bias must be a constant " +
                               ir::data_type_name(expected) + " with one value per output channel");
  }
  for (size_t c = 0; c < values.size(); ++c) {
    if (bytes == 8) {
      std::memcpy(&values[c], t.data.data() + 8 * c, 8);
    } else {
      int32_t v = 0;
      std::memcpy(&v, t.data.data() + 4 * c, 4);
      values[c] = v;
    }
  }
  return values;
}

// The bias type whose accumulator TFLite uses: int32 for int8 and for 16x8
// with an int32 bias, else (16x8 with an int64 bias or none) int64.
ir::DataType accumulator_type(const ir::Graph& graph, const ir::Operator& op) {
  if (op.type == ir::OpType::kMean || !is_16x8(graph, op)) return ir::DataType::kInt32;
  const int32_t bias = operands_of(op).bias;
  return bias != ir::kNoTensor && graph.tensor(bias).type == ir::DataType::kInt32
             ? ir::DataType::kInt32
             : ir::DataType::kInt64;
}

// TFLite's int32 accumulator (int8, and 16x8 with an int32 bias): the Q31
// multiplier with right shift 31 - exponent in DBL rounding, the accumulator
// wrapping at 32 bits as TFLite's does.
Expected<std::vector<isa::ScaleBiasEntry>> int32_scale_entries(const ir::Graph& graph,
                                                               const ir::Operator& op,
                                                               int32_t channels) {
  Expected<std::vector<kernels::QuantizedMultiplier>> m = channel_multipliers(graph, op, channels);
  if (!m) return m.status();
  Expected<std::vector<int64_t>> bias = bias_values(graph, op, channels, ir::DataType::kInt32);
  if (!bias) return bias.status();
  std::vector<isa::ScaleBiasEntry> entries;
  for (int32_t c = 0; c < channels; ++c) {
    const kernels::QuantizedMultiplier q = (*m)[static_cast<size_t>(c)];
    entries.push_back({(*bias)[static_cast<size_t>(c)], static_cast<uint32_t>(q.multiplier),
                       static_cast<uint32_t>(31 - q.shift)});
  }
  return entries;
}

// TFLite's int64 accumulator of the 16x8 kernels (kernels::
// multiply_by_quantized_multiplier_64): the Q15 multiplier with right shift
// 15 - exponent in NATURAL rounding (one half-up rounding), the accumulator
// in 40 bits. Exact when no accumulator can leave 40 bits (|input| <= 2^15
// times the channel's sum of |weight|, plus |bias|) and no scaled value can
// leave 32 bits (TFLite truncates it to int32; the NPU saturates).
Expected<std::vector<isa::ScaleBiasEntry>> int64_scale_entries(const ir::Graph& graph,
                                                               const ir::Operator& op,
                                                               int32_t channels,
                                                               const std::vector<int16_t>& ohwi) {
  Expected<std::vector<kernels::QuantizedMultiplier>> m = channel_multipliers(graph, op, channels);
  if (!m) return m.status();
  Expected<std::vector<int64_t>> bias = bias_values(graph, op, channels, ir::DataType::kInt64);
  if (!bias) return bias.status();
  constexpr int64_t kAccumulatorMax = (int64_t{1} << 39) - 1;
  constexpr int64_t kScaledMax = (int64_t{1} << 31) - 2;
  const size_t per_channel = ohwi.size() / static_cast<size_t>(channels);
  std::vector<isa::ScaleBiasEntry> entries;
  for (int32_t c = 0; c < channels; ++c) {
    const auto index = static_cast<size_t>(c);
    const kernels::QuantizedMultiplier q = (*m)[index];
    const int32_t shift = 15 - q.shift;
    if (shift < 1 || shift > static_cast<int32_t>(isa::kMaxScaleShift)) {
      return Status::unsupported(detail::op_prefix(op) + "channel " + std::to_string(c) +
                                 ": 16x8 right shift " + std::to_string(shift) + " outside 1..63");
    }
    int64_t weight_sum = 0;
    for (size_t i = 0; i < per_channel; ++i) weight_sum += std::abs(ohwi[index * per_channel + i]);
    const int64_t b = (*bias)[index];
    if (b > kAccumulatorMax || b < -kAccumulatorMax ||
        weight_sum * 32768 > kAccumulatorMax - std::abs(b)) {
      return Status::unsupported(detail::op_prefix(op) + "channel " + std::to_string(c) +
                                 ": bias " + std::to_string(b) + " plus 2^15 x sum |weight| (" +
                                 std::to_string(weight_sum) + ") may leave the 40-bit accumulator");
    }
    const int64_t reduced = kernels::reduced_multiplier_q15(q.multiplier);
    const int64_t largest = weight_sum * 32768 + std::abs(b);
    if (((largest * reduced + (int64_t{1} << (shift - 1))) >> shift) > kScaledMax) {
      return Status::unsupported(detail::op_prefix(op) + "channel " + std::to_string(c) +
                                 ": a scaled accumulator may leave 32 bits (TFLite wraps it, "
                                 "the NPU saturates)");
    }
    entries.push_back({b, static_cast<uint32_t>(reduced), static_cast<uint32_t>(shift)});
  }
  return entries;
}

Status check_types(const ir::Graph& graph, const ir::Operator& op) {
  const Operands operands = operands_of(op);
  if (operands.ifm == ir::kNoTensor || operands.filter == ir::kNoTensor || op.outputs.empty())
    return Status::invalid_input(detail::op_prefix(op) + "missing operands");
  const bool wide = is_16x8(graph, op);
  const ir::DataType activation = wide ? ir::DataType::kInt16 : ir::DataType::kInt8;
  for (int32_t index : {operands.ifm, op.outputs[0]}) {
    const ir::Tensor& t = graph.tensor(index);
    if (t.type != activation) {
      return Status::unsupported(detail::op_prefix(op) + "tensor '" + t.name + "' is not " +
                                 ir::data_type_name(activation) +
                                 (wide ? " (16x8: int16 input and output)" : ""));
    }
    if (wide && !t.quantization.zero_points.empty() && t.quantization.zero_point() != 0) {
      return Status::unsupported(detail::op_prefix(op) + "int16 tensor '" + t.name +
                                 "' has zero point " + std::to_string(t.quantization.zero_point()) +
                                 " (16x8 needs 0)");
    }
  }
  const ir::Tensor& filter = graph.tensor(operands.filter);
  if (filter.type != ir::DataType::kInt8) {
    return Status::unsupported(detail::op_prefix(op) + "tensor '" + filter.name + "' is not int8");
  }
  if (filter.data.empty())
    return Status::unsupported(detail::op_prefix(op) + "filter is not constant");
  return Status::ok();
}

// The kick-off's registers: IFM/OFM in NHWC in the arena, weights and scales
// in the constant region, per-channel scaling (DBL for TFLite's int32
// accumulator, NATURAL into a 40-bit accumulator for its int64 one), the
// activation clamp.
isa::RegisterState kick_off_state(const ir::Graph& graph, const ir::Operator& op,
                                  const ConvGeometry& g, const BlockProblem& problem,
                                  const BlockConfig& block_config, isa::WeightOrder order,
                                  const isa::EncodedWeightRange& range,
                                  const FeatureMapPlacement& placement) {
  isa::RegisterState s;
  const ir::Tensor& out = graph.tensor(op.outputs[0]);
  const ir::Quantization& out_q = out.quantization;
  const bool wide = out.type == ir::DataType::kInt16;
  const uint8_t bits = wide ? 16 : 8;
  // (16x8 operators have zero points 0: check_types.)
  const int32_t in_zp = graph.tensor(operands_of(op).ifm).quantization.zero_point();
  const int32_t out_zp = out_q.zero_point();
  const bool acc40 = accumulator_type(graph, op) == ir::DataType::kInt64;
  static_cast<isa::FeatureMapState&>(s.ifm) =
      detail::nhwc_map(placement.ifm_offset, g.in_h, g.in_w, g.in_c, in_zp, bits);
  s.ifm.depth_m1 = static_cast<uint32_t>(g.in_c - 1);
  s.ifm.round_mode = isa::RoundMode::kDbl;
  s.ifm.upscale = g.upscale;
  s.ifm.pad_top = static_cast<uint8_t>(g.pad_top);
  s.ifm.pad_left = static_cast<uint8_t>(g.pad_left);
  s.ifm.pad_bottom = static_cast<uint8_t>(g.pad_bottom);
  s.ifm.pad_right = static_cast<uint8_t>(g.pad_right);
  s.ifm.ib_end = block_config.ib_end;
  static_cast<isa::FeatureMapState&>(s.ofm) =
      detail::nhwc_map(placement.ofm_offset, g.out_h, g.out_w, g.out_c, out_zp, bits);
  s.ofm.height_m1 = static_cast<uint32_t>(g.out_h - 1);
  s.ofm.width_m1 = static_cast<uint32_t>(g.out_w - 1);
  s.ofm.depth_m1 = static_cast<uint32_t>(g.out_c - 1);
  s.ofm.global_scale = false;
  s.ofm.round_mode = acc40 ? isa::RoundMode::kNatural : isa::RoundMode::kDbl;
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
  const kernels::prepare::ActivationRange clamp =
      kernels::prepare::quantized_activation_range(g.activation, out.type, out_q.scale(), out_zp);
  s.activation.min = clamp.min;
  s.activation.max = clamp.max;
  s.acc_format = acc40 ? isa::AccFormat::kInt40 : isa::AccFormat::kInt32;
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

Expected<std::vector<isa::ScaleBiasEntry>> mean_scale_entries(const ir::Graph& graph,
                                                              const ir::Operator& op,
                                                              const ConvGeometry& g) {
  const ir::Tensor& in = graph.tensor(op.inputs[0]);
  const double real = static_cast<double>(in.quantization.scale()) /
                      static_cast<double>(graph.tensor(op.outputs[0]).quantization.scale());
  const kernels::QuantizedMultiplier ratio = kernels::quantize_multiplier(real);
  const int64_t n = int64_t{g.kh} * g.kw;
  const kernels::QuantizedMultiplier m = kernels::mean_multiplier(ratio, n);
  if (ratio.shift > 31 || m.shift > 31 ||
      31 - m.shift > static_cast<int32_t>(isa::kMaxScaleShift)) {
    return Status::unsupported(detail::op_prefix(op) + "scale ratio " + std::to_string(real) +
                               " over " + std::to_string(n) + " elements: exponent " +
                               std::to_string(m.shift) + " outside -32..31");
  }
  // TFLite shifts the int32 (sum - zero point x n) left by a positive
  // exponent, wrapping; the NPU's product does not wrap.
  const int64_t largest = ((int64_t{1} << (in.type == ir::DataType::kInt16 ? 16 : 8)) - 1) * n;
  if (m.shift > 0 && (largest << m.shift) > INT32_MAX) {
    return Status::unsupported(detail::op_prefix(op) + "scale ratio " + std::to_string(real) +
                               ": TFLite's int32 sum shifted left by " + std::to_string(m.shift) +
                               " could wrap (the NPU's does not)");
  }
  return std::vector<isa::ScaleBiasEntry>(
      static_cast<size_t>(g.out_c), isa::ScaleBiasEntry{0, static_cast<uint32_t>(m.multiplier),
                                                        static_cast<uint32_t>(31 - m.shift)});
}

// The scale entries of a weighted operator, by TFLite's accumulator type.
Expected<std::vector<isa::ScaleBiasEntry>> scale_entries(const ir::Graph& graph,
                                                         const ir::Operator& op,
                                                         const ConvGeometry& g,
                                                         const std::vector<int16_t>& ohwi) {
  return accumulator_type(graph, op) == ir::DataType::kInt64
             ? int64_scale_entries(graph, op, g.out_c, ohwi)
             : int32_scale_entries(graph, op, g.out_c);
}

}  // namespace

Status check_16x8_operands(const ir::Graph& graph, const ir::Operator& op) {
  const Operands operands = operands_of(op);
  if (operands.ifm == ir::kNoTensor || operands.filter == ir::kNoTensor || op.outputs.empty() ||
      !is_16x8(graph, op)) {
    return Status::ok();
  }
  if (Status s = check_types(graph, op); !s) return s;
  Expected<ConvGeometry> g = conv_geometry(graph, op);
  if (!g) return Status::ok();  // the geometry's refusals are the lowering's
  Expected<std::vector<isa::ScaleBiasEntry>> entries =
      scale_entries(graph, op, *g, ohwi_weights(graph, op, *g));
  return entries ? Status::ok() : entries.status();
}

Status check_transpose_conv_operands(const ir::Graph& graph, const ir::Operator& op) {
  if (op.type != ir::OpType::kTransposeConv) return Status::ok();
  if (Status s = check_types(graph, op); !s) return s;
  Expected<ConvGeometry> g = conv_geometry(graph, op);
  return g ? Status::ok() : g.status();
}

std::vector<int32_t> feature_map_inputs(const ir::Operator& op) {
  if (op.type == ir::OpType::kConcatenation || op.type == ir::OpType::kPack) return op.inputs;
  if (op.type == ir::OpType::kTransposeConv) {
    return op.inputs.size() > 2 ? std::vector<int32_t>{op.inputs[2]} : std::vector<int32_t>{};
  }
  const size_t count = reads_two_feature_maps(op.type) ? 2 : 1;
  return {op.inputs.begin(),
          op.inputs.begin() + static_cast<std::ptrdiff_t>(std::min(count, op.inputs.size()))};
}

Expected<MeanWindow> mean_window(const ir::Graph& graph, const ir::Operator& op) {
  if (op.type != ir::OpType::kMean)
    return Status::invalid_input(detail::op_prefix(op) + "not a MEAN");
  if (Status s = check_mean_types(graph, op); !s) return s;
  Expected<ConvGeometry> g = mean_geometry(graph, op);
  if (!g) return g.status();
  return MeanWindow{g->kw, g->kh};
}

Status check_mean_operands(const ir::Graph& graph, const ir::Operator& op) {
  if (op.type != ir::OpType::kMean) return Status::ok();
  if (Status s = check_mean_types(graph, op); !s) return s;
  Expected<ConvGeometry> g = mean_geometry(graph, op);
  if (!g) return g.status();
  Expected<std::vector<isa::ScaleBiasEntry>> entries = mean_scale_entries(graph, op, *g);
  return entries ? Status::ok() : entries.status();
}

int64_t lowering_scratch_bytes(const ir::Graph& graph, const ir::Operator& op) {
  if (op.type == ir::OpType::kSquaredDifference) return squared_difference_scratch_bytes(graph, op);
  if (op.type == ir::OpType::kArgMax) return arg_max_scratch_bytes(graph, op);
  if (is_int16_leaky_relu(graph, op)) return leaky_relu_scratch_bytes(graph, op);
  if (is_int16_softmax(graph, op)) return softmax16_scratch_bytes(graph, op);
  if (is_int16_sigmoid_like(graph, op)) return sigmoid16_scratch_bytes(graph, op);
  return op.type == ir::OpType::kSoftmax ? softmax_scratch_bytes(graph, op) : 0;
}

bool is_rearrangement(ir::OpType type) {
  const std::vector<ir::OpType>& types = rearrangement_types();
  return std::find(types.begin(), types.end(), type) != types.end();
}

bool reads_two_feature_maps(ir::OpType type) {
  return is_binary_elementwise(type) || type == ir::OpType::kSquaredDifference;
}

bool lowered_at_placement(const ir::Graph& graph, const ir::Operator& op) {
  return op.type == ir::OpType::kConcatenation || op.type == ir::OpType::kPack ||
         op.type == ir::OpType::kPad || op.type == ir::OpType::kPadV2 ||
         op.type == ir::OpType::kMirrorPad || is_rearrangement(op.type) ||
         lowering_scratch_bytes(graph, op) > 0;
}

Expected<LoweredOp> lower_operator(const ir::Graph& graph, const ir::Operator& op,
                                   const isa::AcceleratorConfig& config,
                                   const FeatureMapPlacement& placement) {
  if (is_int16_softmax(graph, op)) return lower_softmax16(graph, op, config, placement);
  if (op.type == ir::OpType::kSoftmax) return lower_softmax(graph, op, config, placement);
  if (op.type == ir::OpType::kSquaredDifference) {
    return lower_squared_difference(graph, op, config, placement);
  }
  if (op.type == ir::OpType::kMaxPool2d || op.type == ir::OpType::kAveragePool2d) {
    return lower_pool(graph, op, config, placement);
  }
  if (is_rescaling_quantize(graph, op)) return lower_requantize(graph, op, config, placement);
  if (is_int16_relu(graph, op)) return lower_int16_relu(graph, op, config, placement);
  if (is_int16_leaky_relu(graph, op)) return lower_leaky_relu(graph, op, config, placement);
  if (is_int16_sigmoid_like(graph, op)) return lower_sigmoid16(graph, op, config, placement);
  if (is_lut_operator(op.type)) return lower_lut(graph, op, config, placement);
  if (op.type == ir::OpType::kAbs) return lower_abs(graph, op, config, placement);
  if (op.type == ir::OpType::kArgMax) return lower_arg_max(graph, op, config, placement);
  if (op.type == ir::OpType::kSlice || op.type == ir::OpType::kStridedSlice) {
    return lower_slice(graph, op, config, placement);
  }
  if (op.type == ir::OpType::kConcatenation || op.type == ir::OpType::kPack) {
    return lower_concatenation(graph, op, config, placement);
  }
  if (op.type == ir::OpType::kResizeNearestNeighbor) {
    return lower_resize_nearest(graph, op, config, placement);
  }
  if (op.type == ir::OpType::kResizeBilinear) {
    return lower_resize_bilinear(graph, op, config, placement);
  }
  if (op.type == ir::OpType::kTranspose) return lower_transpose(graph, op, config, placement);
  if (op.type == ir::OpType::kPad || op.type == ir::OpType::kPadV2) {
    return lower_pad(graph, op, config, placement);
  }
  if (op.type == ir::OpType::kMirrorPad) return lower_mirror_pad(graph, op, config, placement);
  if (is_rearrangement(op.type)) return lower_rearrangement(graph, op, config, placement);
  if (is_binary_elementwise(op.type)) return lower_elementwise(graph, op, config, placement);
  if (op.type != ir::OpType::kConv2d && op.type != ir::OpType::kDepthwiseConv2d &&
      op.type != ir::OpType::kFullyConnected && op.type != ir::OpType::kTransposeConv &&
      op.type != ir::OpType::kMean) {
    return Status::unsupported(
        detail::op_prefix(op) +
        "not lowered (only CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED, TRANSPOSE_CONV, "
        "MEAN, MAX_POOL_2D, AVERAGE_POOL_2D, ADD, SUB, MUL, MAXIMUM, MINIMUM, "
        "ABS, SQUARED_DIFFERENCE, SOFTMAX, the lookup-table "
        "activations and the copies SLICE, STRIDED_SLICE, "
        "CONCATENATION, PACK, RESIZE_NEAREST_NEIGHBOR, TRANSPOSE, PAD, PADV2, "
        "RESIZE_BILINEAR)");
  }
  const bool mean = op.type == ir::OpType::kMean;
  if (Status s = mean ? check_mean_types(graph, op) : check_types(graph, op); !s) return s;
  Expected<ConvGeometry> geometry = mean ? mean_geometry(graph, op) : conv_geometry(graph, op);
  if (!geometry) return geometry.status();
  const ConvGeometry& g = *geometry;
  const std::vector<int16_t> ohwi =
      mean ? std::vector<int16_t>(static_cast<size_t>(g.out_c) * g.kh * g.kw, 1)
           : ohwi_weights(graph, op, g);
  const int32_t ifm_bits = is_16x8(graph, op) ? 16 : 8;
  Expected<std::vector<isa::ScaleBiasEntry>> entries =
      mean ? mean_scale_entries(graph, op, g) : scale_entries(graph, op, g, ohwi);
  if (!entries) return entries.status();

  isa::WeightLayoutParams layout = isa::weight_layout_for(config);
  layout.ofm_depth = g.out_c;
  layout.kernel_height = g.kh;
  layout.kernel_width = g.kw;
  layout.ifm_depth = g.depthwise ? 1 : g.in_c;
  layout.depthwise = g.depthwise;
  layout.dilation_x = g.dilation_x;
  layout.dilation_y = g.dilation_y;
  layout.ifm_bits = ifm_bits;
  layout.order = g.depthwise || g.fully_connected
                     ? isa::WeightOrder::kDepthFirst
                     : isa::choose_weight_order(g.kh, g.kw, g.in_c, ifm_bits);

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
  problem.ifm_element_bytes = ifm_bits / 8;
  problem.accumulator_bytes = accumulator_type(graph, op) == ir::DataType::kInt64 ? 5 : 4;
  Expected<BlockConfig> block = choose_block_config(problem, config);
  if (!block) return Status::unsupported(detail::op_prefix(op) + block.status().message());
  layout.ofm_block_depth = block->depth;

  LoweredOp lowered;
  Expected<isa::EncodedWeights> encoded = isa::encode_weight_ranges(
      layout, ohwi, *entries, weight_range_offsets(g.out_c, block->depth, placement));
  if (!encoded) return Status::unsupported(detail::op_prefix(op) + encoded.status().message());
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
