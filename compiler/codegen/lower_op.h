// Lowers one NPU operator (CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED,
// TRANSPOSE_CONV; and
// MAX_POOL_2D, AVERAGE_POOL_2D, ADD, SUB, MUL: see lower_pool /
// lower_elementwise below) to the register state of its kick-off, its encoded
// weight/scale buffer (one range per depth slice) and a command stream ending
// in NPU_OP_STOP. The scheduler (compiler/schedule/) lowers each operator once
// at offset 0, splits it into one kick-off per weight range and places it.
//
// Contract: the IFM and OFM are int8 NHWC in region 1 (the arena) at the
// placement's offsets; the weight/scale buffer goes to region 0 at
// placement.weights_offset (scale stream first, then the weight stream, as
// Vela lays out a layer's constants: isa/weight_encoder.h). Bias and
// per-channel multipliers are TFLite's (the CPU prepare functions); the NPU
// stores shift = 31 - exponent, rounds DBL and clamps to the fused
// activation's quantized range. FULLY_CONNECTED runs as a 1x1 convolution
// over an IFM of 1 x rows x IN. The block config is searched among those whose
// IFM and accumulator buffers fit the SHRAM of the accelerator
// (choose_block_config).
#pragma once

#include <cstdint>
#include <vector>

#include "core/status.h"
#include "ir/graph.h"
#include "isa/accelerator_config.h"
#include "isa/opcodes.h"
#include "isa/register_state.h"
#include "isa/weight_encoder.h"

