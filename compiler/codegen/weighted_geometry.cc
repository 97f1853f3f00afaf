#include "compiler/codegen/weighted_geometry.h"

#include <algorithm>
#include <string>
#include <variant>

#include "compiler/codegen/lowering_common.h"
#include "ir/graph_edit.h"
#include "kernels/prepare/op_support.h"

namespace vnpu::compiler::detail {

namespace {

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

// One axis of a TRANSPOSE_CONV as a stride-1 convolution over the input
// upscaled by `factor` (zeros inserted): TFLite's output position
// in * stride - pad + k is the convolution's window start out - before with
// the kernel rotated, so before = kernel - 1 - pad; after pads the window's
// end beyond the upscaled input. TFLite's pad is ComputePadding on the
// output size (transpose_conv.cc).
struct TransposedAxis {
  int32_t before = 0;
  int32_t after = 0;
};

TransposedAxis transposed_axis(ir::Padding padding, int32_t in, int32_t out, int32_t kernel,
                               int32_t stride, int32_t factor) {
  const int32_t pad = kernels::prepare::compute_padding(
      stride, 1, out, kernel, kernels::prepare::compute_out_size(padding, out, kernel, stride, 1));
  return {kernel - 1 - pad, std::max(0, out + pad - factor * in)};
}

// TRANSPOSE_CONV [output_shape, filter OHWI, input, bias]: the NPU's IFM
// upscale inserts one zero after every element (factor 2) or none, on both
// axes alike; an axis along which the input has one element reads the same
// under either, so each other axis needs stride 1 or 2, the same on both.
Expected<ConvGeometry> transpose_conv_geometry(const ir::Graph& graph, const ir::Operator& op,
                                               const ir::Shape& in, const ir::Shape& f) {
  const auto* o = std::get_if<ir::TransposeConvOptions>(&op.options);
  if (o == nullptr) return Status::invalid_input(op_prefix(op) + "options are missing");
  const ir::Shape& out = graph.tensor(op.outputs[0]).shape;
  if (out.size() != 4 || out[0] != 1 || f[3] != in[3] || out[3] != f[0]) {
    return Status::unsupported(op_prefix(op) +
                               "output must be [1,H,W,filter depth] over the input");
  }
  if (o->stride_h < 1 || o->stride_w < 1) {
    return Status::invalid_input(op_prefix(op) + "stride " + std::to_string(o->stride_w) + "x" +
                                 std::to_string(o->stride_h) + " (WxH) below 1");
  }
  // The factor each axis needs: its stride, or 0 (either) with one input element.
  const int32_t need_y = in[1] == 1 ? 0 : o->stride_h;
  const int32_t need_x = in[2] == 1 ? 0 : o->stride_w;
  const int32_t factor = std::max({need_y, need_x, 1});
  if (factor > 2 || (need_y != 0 && need_y != factor) || (need_x != 0 && need_x != factor)) {
    return Status::unsupported(op_prefix(op) + "stride " + std::to_string(o->stride_w) + "x" +
                               std::to_string(o->stride_h) +
                               " (WxH): the NPU upscales both axes by 2 or neither");
  }
  ConvGeometry g;
  g.transposed = true;
  g.upscale = factor == 2 ? isa::UpscaleMode::kZeros : isa::UpscaleMode::kNone;
  g.in_h = in[1];
  g.in_w = in[2];
  g.in_c = in[3];
  g.kh = f[1];
  g.kw = f[2];
  g.out_h = out[1];
  g.out_w = out[2];
  g.out_c = f[0];
  g.activation = o->activation;
  const TransposedAxis y = transposed_axis(o->padding, g.in_h, g.out_h, g.kh, o->stride_h, factor);
  const TransposedAxis x = transposed_axis(o->padding, g.in_w, g.out_w, g.kw, o->stride_w, factor);
  g.pad_top = y.before;
  g.pad_bottom = y.after;
  g.pad_left = x.before;
  g.pad_right = x.after;
  return g;
}

Status check_pad_fields(const ir::Operator& op, const ConvGeometry& g) {
  if (g.pad_top > 127 || g.pad_left > 127 || g.pad_bottom > 128 || g.pad_right > 128) {
    return Status::unsupported(op_prefix(op) +
                               "padding beyond 127 (top/left) or 128 (bottom/right)");
  }
  return Status::ok();
}

// Dilations above 2 (the NPU's dilation field holds 1 or 2) become a kernel
// of the dilated extent with the taps spread and dilation 1: the same window,
// the same sum.
void spread_large_dilations(ConvGeometry* g) {
  if (g->dilation_y > 2) {
    g->spread_y = g->dilation_y;
    g->kh = (g->kh - 1) * g->dilation_y + 1;
    g->dilation_y = 1;
  }
  if (g->dilation_x > 2) {
    g->spread_x = g->dilation_x;
    g->kw = (g->kw - 1) * g->dilation_x + 1;
    g->dilation_x = 1;
  }
}

// The reduced axes of a MEAN (negative ones resolved), or invalid_input.
Expected<std::vector<bool>> mean_reduced_axes(const ir::Graph& graph, const ir::Operator& op) {
  const auto rank = static_cast<int64_t>(graph.tensor(op.inputs[0]).shape.size());
  std::vector<bool> reduced(static_cast<size_t>(rank), false);
  for (int64_t axis : constant_integers(graph.tensor(op.inputs[1]))) {
    const int64_t resolved = axis < 0 ? axis + rank : axis;
    if (resolved < 0 || resolved >= rank) {
      return Status::invalid_input(op_prefix(op) + "axis " + std::to_string(axis) +
                                   " is outside the input's rank " + std::to_string(rank));
    }
    reduced[static_cast<size_t>(resolved)] = true;
  }
  if (std::find(reduced.begin(), reduced.end(), true) == reduced.end()) {
    return Status::unsupported(op_prefix(op) + "reduces no axis");
  }
  return reduced;
}

// Any other input whose reduced axes (size-1 axes aside) are contiguous is
// the same bytes as [1, kept before, reduced, kept after], reduced along the
// width: the kept axes keep their order, so the output's bytes are TFLite's.
Expected<ConvGeometry> mean_geometry_as_width(const ir::Operator& op, const ir::Shape& in,
                                              const std::vector<bool>& reduced) {
  int64_t before = 1, window = 1, after = 1;
  enum class Part { kBefore, kWindow, kAfter } part = Part::kBefore;
  for (size_t d = 0; d < in.size(); ++d) {
    if (in[d] == 1) continue;
    if (reduced[d]) {
      if (part == Part::kAfter) {
        return Status::unsupported(op_prefix(op) + "reduces axes that are not contiguous in " +
                                   ir::shape_to_string(in) +
                                   " (one depthwise kernel reduces one block of axes)");
      }
      part = Part::kWindow;
      window *= in[d];
    } else {
      if (part == Part::kWindow) part = Part::kAfter;
      (part == Part::kBefore ? before : after) *= in[d];
    }
  }
  if (before > 65535 || after > 65535 || window > 65535) {
    return Status::unsupported(op_prefix(op) + "viewed as [1," + std::to_string(before) + "," +
                               std::to_string(window) + "," + std::to_string(after) +
                               "], a dimension exceeds 65535");
  }
  ConvGeometry g;
  g.depthwise = true;
  g.in_h = g.out_h = static_cast<int32_t>(before);
  g.in_w = g.kw = static_cast<int32_t>(window);
  g.in_c = g.out_c = static_cast<int32_t>(after);
  return g;
}

}  // namespace

Expected<ConvGeometry> conv_geometry(const ir::Graph& graph, const ir::Operator& op) {
  ConvGeometry g;
  const Operands operands = operands_of(op);
  const ir::Shape& in = graph.tensor(operands.ifm).shape;
  const ir::Shape& f = graph.tensor(operands.filter).shape;
  if (op.type == ir::OpType::kFullyConnected) {
    if (f.size() != 2 || f[1] <= 0 || graph.tensor(op.inputs[0]).element_count() % f[1] != 0) {
      return Status::invalid_input(op_prefix(op) + "filter must be [OUT, IN] dividing the input");
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
    return Status::unsupported(op_prefix(op) + "input and filter must have rank 4 and batch 1");
  }
  if (op.type == ir::OpType::kTransposeConv) {
    Expected<ConvGeometry> transposed = transpose_conv_geometry(graph, op, in, f);
    if (!transposed) return transposed.status();
    if (Status s = check_pad_fields(op, *transposed); !s) return s;
    return transposed;
  }
  g.in_h = in[1];
  g.in_w = in[2];
  g.in_c = in[3];
  g.kh = f[1];
  g.kw = f[2];
  ir::Padding padding = ir::Padding::kSame;
  if (const auto* o = std::get_if<ir::Conv2dOptions>(&op.options)) {
    if (f[3] != in[3]) return Status::unsupported(op_prefix(op) + "grouped convolution");
    g.out_c = f[0];
    g.stride_y = o->stride_h;
    g.stride_x = o->stride_w;
    g.dilation_y = o->dilation_h;
    g.dilation_x = o->dilation_w;
    g.activation = o->activation;
    padding = o->padding;
  } else if (const auto* d = std::get_if<ir::DepthwiseConv2dOptions>(&op.options)) {
    if (d->depth_multiplier != 1 || f[3] != in[3]) {
      return Status::unsupported(op_prefix(op) + "depth multiplier " +
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
    return Status::invalid_input(op_prefix(op) + "options are missing");
  }
  for (int32_t s : {g.stride_y, g.stride_x}) {
    if (s < 1 || s > 3)
      return Status::unsupported(op_prefix(op) + "stride " + std::to_string(s) + " (1..3)");
  }
  for (int32_t d : {g.dilation_y, g.dilation_x}) {
    if (d < 1) return Status::invalid_input(op_prefix(op) + "dilation " + std::to_string(d));
  }
  // (The rules bound the dilated kernel by 64 high and 4096 elements; a
  // lowering reached without them must not spread a kernel beyond 16 bits.)
  if (int64_t{g.kh - 1} * g.dilation_y + 1 > 65536 ||
      int64_t{g.kw - 1} * g.dilation_x + 1 > 65536) {
    return Status::unsupported(op_prefix(op) + "dilated kernel beyond 65536");
  }
  spread_large_dilations(&g);
  set_padding(padding, &g);
  if (g.out_h <= 0 || g.out_w <= 0) return Status::invalid_input(op_prefix(op) + "empty output");
  if (Status s = check_pad_fields(op, g); !s) return s;
  return g;
}

Status check_mean_types(const ir::Graph& graph, const ir::Operator& op) {
  if (op.inputs.size() != 2 || op.outputs.size() != 1) {
    return Status::invalid_input(op_prefix(op) + "expected an input, constant axes and one output");
  }
  const ir::Tensor& in = graph.tensor(op.inputs[0]);
  const ir::Tensor& out = graph.tensor(op.outputs[0]);
  if ((in.type != ir::DataType::kInt8 && in.type != ir::DataType::kInt16) || out.type != in.type) {
    return Status::unsupported(op_prefix(op) + "input and output must both be int8 or both int16");
  }
  if (!graph.tensor(op.inputs[1]).is_constant()) {
    return Status::unsupported(op_prefix(op) + "axes are not constant");
  }
  return Status::ok();
}

// A [1,H,W,C] input reduced over height and/or width keeps its own window;
// any other goes through mean_geometry_as_width.
Expected<ConvGeometry> mean_geometry(const ir::Graph& graph, const ir::Operator& op) {
  const ir::Shape& in = graph.tensor(op.inputs[0]).shape;
  Expected<std::vector<bool>> reduced = mean_reduced_axes(graph, op);
  if (!reduced) return reduced.status();
  const bool spatial = in.size() == 4 && in[0] == 1 && !(*reduced)[0] && !(*reduced)[3];
  if (!spatial) return mean_geometry_as_width(op, in, *reduced);
  const bool height = (*reduced)[1];
  const bool width = (*reduced)[2];
  ConvGeometry g;
  g.depthwise = true;
  g.in_h = in[1];
  g.in_w = in[2];
  g.in_c = g.out_c = in[3];
  g.kh = height ? in[1] : 1;
  g.kw = width ? in[2] : 1;
  g.out_h = height ? 1 : in[1];
  g.out_w = width ? 1 : in[2];
  return g;
}

}  // namespace vnpu::compiler::detail
