#include "tflite/write_options.h"
#include "tflite/write_options_elementwise.h"

#include "tflite/write_options_data.h"
#include "tflite/write_options_state.h"

namespace vnpu::tflite::detail {

schema::Padding to_schema(ir::Padding padding) {
  return padding == ir::Padding::kValid ? schema::Padding_VALID : schema::Padding_SAME;
}

schema::ActivationFunctionType to_schema(ir::FusedActivation activation) {
  switch (activation) {
    case ir::FusedActivation::kNone:
      return schema::ActivationFunctionType_NONE;
    case ir::FusedActivation::kRelu:
      return schema::ActivationFunctionType_RELU;
    case ir::FusedActivation::kReluN1To1:
      return schema::ActivationFunctionType_RELU_N1_TO_1;
    case ir::FusedActivation::kRelu6:
      return schema::ActivationFunctionType_RELU6;
  }
  return schema::ActivationFunctionType_NONE;
}

namespace {

template <typename T>
WrittenOptions written(flatbuffers::Offset<T> table) {
  return WrittenOptions{schema::BuiltinOptionsTraits<T>::enum_value, table.Union()};
}

WrittenOptions write_empty_options(flatbuffers::FlatBufferBuilder& fbb, ir::OpType type) {
  switch (type) {
    case ir::OpType::kPad:
      return written(schema::CreatePadOptions(fbb));
    case ir::OpType::kPadV2:
      return written(schema::CreatePadV2Options(fbb));
    case ir::OpType::kQuantize:
      return written(schema::CreateQuantizeOptions(fbb));
    case ir::OpType::kDequantize:
      return written(schema::CreateDequantizeOptions(fbb));
    case ir::OpType::kHardSwish:
      return written(schema::CreateHardSwishOptions(fbb));
    case ir::OpType::kAbs:
    case ir::OpType::kMaximum:
    case ir::OpType::kMinimum:
    case ir::OpType::kSquaredDifference:
    case ir::OpType::kAddN:
    case ir::OpType::kEqual:
    case ir::OpType::kNotEqual:
    case ir::OpType::kGreater:
    case ir::OpType::kGreaterEqual:
    case ir::OpType::kLess:
    case ir::OpType::kLessEqual:
    case ir::OpType::kSelect:
    case ir::OpType::kSelectV2:
    case ir::OpType::kLogSoftmax:
    case ir::OpType::kExp:
    case ir::OpType::kNeg:
    case ir::OpType::kCos:
    case ir::OpType::kSquare:
    case ir::OpType::kFloorDiv:
    case ir::OpType::kFloorMod:
    case ir::OpType::kLogicalAnd:
    case ir::OpType::kLogicalOr:
    case ir::OpType::kLogicalNot:
      return write_elementwise_empty_options(fbb, type);
    default:
      return WrittenOptions{};
  }
}

WrittenOptions write_elementwise(flatbuffers::FlatBufferBuilder& fbb, ir::OpType type,
                                 const ir::ElementwiseOptions& options) {
  const schema::ActivationFunctionType activation = to_schema(options.activation);
  if (type == ir::OpType::kSub) return written(schema::CreateSubOptions(fbb, activation));
  if (type == ir::OpType::kMul) return written(schema::CreateMulOptions(fbb, activation));
  if (type == ir::OpType::kDiv) return written(schema::CreateDivOptions(fbb, activation));
  if (type == ir::OpType::kL2Normalization) {
    return written(schema::CreateL2NormOptions(fbb, activation));
  }
  return written(schema::CreateAddOptions(fbb, activation));
}

}  // namespace

WrittenOptions write_builtin_options(flatbuffers::FlatBufferBuilder& fbb, const ir::Operator& op) {
  const ir::OpOptions& options = op.options;
  if (auto data = write_data_options(fbb, op)) return *data;
  if (auto state = write_state_options(fbb, op)) return *state;
  if (const auto* o = std::get_if<ir::Conv2dOptions>(&options)) {
    return written(schema::CreateConv2DOptions(fbb, to_schema(o->padding), o->stride_w, o->stride_h,
                                               to_schema(o->activation), o->dilation_w,
                                               o->dilation_h));
  }
  if (const auto* o = std::get_if<ir::DepthwiseConv2dOptions>(&options)) {
    return written(schema::CreateDepthwiseConv2DOptions(
        fbb, to_schema(o->padding), o->stride_w, o->stride_h, o->depth_multiplier,
        to_schema(o->activation), o->dilation_w, o->dilation_h));
  }
  if (const auto* o = std::get_if<ir::Pool2dOptions>(&options)) {
    return written(schema::CreatePool2DOptions(fbb, to_schema(o->padding), o->stride_w, o->stride_h,
                                               o->filter_w, o->filter_h, to_schema(o->activation)));
  }
  if (const auto* o = std::get_if<ir::FullyConnectedOptions>(&options)) {
    return written(schema::CreateFullyConnectedOptions(
        fbb, to_schema(o->activation), schema::FullyConnectedOptionsWeightsFormat_DEFAULT,
        o->keep_num_dims));
  }
  if (const auto* o = std::get_if<ir::ElementwiseOptions>(&options)) {
    return write_elementwise(fbb, op.type, *o);
  }
  if (const auto* o = std::get_if<ir::SoftmaxOptions>(&options)) {
    return written(schema::CreateSoftmaxOptions(fbb, o->beta));
  }
  if (const auto* o = std::get_if<ir::LeakyReluOptions>(&options)) {
    return written(schema::CreateLeakyReluOptions(fbb, o->alpha));
  }
  if (const auto* o = std::get_if<ir::ConcatenationOptions>(&options)) {
    return written(schema::CreateConcatenationOptions(fbb, o->axis, to_schema(o->activation)));
  }
  if (const auto* o = std::get_if<ir::ReducerOptions>(&options)) {
    return written(schema::CreateReducerOptions(fbb, o->keep_dims));
  }
  if (const auto* o = std::get_if<ir::ReshapeOptions>(&options)) {
    return written(schema::CreateReshapeOptions(fbb, fbb.CreateVector(o->new_shape)));
  }
  if (const auto* o = std::get_if<ir::SqueezeOptions>(&options)) {
    return written(schema::CreateSqueezeOptions(fbb, fbb.CreateVector(o->squeeze_dims)));
  }
  if (const auto* o = std::get_if<ir::CumsumOptions>(&options)) {
    return write_cumsum_options(fbb, *o);
  }
  if (const auto* o = std::get_if<ir::ArgMinMaxOptions>(&options)) {
    return write_arg_min_max_options(fbb, op.type, *o);
  }
  if (const auto* o = std::get_if<ir::TransposeConvOptions>(&options)) {
    return write_transpose_conv_options(fbb, *o);
  }
  if (const auto* o = std::get_if<ir::BatchMatmulOptions>(&options)) {
    return write_batch_matmul_options(fbb, *o);
  }
  if (std::holds_alternative<std::monostate>(options)) return write_empty_options(fbb, op.type);
  return WrittenOptions{};  // CustomOptions
}

}  // namespace vnpu::tflite::detail