namespace vnpu::compiler {

// Byte offsets of the operator's data in the NPU's regions.
struct FeatureMapPlacement {
  uint64_t ifm_offset = 0;      // region kArenaRegion
  uint64_t ofm_offset = 0;      // region kArenaRegion
  uint64_t weights_offset = 0;  // region kConstantRegion, 16-byte aligned
  uint64_t ifm2_offset = 0;     // region kArenaRegion, second operand of ADD
  // OFM channels per encoded weight range (rounded up to a multiple of the
  // block depth); 0: one range for the whole OFM depth. Each range becomes
  // one kick-off of the scheduler (a depth slice whose weights are DMA'd on
  // their own).
  int32_t weight_range_depth = 0;
  // Region kArenaRegion: the operator's scratch buffer, lowering_scratch_bytes
  // long, live only during the operator.
  uint64_t scratch_offset = 0;
  // Region kArenaRegion: every op.inputs[i], for the operators lowered at
  // their final placement that read more than two (CONCATENATION).
  std::vector<uint64_t> input_offsets{};
};

constexpr uint8_t kConstantRegion = 0;
constexpr uint8_t kArenaRegion = 1;
constexpr uint8_t kFastScratchRegion = 2;

// OFM block and SHRAM layout of one operation.
struct BlockConfig {
  int32_t width = 1;
  int32_t height = 1;
  int32_t depth = 8;
  uint32_t ib_end = 0;    // SHRAM KB
  uint32_t ab_start = 0;  // SHRAM KB
};

// One NPU operation of an operator lowered to several (a chain).
struct ChainedKickOff {
  isa::RegisterState state;
  isa::Cmd0 opcode = isa::Cmd0::kOpElementwise;
  uint16_t param = 0;
};

// A lookup table the scheduler DMAs into the SHRAM LUT area before kick-off
// (or chain operation) `before`; up to 2 KB (256 int8 entries per table for
// the activations; 1 KB of int32 entries for int8 SOFTMAX; 512 int32
// (base, slope) entries for a 16-bit table).
struct TableLoad {
  size_t before = 0;
  std::vector<uint8_t> table;
};

struct LoweredOp {
  isa::RegisterState state;  // the registers at the kick-off
  isa::Cmd0 kick_off = isa::Cmd0::kOpConv;
  uint16_t param = 0;        // the kick-off's parameter (pooling / elementwise mode)
  isa::EncodedWeights weights;     // to copy to region 0 at placement.weights_offset
  // The lookup tables ACTIVATION function 16 + k reads at 256 * k bytes of
  // the LUT area, in kick-off order; most operators load one before
  // kick-off 0, a chain may load another part-way.
  std::vector<TableLoad> luts;
  std::vector<uint32_t> commands;  // register writes, the kick-off, NPU_OP_STOP
  // An operator lowered to several NPU operations (SOFTMAX) lists them here,
  // already placed at the placement's IFM, OFM and scratch offsets (the
  // scheduler lowers it after planning the arena); `state`, `kick_off` and
  // `param` are then unused and there are no weights.
  std::vector<ChainedKickOff> chain;
};

struct BlockProblem {
  int32_t ofm_height = 1;
  int32_t ofm_width = 1;
  int32_t ofm_depth = 1;
  int32_t kernel_height = 1;  // dilated
  int32_t kernel_width = 1;
  int32_t stride_y = 1;
  int32_t stride_x = 1;
  int32_t ifm_block_depth = 32;  // 0: equal to the OFM block depth (depthwise)
  int32_t ifm_element_bytes = 1;  // 2 for a 16-bit IFM: its SHRAM buffer doubles
  int32_t accumulator_bytes = 4;  // 5 for 40-bit accumulators (a 16-bit IFM with an int64 bias)
  // Inputs of the cycle estimate that ranks the fitting blocks (block_config.h).
  enum class Kind : uint8_t { kConvolution, kDepthwise, kPooling, kElementwise };
  Kind kind = Kind::kConvolution;  // a convolution with ifm_block_depth 0 counts as depthwise
  int32_t ifm_depth = 0;           // 0: ifm_block_depth, or the OFM depth if that is 0
  int32_t dilation_y = 1;          // kernel_height/width above are dilated
  int32_t dilation_x = 1;
  bool part_kernel_first = false;  // weight order of a convolution
};

// The OFM block with the fewest estimated cycles (block_config.h, perf_model.md
// §8) among those (clipped to the OFM, at most 64x32x64, multiples of the OFM
// micro-block) whose SHRAM layout fits: 2 reserved
// output banks, then a double-buffered IFM block ((block - 1) * stride +
// min(kernel, 8) per axis, times the IFM block depth, in 1 KB banks) ending at
// ib_end, then free banks, then accumulators (block volume * accumulator_bytes)
// from ab_start to the end of the usable SHRAM (2 banks are left unused on
// SHRAMs above 16 KB, as Vela does). Vela's rules: facts §2.7.
Expected<BlockConfig> choose_block_config(const BlockProblem& problem,
                                          const isa::AcceleratorConfig& config);

// Bytes of arena scratch the lowering of `op` needs while it runs (0 for an
// operator lowered to one kick-off); a non-zero answer makes the scheduler
// plan the scratch first and lower the operator at its final placement.
int64_t lowering_scratch_bytes(const ir::Graph& graph, const ir::Operator& op);

// invalid_input/unsupported naming the operator and the operand when the
// operator is not one of the three, not int8 or 16x8 (int16 input and output
// with zero point 0, int8 weights), has a depth multiplier other than 1,
// strides above 3, dilations above 2, paddings beyond the register fields, a
// multiplier exponent the NPU cannot hold, a 16x8 accumulator that could leave
// 40 bits or a scaled one 32 bits, or does not fit.
Expected<LoweredOp> lower_operator(const ir::Graph& graph, const ir::Operator& op,
                                   const isa::AcceleratorConfig& config,
                                   const FeatureMapPlacement& placement);

// For a CONV_2D, DEPTHWISE_CONV_2D or FULLY_CONNECTED with an int16 input
// (TFLite's 16x8 scheme): unsupported naming the operand unless the output is
// int16, both have zero point 0 and the weights are int8, and, where TFLite
// accumulates in int64 (an int64 bias or none), unless every accumulator stays
// within the NPU's 40 bits (|bias| + 2^15 x the channel's sum of |weight| <
// 2^39) and every scaled value within 32 bits. ok for other operators and
// for geometries lower_operator refuses itself. (The support rule
// "weighted_16x8" and lower_operator both apply it.)
Status check_16x8_operands(const ir::Graph& graph, const ir::Operator& op);

// For a TRANSPOSE_CONV (lowered as Vela does: a stride-1 CONV over the input
// upscaled by 2 with zeros, IFM_UPSCALE ZEROS, or not at all for stride 1, the
// filter rotated by 180 degrees, padding kernel - 1 - TFLite's pad before):
// unsupported naming the problem unless its types are those of CONV_2D's
// int8 or 16x8 lowering, the output is [1,H,W,filter depth], every axis along
// which the input has more than one element has stride 1 or 2, the same on
// both, and the padding fits the registers. ok for other operators. (The
// support rule "transpose_conv" and lower_operator apply it.)
Status check_transpose_conv_operands(const ir::Graph& graph, const ir::Operator& op);

// The tensors the operator's kick-off reads from the arena, the IFM first
// (FeatureMapPlacement::ifm_offset, then ifm2_offset): every input of
// CONCATENATION and PACK, two of the binary elementwise operators, the third
// operand of TRANSPOSE_CONV (after output_shape and the filter), else the first.
std::vector<int32_t> feature_map_inputs(const ir::Operator& op);

// The window one DEPTHWISE kernel of ones reduces for a MEAN: a [1,H,W,C]
// input over height and/or width as it is; any other input whose reduced
// axes (size-1 axes aside) are contiguous as [1, kept before, reduced, kept
// after] over the width. unsupported (or invalid_input for a bad axis) naming
// why there is none: int8/int16 types differ, axes are not constant, not
// contiguous, or a viewed dimension exceeds 65535.
struct MeanWindow {
  int32_t width = 1;
  int32_t height = 1;
};
Expected<MeanWindow> mean_window(const ir::Graph& graph, const ir::Operator& op);

// For a MEAN (lowered as a DEPTHWISE kernel of ones over the reduced height
// and/or width, the multiplier TFLite folds 1/n into, DBL rounding):
// unsupported naming the problem unless input and output are both int8 or
// both int16, mean_window finds the window, the multiplier's exponent is in -32..31 and its left
// shift cannot make TFLite's int32 (sum - zero point x n) wrap. ok for other operators. (The
// support rule "mean_requantize" and lower_operator apply it.)
Status check_mean_operands(const ir::Graph& graph, const ir::Operator& op);

// MAX_POOL_2D / AVERAGE_POOL_2D to one NPU_OP_POOL (lower_pool.cc): int8 or
// int16, equal input and output quantization, strides 1..3, filters up to 256
// (8x8 for a padded or int16 average pool); no weights. Reached through
// lower_operator.
Expected<LoweredOp> lower_pool(const ir::Graph& graph, const ir::Operator& op,
                               const isa::AcceleratorConfig& config,
                               const FeatureMapPlacement& placement);

// ADD, SUB, MUL, MAXIMUM and MINIMUM of two int8 tensors, or two int16
// tensors with zero points 0 (TFLite's 16x8 scheme), to one
// NPU_OP_ELEMENTWISE (lower_elementwise.cc): Vela's advanced scaling for
// ADD/SUB, OFM_SCALE = s1 * s2 / s_out for MUL, no rescaling for MAX/MIN
// (inputs quantized as the output, else refused), the fused activation's clamp.
// One operand may be broadcast (size 1 where the output is not): it becomes
// IFM2 with IFM2_BROADCAST flags, and operand_order swaps the operands back
// when it is op.inputs[0]. op.inputs[0] is at placement.ifm_offset and
// op.inputs[1] at placement.ifm2_offset, whichever the NPU reads as IFM.
bool is_binary_elementwise(ir::OpType type);
Expected<LoweredOp> lower_elementwise(const ir::Graph& graph, const ir::Operator& op,
                                      const isa::AcceleratorConfig& config,
                                      const FeatureMapPlacement& placement);

// LOGISTIC, TANH, HARD_SWISH, LEAKY_RELU, RELU, RELU6, RELU_N1_TO_1,
// QUANTIZE, RSQRT and PRELU with one constant alpha, int8 in and out (lower_lut.cc): a 1x1 MAX pool through a 256-entry
// lookup table tabulated with the CPU reference kernel. Refused on SHRAMs of
// 16 KB, where the table area overlaps the accumulators.
bool is_lut_operator(ir::OpType type);
Expected<LoweredOp> lower_lut(const ir::Graph& graph, const ir::Operator& op,
                              const isa::AcceleratorConfig& config,
                              const FeatureMapPlacement& placement);

// QUANTIZE between int16 and int8/int16 (int16 -> int8, int16 -> int16, int8 ->
// int16) or between uint8 and int8 (lower_requantize.cc; unsigned 8-bit maps):
// one 1x1 AVERAGE pool whose IFM zero point is
// the input's, OFM_SCALE TFLite's effective multiplier (Q31 significand,
// right shift 31 - shift) in DBL rounding, and OFM zero point the output's:
// TFLite's MultiplyByQuantizedMultiplier bit for bit. An int8 -> int8 QUANTIZE
// goes through lower_lut instead.
bool is_rescaling_quantize(const ir::Graph& graph, const ir::Operator& op);
// OFM_SCALE of such a QUANTIZE, or unsupported (with the reason) when the NPU
// result could differ from TFLite's: a zero point outside 16 bits, or a left
// shift under which TFLite's int32 arithmetic wraps. The support rule
// "requantize_scale" reports the same refusal.
Expected<isa::ScaleRegister> requantize_ofm_scale(const ir::Graph& graph, const ir::Operator& op);
Expected<LoweredOp> lower_requantize(const ir::Graph& graph, const ir::Operator& op,
                                     const isa::AcceleratorConfig& config,
                                     const FeatureMapPlacement& placement);

// RELU and RELU6 on int16 (lower_requantize.cc): the same rescaling 1x1
// AVERAGE pool as an int16 QUANTIZE with the activation's clamp: RELU
// requantizes as TFLite's ReluQuantized does (refused, with the reason, where
// its int32 could wrap), RELU6 clamps in the input's quantization.
bool is_int16_relu(const ir::Graph& graph, const ir::Operator& op);
Expected<LoweredOp> lower_int16_relu(const ir::Graph& graph, const ir::Operator& op,
                                     const isa::AcceleratorConfig& config,
                                     const FeatureMapPlacement& placement);

// ABS, int8, or quantized int16 with zero points 0 (lower_abs.cc): one unary NPU_OP_ELEMENTWISE in ABS
// mode, OFM_SCALE = TFLite's in/out multiplier (1 when the scales match).
Expected<LoweredOp> lower_abs(const ir::Graph& graph, const ir::Operator& op,
                              const isa::AcceleratorConfig& config,
                              const FeatureMapPlacement& placement);

// SQUARED_DIFFERENCE, int8 or int16 with zero points 0
// (lower_squared_difference.cc): a chain of elementwise operations (MULs by
// TFLite's 2^shift with its input multipliers, a SUB (int16: -|difference|
// by two SUBs and a MIN), a MUL of the difference by itself with the output
// multiplier) over int16 intermediates in a scratch buffer of
// squared_difference_scratch_bytes (0 when the operator cannot be lowered).
// Broadcasting as lower_elementwise.
int64_t squared_difference_scratch_bytes(const ir::Graph& graph, const ir::Operator& op);
Expected<LoweredOp> lower_squared_difference(const ir::Graph& graph, const ir::Operator& op,
                                             const isa::AcceleratorConfig& config,
                                             const FeatureMapPlacement& placement);

// ARG_MAX, int8 along the last axis (at most 256 values) into int32 or int64
// (lower_arg_max.cc): a chain that packs each value and its reversed index
// into int16 keys, takes the maxima of the keys and of the values across the
// axis, and recovers the index; scratch of arg_max_scratch_bytes (0 when the
// operator cannot be lowered); check_arg_max says why it cannot.
Status check_arg_max(const ir::Graph& graph, const ir::Operator& op);
int64_t arg_max_scratch_bytes(const ir::Graph& graph, const ir::Operator& op);
Expected<LoweredOp> lower_arg_max(const ir::Graph& graph, const ir::Operator& op,
                                  const isa::AcceleratorConfig& config,
                                  const FeatureMapPlacement& placement);

// SOFTMAX on int16 (lower_softmax16.cc): TFLite's algorithm as a chain of
// NPU operations whose two interpolated tables run in the output stage's
// 16-bit lookup table, one loaded part-way; scratch of softmax16_scratch_bytes
// (0 when the operator cannot be lowered).
bool is_int16_softmax(const ir::Graph& graph, const ir::Operator& op);
int64_t softmax16_scratch_bytes(const ir::Graph& graph, const ir::Operator& op);
Expected<LoweredOp> lower_softmax16(const ir::Graph& graph, const ir::Operator& op,
                                    const isa::AcceleratorConfig& config,
                                    const FeatureMapPlacement& placement);

// LOGISTIC and TANH on int16 (lower_sigmoid16.cc): TFLite's table
// interpolation computed by a chain of int32 elementwise operations with two
// 256-entry int32 tables; scratch of sigmoid16_scratch_bytes (0 when the
// operator cannot be lowered).
bool is_int16_sigmoid_like(const ir::Graph& graph, const ir::Operator& op);
int64_t sigmoid16_scratch_bytes(const ir::Graph& graph, const ir::Operator& op);
Expected<LoweredOp> lower_sigmoid16(const ir::Graph& graph, const ir::Operator& op,
                                    const isa::AcceleratorConfig& config,
                                    const FeatureMapPlacement& placement);

// LEAKY_RELU on int16 (lower_leaky_relu.cc): the identity and alpha
// branches as two MULs by a scalar 1 with TFLite's multipliers into an int16
// scratch buffer of leaky_relu_scratch_bytes (0 when the operator cannot be
// lowered), then their MAX (0 <= alpha <= 1) or MIN (alpha > 1), as checked
// over every int16 input.
bool is_int16_leaky_relu(const ir::Graph& graph, const ir::Operator& op);
int64_t leaky_relu_scratch_bytes(const ir::Graph& graph, const ir::Operator& op);
Expected<LoweredOp> lower_leaky_relu(const ir::Graph& graph, const ir::Operator& op,
                                     const isa::AcceleratorConfig& config,
                                     const FeatureMapPlacement& placement);

// Whether the operator reads two feature maps from the arena (op.inputs[0]
// at placement.ifm_offset, op.inputs[1] at placement.ifm2_offset).
bool reads_two_feature_maps(ir::OpType type);

// SLICE and STRIDED_SLICE (stride 1) to one NPU_OP_POOL that copies the
// sub-box (lower_slice.cc, slice_box.h): a 1x1 int8 MAX pass-through whose
// IFM is the box inside op.inputs[0] (base at its first byte, the input's row
// and column strides); elements wider than a byte are copied as several int8
// channels. Refused when the box needs more than three NPU axes.
Expected<LoweredOp> lower_slice(const ir::Graph& graph, const ir::Operator& op,
                                const isa::AcceleratorConfig& config,
                                const FeatureMapPlacement& placement);

// RESIZE_NEAREST_NEIGHBOR of a [1,H,W,C] tensor to one such copy, through
// the IFM's nearest 2x upscale when it doubles height and width
// (nearest_resize_kind in slice_box.h).
// RESIZE_BILINEAR of int8 [1,H,W,C] where TFLite's source rows and columns
// are those of a 2x upscale (output 2N, or 2N - 1 with align_corners; not
// half-pixel centers): a 2x2 AVERAGE pool over the IFM's nearest 2x upscale
// (lower_resize_bilinear.cc says why it is exact). check_bilinear_upscale is
// unsupported, naming the shapes, otherwise (the support rule
// "resize_bilinear" applies it too).
Status check_bilinear_upscale(const ir::Graph& graph, const ir::Operator& op);
Expected<LoweredOp> lower_resize_bilinear(const ir::Graph& graph, const ir::Operator& op,
                                          const isa::AcceleratorConfig& config,
                                          const FeatureMapPlacement& placement);

Expected<LoweredOp> lower_resize_nearest(const ir::Graph& graph, const ir::Operator& op,
                                         const isa::AcceleratorConfig& config,
                                         const FeatureMapPlacement& placement);

// TRANSPOSE of the permutations Vela 3.10 runs on the U55 (transpose_boxes in
// slice_box.h) to one such copy whose OFM strides swap the two axes.
Expected<LoweredOp> lower_transpose(const ir::Graph& graph, const ir::Operator& op,
                                    const isa::AcceleratorConfig& config,
                                    const FeatureMapPlacement& placement);

// CONCATENATION (and PACK) to a chain of such copies, one per input, each writing the
// input (at placement.input_offsets[i]) into its box of the output. Lowered
// at its final placement (lowered_at_placement).
Expected<LoweredOp> lower_concatenation(const ir::Graph& graph, const ir::Operator& op,
                                        const isa::AcceleratorConfig& config,
                                        const FeatureMapPlacement& placement);

// PAD and PADV2 to a chain: the input copied into its box of the output, then
// each border box filled with the pad byte (pad_boxes in slice_box.h).
// Lowered at its final placement (lowered_at_placement).
Expected<LoweredOp> lower_pad(const ir::Graph& graph, const ir::Operator& op,
                              const isa::AcceleratorConfig& config,
                              const FeatureMapPlacement& placement);

// MIRROR_PAD to a chain: the input copied into its box of the output, then
// each padded slab copied from the slab it mirrors (mirror_pad_boxes in
// slice_box.h). Lowered at its final placement (lowered_at_placement).
Expected<LoweredOp> lower_mirror_pad(const ir::Graph& graph, const ir::Operator& op,
                                     const isa::AcceleratorConfig& config,
                                     const FeatureMapPlacement& placement);

// DEPTH_TO_SPACE, SPACE_TO_DEPTH, REVERSE_V2, BROADCAST_TO and ZEROS_LIKE to
// a chain of copies from the input to the output, or for ZEROS_LIKE a
// pass of the output onto itself clamped to 0 (rearrange_boxes in slice_box.h). Lowered at its
// final placement (lowered_at_placement).
bool is_rearrangement(ir::OpType type);
Expected<LoweredOp> lower_rearrangement(const ir::Graph& graph, const ir::Operator& op,
                                        const isa::AcceleratorConfig& config,
                                        const FeatureMapPlacement& placement);

// True for the operators the scheduler lowers after planning the arena, at
// their final offsets: those with a scratch buffer (lowering_scratch_bytes)
// and CONCATENATION, PACK, PAD, MIRROR_PAD and the rearrangements (one kick-off
// per input tensor, border box, mirrored slab or copy).
bool lowered_at_placement(const ir::Graph& graph, const ir::Operator& op);

// SOFTMAX, int8 in and int8 out (scale 1/256, zero point -128), over the last
// dimension (lower_softmax.cc): Vela's chain of about 30 NPU operations, the
// exp table (256 int32 entries) in `lut` and the int32 intermediates in a
// scratch buffer of softmax_scratch_bytes (0 when the operator cannot be
// lowered). Refused on 16 KB SHRAMs, for depths above 4095 and above 65536 rows.
int64_t softmax_scratch_bytes(const ir::Graph& graph, const ir::Operator& op);
Expected<LoweredOp> lower_softmax(const ir::Graph& graph, const ir::Operator& op,
                                  const isa::AcceleratorConfig& config,
                                  const FeatureMapPlacement& placement);

}  // namespace vnpu::compiler
