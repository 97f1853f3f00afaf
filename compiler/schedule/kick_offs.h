// The kick-offs of one lowered operator and their placement in memory. The
// lowering puts every feature map at offset 0 and keeps one encoded weight
// range per depth slice; here a slice becomes its own kick-off, feature maps
// move to their arena offsets and weight streams point where the weights are
// read from (in place in the constant region, or a DMA buffer).
#pragma once

#include <cstdint>
#include <vector>

#include "compiler/codegen/lower_op.h"
#include "isa/opcodes.h"
#include "isa/register_state.h"

namespace vnpu::compiler {

struct KickOff {
  isa::RegisterState state;
  isa::Cmd0 opcode = isa::Cmd0::kOpConv;
  uint16_t param = 0;
  int32_t weight_range = -1;  // index into the operator's encoded ranges; -1: no weights
};

// One kick-off per encoded weight range (OFM channels [begin, end) of the
// range, and the same IFM channels for a depthwise convolution), or one
// kick-off for an operator without weights.
std::vector<KickOff> split_into_kick_offs(const LoweredOp& lowered);

// Adds the placement's arena offsets to the IFM, IFM2 (a feature-map second
// operand only) and OFM bases; for an elementwise kick-off with swapped
// operands the IFM is op.inputs[1] (placement.ifm2_offset) and IFM2 op.inputs[0].
void relocate_feature_maps(const FeatureMapPlacement& placement, KickOff* kick_off);

// Bytes [begin, end) of one range's scale and weight streams in the encoded
// buffer (they are adjacent: isa/weight_encoder.h).
struct ByteRange {
  uint64_t begin = 0;
  uint64_t end = 0;
  uint64_t size() const { return end - begin; }
};
ByteRange weight_chunk(const isa::EncodedWeightRange& range);

// Points the weight and scale stream registers at `range`, whose chunk starts
// at `chunk_base` in `region`.
void point_weight_streams(const isa::EncodedWeightRange& range, uint8_t region, uint64_t chunk_base,
                          KickOff* kick_off);

}  // namespace vnpu::compiler
