// convert_transpose_conv_strides: the NPU runs a TRANSPOSE_CONV as a
// stride-1 convolution over its input upscaled with zeros, and its IFM
// upscale inserts one zero after each element on both axes alike
// (compiler/codegen/weighted_geometry.cc). Any other strides (3, or 2 by 1)
// get their zeros from operators the NPU runs as copies instead:
//   Z = BATCH_TO_SPACE_ND(CONCATENATION(input, sh * sw - 1 constant images of
//       the input zero point), block [sh, sw], crops [0, sh - 1] x [0, sw - 1])
//     = the input with sh - 1 rows and sw - 1 columns of zero points between
//       its rows and columns;
//   P = PAD(Z) by kernel - 1 - TFLite's pad before and the rest of the
//       output's extent after (the zero point again);
//   output = CONV_2D(P, the filter turned by 180 degrees, the bias), VALID,
//       stride 1, the fused activation.
// Every output sums (input - zp_in) x weight over the same taps as TFLite's
// scatter (zero points add nothing), with the same per-channel multipliers
// (input scale x filter scale / output scale, both kernels) and bias, so the
// outputs are identical; an int16 bias is widened to int64 as TFLite widens
// it. Rewritten only where the output shape operand is the constant the
// output declares, the NPU does not run the TRANSPOSE_CONV whole and it runs
// all four operators.
#include <algorithm>
#include <string>
#include <variant>

#include "compiler/passes/passes.h"
#include "compiler/passes/rewrite_where_npu_runs.h"
#include "compiler/support/partition.h"
#include "ir/graph_edit.h"
#include "kernels/prepare/op_support.h"

