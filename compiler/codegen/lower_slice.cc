// lower_slice: the data-movement operators the NPU runs as copies of boxes of
// bytes, each copy one NPU_OP_POOL: a 1x1 int8 MAX pool with zero points 0
// and the clamp at -128..127 passes every byte through unchanged, as Vela
// turns them into pass-through NPU operations that read or write at an
// offset. Wider elements are copied as that many int8 channels; the copy moves
// bytes, so the quantization (equal for all operands in TFLite Micro) plays
// no part. The boxes come from slice_box.h:
//  - SLICE, STRIDED_SLICE (stride 1): the box inside the input (base at its
//    first byte, the input's row and column strides) into the contiguous output;
//  - CONCATENATION, PACK: one kick-off per input, into its box of the output;
//  - RESIZE_NEAREST_NEIGHBOR: the whole input, through the IFM's nearest 2x
//    upscale where it doubles height and width (nearest_resize_kind);
//  - TRANSPOSE (Vela's U55 permutations): the input read contiguously, each
//    element written at its swapped place (transpose_boxes);
//  - PAD, PADV2: the input into its box of the output, then each border box
//    (pad_boxes) filled by a pass-through of the box onto itself whose clamp
//    is the fill byte alone (min = max), so it writes that byte whatever it reads.
#include <cstdint>
#include <string>
#include <variant>

#include "compiler/codegen/lower_op.h"
#include "compiler/codegen/lowering_common.h"
#include "compiler/codegen/slice_box.h"

