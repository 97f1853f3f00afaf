#include "compiler/codegen/stream_writer.h"

#include <algorithm>

#include "isa/command_encoder.h"

namespace vnpu::compiler {
namespace {

struct Access {
  uint8_t region = 0;
  uint64_t begin = 0;
  uint64_t end = 0;
};

bool overlaps(const Access& a, const Access& b) {
  return a.region == b.region && a.begin < b.end && b.begin < a.end;
}

bool any_overlap(const std::vector<Access>& a, const std::vector<Access>& b) {
  for (const Access& x : a) {
    for (const Access& y : b) {
      if (overlaps(x, y)) return true;
    }
  }
  return false;
}

// Bytes spanned by an NHWC feature map of h x w x d from tile 0's base.
Access map_span(const isa::FeatureMapState& fm, uint32_t height, uint32_t width, uint32_t depth) {
  const uint64_t last = (height - 1) * fm.stride_y + (width - 1) * fm.stride_x +
                        (depth - 1) * fm.stride_c;
  return {fm.region, fm.tile_base[0], fm.tile_base[0] + last + 1};
}

struct KickOffAccesses {
  std::vector<Access> reads;
  std::vector<Access> writes;
};

KickOffAccesses accesses(const KickOff& kick_off) {
  const isa::RegisterState& s = kick_off.state;
  KickOffAccesses result;
  result.reads.push_back(
      map_span(s.ifm, s.ifm.height0_m1 + 1, s.ifm.width0_m1 + 1, s.ifm.depth_m1 + 1));
  if (kick_off.opcode == isa::Cmd0::kOpElementwise && !s.ifm2.scalar) {
    result.reads.push_back(
        map_span(s.ifm2, s.ifm2.height0_m1 + 1, s.ifm2.width0_m1 + 1, s.ifm.depth_m1 + 1));
  }
  if (kick_off.weight_range >= 0) {
    result.reads.push_back({s.weights.region, s.weights.base, s.weights.base + s.weights.length});
    result.reads.push_back({s.scales.region, s.scales.base, s.scales.base + s.scales.length});
  }
  result.writes.push_back(
      map_span(s.ofm, s.ofm.height_m1 + 1, s.ofm.width_m1 + 1, s.ofm.depth_m1 + 1));
  return result;
}

uint8_t blockdep(const KickOffAccesses& previous, const KickOffAccesses& current, bool same_op) {
  if (any_overlap(previous.writes, current.reads) || any_overlap(current.writes, previous.reads)) {
    return 0;
  }
  if (!same_op && any_overlap(previous.writes, current.writes)) return 0;
  return kMaxBlockdep;
}

isa::DmaState dma_state(const WeightDma& dma) {
  isa::DmaState state;
  state.src_region = kConstantRegion;
  state.dst_region = dma.destination_region;
  state.src = dma.source;
  state.dst = dma.destination;
  state.length = dma.length;
  return state;
}

// Flash -> SHRAM table 0 (the LUT area is the top 2 KB of SHRAM).
isa::DmaState lut_dma_state(const ScheduledOp& op, uint64_t shram_bytes) {
  constexpr uint64_t kLutAreaBytes = 2048;
  isa::DmaState state;
  state.src_region = kConstantRegion;
  state.src = op.lut_offset;
  state.dst_internal = true;
  state.dst = shram_bytes - kLutAreaBytes;
  state.length = op.lut.size();
  return state;
}

}  // namespace

SegmentStream write_segment_stream(const ScheduledSegment& segment, uint64_t shram_bytes) {
  SegmentStream stream;
  isa::CommandBuilder builder;
  isa::RegisterState current;
  KickOffAccesses previous;
  int32_t previous_op = -1;
  int kernels_issued = 0;
  std::vector<uint8_t> loaded_lut;
  for (const ScheduledOp& op : segment.ops) {
    std::vector<uint32_t> offsets;
    if (!op.lut.empty() && op.lut != loaded_lut) {
      if (kernels_issued > 0) builder.operation(isa::Cmd0::kOpKernelWait, 0);
      current.dma = lut_dma_state(op, shram_bytes);
      builder.set_dma(current.dma);
      offsets.push_back(static_cast<uint32_t>(builder.words().size()));
      builder.operation(isa::Cmd0::kOpDmaStart);
      builder.operation(isa::Cmd0::kOpDmaWait, 0);
      loaded_lut = op.lut;
    }
    for (size_t k = 0; k < op.kick_offs.size(); ++k) {
      if (op.dmas[k]) {
        if (kernels_issued >= 2) builder.operation(isa::Cmd0::kOpKernelWait, 1);
        current.dma = dma_state(*op.dmas[k]);
        builder.set_dma(current.dma);
        offsets.push_back(static_cast<uint32_t>(builder.words().size()));
        builder.operation(isa::Cmd0::kOpDmaStart);
        builder.operation(isa::Cmd0::kOpDmaWait, 0);
      }
      const KickOffAccesses mine = accesses(op.kick_offs[k]);
      isa::RegisterState state = op.kick_offs[k].state;
      state.dma = current.dma;
      state.blockdep = kernels_issued == 0 ? 0 : blockdep(previous, mine, previous_op == op.op_index);
      builder.set_state(state);
      current = state;
      offsets.push_back(static_cast<uint32_t>(builder.words().size()));
      builder.operation(op.kick_offs[k].opcode, op.kick_offs[k].param);
      previous = mine;
      previous_op = op.op_index;
      ++kernels_issued;
    }
    stream.op_word_offsets.push_back(std::move(offsets));
  }
  builder.operation(isa::Cmd0::kOpStop, 0xFFFF);
  stream.words = builder.words();
  return stream;
}

}  // namespace vnpu::compiler
