#include "driver/cpu/cpu_op.h"
#include "driver/cpu/ops.h"

namespace vnpu::driver::cpu {

CpuOpPrepare find_cpu_op(ir::OpType type) {
  using ir::OpType;
  switch (type) {
    case OpType::kConv2d: return prepare_conv2d;
    case OpType::kDepthwiseConv2d: return prepare_depthwise_conv2d;
    case OpType::kFullyConnected: return prepare_fully_connected;
    case OpType::kAveragePool2d: return prepare_average_pool2d;
    case OpType::kMaxPool2d: return prepare_max_pool2d;
    case OpType::kMean: return prepare_mean;
    case OpType::kPad:
    case OpType::kPadV2: return prepare_pad;
    case OpType::kConcatenation: return prepare_concatenation;
    case OpType::kReshape:
    case OpType::kSqueeze: return prepare_reshape;
    case OpType::kAdd: return prepare_add;
    case OpType::kSub: return prepare_sub;
    case OpType::kMul: return prepare_mul;
    case OpType::kSoftmax: return prepare_softmax;
    case OpType::kLogistic: return prepare_logistic;
    case OpType::kTanh: return prepare_tanh;
    case OpType::kHardSwish: return prepare_hard_swish;
    case OpType::kRelu:
    case OpType::kRelu6:
    case OpType::kReluN1To1: return prepare_relu;
    case OpType::kLeakyRelu: return prepare_leaky_relu;
    case OpType::kQuantize: return prepare_quantize;
    case OpType::kDequantize: return prepare_dequantize;
    case OpType::kBatchMatmul: return prepare_batch_matmul;
    case OpType::kTransposeConv: return prepare_transpose_conv;
    default: return nullptr;  // no CPU kernel; kEthosU runs on an NPU backend, never here
  }
}

}  // namespace vnpu::driver::cpu
