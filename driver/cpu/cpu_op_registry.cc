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
    case OpType::kAbs: return prepare_abs;
    case OpType::kRsqrt: return prepare_rsqrt;
    case OpType::kMaximum: return prepare_maximum;
    case OpType::kMinimum: return prepare_minimum;
    case OpType::kEqual: return prepare_equal;
    case OpType::kNotEqual: return prepare_not_equal;
    case OpType::kGreater: return prepare_greater;
    case OpType::kGreaterEqual: return prepare_greater_equal;
    case OpType::kLess: return prepare_less;
    case OpType::kLessEqual: return prepare_less_equal;
    case OpType::kSelect:
    case OpType::kSelectV2: return prepare_select;
    case OpType::kSum: return prepare_sum;
    case OpType::kReduceMax: return prepare_reduce_max;
    case OpType::kReduceMin: return prepare_reduce_min;
    case OpType::kArgMax: return prepare_arg_max;
    case OpType::kArgMin: return prepare_arg_min;
    case OpType::kPrelu: return prepare_prelu;
    case OpType::kSquaredDifference: return prepare_squared_difference;
    case OpType::kDiv: return prepare_div;
    case OpType::kAddN: return prepare_add_n;
    case OpType::kElu: return prepare_elu;
    case OpType::kL2Normalization: return prepare_l2_normalization;
    case OpType::kLogSoftmax: return prepare_log_softmax;
    case OpType::kCumsum: return prepare_cumsum;
    case OpType::kCeil:
    case OpType::kFloor:
    case OpType::kRound:
    case OpType::kCos:
    case OpType::kSin:
    case OpType::kLog:
    case OpType::kSqrt:
    case OpType::kSquare:
    case OpType::kExp:
    case OpType::kNeg: return prepare_float_unary;
    case OpType::kFloorDiv:
    case OpType::kFloorMod: return prepare_floor_div_mod;
    case OpType::kLogicalAnd:
    case OpType::kLogicalOr:
    case OpType::kLogicalNot: return prepare_logical;
    case OpType::kStridedSlice: return prepare_strided_slice;
    case OpType::kSlice: return prepare_slice;
    case OpType::kTranspose: return prepare_transpose;
    case OpType::kReverseV2: return prepare_reverse_v2;
    case OpType::kDepthToSpace: return prepare_depth_to_space;
    case OpType::kSpaceToDepth: return prepare_space_to_depth;
    case OpType::kBroadcastTo: return prepare_broadcast_to;
    case OpType::kExpandDims: return prepare_expand_dims;
    case OpType::kPack: return prepare_pack;
    case OpType::kUnpack: return prepare_unpack;
    case OpType::kSplit: return prepare_split;
    case OpType::kSplitV: return prepare_split_v;
    case OpType::kShape: return prepare_shape;
    case OpType::kFill: return prepare_fill;
    case OpType::kZerosLike: return prepare_zeros_like;
    case OpType::kBroadcastArgs: return prepare_broadcast_args;
    case OpType::kCast: return prepare_cast;
    case OpType::kGather: return prepare_gather;
    case OpType::kGatherNd: return prepare_gather_nd;
    case OpType::kEmbeddingLookup: return prepare_embedding_lookup;
    case OpType::kDynamicUpdateSlice: return prepare_dynamic_update_slice;
    case OpType::kSpaceToBatchNd: return prepare_space_to_batch_nd;
    case OpType::kBatchToSpaceNd: return prepare_batch_to_space_nd;
    case OpType::kMirrorPad: return prepare_mirror_pad;
    case OpType::kResizeNearestNeighbor: return prepare_resize_nearest_neighbor;
    case OpType::kResizeBilinear: return prepare_resize_bilinear;
    case OpType::kSvdf: return prepare_svdf;
    case OpType::kUnidirectionalSequenceLstm: return prepare_unidirectional_sequence_lstm;
    case OpType::kIf: return prepare_if;
    case OpType::kWhile: return prepare_while;
    case OpType::kCallOnce: return prepare_call_once;
    case OpType::kVarHandle: return prepare_var_handle;
    case OpType::kReadVariable: return prepare_read_variable;
    case OpType::kAssignVariable: return prepare_assign_variable;
    case OpType::kBatchMatmul: return prepare_batch_matmul;
    case OpType::kTransposeConv: return prepare_transpose_conv;
    case OpType::kSignalWindow: return prepare_signal_window;
    case OpType::kSignalFftAutoScale: return prepare_signal_fft_auto_scale;
    case OpType::kSignalRfft: return prepare_signal_rfft;
    case OpType::kSignalEnergy: return prepare_signal_energy;
    case OpType::kSignalFilterBank: return prepare_signal_filter_bank;
    case OpType::kSignalFilterBankSquareRoot: return prepare_signal_filter_bank_square_root;
    case OpType::kSignalFilterBankSpectralSubtraction: return prepare_signal_filter_bank_spectral_subtraction;
    case OpType::kSignalFilterBankLog: return prepare_signal_filter_bank_log;
    case OpType::kSignalPcan: return prepare_signal_pcan;
    default: return nullptr;  // no CPU kernel; kEthosU runs on an NPU backend, never here
  }
}

}  // namespace vnpu::driver::cpu
