// The command stream of one NPU segment: for each scheduled kick-off, in order,
// the DMA of its weights (if buffered), the waits that make it safe, its
// register writes (a register already holding the value is not written again,
// as Vela's shadow copy does) and the kick-off; NPU_OP_STOP at the end.
//
// Waits and BLOCKDEP:
//   - NPU_OP_KERNEL_WAIT 1 before a DMA once two kernels may be in flight: the
//     buffer it overwrites was last read by the kernel before the previous one;
//   - NPU_OP_DMA_WAIT 0 before the kick-off that reads the DMA'd weights;
//   - a lookup table is DMA'd from the flash into SHRAM table 0 (the top 2 KB
//     of SHRAM) before its kick-off, after NPU_OP_KERNEL_WAIT 0 (an earlier
//     kernel may still read the previous table), and not again while the
//     table there is the same;
//   - BLOCKDEP 3 (the most overlap) when a kick-off touches no byte that the
//     previous kick-off writes and writes no byte it reads or writes, else 0
//     (wait for the previous kick-off to finish). Depth slices of one
//     operator write disjoint channels and count as independent writers.
#pragma once

#include <cstdint>
#include <vector>

#include "compiler/schedule/scheduler.h"

namespace vnpu::compiler {

constexpr uint8_t kMaxBlockdep = 3;

struct SegmentStream {
  std::vector<uint32_t> words;
  // Per scheduled operator: the word offset of each of its commands that
  // starts something (DMA_START and kick-offs), in order.
  std::vector<std::vector<uint32_t>> op_word_offsets;
};

// `shram_bytes`: the accelerator's SHRAM size (the LUT area is its top 2 KB).
SegmentStream write_segment_stream(const ScheduledSegment& segment, uint64_t shram_bytes);

}  // namespace vnpu::compiler
