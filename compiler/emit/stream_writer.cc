#include "compiler/emit/stream_writer.h"

#include <algorithm>

#include "isa/command_encoder.h"

namespace vnpu::compiler {
namespace {

struct Access {
  uint8_t region = 0;
  uint64_t begin = 0;
  uint64_t end = 0;
};

// Two depth slices of one operator write disjoint channels of the same rows.
bool depth_slices_of_one_op(const KickOff& a, const KickOff& b) {
  return a.weight_range >= 0 && b.weight_range >= 0 && a.weight_range != b.weight_range &&
         a.state.ofm.tile_base[0] != b.state.ofm.tile_base[0] &&
         a.state.ofm.height_m1 == b.state.ofm.height_m1;
}

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

// Bytes spanned by an NHWC feature map of h x w x d: tile 0's rows, and the
// rows below HEIGHT0 from tile 2 (a ring buffer's wrap).
void add_map_spans(const isa::FeatureMapState& fm, uint32_t height, uint32_t width, uint32_t depth,
                   std::vector<Access>* spans) {
  const uint32_t top_rows = std::min(height, fm.height0_m1 + 1);
  auto span = [&](uint64_t base, uint32_t rows) {
    const uint64_t last =
        (rows - 1) * fm.stride_y + (width - 1) * fm.stride_x + (depth - 1) * fm.stride_c;
    spans->push_back({fm.region, base, base + last + 1});
  };
  span(fm.tile_base[0], top_rows);
  if (height > top_rows) span(fm.tile_base[2], height - top_rows);
}

struct KickOffAccesses {
  std::vector<Access> reads;
  std::vector<Access> writes;
};

KickOffAccesses accesses(const KickOff& kick_off) {
  const isa::RegisterState& s = kick_off.state;
  KickOffAccesses result;
  // The IFM rows the kick-off reads: its extent from the OFM size and padding.
  const uint32_t ifm_rows = s.ofm.height_m1 * s.kernel.stride_y + s.kernel.height_m1 + 1 -
                            s.ifm.pad_top - s.ifm.pad_bottom;
  const uint32_t ifm_rows_read =
      kick_off.opcode == isa::Cmd0::kOpElementwise ? s.ofm.height_m1 + 1 : ifm_rows;
  add_map_spans(s.ifm, ifm_rows_read, s.ifm.width0_m1 + 1, s.ifm.depth_m1 + 1, &result.reads);
  if (kick_off.opcode == isa::Cmd0::kOpElementwise && !s.ifm2.scalar) {
    add_map_spans(s.ifm2, s.ifm2.height0_m1 + 1, s.ifm2.width0_m1 + 1, s.ifm.depth_m1 + 1,
                  &result.reads);
  }
  if (kick_off.weight_range >= 0) {
    result.reads.push_back({s.weights.region, s.weights.base, s.weights.base + s.weights.length});
    result.reads.push_back({s.scales.region, s.scales.base, s.scales.base + s.scales.length});
  }
  add_map_spans(s.ofm, s.ofm.height_m1 + 1, s.ofm.width_m1 + 1, s.ofm.depth_m1 + 1, &result.writes);
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
isa::DmaState lut_dma_state(const PlacedTable& table, uint64_t shram_bytes) {
  constexpr uint64_t kLutAreaBytes = 2048;
  isa::DmaState state;
  state.src_region = kConstantRegion;
  state.src = table.offset;
  state.dst_internal = true;
  state.dst = shram_bytes - kLutAreaBytes;
  state.length = table.table.size();
  return state;
}

}  // namespace

SegmentStream write_segment_stream(const ScheduledSegment& segment, uint64_t shram_bytes) {
  SegmentStream stream;
  stream.op_word_offsets.resize(segment.ops.size());
  isa::CommandBuilder builder;
  isa::RegisterState current;
  KickOffAccesses previous;
  const KickOff* previous_kick_off = nullptr;
  int kernels_issued = 0;
  std::vector<uint8_t> loaded_lut;
  for (const auto& [position, k] : segment.order) {
    const ScheduledOp& op = segment.ops[position];
    std::vector<uint32_t>& offsets = stream.op_word_offsets[position];
    for (const PlacedTable& table : op.luts) {
      if (table.before != k || table.table == loaded_lut) continue;
      // The kernels issued so far may still read the table being replaced.
      if (kernels_issued > 0) builder.operation(isa::Cmd0::kOpKernelWait, 0);
      current.dma = lut_dma_state(table, shram_bytes);
      builder.set_dma(current.dma);
      offsets.push_back(static_cast<uint32_t>(builder.words().size()));
      builder.operation(isa::Cmd0::kOpDmaStart);
      builder.operation(isa::Cmd0::kOpDmaWait, 0);
      loaded_lut = table.table;
    }
    if (op.dmas[k]) {
      if (kernels_issued >= 2) builder.operation(isa::Cmd0::kOpKernelWait, 1);
      current.dma = dma_state(*op.dmas[k]);
      builder.set_dma(current.dma);
      offsets.push_back(static_cast<uint32_t>(builder.words().size()));
      builder.operation(isa::Cmd0::kOpDmaStart);
      builder.operation(isa::Cmd0::kOpDmaWait, 0);
    }
    const KickOff& kick_off = op.kick_offs[k];
    const KickOffAccesses mine = accesses(kick_off);
    isa::RegisterState state = kick_off.state;
    state.dma = current.dma;
    state.blockdep = previous_kick_off == nullptr
                         ? 0
                         : blockdep(previous, mine, depth_slices_of_one_op(*previous_kick_off,
                                                                            kick_off));
    builder.set_state(state);
    current = state;
    offsets.push_back(static_cast<uint32_t>(builder.words().size()));
    builder.operation(kick_off.opcode, kick_off.param);
    previous = mine;
    previous_kick_off = &kick_off;
    ++kernels_issued;
  }
  builder.operation(isa::Cmd0::kOpStop, 0xFFFF);
  stream.words = builder.words();
  return stream;
}

}  // namespace vnpu::compiler
