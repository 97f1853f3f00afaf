#include "tests/golden/vela_rules.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <set>
#include <variant>
#include <vector>

#include "ir/graph_edit.h"
#include "tflite/schema/tflite_subset_generated.h"

namespace vnpu::testing {
namespace {

using ir::DataType;
using ir::OpType;

// Vela 3.10's TFLite operators for Ethos-U55 (its SUPPORTED_OPS.md summary table).
const std::set<OpType>& vela_operators() {
  static const std::set<OpType> kOperators = {OpType::kAbs,
                                              OpType::kAdd,
                                              OpType::kArgMax,
                                              OpType::kAveragePool2d,
                                              OpType::kConcatenation,
                                              OpType::kConv2d,
                                              OpType::kDepthwiseConv2d,
                                              OpType::kExp,
                                              OpType::kExpandDims,
                                              OpType::kFullyConnected,
                                              OpType::kHardSwish,
                                              OpType::kLeakyRelu,
                                              OpType::kLogistic,
                                              OpType::kMaximum,
                                              OpType::kMaxPool2d,
                                              OpType::kMean,
                                              OpType::kMinimum,
                                              OpType::kMul,
                                              OpType::kPack,
                                              OpType::kPad,
                                              OpType::kPrelu,
                                              OpType::kQuantize,
                                              OpType::kRelu,
                                              OpType::kRelu6,
                                              OpType::kReluN1To1,
                                              OpType::kReshape,
                                              OpType::kResizeBilinear,
                                              OpType::kResizeNearestNeighbor,
                                              OpType::kRsqrt,
                                              OpType::kShape,
                                              OpType::kSlice,
                                              OpType::kSoftmax,
                                              OpType::kSplit,
                                              OpType::kSplitV,
                                              OpType::kSquaredDifference,
                                              OpType::kSqueeze,
                                              OpType::kStridedSlice,
                                              OpType::kSub,
                                              OpType::kTanh,
                                              OpType::kTranspose,
                                              OpType::kTransposeConv,
                                              OpType::kUnidirectionalSequenceLstm,
                                              OpType::kUnpack};
  return kOperators;
}

bool one_of(OpType type, std::initializer_list<OpType> types) {
  return std::find(types.begin(), types.end(), type) != types.end();
}

// The input slot of the IFM: TRANSPOSE_CONV's follows its output shape and
// weights, SPLIT's its axis.
size_t ifm_slot(const ir::Operator& op) {
  if (op.type == OpType::kTransposeConv) return 2;
  if (op.type == OpType::kSplit) return 1;
  return 0;
}

int32_t ifm_index(const ir::Operator& op) {
  const size_t slot = ifm_slot(op);
  return slot < op.inputs.size() ? op.inputs[slot] : ir::kNoTensor;
}

// The tensors Vela's generic constraints look at (get_ifm_ifm2_weights_ofm):
// feature maps, the second operand, weights and outputs, not parameters.
std::vector<int32_t> checked_tensors(const ir::Operator& op) {
  std::vector<int32_t> tensors;
  const auto add = [&](size_t i) {
    if (i < op.inputs.size() && op.inputs[i] != ir::kNoTensor) tensors.push_back(op.inputs[i]);
  };
  add(ifm_slot(op));
  if (op.type == OpType::kTransposeConv) {
    add(1);  // the weights
  } else if (one_of(op.type, {OpType::kConcatenation, OpType::kPack})) {
    for (size_t i = 1; i < op.inputs.size(); ++i) add(i);
  } else if (one_of(op.type,
                    {OpType::kAdd, OpType::kSub, OpType::kMul, OpType::kMaximum, OpType::kMinimum,
                     OpType::kSquaredDifference, OpType::kPrelu, OpType::kConv2d,
                     OpType::kDepthwiseConv2d, OpType::kFullyConnected})) {
    add(1);
  }
  tensors.insert(tensors.end(), op.outputs.begin(), op.outputs.end());
  return tensors;
}

// Vela's full_shape(4, shape, 1)[0]: the batch of a 4-D shape, else 1.
int32_t batch_of(const ir::Shape& shape) { return shape.size() == 4 ? shape[0] : 1; }

std::string generic_reason(const ir::Graph& graph, const ir::Operator& op) {
  for (int32_t out : op.outputs) {
    if (graph.tensor(out).shape.empty() && op.type != OpType::kQuantize)
      return "Output tensors cannot be scalar";
  }
  for (int32_t in : op.inputs) {
    if (in != ir::kNoTensor && graph.tensor(in).shape.empty() &&
        !one_of(op.type, {OpType::kAdd, OpType::kArgMax, OpType::kExpandDims, OpType::kMaximum,
                          OpType::kMean, OpType::kMinimum, OpType::kMul, OpType::kQuantize,
                          OpType::kSplit, OpType::kSplitV, OpType::kSub})) {
      return "Scalar Input tensors are only valid for ADD, ARG_MAX, ...";
    }
  }
  for (const std::vector<int32_t>* list : {&op.inputs, &op.outputs}) {
    for (int32_t t : *list) {
      if (t != ir::kNoTensor && graph.tensor(t).shape.size() > 4)
        return "Input(s) and Output tensors must not be greater than 4D";
    }
  }
  const bool quantization_exempt =
      one_of(op.type, {OpType::kArgMax, OpType::kShape, OpType::kTranspose});
  const bool int32_allowed = one_of(op.type, {OpType::kAdd, OpType::kArgMax, OpType::kMul,
                                              OpType::kShape, OpType::kSub, OpType::kTranspose});
  const bool per_axis_allowed =
      one_of(op.type, {OpType::kConv2d, OpType::kDepthwiseConv2d, OpType::kTransposeConv});
  for (int32_t t : checked_tensors(op)) {
    const ir::Tensor& tensor = graph.tensor(t);
    if (!quantization_exempt && !tensor.quantization.is_quantized())
      return "Input(s), Output and Weight tensors must have quantization parameters";
    const bool int_type = tensor.type == DataType::kInt8 || tensor.type == DataType::kUInt8 ||
                          tensor.type == DataType::kInt16 || tensor.type == DataType::kInt32;
    if (!int_type && op.type != OpType::kArgMax)
      return "Tensors must be of type: int16, int32, int8, uint8";
    if (tensor.type == DataType::kInt32 && !int32_allowed)
      return "Tensors which are int32 are only valid when op type is: ADD, ARG_MAX, MUL, SHAPE, "
             "SUB, TRANSPOSE";
    for (int32_t d : tensor.shape) {
      if (d < 1 || d > 65535) return "Tensor dimensions must be in the range [1, 65535]";
    }
    if (tensor.quantization.is_per_channel() && !per_axis_allowed)
      return "Per-axis quantization is only supported for CONV_2D, DEPTHWISE_CONV_2D, "
             "TRANSPOSE_CONV";
  }
  const bool batch_exempt =
      one_of(op.type, {OpType::kFullyConnected, OpType::kReshape, OpType::kShape, OpType::kSlice,
                       OpType::kSoftmax, OpType::kSplit, OpType::kSplitV, OpType::kSqueeze,
                       OpType::kStridedSlice, OpType::kUnpack});
  const int32_t ifm = ifm_index(op);
  if (!batch_exempt && ifm != ir::kNoTensor && batch_of(graph.tensor(ifm).shape) != 1)
    return "IFM Tensor batch size must be 1";
  const bool binary = one_of(op.type, {OpType::kAdd, OpType::kSub, OpType::kMul, OpType::kMaximum,
                                       OpType::kMinimum, OpType::kSquaredDifference});
  if (binary && op.inputs.size() > 1 && batch_of(graph.tensor(op.inputs[1]).shape) != 1)
    return "IFM2 Tensor batch size must be 1";
  return "";
}

bool some_input_has_output_shape(const ir::Graph& graph, const ir::Operator& op, size_t inputs) {
  const ir::Shape& out = graph.tensor(op.outputs[0]).shape;
  for (size_t i = 0; i < std::min(inputs, op.inputs.size()); ++i) {
    if (graph.tensor(op.inputs[i]).shape == out) return true;
  }
  return false;
}

std::string elementwise_reason(const ir::Graph& graph, const ir::Operator& op) {
  const size_t operands =
      op.type == OpType::kAbs || op.type == OpType::kRsqrt || op.type == OpType::kExp ? 1 : 2;
  if (!some_input_has_output_shape(graph, op, operands))
    return "At least one Input's shape must match the OFM's shape";
  if (one_of(op.type, {OpType::kMaximum, OpType::kMinimum})) {
    const ir::Quantization& out = graph.tensor(op.outputs[0]).quantization;
    for (size_t i = 0; i < 2; ++i) {
      const ir::Quantization& in = graph.tensor(op.inputs[i]).quantization;
      if (in.scales != out.scales || in.zero_points != out.zero_points)
        return "Both Input quantization parameters must match OFM quantization parameters";
    }
  }
  const DataType in_type = graph.tensor(op.inputs[0]).type;
  if (op.type == OpType::kRsqrt && in_type != DataType::kInt8) return "IFM must be int8";
  if (op.type == OpType::kExp && in_type != DataType::kInt8 && in_type != DataType::kInt16)
    return "IFM must be int8 or int16";
  return "";
}

std::string arg_max_reason(const ir::Graph& graph, const ir::Operator& op) {
  const ir::Tensor& in = graph.tensor(op.inputs[0]);
  const ir::Tensor& out = graph.tensor(op.outputs[0]);
  if (in.type != DataType::kInt8 && in.type != DataType::kUInt8) return "IFM must be int8 or uint8";
  if (out.type != DataType::kInt32 && out.type != DataType::kInt64)
    return "OFM must be int32 or int64";
  const std::vector<int64_t> axis = ir::constant_integers(graph.tensor(op.inputs[1]));
  const auto rank = static_cast<int64_t>(in.shape.size());
  if (axis.size() != 1 || (axis[0] + rank) % rank != rank - 1)
    return "Operation must be performed along the depth axis";
  if (in.shape.back() > 127) return "IFM depth must be no greater than 127";
  return "";
}

std::string strided_slice_reason(const ir::Graph& graph, const ir::Operator& op) {
  if (op.inputs.size() != 4) return "Exactly 4 Input tensors are required";
  for (size_t i = 1; i < 4; ++i) {
    if (!graph.tensor(op.inputs[i]).is_constant())
      return "Begin, End and Stride Input tensors must be constant";
  }
  const auto& o = std::get<ir::StridedSliceOptions>(op.options);
  if (o.ellipsis_mask != 0) return "ellipsis_mask must be 0";
  if (o.new_axis_mask != 0 && o.shrink_axis_mask != 0)
    return "new_axis_mask and shrink_axis_mask cannot both be set";
  for (int64_t stride : ir::constant_integers(graph.tensor(op.inputs[3]))) {
    if (stride != 1) return "All Strides values must be 1";
  }
  if (o.offset) return "Offset attribute must be False";
  return "";
}

std::string resize_reason(const ir::Graph& graph, const ir::Operator& op) {
  const ir::Shape& in = graph.tensor(op.inputs[0]).shape;
  const ir::Shape& out = graph.tensor(op.outputs[0]).shape;
  const auto& o = std::get<ir::ResizeOptions>(op.options);
  if (in.size() != 4 || out.size() != 4) return "IFM and OFM must be 4-D";
  const std::vector<int64_t> size = ir::constant_integers(graph.tensor(op.inputs[1]));
  if (size.size() != 2 || size[0] != out[1] || size[1] != out[2])
    return "The size tensor must match the output tensor shape";
  if (o.align_corners && o.half_pixel_centers)
    return "Both align_corners and half_pixel_centers can't be True";
  const int32_t ih = in[1], iw = in[2], oh = out[1], ow = out[2];
  const bool one = ih == 1 && iw == 1;
  bool scaled = false;
  for (int32_t f : {2, 4, 8}) {
    scaled = scaled || (o.align_corners ? (oh - 1 == f * (ih - 1) && ow - 1 == f * (iw - 1))
                                        : (oh == f * ih && ow == f * iw));
  }
  if (!one && !(ih == oh && iw == ow) && !scaled)
    return "The width and height of the IFM and OFM must match one of the criteria";
  if (op.type == OpType::kResizeBilinear && o.half_pixel_centers && !one &&
      !(oh == 2 * ih && ow == 2 * iw)) {
    return "For half_pixel_centers the OFM must be 2x the IFM (or the IFM 1x1)";
  }
  return "";
}

std::string transpose_reason(const ir::Graph& graph, const ir::Operator& op) {
  const ir::Shape& in = graph.tensor(op.inputs[0]).shape;
  const std::vector<int64_t> perm = ir::constant_integers(graph.tensor(op.inputs[1]));
  using Perm = std::vector<int64_t>;
  const bool ok =
      (in.size() == 2 && perm == Perm{1, 0}) ||
      (in.size() == 3 && (perm == Perm{1, 0, 2} || (in[0] == 1 && perm == Perm{0, 2, 1}) ||
                          (in[1] == 1 && perm == Perm{2, 1, 0}))) ||
      (in.size() == 4 && in[0] == 1 &&
       (perm == Perm{0, 2, 1, 3} || (in[1] == 1 && perm == Perm{0, 1, 3, 2}) ||
        (in[2] == 1 && perm == Perm{0, 3, 2, 1})));
  return ok ? "" : "The shape/permutation is not one Vela supports for transpose";
}

std::string mean_reason(const ir::Graph& graph, const ir::Operator& op) {
  const ir::Tensor& in = graph.tensor(op.inputs[0]);
  const auto rank = static_cast<int64_t>(in.shape.size());
  if (rank < 2) return "Input tensor must be at least 2D";
  std::set<int64_t> axes;
  for (int64_t a : ir::constant_integers(graph.tensor(op.inputs[1])))
    axes.insert((a + rank) % rank);
  // Axes as Vela sees them: the shape right-aligned in [N, H, W, C].
  const ir::Shape& s = in.shape;
  const int64_t offset = 4 - rank;
  int64_t reduced = 1;
  for (int64_t a : axes) {
    const int64_t as4 = a + offset;
    reduced *= s[static_cast<size_t>(a)];
    if (rank > 2 && as4 == 0 && s[0] != 1) return "Reduction in Batch axis only with batch 1";
    if (rank > 2 && as4 == 3) {
      const bool some_one = std::any_of(s.end() - 3, s.end(), [](int32_t d) { return d == 1; });
      if (!some_one) return "Reduction in Depth axis needs one of H, W, C of size 1";
      if (s.back() > 4096) return "If Depth axis is reduced its shape must be <= 4096";
    }
    if (as4 == 2 && s[static_cast<size_t>(a)] > 4096)
      return "If Width axis is reduced its shape must be <= 4096";
  }
  const int64_t limit =
      in.type == DataType::kInt16 ? 65536 : (in.type == DataType::kUInt8 ? 8388608 : 16777216);
  if (reduced > limit) return "Product of reduced axes too large";
  return "";
}

std::string average_pool_reason(const ir::Operator& op) {
  const auto& o = std::get<ir::Pool2dOptions>(op.options);
  if (o.padding == ir::Padding::kSame && (o.filter_h > 8 || o.filter_w > 8))
    return "Kernel filter values for both width and height must be in the range [1, 8]";
  if (o.padding == ir::Padding::kValid &&
      (o.filter_h > 256 || int64_t{o.filter_h} * o.filter_w > 65536))
    return "VALID padding: kernel height <= 256 and product <= 65536";
  return "";
}

std::string conv_reason(const ir::Graph& graph, const ir::Operator& op) {
  const ir::Shape& in = graph.tensor(op.inputs[0]).shape;
  const ir::Shape& filter = graph.tensor(op.inputs[1]).shape;
  if (in.size() == 4 && filter.size() == 4 && in[3] % filter[3] != 0)
    return "IFM depth must be a whole multiple of the filter kernel depth";
  if (in.size() == 4 && filter.size() == 4 && filter[0] % (in[3] / filter[3]) != 0)
    return "Number of filter kernels must be equally divisible by the number of groups";
  return "";
}

// UNIDIRECTIONAL_SEQUENCE_LSTM's inputs: 1-4 input weights (1 the input gate's,
// absent with CIFG), 9-11 peephole weights, 16-17 projection, 20-23 layer norm.
std::string lstm_reason(const ir::Graph& graph, const ir::Operator& op, size_t intermediates) {
  const ir::Tensor& in = graph.tensor(op.inputs[0]);
  const ir::Tensor& out = graph.tensor(op.outputs[0]);
  if (in.type != DataType::kInt8 && in.type != DataType::kInt16) return "IFM must be int8 or int16";
  if (in.type != out.type) return "IFM and OFM data types must match";
  if (in.shape.size() != 3 || out.shape.size() != 3) return "IFM and OFM must have 3D shape";
  if (op.inputs.size() != 24) return "Must have 24 input tensors";
  if (intermediates != 5) return "Must have 5 intermediate tensors";
  const auto present = [&](size_t i) { return op.inputs[i] != ir::kNoTensor; };
  if (!present(1)) return "Must not use CIFG";
  for (size_t i : {9, 10, 11}) {
    if (present(i)) return "Must not use Peephole";
  }
  for (size_t i : {16, 17}) {
    if (present(i)) return "Must not use Projection";
  }
  for (size_t i : {20, 21, 22, 23}) {
    if (present(i)) return "Must not use Normalisation";
  }
  for (size_t i : {18, 19}) {
    if (!graph.tensor(op.inputs[i]).is_variable) return "State tensors must be variable";
  }
  return "";
}

}  // namespace

std::string vela_cpu_reason(const ir::Graph& graph, const ir::Operator& op, size_t intermediates) {
  if (vela_operators().count(op.type) == 0) return "not in Vela 3.10's supported operators";
  if (std::string reason = generic_reason(graph, op); !reason.empty()) return reason;
  switch (op.type) {
    case OpType::kAbs:
    case OpType::kAdd:
    case OpType::kSub:
    case OpType::kMul:
    case OpType::kMaximum:
    case OpType::kMinimum:
    case OpType::kRsqrt:
    case OpType::kExp:
    case OpType::kSquaredDifference:
      return elementwise_reason(graph, op);
    case OpType::kArgMax:
      return arg_max_reason(graph, op);
    case OpType::kStridedSlice:
      return strided_slice_reason(graph, op);
    case OpType::kResizeBilinear:
    case OpType::kResizeNearestNeighbor:
      return resize_reason(graph, op);
    case OpType::kTranspose:
      return transpose_reason(graph, op);
    case OpType::kMean:
      return mean_reason(graph, op);
    case OpType::kAveragePool2d:
      return average_pool_reason(op);
    case OpType::kConv2d:
      return conv_reason(graph, op);
    case OpType::kUnidirectionalSequenceLstm:
      return lstm_reason(graph, op, intermediates);
    default:
      return "";
  }
}

std::vector<size_t> operator_intermediates(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  const std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(file)),
                                   std::istreambuf_iterator<char>());
  flatbuffers::Verifier verifier(bytes.data(), bytes.size());
  if (bytes.empty() || !tflite::schema::VerifyModelBuffer(verifier)) return {};
  const auto* model = tflite::schema::GetModel(bytes.data());
  std::vector<size_t> counts;
  if (model->subgraphs() == nullptr || model->subgraphs()->size() == 0) return counts;
  const auto* operators = model->subgraphs()->Get(0)->operators();
  if (operators == nullptr) return counts;
  for (const auto* op : *operators) {
    counts.push_back(op->intermediates() == nullptr ? 0 : op->intermediates()->size());
  }
  return counts;
}

}  // namespace vnpu::testing
