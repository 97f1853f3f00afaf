#include "compiler/support/cpu_kernel_table.h"

namespace vnpu::compiler {

const std::vector<CpuKernelTypes>& cpu_kernel_table() {
  using ir::OpType;
  // "any type" = int8, uint8, int16, int32, int64, float32 and bool: the kernel moves elements
  // without reading them.
  static const std::vector<CpuKernelTypes> kTable = {
      {OpType::kAdd, "int8"},
      {OpType::kAveragePool2d, "int8"},
      {OpType::kBatchToSpaceNd, "any type (TFLM: int8, float32)"},
      {OpType::kBroadcastArgs, "int32, int64 shapes"},
      {OpType::kBroadcastTo, "any type"},
      {OpType::kCast, "every pair of int8, uint8, int16, int32, int64, float32, bool"},
      {OpType::kConcatenation, "int8"},
      {OpType::kConv2d, "int8"},
      {OpType::kDepthToSpace, "any type"},
      {OpType::kDepthwiseConv2d, "int8"},
      {OpType::kDequantize, "int8, uint8, int16 to float32"},
      {OpType::kDynamicUpdateSlice, "any type; int32 or int64 start indices"},
      {OpType::kEmbeddingLookup, "any type; int8 weights to float32 (zero point 0)"},
      {OpType::kExpandDims, "any type"},
      {OpType::kFill, "any type"},
      {OpType::kFullyConnected, "int8"},
      {OpType::kGather, "any type; int32 or int64 indices"},
      {OpType::kGatherNd, "any type; int32 or int64 indices"},
      {OpType::kHardSwish, "int8"},
      {OpType::kLeakyRelu, "int8"},
      {OpType::kLogistic, "int8"},
      {OpType::kMaxPool2d, "int8"},
      {OpType::kMean, "int8"},
      {OpType::kMirrorPad, "any type"},
      {OpType::kMul, "int8"},
      {OpType::kPack, "any type"},
      {OpType::kPad, "int8"},
      {OpType::kPadV2, "int8"},
      {OpType::kQuantize, "float32 to int8/int16; integer requantization (int8, uint8, int16)"},
      {OpType::kRelu, "int8"},
      {OpType::kRelu6, "int8"},
      {OpType::kReluN1To1, "int8"},
      {OpType::kReshape, "any type"},
      {OpType::kResizeBilinear, "int8"},
      {OpType::kResizeNearestNeighbor, "any type"},
      {OpType::kReverseV2, "any type"},
      {OpType::kShape, "any type in; int32 or int64 out"},
      {OpType::kSlice, "any type"},
      {OpType::kSoftmax, "int8 to int8 or int16"},
      {OpType::kSpaceToBatchNd, "any type (TFLM: int8, float32)"},
      {OpType::kSpaceToDepth, "any type"},
      {OpType::kSplit, "any type"},
      {OpType::kSplitV, "any type"},
      {OpType::kSqueeze, "any type"},
      {OpType::kStridedSlice, "any type"},
      {OpType::kSub, "int8"},
      {OpType::kTanh, "int8"},
      {OpType::kTranspose, "any type"},
      {OpType::kUnpack, "any type"},
      {OpType::kZerosLike, "any type"},
  };
  return kTable;
}

}  // namespace vnpu::compiler
