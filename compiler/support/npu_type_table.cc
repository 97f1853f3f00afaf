#include "compiler/support/npu_type_table.h"

namespace vnpu::compiler {
namespace {

using ir::DataType;
using ir::OpType;

const std::vector<DataType> kInt8 = {DataType::kInt8};
const std::vector<DataType> kInt8Int16 = {DataType::kInt8, DataType::kInt16};
const std::vector<DataType> kInt8UInt8Int16 = {DataType::kInt8, DataType::kUInt8, DataType::kInt16};

}  // namespace

const std::vector<NpuOperatorTypes>& npu_type_table() {
  static const std::vector<NpuOperatorTypes> kTable = {
      {OpType::kAbs, kInt8Int16, "elementwise ABS"},
      {OpType::kAdd, kInt8Int16, "elementwise, 16x8 with zero points 0"},
      {OpType::kAveragePool2d, kInt8Int16,
       "pool; an unpadded window above 8x8 where Vela's pooling scale rounds every sum as TFLite "
       "does (checked per window size)"},
      {OpType::kConcatenation, kInt8UInt8Int16, "one copy per input"},
      {OpType::kConv2d, kInt8Int16,
       "convolution, 16x8 for int16; grouped as one per group (pass split_grouped_convolutions)"},
      {OpType::kDepthwiseConv2d, kInt8Int16, "depthwise; a multiplier above 1 as a convolution"},
      {OpType::kFullyConnected, kInt8Int16, "1x1 convolution"},
      {OpType::kHardSwish, kInt8, "lookup table"},
      {OpType::kLeakyRelu, kInt8Int16,
       "lookup table; int16 as MAXIMUM or MINIMUM of two rescaling MULs"},
      {OpType::kLogistic, kInt8Int16, "lookup table; int16 as TFLite's interpolation in int32"},
      {OpType::kMaximum, kInt8Int16, "elementwise"},
      {OpType::kMaxPool2d, kInt8Int16, "pool"},
      {OpType::kMean, kInt8Int16, "depthwise kernel of ones"},
      {OpType::kMinimum, kInt8Int16, "elementwise"},
      {OpType::kMul, kInt8Int16, "elementwise, 16x8 with zero points 0"},
      {OpType::kPad, kInt8Int16, "copy and border fills"},
      {OpType::kPadV2, kInt8Int16, "copy and border fills"},
      {OpType::kPrelu, kInt8Int16,
       "lookup table (int8, one alpha); else MAXIMUM or MINIMUM of a QUANTIZE and a MUL, or ADD "
       "of the two over each half of the input, where exact (pass decompose_prelu)"},
      {OpType::kQuantize, kInt8UInt8Int16,
       "lookup table (int8 -> int8) or rescaling pool (int16 side, uint8 <-> int8)"},
      {OpType::kRelu, kInt8Int16, "lookup table; int16 as a rescaling pool"},
      {OpType::kRelu6, kInt8Int16, "lookup table; int16 as a clamping pool"},
      {OpType::kReluN1To1, kInt8, "lookup table"},
      {OpType::kReshape, kInt8UInt8Int16, "memory alias, no command"},
      {OpType::kRsqrt, kInt8, "lookup table"},
      {OpType::kSoftmax, kInt8Int16,
       "chain of NPU operations (int8 to int8 or int16); int16 with TFLite's two tables in the "
       "16-bit lookup table"},
      {OpType::kSquaredDifference, kInt8Int16, "chain of elementwise operations"},
      {OpType::kSqueeze, kInt8UInt8Int16, "memory alias, no command"},
      {OpType::kSub, kInt8Int16, "elementwise, 16x8 with zero points 0"},
      {OpType::kTanh, kInt8Int16, "lookup table; int16 as TFLite's interpolation in int32"},
      {OpType::kTransposeConv, kInt8Int16,
       "convolution over the zero-upscaled input; other strides as zero insertion, PAD and "
       "CONV_2D (pass convert_transpose_conv_strides)"},
      {OpType::kArgMax, kInt8,
       "chain: int16 keys of value and reversed index, MAX pools across the axis, the index "
       "recovered in int32"},
      {OpType::kExpandDims, kInt8UInt8Int16, "memory alias, no command"},
      {OpType::kSlice, kInt8UInt8Int16, "copy of the box"},
      {OpType::kStridedSlice, kInt8UInt8Int16, "copy of the box, positive strides"},
      {OpType::kPack, kInt8UInt8Int16, "one copy per input"},
      {OpType::kResizeNearestNeighbor, kInt8UInt8Int16, "copy through the 2x upscale"},
      {OpType::kTranspose, kInt8UInt8Int16, "copy with swapped strides"},
      {OpType::kResizeBilinear, kInt8, "2x2 average over the 2x upscale"},
      {OpType::kMirrorPad, kInt8UInt8Int16, "copy and mirrored slab copies"},
      {OpType::kDepthToSpace, kInt8UInt8Int16, "one copy per block position"},
      {OpType::kSpaceToDepth, kInt8UInt8Int16, "one copy per block position"},
      {OpType::kReverseV2, kInt8UInt8Int16, "one copy per reversed slab"},
      {OpType::kBroadcastTo, kInt8UInt8Int16, "one copy of the input per expanded index"},
      {OpType::kZerosLike, kInt8UInt8Int16, "one pass clamped to 0"},
      {OpType::kSpaceToBatchNd, kInt8UInt8Int16, "a clearing pass, one copy per batch image"},
      {OpType::kBatchToSpaceNd, kInt8UInt8Int16, "one copy per batch image"},
      {OpType::kSplit, kInt8UInt8Int16, "one slice per output (pass convert_splits_to_slices)"},
      {OpType::kSplitV, kInt8UInt8Int16, "one slice per output (pass convert_splits_to_slices)"},
      {OpType::kUnpack, kInt8UInt8Int16, "one slice per output (pass convert_splits_to_slices)"},
      {OpType::kUnidirectionalSequenceLstm, kInt8Int16,
       "its time steps as fully connected, elementwise and int16 LOGISTIC/TANH operators, the "
       "last writing the state variables (pass unroll_lstm)"},
  };
  return kTable;
}

}  // namespace vnpu::compiler
