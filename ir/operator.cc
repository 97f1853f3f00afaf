#include "ir/operator.h"

namespace vnpu::ir {

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
