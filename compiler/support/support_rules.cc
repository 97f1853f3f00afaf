#include "compiler/support/support_rules.h"

#include <algorithm>

#include "compiler/codegen/slice_box.h"
#include "compiler/support/rule_checks.h"

namespace vnpu::compiler {
namespace {

using ir::OpType;

const std::vector<OpType> kConvolutions = {OpType::kConv2d, OpType::kDepthwiseConv2d};
const std::vector<OpType> kWeighted = {OpType::kConv2d, OpType::kDepthwiseConv2d,
                                       OpType::kFullyConnected, OpType::kTransposeConv};
const std::vector<OpType> kPools = {OpType::kAveragePool2d, OpType::kMaxPool2d};
const std::vector<OpType> kKernelOps = {OpType::kConv2d, OpType::kDepthwiseConv2d,
                                        OpType::kAveragePool2d, OpType::kMaxPool2d};
const std::vector<OpType> kFeatureMapOps = {OpType::kConv2d, OpType::kDepthwiseConv2d,
                                            OpType::kAveragePool2d, OpType::kMaxPool2d,
                                            OpType::kMean, OpType::kTransposeConv};
const std::vector<OpType> kPads = {OpType::kPad, OpType::kPadV2};
const std::vector<OpType> kMinMax = {OpType::kMaximum, OpType::kMinimum};
const std::vector<OpType> kTypedElementwise = {OpType::kAbs, OpType::kMaximum, OpType::kMinimum,
                                               OpType::kRsqrt, OpType::kSquaredDifference};
const std::vector<OpType> kOfmShapedInput = {OpType::kAbs, OpType::kMaximum, OpType::kMinimum,
                                             OpType::kSquaredDifference};
const std::vector<OpType> kSlices = {OpType::kSlice, OpType::kStridedSlice};

}  // namespace

const std::vector<OpType>& npu_operator_types() {
  static const std::vector<OpType> kTypes = {
      OpType::kAbs,
      OpType::kAdd,
      OpType::kAveragePool2d,
      OpType::kConcatenation,
      OpType::kConv2d,
      OpType::kDepthwiseConv2d,
      OpType::kFullyConnected,
      OpType::kHardSwish,
      OpType::kLeakyRelu,
      OpType::kLogistic,
      OpType::kMaximum,
      OpType::kMaxPool2d,
      OpType::kMean,
      OpType::kMinimum,
      OpType::kMul,
      OpType::kPad,
      OpType::kPadV2,
      OpType::kPrelu,
      OpType::kQuantize,
      OpType::kRelu,
      OpType::kRelu6,
      OpType::kReluN1To1,
      OpType::kReshape,
      OpType::kRsqrt,
      OpType::kSoftmax,
      OpType::kSquaredDifference,
      OpType::kSqueeze,
      OpType::kSub,
      OpType::kTanh,
      OpType::kTransposeConv,
      OpType::kArgMax,
      // Data movement.
      OpType::kExpandDims,
      OpType::kSlice,
      OpType::kStridedSlice,
      OpType::kPack,
      OpType::kResizeNearestNeighbor,
      OpType::kTranspose,
      OpType::kResizeBilinear,
      OpType::kMirrorPad,
      OpType::kDepthToSpace,
      OpType::kSpaceToDepth,
      OpType::kReverseV2,
      OpType::kBroadcastTo,
      OpType::kZerosLike,
      OpType::kSpaceToBatchNd,
      OpType::kBatchToSpaceNd,
  };
  return kTypes;
}

const std::vector<SupportRule>& support_rules() {
  using namespace rules;  // NOLINT(google-build-using-namespace): the table names the checks
  static const std::vector<SupportRule> kRules = {
      {"operator_type",
       "The operator type is one the NPU runs (the list above).",
       {},
       check_operator_type},
      {"activation_types",
       "Feature-map tensors (every non-constant operand) are int8, uint8 or int16.",
       {},
       check_activation_types},
      {"per_tensor_activations",
       "Feature-map tensors are quantized per tensor (one scale and zero point).",
       {},
       check_per_tensor_activations},
      {"tensor_dims",
       "Every feature-map dimension is in 1..65535 (16-bit size fields).",
       {},
       check_tensor_dims},
      {"batch_size", "Feature maps of kernel operators, TRANSPOSE_CONV and MEAN have batch 1.",
       kFeatureMapOps, check_batch_size},
      {"stride_range",
       "Stride is 1..3 in height and width (not checked along an axis with one output position).",
       kKernelOps, check_stride_range},
      {"dilated_kernel_height",
       "Dilated kernel height ((H - 1) * dilation + 1) is at most 64; dilations above 2 (the "
       "NPU's field holds 1 or 2) are spread into a kernel of the dilated size, zeros between "
       "the taps, within this limit.",
       kConvolutions, check_dilated_kernel_height},
      {"dilated_kernel_area", "Dilated kernel width x height is at most 4096.", kConvolutions,
       check_dilated_kernel_area},
      {"pool_kernel_height", "Pooling kernel height is at most 256.", kPools,
       check_pool_kernel_height},
      {"pool_kernel_area", "Pooling kernel width x height is at most 65536.", kPools,
       check_pool_kernel_area},
      {"same_average_pool_kernel",
       "AVERAGE_POOL_2D with SAME padding has a kernel of at most 8x8.",
       {OpType::kAveragePool2d},
       check_same_average_pool_kernel},
      {"constant_weights", "Weights are a constant int8 or uint8 tensor.", kWeighted,
       check_constant_weights},
      {"weight_quantization",
       "Weights are quantized per tensor or per output channel (axis 0; axis 3 for depthwise), "
       "with zero points 0.",
       kWeighted, check_weight_quantization},
      {"weight_sum",
       "The sum of |weight - zero point| of each output channel is at most 8,323,072 (127 x "
       "65536).",
       kWeighted, check_weight_sum},
      {"bias_range",
       "The bias is int32, or int64 with every value within 40 bits (|b| <= 2^40 - 1); "
       "TRANSPOSE_CONV's may also be int16 (16x8).",
       kWeighted, check_bias_range},
      {"weighted_16x8",
       "With an int16 input (TFLite's 16x8 scheme) the output is int16, both have zero point 0 "
       "and the weights are int8; with an int64 bias or none (TFLite accumulates in int64), "
       "|bias| + 2^15 x the sum of |weight| of each output channel is below 2^39 (the NPU's "
       "40-bit accumulator) and no scaled accumulator can leave 32 bits (TFLite truncates it, the "
       "NPU saturates). An int32 bias accumulates in 32 bits on both.",
       kWeighted, check_weighted_16x8},
      {"depth_multiplier",
       "DEPTHWISE_CONV_2D has depth multiplier 1, or input depth 1 and output depth equal to the "
       "multiplier.",
       {OpType::kDepthwiseConv2d},
       check_depth_multiplier},
      {"transpose_conv",
       "TRANSPOSE_CONV has CONV_2D's int8 or 16x8 types and a [1,H,W,filter depth] output, and "
       "every axis along which its input has more than one element has stride 1 or 2, the same "
       "on both: it runs as Vela runs it, a stride-1 convolution with the filter turned by 180 "
       "degrees over the input upscaled by 2 with zeros (IFM_UPSCALE ZEROS; not upscaled for "
       "stride 1), padded kernel - 1 - TFLite's pad before, within the padding registers. The "
       "pass convert_transpose_conv_strides first rewrites one with other strides (batch 1, at "
       "most 1 MiB of zero-point images) as a CONCATENATION with zero-point images, a "
       "BATCH_TO_SPACE_ND that interleaves them, a PAD and a stride-1 CONV_2D, where the NPU "
       "runs all four.",
       {OpType::kTransposeConv},
       check_transpose_conv},
      {"mean_axes",
       "MEAN has constant axes and reduces a [1,H,W,C] input over height and/or width, or any "
       "input whose reduced axes (size-1 axes aside) are contiguous: the same bytes as [1, kept "
       "before, reduced, kept after] reduced over the width, each at most 65535.",
       {OpType::kMean},
       check_mean_axes},
      {"mean_area",
       "MEAN reduces a window (the reduced height and/or width, or the reduced block as a width) "
       "at most 64 high and of at most 4096 elements: one depthwise kernel of ones.",
       {OpType::kMean},
       check_mean_area},
      {"mean_requantize",
       "MEAN is int8 or int16 (input and output alike), and TFLite's "
       "multiplier (input scale / output scale with 1/n folded in) has an exponent in -32..31 "
       "whose left shift cannot make TFLite's int32 (sum - zero point x n) wrap (the NPU's "
       "product does not wrap).",
       {OpType::kMean},
       check_mean_requantize},
      {"arg_max",
       "ARG_MAX has an int8 input, a constant axis naming its last axis of at most 256 values "
       "(each value and its index pack into 16 bits), an int32 or int64 output (its index "
       "tensor, not a feature map) and 1 to 65535 rows.",
       {OpType::kArgMax},
       check_arg_max},
      {"softmax_beta",
       "SOFTMAX has a positive beta and equal input and output shapes.",
       {OpType::kSoftmax},
       check_softmax_beta},
      {"matching_types",
       "ABS, MAXIMUM, MINIMUM, RSQRT and SQUARED_DIFFERENCE have inputs of the output's type.",
       kTypedElementwise, check_matching_types},
      {"ofm_shaped_input",
       "ABS, MAXIMUM, MINIMUM and SQUARED_DIFFERENCE have an input of the output's shape (the "
       "NPU broadcasts only the other one).",
       kOfmShapedInput, check_ofm_shaped_input},
      {"min_max_quantization",
       "MAXIMUM and MINIMUM inputs have the output's scale and zero point (the NPU compares "
       "without rescaling).",
       kMinMax, check_min_max_quantization},
      {"int8_lookup_input",
       "RSQRT has an int8 input (a 256-entry lookup table).",
       {OpType::kRsqrt},
       check_int8_lookup_input},
      {"prelu_lookup",
       "PRELU is int8 with one alpha value (a 256-entry table). The pass decompose_prelu first "
       "rewrites any other PRELU as MAXIMUM (or MINIMUM) of a QUANTIZE (the x >= 0 branch) and a "
       "MUL by alpha (the x < 0 branch) where, for every input value and every alpha value, that "
       "is the branch TFLite selects, else (alphas on both sides of 1) as ADD of that QUANTIZE of "
       "MAXIMUM(input, its zero point) and that MUL of MINIMUM(input, its zero point), checked the "
       "same way, where the NPU runs all of them.",
       {OpType::kPrelu},
       check_prelu_lookup},
      {"requantize_scale",
       "QUANTIZE with an int16 input or output, or between uint8 and int8 (a rescaling 1x1 "
       "pool) has zero points within 16 "
       "bits, and a scale ratio whose left shift cannot make TFLite's int32 (input - zero point) "
       "* 2^shift + output zero point wrap (the NPU's output stage would saturate instead).",
       {OpType::kQuantize},
       check_requantize_scale},
      {"slice_box",
       "SLICE/STRIDED_SLICE: begin and size (begin, end and strides) are constant, every stride "
       "is positive, ellipsis_mask and new_axis_mask are 0: a copy of the sub-box whose byte "
       "strides are the input's times the slice's (Vela 3.10 copies stride 1 only).",
       kSlices, check_slice_box},
      {"slice_npu_axes",
       "The sliced box, with its size-1 axes dropped and the axes contiguous in the input merged, "
       "has at most three axes (height, width and depth in bytes), each at most 65535: the NPU "
       "addresses a feature map by a row stride, a column stride and contiguous channels.",
       kSlices, check_slice_npu_axes},
      {"concatenation_inputs",
       "CONCATENATION/PACK inputs (a constant one copied from the operator's constants) are of "
       "the output's type and rank "
       "(PACK: one less), and "
       "each input's box in the output has at most three axes of at most 65535 once merged as "
       "for slices (one pass-through copy per input).",
       {OpType::kConcatenation, OpType::kPack},
       check_concatenation_inputs},
      {"resize_nearest",
       "RESIZE_NEAREST_NEIGHBOR of a [1,H,W,C] tensor keeps height and width, or doubles both "
       "(output 2N or 2N-1) where TFLite's nearest source row and column of every output y is "
       "y / 2: the IFM's nearest 2x upscale (Vela 3.10 upscales by 2 in hardware).",
       {OpType::kResizeNearestNeighbor},
       check_resize_nearest},
      {"resize_bilinear",
       "RESIZE_BILINEAR of an int8 [1,H,W,C] tensor is a 2x upscale of height and width as "
       "TFLite computes it (output 2N, or 2N - 1 with align_corners; not half-pixel centers): "
       "a 2x2 average pool over the IFM's nearest 2x upscale.",
       {OpType::kResizeBilinear},
       check_resize_bilinear},
      {"transpose_permutation",
       "TRANSPOSE has a constant permutation that, without the input's size-1 axes and with the "
       "runs of input axes that stay adjacent in the output merged into blocks, swaps two blocks "
       "in front of an unchanged innermost one, each block at most 65535 (one copy whose output "
       "strides swap the blocks): Vela 3.10's U55 permutations (WxC -> CxW; HxWxC -> WxHxC, "
       "1xWxC -> 1xCxW, Hx1xC -> Cx1xH; behind a batch of 1) and NHWC <-> NCHW.",
       {OpType::kTranspose},
       check_transpose_permutation},
      {"pad_boxes",
       "PAD/PADV2 (one not folded into a following convolution or pool) are int8 or int16 with "
       "constant paddings and input, output (and PADV2's constant) quantized alike; the input's "
       "box in the output and each border box (per padded axis, "
       "the slabs before and after the input) have at most three axes of at most 65535 once "
       "merged as for slices: a copy of the input and, per border box, a fill with the pad "
       "value (PAD: the output zero point, int16 0; PADV2: the constant; an int16 value of two "
       "different bytes is written as 16-bit elements).",
       kPads, check_pad_boxes},
      {"mirror_pad_boxes",
       "MIRROR_PAD (REFLECT or SYMMETRIC) has constant paddings no wider than the mode mirrors, "
       "and the input's box in the output and every padded slab (one index along a padded axis, "
       "whole along the axes before it, the input's extent along those after) have at most three "
       "axes of at most 65535 once merged as for slices: a copy of the input, then one copy per "
       "padded index from the slab it mirrors.",
       {OpType::kMirrorPad},
       check_mirror_pad_boxes},
      {"rearrange_boxes",
       "DEPTH_TO_SPACE/SPACE_TO_DEPTH: a [N,H,W,C] tensor of one element type whose shapes "
       "match the block size, one copy per position of the b x b block (rows of every image, "
       "each axis at most 65535); REVERSE_V2: contiguous constant axes whose product is at most "
       "256, one copy per reversed slab; BROADCAST_TO: at most 256 copies of the input, one per "
       "index of the expanded axes; ZEROS_LIKE: the output cleared in one pass; SPACE_TO_BATCH_ND "
       "/ "
       "BATCH_TO_SPACE_ND: constant block sizes and paddings/crops, one copy per batch image (at "
       "most 255; SPACE_TO_BATCH_ND clears the output first). Every box has at "
       "most three axes of at most 65535 once merged as for slices.",
       rearrangement_types(), check_rearrange_boxes},
      {"npu_lowering",
       "vnpu's code generator lowers the operator type (compiler/codegen/lowered_types.h); the "
       "other types above pass the hardware rules but stay on the CPU until they are lowered.",
       {},
       check_npu_lowering},
  };
  return kRules;
}

const SupportRule* find_support_rule(const std::string& name) {
  for (const SupportRule& rule : support_rules()) {
    if (name == rule.name) return &rule;
  }
  return nullptr;
}

bool rule_applies(const SupportRule& rule, ir::OpType type) {
  return rule.applies_to.empty() ||
         std::find(rule.applies_to.begin(), rule.applies_to.end(), type) != rule.applies_to.end();
}

}  // namespace vnpu::compiler
