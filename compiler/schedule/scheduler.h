// Scheduling of the NPU operators of a partitioned graph: each NPU operator is
// lowered once (feature maps at offset 0), split into kick-offs (one per
// weight depth slice), the arena is planned from tensor lifetimes, and the
// kick-offs are placed: feature maps at their arena offsets, weights either
// read in place from the constant region or DMA'd into SRAM buffers ahead of
// use, as the memory mode calls for:
//   - const area == cache area (Sram_Only): weights are read in place;
//   - otherwise (Shared_Sram, Dedicated_Sram) each operator whose weights are
//     streamed more than once (more than one OFM block in height x width) has them DMA'd
//     into a buffer in the cache memory (the arena when cache area == arena
//     area, else the fast scratch, region 2) during the previous operator; an
//     operator split into depth slices alternates two buffers (double
//     buffering: slice k+1 is fetched while slice k computes).
// The arena-cache budget limits the cache memory. When the buffers do not fit,
// the operator with the largest buffer is cut into more depth slices (down to
// its block depth); when that is not enough its weights are read in place.
// Feature maps that do not fit are cascaded (cascade_plan.h): the largest
// cascadable intermediate live at the peak moves to a ring buffer of a few
// rows, until they fit; when nothing is left to cascade, an error names the
// peak operator and its largest tensor.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "compiler/codegen/lower_op.h"
#include "compiler/schedule/arena_plan.h"
#include "compiler/schedule/kick_offs.h"
#include "compiler/schedule/npu_segments.h"
#include "core/status.h"
#include "ir/graph.h"
#include "isa/accelerator_config.h"

namespace vnpu::compiler {

struct ScheduleOptions {
  bool buffer_weights = true;              // const area != cache area
  bool buffers_in_fast_scratch = false;    // cache area != arena area
  std::optional<uint64_t> budget_bytes;    // the cache memory's size limit
};

struct WeightDma {
  uint64_t source = 0;       // region kConstantRegion (the segment's flash)
  uint8_t destination_region = kArenaRegion;
  uint64_t destination = 0;
  uint64_t length = 0;
};

// A lookup table in the segment's flash at `offset`, DMA'd into the SHRAM
// LUT area before kick-off `before` (LoweredOp::luts).
struct PlacedTable {
  size_t before = 0;
  std::vector<uint8_t> table;
  uint64_t offset = 0;
};

struct ScheduledOp {
  int32_t op_index = 0;
  bool alias = false;                       // RESHAPE/SQUEEZE: no command
  std::vector<KickOff> kick_offs;           // placed
  std::vector<std::optional<WeightDma>> dmas;  // per kick-off: the transfer it waits for
  std::vector<uint8_t> encoded_weights;     // to place in the segment's flash at flash_offset
  uint64_t flash_offset = 0;
  std::vector<PlacedTable> luts;            // lookup tables, in kick-off order
  int64_t source_weight_bytes = 0;          // the filter and bias tensors as stored
  bool weights_buffered = false;
  std::string note;                         // why weights are not buffered, when they should be
};

struct ScheduledSegment {
  NpuSegment segment;
  std::vector<ScheduledOp> ops;
  std::vector<uint8_t> flash;  // every operator's encoded weights, 16-byte aligned
  // The kick-offs in stream order: (index into ops, index into its kick_offs).
  // Operator by operator, except that a cascade interleaves its operators' stripes.
  std::vector<std::pair<size_t, size_t>> order;
};

// One operator moved to the CPU because the code generator refused it.
struct LoweringRefusal {
  int32_t op_index = 0;
  std::string reason;
};

struct Schedule {
  std::vector<ScheduledSegment> segments;
  std::vector<LoweringRefusal> refusals;
  ArenaPlan arena;                // feature maps and arena weight buffers
  int64_t fast_scratch_bytes = 0; // weight buffers in region 2 (Dedicated_Sram)
  std::vector<AliasPair> aliases;
  std::vector<std::vector<int32_t>> cascades;  // operator indices run interleaved in stripes
};

// `on_npu[i]`: operator i was placed on the NPU by the support check.
Expected<Schedule> schedule_graph(const ir::Graph& graph, std::vector<bool> on_npu,
                                  const isa::AcceleratorConfig& config,
                                  const ScheduleOptions& options);

}  // namespace vnpu::compiler
