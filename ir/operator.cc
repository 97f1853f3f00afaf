#include "ir/operator.h"

#include <cstdint>

namespace vnpu::ir {

OperandArity operand_arity(OpType type) {
  constexpr size_t kMany = SIZE_MAX;
  switch (type) {
    case OpType::kAdd:
    case OpType::kSub:
    case OpType::kMul:
    case OpType::kMean:
      return {2, 2, 1, 1};
    case OpType::kConv2d:
    case OpType::kDepthwiseConv2d:
    case OpType::kFullyConnected:  // the bias is optional
      return {2, 3, 1, 1};
    case OpType::kPad:
    case OpType::kPadV2:  // the constant value is optional
      return {2, 3, 1, 1};
    case OpType::kReshape:  // the new shape may be an input or an option
      return {1, 2, 1, 1};
    case OpType::kConcatenation:
      return {1, kMany, 1, 1};
    case OpType::kEthosU:  // the command stream, then the regions and feature maps
      return {1, kMany, 1, kMany};
    case OpType::kAveragePool2d:
    case OpType::kMaxPool2d:
    case OpType::kDequantize:
    case OpType::kHardSwish:
    case OpType::kLeakyRelu:
    case OpType::kLogistic:
    case OpType::kQuantize:
    case OpType::kRelu:
    case OpType::kRelu6:
    case OpType::kReluN1To1:
    case OpType::kSoftmax:
    case OpType::kSqueeze:
    case OpType::kTanh:
      return {1, 1, 1, 1};
  }
  return {};
}

const char* op_type_name(OpType type) {
  switch (type) {
    case OpType::kAdd: return "ADD";
    case OpType::kAveragePool2d: return "AVERAGE_POOL_2D";
    case OpType::kConcatenation: return "CONCATENATION";
    case OpType::kConv2d: return "CONV_2D";
    case OpType::kDepthwiseConv2d: return "DEPTHWISE_CONV_2D";
    case OpType::kDequantize: return "DEQUANTIZE";
    case OpType::kFullyConnected: return "FULLY_CONNECTED";
    case OpType::kHardSwish: return "HARD_SWISH";
    case OpType::kLeakyRelu: return "LEAKY_RELU";
    case OpType::kLogistic: return "LOGISTIC";
    case OpType::kMaxPool2d: return "MAX_POOL_2D";
    case OpType::kMean: return "MEAN";
    case OpType::kMul: return "MUL";
    case OpType::kPad: return "PAD";
    case OpType::kPadV2: return "PADV2";
    case OpType::kQuantize: return "QUANTIZE";
    case OpType::kRelu: return "RELU";
    case OpType::kRelu6: return "RELU6";
    case OpType::kReluN1To1: return "RELU_N1_TO_1";
    case OpType::kReshape: return "RESHAPE";
    case OpType::kSoftmax: return "SOFTMAX";
    case OpType::kSqueeze: return "SQUEEZE";
    case OpType::kSub: return "SUB";
    case OpType::kTanh: return "TANH";
    case OpType::kEthosU: return "ethos-u";
  }
  return "UNKNOWN";
}

const char* padding_name(Padding padding) {
  return padding == Padding::kSame ? "SAME" : "VALID";
}

const char* fused_activation_name(FusedActivation activation) {
  switch (activation) {
    case FusedActivation::kNone: return "NONE";
    case FusedActivation::kRelu: return "RELU";
    case FusedActivation::kReluN1To1: return "RELU_N1_TO_1";
    case FusedActivation::kRelu6: return "RELU6";
  }
  return "UNKNOWN";
}

}  // namespace vnpu::ir
