// One test per timed term of the estimate (docs/perf_model.md §6.1), each value
// worked out by hand from the timing rule it mirrors (docs/timing_model.md),
// on Ethos_U55_High_End_Embedded / Shared_Sram: SRAM 8 B/cycle, latency 32 read
// and write; off-chip flash 1 B/cycle, read latency 64; constants in flash.
#include "perf/timed_terms.h"

#include <gtest/gtest.h>

#include "perf/estimator.h"
#include "perf/memory_system.h"
#include "perf/timeline.h"

namespace vnpu::perf {
namespace {

isa::AcceleratorConfig u55_256() { return *isa::find_accelerator_config("ethos-u55-256"); }
SystemConfig high_end() { return *builtin_vela_ini().find_system_config(kDefaultSystemConfig); }
MemoryMode shared_sram() { return *builtin_vela_ini().find_memory_mode(kDefaultMemoryMode); }
MemorySystem memory() { return make_memory_system(high_end(), shared_sram(), u55_256()); }

// A 1x1 convolution 1x1x64 from depth 64 (one block), NHWC in SRAM (region 1).
isa::Operation pointwise(uint32_t word_offset) {
  isa::Operation op;
  op.kind = isa::OperationKind::kConv;
  op.word_offset = word_offset;
  isa::RegisterState& s = op.state;
  s.ofm.depth_m1 = 63;
  s.ofm.block_depth_m1 = 63;
  s.ofm.type = {true, 8};
  s.ofm.region = 1;
  s.ifm.type = {true, 8};
  s.ifm.region = 1;
  s.ifm.depth_m1 = 63;
  s.activation.min = -128;
  s.activation.max = 127;
  return op;
}

isa::Operation stop(uint32_t word_offset) {
  isa::Operation op;
  op.kind = isa::OperationKind::kStop;
  op.word_offset = word_offset;
  return op;
}

// Weights a DMA put in SRAM are read again by the weight decoder over AXI0
// (R4's WD stage reads the weight region): 4096 + 640 bytes at 8 B/cycle = 592
// SRAM cycles more than Vela's view, which leaves them out.
TEST(TimedTerms, BufferedWeightsAreReadFromSram) {
  isa::Operation dma;
  dma.kind = isa::OperationKind::kDmaStart;
  dma.word_offset = 3;
  dma.state.dma.src_region = 0;
  dma.state.dma.dst_region = 2;
  dma.state.dma.dst = 0x100;
  dma.state.dma.length = 4736;
  isa::Operation wait;
  wait.kind = isa::OperationKind::kDmaWait;
  wait.word_offset = 4;
  isa::Operation conv = pointwise(20);
  conv.state.weights = {2, 0x100, 4096};
  conv.state.scales = {2, 0x100 + 4096, 640};
  const std::vector<isa::Operation> ops = {dma, wait, conv, stop(21)};
  const Estimate timed = estimate_stream(ops, u55_256(), high_end(), shared_sram());
  const Estimate vela =
      estimate_stream(ops, u55_256(), high_end(), shared_sram(), EstimateOptions::vela_view());
  EXPECT_DOUBLE_EQ(timed.operations[2].access_cycles[0] - vela.operations[2].access_cycles[0],
                   4736.0 / 8);
  EXPECT_DOUBLE_EQ(timed.operations[2].access_cycles[3], 0.0);  // not from flash
}

// R2: the command processor reaches the kick-off at word 9 when words 0..9
// (40 bytes) have come from flash: 64 cycles of latency + 40 cycles; the
// operation cannot start before. Vela's view starts it at 0.
TEST(TimedTerms, CommandFetchDelaysTheFirstOperation) {
  const std::vector<isa::Operation> ops = {pointwise(9), stop(10)};
  const Estimate e = estimate_stream(ops, u55_256(), high_end(), shared_sram());
  EXPECT_DOUBLE_EQ(e.operations[0].command_bytes, 40.0);
  EXPECT_DOUBLE_EQ(e.operations[0].command_fetch_cycles, 40.0);
  EXPECT_DOUBLE_EQ(e.operations[0].start_cycle, 64.0 + 40.0);
  EXPECT_DOUBLE_EQ(e.operations[1].command_bytes, 4.0);  // the STOP word
  const Estimate vela =
      estimate_stream(ops, u55_256(), high_end(), shared_sram(), EstimateOptions::vela_view());
  EXPECT_DOUBLE_EQ(vela.operations[0].start_cycle, 0.0);
  EXPECT_DOUBLE_EQ(vela.operations[0].command_bytes, 0.0);
}

// A second stream (after a STOP) pays the fetch latency again and counts its
// words from its own start.
TEST(TimedTerms, EachStreamFetchesFromItsStart) {
  const std::vector<isa::Operation> ops = {pointwise(9), stop(10), pointwise(4), stop(5)};
  const Estimate e = estimate_stream(ops, u55_256(), high_end(), shared_sram());
  EXPECT_DOUBLE_EQ(e.operations[2].command_bytes, 20.0);
  EXPECT_GE(e.operations[2].start_cycle, e.operations[0].end_cycle + 64.0 + 20.0);
}

// R4: a compute-bound job's first block waits one read latency plus its first
// transaction (64 IFM bytes at 8 B/cycle: 32 + 8); its last OFM block write (64
// bytes NHWC, depth 64 > 16: bursts of min(64, 16, 64) = 16 bytes, so
// φ = 32 / 16 = 2) takes 32 + 64·2/8 = 48 cycles from the start of its output
// stage, of which the output stage covers O.
TEST(TimedTerms, KernelLatencyHeadAndTail) {
  isa::Operation op = pointwise(0);
  const MemorySystem m = memory();
  const OperationEstimate e = estimate_operation(op, u55_256(), m, high_end(), false, false);
  ASSERT_EQ(e.bound, Bound::kCompute);
  const KernelLatency latency = kernel_latency(op, u55_256(), m, e);
  EXPECT_DOUBLE_EQ(latency.head_cycles, 32.0 + 64.0 / 8);
  EXPECT_DOUBLE_EQ(latency.tail_cycles,
                   std::max(0.0, 32.0 + 64.0 * 2 / 8 - e.compute.output_cycles_per_block));
}

// A flash-bound job: the head is the flash latency alone (the first transaction
// is in the access cycles); after the last weight byte the last block still
// runs its MAC stage (the 4736-byte stream is one block: 4608 bytes after the
// first transaction cover M) and its output stage, and the write drains.
TEST(TimedTerms, FlashBoundKernelLatency) {
  isa::Operation op = pointwise(0);
  op.state.weights = {0, 0, 4096};
  op.state.scales = {0, 4096, 640};
  const MemorySystem m = memory();
  const OperationEstimate e = estimate_operation(op, u55_256(), m, high_end(), false, false);
  ASSERT_EQ(e.bound, Bound::kOffChipFlash);
  const KernelLatency latency = kernel_latency(op, u55_256(), m, e);
  EXPECT_DOUBLE_EQ(latency.head_cycles, 64.0);
  const double o = e.compute.output_cycles_per_block;
  EXPECT_DOUBLE_EQ(latency.tail_cycles, std::max(0.0, 48.0 - o) + o);
}

// R7: a DMA ends one write after its last read: into SRAM 32 + 128/8 = 48
// cycles; into SHRAM 128/8 = 16 (no port, no latency); a short one by its length.
TEST(TimedTerms, DmaWriteTail) {
  isa::Operation dma;
  dma.kind = isa::OperationKind::kDmaStart;
  dma.state.dma.dst_region = 2;
  dma.state.dma.length = 4736;
  EXPECT_DOUBLE_EQ(dma_write_tail_cycles(dma, u55_256(), memory()), 48.0);
  dma.state.dma.dst_internal = true;
  EXPECT_DOUBLE_EQ(dma_write_tail_cycles(dma, u55_256(), memory()), 16.0);
  dma.state.dma.length = 40;
  EXPECT_DOUBLE_EQ(dma_write_tail_cycles(dma, u55_256(), memory()), 5.0);
}

// R1 (one data path per port): a DMA reading the flash beside a job that
// keeps the flash busy for 4736 cycles gets it after that job: its 1000-byte
// read ends at 5736, not 1000. Without timed terms the two overlap freely.
TEST(TimedTerms, DmaWaitsForAFlashBusyKernel) {
  for (const bool timed : {true, false}) {
    Timeline timeline(timed);
    OperationEstimate kernel;
    kernel.is_block = true;
    kernel.access_cycles[3] = 4736;
    kernel.cycles = 4736;
    timeline.kernel(kernel, 0);
    timeline.kernel_done(kernel);
    EXPECT_DOUBLE_EQ(kernel.end_cycle, 4736.0);
    OperationEstimate dma;
    dma.kind = isa::OperationKind::kDmaStart;
    dma.dma_cycles = 1064;
    timeline.dma(dma, MemoryKind::kOffChipFlash, 1000, MemoryKind::kSram, 125, true);
    EXPECT_DOUBLE_EQ(dma.start_cycle, 0.0);
    EXPECT_DOUBLE_EQ(dma.end_cycle, timed ? 4736.0 + 1064.0 : 1064.0);
    EXPECT_DOUBLE_EQ(timeline.end(), timed ? 5800.0 : 4736.0);
  }
}

// R5: with BLOCKDEP > 0 a job starts while the previous job's tail drains
// (here 40 of its 100 cycles).
TEST(TimedTerms, BlockdepOverlapsThePreviousTail) {
  Timeline timeline(true);
  OperationEstimate first;
  first.is_block = true;
  first.cycles = 100;
  timeline.kernel(first, 0);
  timeline.kernel_done(first);
  OperationEstimate second;
  second.is_block = true;
  second.cycles = 50;
  timeline.kernel(second, 40);
  EXPECT_DOUBLE_EQ(second.start_cycle, 60.0);
  timeline.kernel_done(second);
  EXPECT_DOUBLE_EQ(timeline.end(), 110.0);
}

}  // namespace
}  // namespace vnpu::perf