namespace vnpu::compiler {
namespace {

// The box as a feature map of `bits`-bit elements (its depth is in bytes).
void set_box_map(const NpuBox& box, uint64_t base, uint8_t bits, isa::FeatureMapState* fm) {
  *fm = detail::nhwc_map(base + static_cast<uint64_t>(box.offset), box.height, box.width,
                         box.depth / (bits / 8), 0, bits);
  fm->stride_x = static_cast<uint64_t>(box.column_stride);
  fm->stride_y = static_cast<uint64_t>(box.row_stride);
}

// The pass-through kick-off copying box `from` (at `from_base`) to box `to`
// (at `to_base`); both have the same sizes. Copies move bytes (`bits` 8); a
// fill whose value needs two bytes writes 16-bit elements.
Expected<isa::RegisterState> box_copy_state(const NpuBox& from, uint64_t from_base,
                                            const NpuBox& to, uint64_t to_base,
                                            const isa::AcceleratorConfig& config,
                                            uint8_t bits = 8) {
  const int32_t depth = to.depth / (bits / 8);
  BlockProblem problem;
  problem.ofm_height = to.height;
  problem.ofm_width = to.width;
  problem.ofm_depth = depth;
  problem.ifm_block_depth = 0;
  problem.ifm_element_bytes = bits / 8;
  problem.kind = BlockProblem::Kind::kPooling;
  Expected<BlockConfig> block = choose_block_config(problem, config);
  if (!block) return block.status();
  isa::RegisterState s;
  set_box_map(from, from_base, bits, &s.ifm);
  s.ifm.depth_m1 = static_cast<uint32_t>(depth - 1);
  s.ifm.round_mode = isa::RoundMode::kDbl;
  set_box_map(to, to_base, bits, &s.ofm);
  detail::set_ofm_geometry(to.height, to.width, depth, *block, &s);
  s.ofm.round_mode = isa::RoundMode::kDbl;
  s.kernel.stride_y = 1;
  s.kernel.stride_x = 1;
  s.activation.min = bits == 16 ? INT16_MIN : -128;
  s.activation.max = bits == 16 ? INT16_MAX : 127;
  s.acc_format = isa::AccFormat::kInt32;
  return s;
}

constexpr auto kPassThrough = static_cast<uint16_t>(isa::PoolingMode::kMax);

int64_t element_bytes_of(const ir::Graph& graph, int32_t tensor) {
  return static_cast<int64_t>(ir::element_size(graph.tensor(tensor).type));
}

// One pass-through pool kick-off with `state`, or unsupported naming the operator.
Expected<LoweredOp> single_copy(const Expected<isa::RegisterState>& state,
                                const std::string& where) {
  if (!state) return Status::unsupported(where + state.status().message());
  LoweredOp lowered;
  lowered.state = *state;
  lowered.kick_off = isa::Cmd0::kOpPool;
  detail::emit_single_kick_off(kPassThrough, &lowered);
  return lowered;
}

}  // namespace

Expected<LoweredOp> lower_slice(const ir::Graph& graph, const ir::Operator& op,
                                const isa::AcceleratorConfig& config,
                                const FeatureMapPlacement& placement) {
  const std::string where = detail::op_prefix(op);
  Expected<SliceBox> box = slice_box(graph, op);
  if (!box) return box.status();
  const ir::Tensor& in = graph.tensor(op.inputs[0]);
  const ir::Tensor& out = graph.tensor(op.outputs[0]);
  if (in.type != out.type) return Status::invalid_input(where + "input and output types differ");
  const int64_t element_bytes = element_bytes_of(graph, op.inputs[0]);
  Expected<NpuBox> npu = npu_box(*box, element_bytes);
  if (!npu) return Status::unsupported(where + npu.status().message());
  if (out.element_count() * element_bytes != int64_t{npu->height} * npu->width * npu->depth) {
    return Status::invalid_input(where + "the output does not hold the slice");
  }
  Expected<isa::RegisterState> state = box_copy_state(
      *npu, placement.ifm_offset, contiguous_box(*npu), placement.ofm_offset, config);
  return single_copy(state, where);
}

Expected<LoweredOp> lower_resize_nearest(const ir::Graph& graph, const ir::Operator& op,
                                         const isa::AcceleratorConfig& config,
                                         const FeatureMapPlacement& placement) {
  const std::string where = detail::op_prefix(op);
  Expected<NearestResize> kind = nearest_resize_kind(graph, op);
  if (!kind) return kind.status();
  const ir::Tensor& in = graph.tensor(op.inputs[0]);
  const ir::Tensor& out = graph.tensor(op.outputs[0]);
  if (in.type != out.type) return Status::invalid_input(where + "input and output types differ");
  const int64_t depth = int64_t{in.shape[3]} * element_bytes_of(graph, op.inputs[0]);
  if (depth > kMaxNpuBoxDim) {
    return Status::unsupported(where + "a depth of " + std::to_string(depth) + " bytes exceeds " +
                               std::to_string(kMaxNpuBoxDim));
  }
  NpuBox from;
  from.height = in.shape[1];
  from.width = in.shape[2];
  from.depth = static_cast<int32_t>(depth);
  NpuBox to = from;
  to.height = out.shape[1];
  to.width = out.shape[2];
  Expected<isa::RegisterState> state = box_copy_state(
      contiguous_box(from), placement.ifm_offset, contiguous_box(to), placement.ofm_offset, config);
  if (state && *kind == NearestResize::kUpscale2x) state->ifm.upscale = isa::UpscaleMode::kNearest;
  return single_copy(state, where);
}

Expected<LoweredOp> lower_transpose(const ir::Graph& graph, const ir::Operator& op,
                                    const isa::AcceleratorConfig& config,
                                    const FeatureMapPlacement& placement) {
  const std::string where = detail::op_prefix(op);
  Expected<TransposeBoxes> boxes = transpose_boxes(graph, op);
  if (!boxes) return boxes.status();
  if (graph.tensor(op.inputs[0]).type != graph.tensor(op.outputs[0]).type) {
    return Status::invalid_input(where + "input and output types differ");
  }
  Expected<isa::RegisterState> state =
      box_copy_state(boxes->from, placement.ifm_offset, boxes->to, placement.ofm_offset, config);
  return single_copy(state, where);
}

Expected<LoweredOp> lower_concatenation(const ir::Graph& graph, const ir::Operator& op,
                                        const isa::AcceleratorConfig& config,
                                        const FeatureMapPlacement& placement) {
  const std::string where = detail::op_prefix(op);
  Expected<std::vector<NpuBox>> boxes = concatenation_boxes(graph, op);
  if (!boxes) return boxes.status();
  if (placement.input_offsets.size() != op.inputs.size()) {
    return Status::internal(where + "lowered without the offsets of its inputs");
  }
  LoweredOp lowered;
  for (size_t i = 0; i < boxes->size(); ++i) {
    const NpuBox& to = (*boxes)[i];
    // A constant input is copied from the operator's constants in region 0,
    // each 16-byte aligned, at placement.weights_offset (the scheduler adds
    // the operator's flash offset).
    const ir::Tensor& input = graph.tensor(op.inputs[i]);
    std::vector<uint8_t>& constants = lowered.weights.buffer;
    if (input.is_constant()) constants.resize((constants.size() + 15) / 16 * 16, 0);
    const uint64_t from = input.is_constant() ? placement.weights_offset + constants.size()
                                              : placement.input_offsets[i];
    Expected<isa::RegisterState> state =
        box_copy_state(contiguous_box(to), from, to, placement.ofm_offset, config);
    if (!state) return Status::unsupported(where + state.status().message());
    if (input.is_constant()) {
      state->ifm.region = kConstantRegion;
      constants.insert(constants.end(), input.data.begin(), input.data.end());
    }
    lowered.chain.push_back({*state, isa::Cmd0::kOpPool, kPassThrough});
  }
  return lowered;
}

Expected<LoweredOp> lower_pad(const ir::Graph& graph, const ir::Operator& op,
                              const isa::AcceleratorConfig& config,
                              const FeatureMapPlacement& placement) {
  const std::string where = detail::op_prefix(op);
  Expected<PadBoxes> boxes = pad_boxes(graph, op);
  if (!boxes) return boxes.status();
  LoweredOp lowered;
  Expected<isa::RegisterState> copy = box_copy_state(
      contiguous_box(boxes->input), placement.ifm_offset, boxes->input, placement.ofm_offset, config);
  if (!copy) return Status::unsupported(where + copy.status().message());
  lowered.chain.push_back({*copy, isa::Cmd0::kOpPool, kPassThrough});
  for (const NpuBox& border : boxes->borders) {
    // An int8 fill, or an int16 one of two equal bytes, is a byte fill as before.
    const bool bytes =
        boxes->element_bits == 8 || static_cast<int8_t>(boxes->fill & 0xFF) == (boxes->fill >> 8);
    Expected<isa::RegisterState> fill =
        bytes ? box_copy_state(border, placement.ofm_offset, border, placement.ofm_offset, config)
              : box_copy_state(border, placement.ofm_offset, border, placement.ofm_offset, config,
                               16);
    if (!fill) return Status::unsupported(where + fill.status().message());
    const int32_t value = bytes ? static_cast<int8_t>(boxes->fill & 0xFF) : boxes->fill;
    fill->activation.min = value;
    fill->activation.max = value;
    lowered.chain.push_back({*fill, isa::Cmd0::kOpPool, kPassThrough});
  }
  return lowered;
}

Expected<LoweredOp> lower_mirror_pad(const ir::Graph& graph, const ir::Operator& op,
                                     const isa::AcceleratorConfig& config,
                                     const FeatureMapPlacement& placement) {
  const std::string where = detail::op_prefix(op);
  Expected<MirrorPadBoxes> boxes = mirror_pad_boxes(graph, op);
  if (!boxes) return boxes.status();
  LoweredOp lowered;
  Expected<isa::RegisterState> copy =
      box_copy_state(contiguous_box(boxes->input), placement.ifm_offset, boxes->input,
                     placement.ofm_offset, config);
  if (!copy) return Status::unsupported(where + copy.status().message());
  lowered.chain.push_back({*copy, isa::Cmd0::kOpPool, kPassThrough});
  for (const BoxCopy& slab : boxes->copies) {
    Expected<isa::RegisterState> state =
        box_copy_state(slab.from, placement.ofm_offset, slab.to, placement.ofm_offset, config);
    if (!state) return Status::unsupported(where + state.status().message());
    lowered.chain.push_back({*state, isa::Cmd0::kOpPool, kPassThrough});
  }
  return lowered;
}

Expected<LoweredOp> lower_rearrangement(const ir::Graph& graph, const ir::Operator& op,
                                        const isa::AcceleratorConfig& config,
                                        const FeatureMapPlacement& placement) {
  const std::string where = detail::op_prefix(op);
  Expected<std::vector<BoxCopy>> copies = rearrange_boxes(graph, op);
  if (!copies) return copies.status();
  LoweredOp lowered;
  for (const BoxCopy& copy : *copies) {
    // A clearing pass reads the output box itself and clamps it to 0 (raw zeros).
    Expected<isa::RegisterState> state =
        box_copy_state(copy.from, copy.clears ? placement.ofm_offset : placement.ifm_offset,
                       copy.to, placement.ofm_offset, config);
    if (!state) return Status::unsupported(where + state.status().message());
    if (copy.clears) state->activation.min = state->activation.max = 0;
    lowered.chain.push_back({*state, isa::Cmd0::kOpPool, kPassThrough});
  }
  return lowered;
}

}  // namespace vnpu::compiler
