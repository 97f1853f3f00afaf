// Reads the builtin options of the operators vnpu maps. A missing options table
// reads as an empty one: the schema's field defaults, which is what TFLite's
// generated accessors give for absent fields. Values the IR cannot hold or that
// make no sense (unknown padding, stride 0) are rejected here, once.
#include <cmath>

#include "tflite/read_options_elementwise.h"
#include "tflite/read_options_data.h"
#include "tflite/read_options_state.h"
#include "tflite/reader_context.h"

namespace vnpu::tflite::detail {

Expected<ir::Padding> map_padding(schema::Padding padding, const std::string& where) {
  if (padding == schema::Padding_SAME) return ir::Padding::kSame;
  if (padding == schema::Padding_VALID) return ir::Padding::kValid;
  return Status::invalid_input(where + ": unknown padding " +
                               std::to_string(static_cast<int>(padding)));
}

Expected<ir::FusedActivation> map_activation(schema::ActivationFunctionType activation,
                                             const std::string& where) {
  switch (activation) {
    case schema::ActivationFunctionType_NONE:
      return ir::FusedActivation::kNone;
    case schema::ActivationFunctionType_RELU:
      return ir::FusedActivation::kRelu;
    case schema::ActivationFunctionType_RELU_N1_TO_1:
      return ir::FusedActivation::kReluN1To1;
    case schema::ActivationFunctionType_RELU6:
      return ir::FusedActivation::kRelu6;
    case schema::ActivationFunctionType_TANH:
    case schema::ActivationFunctionType_SIGN_BIT:
      return Status::unsupported(where + ": fused activation " +
                                 schema::EnumNameActivationFunctionType(activation) +
                                 " is not supported");
  }
  return Status::invalid_input(where + ": unknown fused activation " +
                               std::to_string(static_cast<int>(activation)));
}

Status check_positive(int32_t value, const char* field, const std::string& where) {
  if (value >= 1) return Status::ok();
  return Status::invalid_input(where + ": " + field + " " + std::to_string(value) +
                               " must be at least 1");
}

namespace {

constexpr size_t kMaxRank = 6;

Status check_finite(float value, const char* field, const std::string& where) {
  if (std::isfinite(value)) return Status::ok();
  return Status::invalid_input(where + ": " + field + " is not a finite number");
}

Status check_list(const std::vector<int32_t>& values, const char* field, const std::string& where) {
  if (values.size() <= kMaxRank) return Status::ok();
  return Status::invalid_input(where + ": " + field + " has " + std::to_string(values.size()) +
                               " entries, more than the maximum rank " + std::to_string(kMaxRank));
}

// Sets `status` to the first failure among the given checks.
template <typename T>
bool take(Status& status, Expected<T> value, T& out) {
  if (!status) return false;
  if (!value) {
    status = value.status();
    return false;
  }
  out = *value;
  return true;
}

void keep_first(Status& status, Status next) {
  if (status) status = std::move(next);
}

Status read_conv(const schema::Operator& source, ir::Operator& op, const std::string& where) {
  schema::Conv2DOptionsT in;
  Status status = unpack_options<schema::Conv2DOptionsT, schema::Conv2DOptions>(source, in, where);
  ir::Conv2dOptions out;
  take(status, map_padding(in.padding, where), out.padding);
  take(status, map_activation(in.fused_activation_function, where), out.activation);
  out.stride_w = in.stride_w;
  out.stride_h = in.stride_h;
  out.dilation_w = in.dilation_w_factor;
  out.dilation_h = in.dilation_h_factor;
  keep_first(status, check_positive(out.stride_w, "stride_w", where));
  keep_first(status, check_positive(out.stride_h, "stride_h", where));
  keep_first(status, check_positive(out.dilation_w, "dilation_w_factor", where));
  keep_first(status, check_positive(out.dilation_h, "dilation_h_factor", where));
  op.options = out;
  return status;
}

Status read_depthwise(const schema::Operator& source, ir::Operator& op, const std::string& where) {
  schema::DepthwiseConv2DOptionsT in;
  Status status = unpack_options<schema::DepthwiseConv2DOptionsT, schema::DepthwiseConv2DOptions>(
      source, in, where);
  ir::DepthwiseConv2dOptions out;
  take(status, map_padding(in.padding, where), out.padding);
  take(status, map_activation(in.fused_activation_function, where), out.activation);
  out.stride_w = in.stride_w;
  out.stride_h = in.stride_h;
  out.depth_multiplier = in.depth_multiplier;
  out.dilation_w = in.dilation_w_factor;
  out.dilation_h = in.dilation_h_factor;
  keep_first(status, check_positive(out.stride_w, "stride_w", where));
  keep_first(status, check_positive(out.stride_h, "stride_h", where));
  keep_first(status, check_positive(out.dilation_w, "dilation_w_factor", where));
  keep_first(status, check_positive(out.dilation_h, "dilation_h_factor", where));
  op.options = out;
  return status;
}

Status read_pool(const schema::Operator& source, ir::Operator& op, const std::string& where) {
  schema::Pool2DOptionsT in;
  Status status = unpack_options<schema::Pool2DOptionsT, schema::Pool2DOptions>(source, in, where);
  ir::Pool2dOptions out;
  take(status, map_padding(in.padding, where), out.padding);
  take(status, map_activation(in.fused_activation_function, where), out.activation);
  out.stride_w = in.stride_w;
  out.stride_h = in.stride_h;
  out.filter_w = in.filter_width;
  out.filter_h = in.filter_height;
  keep_first(status, check_positive(out.stride_w, "stride_w", where));
  keep_first(status, check_positive(out.stride_h, "stride_h", where));
  keep_first(status, check_positive(out.filter_w, "filter_width", where));
  keep_first(status, check_positive(out.filter_h, "filter_height", where));
  op.options = out;
  return status;
}

Status read_fully_connected(const schema::Operator& source, ir::Operator& op,
                            const std::string& where) {
  schema::FullyConnectedOptionsT in;
  Status status = unpack_options<schema::FullyConnectedOptionsT, schema::FullyConnectedOptions>(
      source, in, where);
  ir::FullyConnectedOptions out;
  take(status, map_activation(in.fused_activation_function, where), out.activation);
  out.keep_num_dims = in.keep_num_dims;
  if (status && in.weights_format != schema::FullyConnectedOptionsWeightsFormat_DEFAULT) {
    status =
        Status::unsupported(where + ": weights format " +
                            schema::EnumNameFullyConnectedOptionsWeightsFormat(in.weights_format) +
                            " is not supported");
  }
  op.options = out;
  return status;
}

// ADD, SUB and MUL: only the fused activation maps to the IR.
template <typename TableT, typename T>
Status read_elementwise(const schema::Operator& source, ir::Operator& op,
                        const std::string& where) {
  TableT in;
  Status status = unpack_options<TableT, T>(source, in, where);
  ir::ElementwiseOptions out;
  take(status, map_activation(in.fused_activation_function, where), out.activation);
  op.options = out;
  return status;
}

Status read_concatenation(const schema::Operator& source, ir::Operator& op,
                          const std::string& where) {
  schema::ConcatenationOptionsT in;
  Status status = unpack_options<schema::ConcatenationOptionsT, schema::ConcatenationOptions>(
      source, in, where);
  ir::ConcatenationOptions out;
  take(status, map_activation(in.fused_activation_function, where), out.activation);
  out.axis = in.axis;
  op.options = out;
  return status;
}

Status read_softmax(const schema::Operator& source, ir::Operator& op, const std::string& where) {
  schema::SoftmaxOptionsT in;
  Status status =
      unpack_options<schema::SoftmaxOptionsT, schema::SoftmaxOptions>(source, in, where);
  keep_first(status, check_finite(in.beta, "beta", where));
  op.options = ir::SoftmaxOptions{in.beta};
  return status;
}

Status read_leaky_relu(const schema::Operator& source, ir::Operator& op, const std::string& where) {
  schema::LeakyReluOptionsT in;
  Status status =
      unpack_options<schema::LeakyReluOptionsT, schema::LeakyReluOptions>(source, in, where);
  keep_first(status, check_finite(in.alpha, "alpha", where));
  op.options = ir::LeakyReluOptions{in.alpha};
  return status;
}

Status read_mean(const schema::Operator& source, ir::Operator& op, const std::string& where) {
  schema::ReducerOptionsT in;
  Status status =
      unpack_options<schema::ReducerOptionsT, schema::ReducerOptions>(source, in, where);
  op.options = ir::ReducerOptions{in.keep_dims};
  return status;
}

Status read_reshape(ReadContext& context, const schema::Operator& source, ir::Operator& op,
                    const std::string& where) {
  auto table = options_table<schema::ReshapeOptions>(source, where);
  if (!table) return table.status();
  auto new_shape = copy_vector(context, *table == nullptr ? nullptr : (*table)->new_shape(), where);
  if (!new_shape) return new_shape.status();
  Status status = check_list(*new_shape, "new_shape", where);
  op.options = ir::ReshapeOptions{std::move(*new_shape)};
  return status;
}

Status read_squeeze(ReadContext& context, const schema::Operator& source, ir::Operator& op,
                    const std::string& where) {
  auto table = options_table<schema::SqueezeOptions>(source, where);
  if (!table) return table.status();
  auto dims = copy_vector(context, *table == nullptr ? nullptr : (*table)->squeeze_dims(), where);
  if (!dims) return dims.status();
  Status status = check_list(*dims, "squeeze_dims", where);
  op.options = ir::SqueezeOptions{std::move(*dims)};
  return status;
}

Status read_no_options(const schema::Operator&, ir::Operator& op, const std::string&) {
  // No options in the IR: TFLite's tables for these are empty.
  op.options = std::monostate{};
  return Status::ok();
}

template <Status (*Read)(const schema::Operator&, ir::Operator&, const std::string&)>
Status without_context(ReadContext&, const schema::Operator& source, ir::Operator& op,
                       const std::string& where) {
  return Read(source, op, where);
}

}  // namespace

BuiltinOptionsReader builtin_options_reader(ir::OpType type) {
  using ir::OpType;
  switch (type) {
    case OpType::kConv2d:
      return without_context<read_conv>;
    case OpType::kDepthwiseConv2d:
      return without_context<read_depthwise>;
    case OpType::kAveragePool2d:
    case OpType::kMaxPool2d:
      return without_context<read_pool>;
    case OpType::kFullyConnected:
      return without_context<read_fully_connected>;
    case OpType::kAdd:
      return without_context<read_elementwise<schema::AddOptionsT, schema::AddOptions>>;
    case OpType::kSub:
      return without_context<read_elementwise<schema::SubOptionsT, schema::SubOptions>>;
    case OpType::kMul:
      return without_context<read_elementwise<schema::MulOptionsT, schema::MulOptions>>;
    case OpType::kConcatenation:
      return without_context<read_concatenation>;
    case OpType::kSoftmax:
      return without_context<read_softmax>;
    case OpType::kLeakyRelu:
      return without_context<read_leaky_relu>;
    case OpType::kMean:
      return without_context<read_mean>;
    case OpType::kReshape:
      return read_reshape;
    case OpType::kSqueeze:
      return read_squeeze;
    case OpType::kTransposeConv:
      return read_transpose_conv;
    case OpType::kBatchMatmul:
      return read_batch_matmul;
    case OpType::kPad:
    case OpType::kPadV2:
    case OpType::kQuantize:
    case OpType::kDequantize:
    case OpType::kRelu:
    case OpType::kRelu6:
    case OpType::kReluN1To1:
    case OpType::kLogistic:
    case OpType::kTanh:
    case OpType::kHardSwish:
      return without_context<read_no_options>;
    case OpType::kDiv:
      return without_context<read_elementwise<schema::DivOptionsT, schema::DivOptions>>;
    case OpType::kL2Normalization:
      return without_context<read_elementwise<schema::L2NormOptionsT, schema::L2NormOptions>>;
    case OpType::kSum:
    case OpType::kReduceMax:
    case OpType::kReduceMin:
      return without_context<read_mean>;  // ReducerOptions: keep_dims
    case OpType::kCumsum:
      return read_cumsum;
    case OpType::kArgMax:
      return read_arg_max;
    case OpType::kArgMin:
      return read_arg_min;
    case OpType::kAbs:
    case OpType::kRsqrt:
    case OpType::kMaximum:
    case OpType::kMinimum:
    case OpType::kPrelu:
    case OpType::kSquaredDifference:
    case OpType::kAddN:
    case OpType::kEqual:
    case OpType::kNotEqual:
    case OpType::kGreater:
    case OpType::kGreaterEqual:
    case OpType::kLess:
    case OpType::kLessEqual:
    case OpType::kSelect:
    case OpType::kSelectV2:
    case OpType::kElu:
    case OpType::kLogSoftmax:
    case OpType::kCeil:
    case OpType::kFloor:
    case OpType::kRound:
    case OpType::kCos:
    case OpType::kSin:
    case OpType::kLog:
    case OpType::kSqrt:
    case OpType::kSquare:
    case OpType::kExp:
    case OpType::kNeg:
    case OpType::kFloorDiv:
    case OpType::kFloorMod:
    case OpType::kLogicalAnd:
    case OpType::kLogicalOr:
    case OpType::kLogicalNot:
      return without_context<read_no_options>;
    case OpType::kStridedSlice:
    case OpType::kPack:
    case OpType::kUnpack:
    case OpType::kSplit:
    case OpType::kSplitV:
    case OpType::kGather:
    case OpType::kDepthToSpace:
    case OpType::kSpaceToDepth:
    case OpType::kMirrorPad:
    case OpType::kResizeBilinear:
    case OpType::kResizeNearestNeighbor:
    case OpType::kShape:
    case OpType::kExpandDims:
    case OpType::kSlice:
    case OpType::kTranspose:
    case OpType::kBroadcastTo:
    case OpType::kBroadcastArgs:
    case OpType::kReverseV2:
    case OpType::kGatherNd:
    case OpType::kBatchToSpaceNd:
    case OpType::kSpaceToBatchNd:
    case OpType::kFill:
    case OpType::kZerosLike:
    case OpType::kDynamicUpdateSlice:
    case OpType::kEmbeddingLookup:
    case OpType::kCast:
      return data_options_reader(type);
    case OpType::kSvdf:
      return read_svdf_options;
    case OpType::kUnidirectionalSequenceLstm:
      return read_sequence_lstm_options;
    case OpType::kIf:
      return read_if_options;
    case OpType::kWhile:
      return read_while_options;
    case OpType::kCallOnce:
      return read_call_once_options;
    case OpType::kVarHandle:
      return read_var_handle_options;
    case OpType::kReadVariable:
    case OpType::kAssignVariable:
      return read_variable_access_options;
    default:
      return nullptr;  // an operator vnpu names but does not read
  }
}

}  // namespace vnpu::tflite::detail