namespace vnpu::compiler {
namespace {

// The NPU's dimension fields hold up to 65535.
constexpr int32_t kMaxDimension = 65535;
// The zero-point images copied from the flash stay small.
constexpr int64_t kMaxZeroImageBytes = int64_t{1} << 20;

struct Geometry {
  int32_t input = -1;  // the feature map; -1 when not convertible
  int32_t filter = -1;
  int32_t bias = ir::kNoTensor;
  ir::TransposeConvOptions options;
  ir::Shape in;   // [1, H, W, C]
  ir::Shape out;  // [1, OH, OW, O]
  int32_t kh = 0, kw = 0;
  int32_t pad_top = 0, pad_bottom = 0, pad_left = 0, pad_right = 0;
};

// Before and after padding of one axis of the zero-inserted input (extent
// (in - 1) * stride + 1) for a VALID stride-1 convolution giving `out`.
bool axis_padding(ir::Padding padding, int32_t in, int32_t out, int32_t kernel, int32_t stride,
                  int32_t* before, int32_t* after) {
  const int32_t pad = kernels::prepare::compute_padding(
      stride, 1, out, kernel, kernels::prepare::compute_out_size(padding, out, kernel, stride, 1));
  const int32_t upscaled = (in - 1) * stride + 1;
  *before = kernel - 1 - pad;
  *after = out + kernel - 1 - upscaled - *before;
  return *before >= 0 && *after >= 0;
}

Geometry geometry_of(const ir::Graph& graph, const ir::Operator& op) {
  const auto* options = std::get_if<ir::TransposeConvOptions>(&op.options);
  if (op.type != ir::OpType::kTransposeConv || options == nullptr || op.inputs.size() < 3 ||
      op.outputs.size() != 1 || op.inputs[0] == ir::kNoTensor || op.inputs[1] == ir::kNoTensor ||
      op.inputs[2] == ir::kNoTensor) {
    return {};
  }
  // The output shape operand must be the constant the output tensor declares:
  // one computed at run time is an int32 feature map, which keeps a stride-2
  // TRANSPOSE_CONV on the CPU (rule activation_types, as Vela keeps it).
  const ir::Shape& declared = graph.tensor(op.outputs[0]).shape;
  if (constant_integers(graph.tensor(op.inputs[0])) !=
      std::vector<int64_t>(declared.begin(), declared.end())) {
    return {};
  }
  Geometry g;
  g.options = *options;
  g.filter = op.inputs[1];
  g.bias = op.inputs.size() > 3 ? op.inputs[3] : ir::kNoTensor;
  g.in = graph.tensor(op.inputs[2]).shape;
  g.out = graph.tensor(op.outputs[0]).shape;
  const ir::Tensor& filter = graph.tensor(g.filter);
  if (g.in.size() != 4 || g.out.size() != 4 || filter.shape.size() != 4 || g.in[0] != 1 ||
      g.out[0] != 1 || !filter.is_constant() || filter.shape[3] != g.in[3] ||
      filter.shape[0] != g.out[3] || g.options.stride_h < 1 || g.options.stride_w < 1 ||
      g.options.stride_h > 16 || g.options.stride_w > 16) {
    return {};
  }
  for (const ir::Shape* shape :
       std::initializer_list<const ir::Shape*>{&g.in, &g.out, &filter.shape}) {
    for (int32_t d : *shape) {
      if (d < 1 || d > kMaxDimension) return {};  // (keeps the arithmetic below in int32)
    }
  }
  g.kh = filter.shape[1];
  g.kw = filter.shape[2];
  if (!axis_padding(g.options.padding, g.in[1], g.out[1], g.kh, g.options.stride_h, &g.pad_top,
                    &g.pad_bottom) ||
      !axis_padding(g.options.padding, g.in[2], g.out[2], g.kw, g.options.stride_w, &g.pad_left,
                    &g.pad_right)) {
    return {};
  }
  const int64_t images = int64_t{g.options.stride_h} * g.options.stride_w - 1;
  const int64_t element = graph.tensor(op.inputs[2]).type == ir::DataType::kInt16 ? 2 : 1;
  if (images * g.in[1] * g.in[2] * g.in[3] * element > kMaxZeroImageBytes) return {};
  g.input = op.inputs[2];
  return g;
}

ir::Tensor feature_map_like(const ir::Tensor& input, const std::string& name, ir::Shape shape) {
  ir::Tensor t = input;
  t.name = name;
  t.shape = std::move(shape);
  t.data.clear();
  return t;
}

// sh * sw - 1 images of the input's zero point (int16: 0).
int32_t zero_images(ir::Graph& graph, const Geometry& g) {
  const ir::Tensor& input = graph.tensor(g.input);
  ir::Tensor zeros =
      feature_map_like(input, input.name + "/zero_images",
                       {g.options.stride_h * g.options.stride_w - 1, g.in[1], g.in[2], g.in[3]});
  const auto zero_point = static_cast<uint16_t>(input.quantization.zero_point());
  const bool wide = input.type == ir::DataType::kInt16;
  for (int64_t i = 0; i < zeros.element_count(); ++i) {
    zeros.data.push_back(static_cast<uint8_t>(zero_point & 0xFF));
    if (wide) zeros.data.push_back(static_cast<uint8_t>(zero_point >> 8));
  }
  return ir::add_tensor(graph, std::move(zeros));
}

int32_t int32_matrix(ir::Graph& graph, const std::string& name, const std::vector<int64_t>& values,
                     ir::Shape shape) {
  const int32_t index = ir::add_int32_constant(graph, name, values);
  graph.tensors[static_cast<size_t>(index)].shape = std::move(shape);
  return index;
}

// The OHWI filter turned by 180 degrees in height and width.
int32_t rotated_filter(ir::Graph& graph, const Geometry& g) {
  ir::Tensor filter = graph.tensor(g.filter);
  const ir::Tensor& source = graph.tensor(g.filter);
  filter.name += "/rotated";
  const int64_t depth = filter.shape[3];
  const size_t element = filter.data.size() / static_cast<size_t>(filter.element_count());
  for (int64_t o = 0; o < filter.shape[0]; ++o) {
    for (int64_t y = 0; y < g.kh; ++y) {
      for (int64_t x = 0; x < g.kw; ++x) {
        const int64_t to = ((o * g.kh + y) * g.kw + x) * depth;
        const int64_t from = ((o * g.kh + (g.kh - 1 - y)) * g.kw + (g.kw - 1 - x)) * depth;
        std::copy_n(source.data.begin() + static_cast<std::ptrdiff_t>(from * element),
                    depth * static_cast<int64_t>(element),
                    filter.data.begin() + static_cast<std::ptrdiff_t>(to * element));
      }
    }
  }
  return ir::add_tensor(graph, std::move(filter));
}

// TRANSPOSE_CONV's int16 bias as the int64 CONV_2D reads (TFLite widens it).
int32_t conv_bias(ir::Graph& graph, const Geometry& g) {
  if (g.bias == ir::kNoTensor || graph.tensor(g.bias).type != ir::DataType::kInt16) return g.bias;
  ir::Tensor bias = graph.tensor(g.bias);
  const std::vector<uint8_t> narrow = bias.data;
  bias.name += "/int64";
  bias.type = ir::DataType::kInt64;
  bias.data.clear();
  for (size_t i = 0; i + 1 < narrow.size(); i += 2) {
    const auto value = static_cast<int64_t>(static_cast<int16_t>(narrow[i] | (narrow[i + 1] << 8)));
    for (int byte = 0; byte < 8; ++byte) {
      bias.data.push_back(static_cast<uint8_t>(static_cast<uint64_t>(value) >> (8 * byte)));
    }
  }
  return ir::add_tensor(graph, std::move(bias));
}

std::vector<ir::Operator> conversion(ir::Graph& graph, const ir::Operator& op, const Geometry& g) {
  const int32_t sh = g.options.stride_h;
  const int32_t sw = g.options.stride_w;
  const ir::Tensor input = graph.tensor(g.input);
  const std::string name = graph.tensor(op.outputs[0]).name;
  const int32_t zeros = zero_images(graph, g);
  const int32_t batch = ir::add_tensor(
      graph, feature_map_like(input, name + "/images", {sh * sw, g.in[1], g.in[2], g.in[3]}));
  const int32_t uh = (g.in[1] - 1) * sh + 1;
  const int32_t uw = (g.in[2] - 1) * sw + 1;
  const int32_t upscaled =
      ir::add_tensor(graph, feature_map_like(input, name + "/upscaled", {1, uh, uw, g.in[3]}));
  const int32_t padded = ir::add_tensor(
      graph,
      feature_map_like(input, name + "/padded",
                       {1, uh + g.pad_top + g.pad_bottom, uw + g.pad_left + g.pad_right, g.in[3]}));
  const int32_t block = ir::add_int32_constant(graph, name + "/block", {sh, sw});
  const int32_t crops = int32_matrix(graph, name + "/crops", {0, sh - 1, 0, sw - 1}, {2, 2});
  const int32_t paddings =
      int32_matrix(graph, name + "/paddings",
                   {0, 0, g.pad_top, g.pad_bottom, g.pad_left, g.pad_right, 0, 0}, {4, 2});
  std::vector<int32_t> conv_inputs = {padded, rotated_filter(graph, g)};
  if (g.bias != ir::kNoTensor) conv_inputs.push_back(conv_bias(graph, g));
  return {
      {ir::OpType::kConcatenation,
       {g.input, zeros},
       {batch},
       ir::ConcatenationOptions{0, ir::FusedActivation::kNone}},
      {ir::OpType::kBatchToSpaceNd, {batch, block, crops}, {upscaled}, std::monostate{}},
      {ir::OpType::kPad, {upscaled, paddings}, {padded}, std::monostate{}},
      {ir::OpType::kConv2d,
       conv_inputs,
       {op.outputs[0]},
       ir::Conv2dOptions{ir::Padding::kValid, 1, 1, 1, 1, g.options.activation}},
  };
}

}  // namespace

Status convert_transpose_conv_strides(ir::Graph& graph, const CompilerOptions& options) {
  return rewrite_where_npu_runs(
      graph, options, [](ir::Graph& g, size_t index, const isa::AcceleratorConfig& config) {
        const ir::Operator op = g.operators[index];
        const Geometry geometry = geometry_of(g, op);
        if (geometry.input < 0 || runs_on_npu(g, index, config)) return std::vector<ir::Operator>{};
        return conversion(g, op, geometry);
      });
}

}  // namespace vnpu::compiler
