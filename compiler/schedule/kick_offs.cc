#include "compiler/schedule/kick_offs.h"

#include <algorithm>

namespace vnpu::compiler {

std::vector<KickOff> split_into_kick_offs(const LoweredOp& lowered) {
  KickOff whole;
  whole.state = lowered.state;
  whole.opcode = lowered.kick_off;
  whole.param = lowered.param;
  const std::vector<isa::EncodedWeightRange>& ranges = lowered.weights.ranges;
  if (ranges.empty()) return {whole};
  std::vector<KickOff> kick_offs;
  for (size_t i = 0; i < ranges.size(); ++i) {
    KickOff slice = whole;
    slice.weight_range = static_cast<int32_t>(i);
    const auto begin = static_cast<uint64_t>(ranges[i].ofm_begin);
    const auto depth_m1 = static_cast<uint32_t>(ranges[i].ofm_end - ranges[i].ofm_begin - 1);
    slice.state.ofm.tile_base[0] += begin * slice.state.ofm.stride_c;
    slice.state.ofm.depth_m1 = depth_m1;
    if (slice.opcode == isa::Cmd0::kOpDepthwise) {
      slice.state.ifm.tile_base[0] += begin * slice.state.ifm.stride_c;
      slice.state.ifm.depth_m1 = depth_m1;
    }
    kick_offs.push_back(slice);
  }
  return kick_offs;
}

void relocate_feature_maps(const FeatureMapPlacement& placement, KickOff* kick_off) {
  isa::RegisterState& s = kick_off->state;
  s.ofm.tile_base[0] += placement.ofm_offset;
  if (kick_off->opcode != isa::Cmd0::kOpElementwise) {
    s.ifm.tile_base[0] += placement.ifm_offset;
    return;
  }
  // The placement names op.inputs[0] and [1]; with operand_order swapped the
  // NPU reads op.inputs[1] as its IFM (lower_elementwise.cc).
  // A constant IFM2 is in the constant region, among the operator's constants.
  const bool swapped = s.ifm2.operand_swap;
  s.ifm.tile_base[0] += swapped ? placement.ifm2_offset : placement.ifm_offset;
  if (s.ifm2.scalar) return;
  if (s.ifm2.region == kConstantRegion) {
    s.ifm2.tile_base[0] += placement.weights_offset;
    return;
  }
  s.ifm2.tile_base[0] += swapped ? placement.ifm_offset : placement.ifm2_offset;
}

ByteRange weight_chunk(const isa::EncodedWeightRange& range) {
  ByteRange chunk;
  chunk.begin = std::min(range.scale_offset, range.weight_offset);
  chunk.end = std::max(range.scale_offset + range.scale_length,
                       range.weight_offset + range.weight_length);
  return chunk;
}

void point_weight_streams(const isa::EncodedWeightRange& range, uint8_t region, uint64_t chunk_base,
                          KickOff* kick_off) {
  const uint64_t begin = weight_chunk(range).begin;
  kick_off->state.weights = {region, chunk_base + (range.weight_offset - begin),
                             range.weight_length};
  kick_off->state.scales = {region, chunk_base + (range.scale_offset - begin), range.scale_length};
}

}  // namespace vnpu::compiler
