// The costs the timed model (docs/timing_model.md) charges and Vela 3.10's
// formulas leave out, per operation: the read latency before a kernel job's
// first block can start, the output write that drains after its last block,
// the DMA's last write, and which memory the command stream is fetched from.
// docs/perf_model.md §6.1 states each term with the timing rule it mirrors.
#pragma once

#include "isa/accelerator_config.h"
#include "isa/register_state.h"
#include "perf/estimator.h"
#include "perf/memory_system.h"

namespace vnpu::perf {

// The AXI transaction size of the U55 (AXI_LIMITn.max_beats = 128 B; R1).
constexpr double kAxiTransactionBytes = 128;

struct KernelLatency {
  double head_cycles = 0;  // before the first MAC block: the slowest first read's latency
  double tail_cycles = 0;  // after the last block's data: output stage and OFM write
};

// R4: a job's first block waits for its first IFM (and weight) data, one read
// latency; its last block's OFM write is requested when that block's output
// stage starts and ends Lw + bytes·φ/bw later. `e` is the operation's estimate
// (its bound tells whether the last output stage is already counted).
KernelLatency kernel_latency(const isa::Operation& operation,
                             const isa::AcceleratorConfig& accelerator, const MemorySystem& memory,
                             const OperationEstimate& e);

// R7: a DMA job ends at its last write, one transaction after its last read
// (the destination's write latency plus the transaction's transfer; into SHRAM
// 8 bytes per cycle without latency).
double dma_write_tail_cycles(const isa::Operation& operation,
                             const isa::AcceleratorConfig& accelerator, const MemorySystem& memory);

// R2: the memory the command stream is fetched from. The driver points QCONFIG
// at the constants' port (as the Ethos-U core driver does with the command
// stream in the model's flash), so it is region 0's memory.
inline MemoryKind command_memory(const MemorySystem& memory) { return memory.memory_of_region(0); }

}  // namespace vnpu::perf
