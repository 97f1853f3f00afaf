// DMA: NPU_OP_DMA_START copies DMA0_LEN bytes from DMA0_SRC in the source
// region to DMA0_DST in the destination region. A region in internal mode
// (region_mode 1) is SHRAM, addressed by byte from its start (the region field
// then holds a core mask and is not a base pointer): this is how the
// activation lookup tables reach the top 2 KB of SHRAM. Only the linear
// (1-D) transfer exists on the U55; another stride mode is a command-parse
// fault. Both ranges are checked before a byte moves (kBus); overlapping
// ranges copy as memmove does.
#pragma once

#include "isa/register_state.h"
#include "sim/functional/exec_result.h"

namespace vnpu::sim {

ExecResult execute_dma(const isa::Operation& op, const NpuMemory& memory);

}  // namespace vnpu::sim
