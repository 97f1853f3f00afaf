#include "compiler/codegen/lowered_types.h"

#include <algorithm>
#include <vector>

namespace vnpu::compiler {
namespace {

using ir::OpType;

const std::vector<OpType>& kernel_types() {
  static const std::vector<OpType> kTypes = {
      OpType::kAdd,
      OpType::kAveragePool2d,
      OpType::kConv2d,
      OpType::kDepthwiseConv2d,
      OpType::kFullyConnected,
      OpType::kMaxPool2d,
      OpType::kMul,
      OpType::kSub,
      OpType::kMaximum,
      OpType::kMinimum,
      OpType::kAbs,
      // A convolution over the zero-upscaled input, the filter rotated (lower_op.cc).
      OpType::kTransposeConv,
      // A depthwise kernel of ones over the reduced height and/or width (lower_op.cc).
      OpType::kMean,
      // Through a 256-entry lookup table (lower_lut.cc).
      OpType::kHardSwish,
      OpType::kLeakyRelu,
      OpType::kLogistic,
      OpType::kQuantize,
      OpType::kRelu,
      OpType::kRelu6,
      OpType::kReluN1To1,
      OpType::kTanh,
      OpType::kRsqrt,
      OpType::kPrelu,  // with one constant alpha
      // (QUANTIZE with an int16 side, and the int16 RELU and RELU6, are a rescaling
      // 1x1 pool, lower_requantize.cc.)
      // A chain of NPU operations with an exp table (lower_softmax.cc).
      OpType::kSoftmax,
      // A chain of NPU operations over int16 intermediates (lower_squared_difference.cc).
      OpType::kSquaredDifference,
      // A chain over int16 keys of value and index, pooled across the axis (lower_arg_max.cc).
      OpType::kArgMax,
      // Copies of boxes through a 1x1 pass-through pool (lower_slice.cc).
      OpType::kSlice,
      OpType::kStridedSlice,
      OpType::kConcatenation,
      OpType::kPack,
      OpType::kResizeNearestNeighbor,
      OpType::kTranspose,
      // The input copied into the output, the borders filled or mirrored (lower_slice.cc).
      OpType::kPad,
      OpType::kPadV2,
      OpType::kMirrorPad,
      // Copies of channel groups or slabs (lower_slice.cc, rearrange_boxes.cc).
      OpType::kDepthToSpace,
      OpType::kSpaceToDepth,
      OpType::kReverseV2,
      OpType::kBroadcastTo,
      OpType::kZerosLike,
      OpType::kSpaceToBatchNd,
      OpType::kBatchToSpaceNd,
      // A 2x2 average pool over the IFM's 2x upscale (lower_resize_bilinear.cc).
      OpType::kResizeBilinear,
  };
  return kTypes;
}

const std::vector<OpType>& alias_types() {
  static const std::vector<OpType> kTypes = {OpType::kReshape, OpType::kSqueeze,
                                              OpType::kExpandDims};
  return kTypes;
}

bool contains(const std::vector<OpType>& types, OpType type) {
  return std::find(types.begin(), types.end(), type) != types.end();
}

}  // namespace

bool has_npu_lowering(OpType type) {
  return contains(kernel_types(), type) || is_memory_alias(type);
}

bool is_memory_alias(OpType type) { return contains(alias_types(), type); }

std::string lowered_type_list() {
  std::string list;
  for (const std::vector<OpType>* types : {&kernel_types(), &alias_types()}) {
    for (OpType type : *types) list += std::string(list.empty() ? "" : ", ") + ir::op_type_name(type);
  }
  return list;
}

}  // namespace vnpu::compiler
