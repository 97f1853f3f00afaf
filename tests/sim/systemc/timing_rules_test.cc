// One directed test per timing rule of docs/timing_model.md, each with the
// cycle count derived by hand in its comment: command fetch from flash and one
// command per cycle (R2, R3), a DMA over the flash port (R1,
// R7), a convolution whose block count fixes its cycles (R4), BLOCKDEP overlap
// (R5), a fully connected layer bound by flash bandwidth (R4 streaming, R1),
// and the PMU's cycle counter against the simulated cycles (§6).
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

#include "isa/command_encoder.h"
#include "isa/scale_stream.h"
#include "isa/weight_encoder.h"
#include "isa/weight_layout.h"
#include "sim/systemc/npu_registers.h"
#include "sim/systemc/pmu.h"
#include "tests/sim/systemc/timed_harness.h"

namespace vnpu::testing {
namespace {

using isa::DataFormat;
using isa::OperationKind;
namespace sc = sim::systemc;

// A 1x1 int8 convolution H x W x C_in -> H x W x C_out with the given OFM block,
// constants (scale stream, then weights at a 16-byte boundary) appended to
// `constants` at its end, IFM and OFM at the given arena offsets.
isa::RegisterState conv_state(int32_t h, int32_t w, int32_t cin, int32_t cout,
                              std::array<int32_t, 3> block, DataFormat format,
                              uint64_t ifm_offset, uint64_t ofm_offset,
                              std::vector<uint8_t>& constants, const char* accelerator) {
  isa::WeightLayoutParams layout = isa::weight_layout_for(*isa::find_accelerator_config(accelerator));
  layout.ofm_depth = cout;
  layout.ifm_depth = cin;
  layout.ofm_block_depth = block[2];
  std::vector<int16_t> ohwi(static_cast<size_t>(cout * cin));
  for (size_t i = 0; i < ohwi.size(); ++i) ohwi[i] = static_cast<int16_t>((i * 37 % 255) - 127);
  Expected<std::vector<uint8_t>> weights = isa::encode_weights(layout, ohwi);
  EXPECT_TRUE(weights.has_value());
  std::vector<isa::ScaleBiasEntry> entries(static_cast<size_t>(cout), {100, 1 << 30, 40});
  Expected<std::vector<uint8_t>> scales = isa::encode_scale_stream(entries);
  EXPECT_TRUE(scales.has_value());
  isa::RegisterState s;
  const uint64_t scale_base = (constants.size() + 15) / 16 * 16;
  constants.resize(scale_base);
  constants.insert(constants.end(), scales->begin(), scales->end());
  const uint64_t weight_base = (constants.size() + 15) / 16 * 16;
  constants.resize(weight_base);
  constants.insert(constants.end(), weights->begin(), weights->end());
  static_cast<isa::FeatureMapState&>(s.ifm) = feature_map(1, ifm_offset, h, w, cin, format);
  s.ifm.depth_m1 = static_cast<uint32_t>(cin - 1);
  static_cast<isa::FeatureMapState&>(s.ofm) = feature_map(1, ofm_offset, h, w, cout, format);
  s.ofm.height_m1 = static_cast<uint32_t>(h - 1);
  s.ofm.width_m1 = static_cast<uint32_t>(w - 1);
  s.ofm.depth_m1 = static_cast<uint32_t>(cout - 1);
  s.ofm.block_width_m1 = static_cast<uint32_t>(block[0] - 1);
  s.ofm.block_height_m1 = static_cast<uint32_t>(block[1] - 1);
  s.ofm.block_depth_m1 = static_cast<uint32_t>(block[2] - 1);
  s.weights = {0, weight_base, weights->size()};
  s.scales = {0, scale_base, scales->size()};
  s.activation.min = -128;  // the OFM type's full range: no activation cost
  s.activation.max = 127;
  return s;
}

std::array<std::vector<uint8_t>, 8> regions(std::vector<uint8_t> constants, size_t arena_bytes) {
  std::array<std::vector<uint8_t>, 8> r;
  r[0] = std::move(constants);
  r[1].assign(arena_bytes, 3);
  return r;
}

std::vector<uint32_t> one_conv_stream(const isa::RegisterState& s) {
  isa::CommandBuilder b;
  b.set_state(s);
  b.operation(isa::Cmd0::kOpConv);
  b.operation(isa::Cmd0::kOpStop, 0xFFFF);
  return b.words();
}

// R1 + R7 on Ethos_U55_High_End_Embedded: 1024 B from OffChipFlash (1 B/cycle,
// latency 64, 2 outstanding, 128-byte transactions) to SRAM (8 B/cycle, write
// latency 32). Read k completes at S + 64 + 128 (k + 1): the flash's two
// outstanding reads cover its latency. The last read completes at S + 1088; its
// write takes 32 + 128/8: the job ends at S + 1136.
TEST(TimingRules, DmaOfOneKilobyteFromFlashToSram) {
  std::vector<uint8_t> flash(1024);
  std::iota(flash.begin(), flash.end(), uint8_t{0});
  auto r = regions(flash, 4096);
  isa::DmaState dma;
  dma.src_region = 0;
  dma.dst_region = 1;
  dma.src = 0;
  dma.dst = 2048;
  dma.length = 1024;
  isa::CommandBuilder b;
  b.set_dma(dma);
  b.operation(isa::Cmd0::kOpDmaStart);
  b.operation(isa::Cmd0::kOpDmaWait, 0);
  b.operation(isa::Cmd0::kOpStop, 0xFFFF);
  const TimedRun run = run_stream(high_end_system(), b.words(), r);
  ASSERT_TRUE(run.record.ok()) << run.record.message;
  const sc::JobRecord* job = find_job(run.record, OperationKind::kDmaStart);
  ASSERT_NE(job, nullptr);
  EXPECT_EQ(job->cycles(), 1136u);
  EXPECT_TRUE(std::equal(flash.begin(), flash.end(), r[1].begin() + 2048));
  // AXI1 read 8 transactions of 16 beats, AXI0 wrote 8 of 16.
  EXPECT_EQ(run.record.events[sc::kPmuAxi0RdDataBeatReceived + sc::kPmuAxi1Offset], 128u);
  EXPECT_EQ(run.record.events[sc::kPmuAxi0WrTransAccepted], 8u);
  EXPECT_EQ(run.record.events[sc::kPmuAxi0WrDataBeatWritten], 128u);
}

// R7 into SHRAM: the last read completes at S + 1088 and its 128 B go into
// SHRAM at 8 B/cycle: S + 1104.
TEST(TimingRules, DmaIntoShramWritesEightBytesPerCycle) {
  std::vector<uint8_t> flash(1024, 7);
  auto r = regions(flash, 64);
  isa::DmaState dma;
  dma.src_region = 0;
  dma.dst_region = 3;  // a core mask in internal mode, not a base pointer
  dma.dst_internal = true;
  dma.length = 1024;
  isa::CommandBuilder b;
  b.set_dma(dma);
  b.operation(isa::Cmd0::kOpDmaStart);
  b.operation(isa::Cmd0::kOpDmaWait, 0);
  b.operation(isa::Cmd0::kOpStop, 0xFFFF);
  const TimedRun run = run_stream(high_end_system(), b.words(), r);
  ASSERT_TRUE(run.record.ok()) << run.record.message;
  EXPECT_EQ(find_job(run.record, OperationKind::kDmaStart)->cycles(), 1104u);
  EXPECT_EQ(run.record.events[sc::kPmuAxi0WrTransAccepted], 0u);
}

// R4 on ethos-u55-256 (2x2x8 micro-blocks) with memory that costs one cycle per
// 128 B and no latency (fast_system): a 1x1 convolution 16x16x16 -> 16x16x16,
// NHCWB16, OFM block 8x8x16 -> N = 2 * 2 * 1 = 4 blocks.
//   M = max(wb = 32*8/8, 4 * Nxy = 4 * 16) * k (1) * Nz (2) * ceil(16/16) = 128
//   O = 0.25 cycles/element (output table [7], no activation) * 8*8*16 = 256
// The first IFM transaction arrives at S + 1; then the MAC and AO pipeline with
// two accumulator buffers runs O-bound: E - S = 1 + N * O + M = 1153.
TEST(TimingRules, ConvolutionBlockCountFixesItsCycles) {
  std::vector<uint8_t> constants;
  const isa::RegisterState s =
      conv_state(16, 16, 16, 16, {8, 8, 16}, DataFormat::kNhcwb16, 0, 8192, constants, "ethos-u55-256");
  auto r = regions(constants, 16384);
  const TimedRun run = run_stream(fast_system(), one_conv_stream(s), r);
  ASSERT_TRUE(run.record.ok()) << run.record.message;
  const sc::JobRecord* conv = find_job(run.record, OperationKind::kConv);
  ASSERT_NE(conv, nullptr);
  EXPECT_EQ(conv->blocks, 4);
  EXPECT_EQ(conv->mac_cycles_per_block, 128u);
  EXPECT_EQ(conv->output_cycles_per_block, 256u);
  EXPECT_EQ(conv->cycles(), 1u + 4u * 256u + 128u);
  EXPECT_EQ(conv->mac_active, 4u * 128u);
  EXPECT_EQ(conv->ao_active, 4u * 256u);
  EXPECT_EQ(run.record.events[sc::kPmuMacActive], 512u);
}

// The same rule with 16x24: N = 2 * 3 = 6 blocks, E - S = 1 + 6 * 256 + 128.
TEST(TimingRules, SixBlocksTakeTwoMoreOutputBlocks) {
  std::vector<uint8_t> constants;
  const isa::RegisterState s =
      conv_state(16, 24, 16, 16, {8, 8, 16}, DataFormat::kNhcwb16, 0, 8192, constants, "ethos-u55-256");
  auto r = regions(constants, 16384);
  const TimedRun run = run_stream(fast_system(), one_conv_stream(s), r);
  ASSERT_TRUE(run.record.ok()) << run.record.message;
  const sc::JobRecord* conv = find_job(run.record, OperationKind::kConv);
  ASSERT_NE(conv, nullptr);
  EXPECT_EQ(conv->blocks, 6);
  EXPECT_EQ(conv->cycles(), 1u + 6u * 256u + 128u);
  // The output unit paces the blocks (256 cycles each); the weight decoder, two
  // blocks ahead at most, waits for a free weight buffer from block 2 on.
  EXPECT_GT(conv->wd_stalled_by_buf, 0u);
  EXPECT_EQ(run.record.events[sc::kPmuWdStalled],
            run.record.events[sc::kPmuWdStalledByWs] + run.record.events[sc::kPmuWdStalledByWdBuf]);
}

// R5: two independent copies of the convolution above (4 blocks each, M = 128,
// O = 256). With BLOCKDEP 0 the second starts when the first has ended:
// E2 - S1 = 2 * 1153 = 2306, and the CC waited S2 - (last MAC end of the first,
// S1 + 1 + 3*256 ... = S1 + 769) = 1153 - 769 = 384 cycles on BLOCKDEP.
// With BLOCKDEP 3 the second may start once the first's block 0 has finished
// (S1 + 385); its MAC blocks then follow the first's in the shared pipeline and
// only its AO stage binds: E2 - S1 = 1 + 8 * 256 + 128 = 2177. Saving: 129 =
// the second job's first-data cycle plus its MAC fill (1 + M).
TEST(TimingRules, BlockdepOverlapSavesTheSecondJobsFill) {
  uint64_t pair_cycles[2] = {0, 0};
  uint64_t run_cycles[2] = {0, 0};
  for (int depth : {0, 3}) {
    std::vector<uint8_t> constants;
    const isa::RegisterState a = conv_state(16, 16, 16, 16, {8, 8, 16}, DataFormat::kNhcwb16, 0,
                                            8192, constants, "ethos-u55-256");
    isa::RegisterState b = conv_state(16, 16, 16, 16, {8, 8, 16}, DataFormat::kNhcwb16, 16384,
                                      24576, constants, "ethos-u55-256");
    b.blockdep = static_cast<uint8_t>(depth);
    isa::CommandBuilder builder;
    builder.set_state(a);
    builder.operation(isa::Cmd0::kOpConv);
    builder.set_state(b);
    builder.operation(isa::Cmd0::kOpConv);
    builder.operation(isa::Cmd0::kOpStop, 0xFFFF);
    auto r = regions(constants, 32768);
    const TimedRun run = run_stream(fast_system(), builder.words(), r);
    ASSERT_TRUE(run.record.ok()) << run.record.message;
    const sc::JobRecord* first = find_job(run.record, OperationKind::kConv, 0);
    const sc::JobRecord* second = find_job(run.record, OperationKind::kConv, 1);
    ASSERT_NE(second, nullptr);
    pair_cycles[depth == 0 ? 0 : 1] = second->end_cycle - first->start_cycle;
    run_cycles[depth == 0 ? 0 : 1] = run.record.cycles;
    if (depth == 0) {
      EXPECT_EQ(second->start_cycle, first->end_cycle);
      EXPECT_EQ(second->stalls.blockdep, 384u);
      EXPECT_EQ(run.record.events[sc::kPmuCcStalledOnBlockdep], 384u);
    } else {
      EXPECT_EQ(second->start_cycle - first->start_cycle, 385u);
      EXPECT_EQ(second->stalls.blockdep, 0u);
    }
  }
  EXPECT_EQ(pair_cycles[0], 2306u);
  EXPECT_EQ(pair_cycles[1], 2177u);
  EXPECT_EQ(run_cycles[0] - run_cycles[1], 129u);
}

// R4 + R1 on Ethos_U55_High_End_Embedded / Shared_Sram, ethos-u55-256: a fully
// connected layer 256 -> 64 as one 1x1x64 block, weights and scales in
// OffChipFlash (1 B/cycle, latency 64, 2 outstanding 128 B reads).
//   M = max(32, 4) * 1 * Nz (8) * ceil(256/32) = 2048, far below the flash time;
//   O = max(ceil(64 * 0.25) = 16, bias fetch 10 * 64 * 64 / 256 = 160, command-issue
//       floor (IFM block 32 + 32/8 = 36, OFM block 32 + 64 * 2 (NHWC write runs of 16 B
//       in 32 B bursts) / 8 = 48, + 160 + 2048) / 4 = 573) = 573.
// The W bytes of weights and scales stream from S + 64 at 1 B/cycle without a
// gap (two outstanding reads cover the latency), the MAC ends with the last
// weights at S + 64 + W, then the AO: E - S = 64 + W + 573. Flash-bound: the
// MAC waited for the weights.
TEST(TimingRules, FullyConnectedWithWeightsInFlashIsBoundByFlashBandwidth) {
  std::vector<uint8_t> constants;
  const isa::RegisterState s =
      conv_state(1, 1, 256, 64, {1, 1, 64}, DataFormat::kNhwc, 0, 1024, constants, "ethos-u55-256");
  const uint64_t weight_bytes = s.weights.length + s.scales.length;
  auto r = regions(constants, 2048);
  const TimedRun run = run_stream(high_end_system(), one_conv_stream(s), r);
  ASSERT_TRUE(run.record.ok()) << run.record.message;
  const sc::JobRecord* fc = find_job(run.record, OperationKind::kConv);
  ASSERT_NE(fc, nullptr);
  EXPECT_EQ(fc->blocks, 1);
  EXPECT_EQ(fc->mac_cycles_per_block, 2048u);
  EXPECT_EQ(fc->output_cycles_per_block, 573u);
  EXPECT_GT(weight_bytes, 4u * 2048u);
  EXPECT_EQ(fc->cycles(), 64u + weight_bytes + 573u);
  EXPECT_EQ(fc->read_bytes[1], weight_bytes);
  EXPECT_EQ(fc->stalls.mac_by_wd, 64u + weight_bytes - (64u + 128u + 2048u));
  // The weight decoder requests its stream at S and has its first 128 bytes at
  // S + 64 + 128: WD_STALLED_BY_WS 192; one block, so its buffers never fill.
  EXPECT_EQ(fc->wd_stalled_by_ws, 192u);
  EXPECT_EQ(fc->wd_stalled_by_buf, 0u);
  EXPECT_EQ(run.record.events[sc::kPmuWdStalledByWs], 192u);
  EXPECT_EQ(run.record.events[sc::kPmuWdStalled], 192u);
}

// §6: PMCCNTR counts every cycle of the run; the event counters count what
// PMEVTYPERn selects; with PMCR.cnt_en clear nothing counts.
TEST(TimingRules, PmuCycleCounterEqualsTheSimulatedCycles) {
  std::vector<uint8_t> constants;
  const isa::RegisterState s =
      conv_state(16, 16, 16, 16, {8, 8, 16}, DataFormat::kNhcwb16, 0, 8192, constants, "ethos-u55-256");
  auto r = regions(constants, 16384);
  const TimedRun run = run_stream(fast_system(), one_conv_stream(s), r, false, 0,
                                  {sc::kPmuMacActive, sc::kPmuAoActive, sc::kPmuNpuActive,
                                   sc::kPmuAxi0RdDataBeatReceived});
  ASSERT_TRUE(run.record.ok());
  EXPECT_GT(run.record.cycles, 1153u);
  EXPECT_EQ(run.pmu_cycles, run.record.cycles);
  EXPECT_EQ(run.record.events[sc::kPmuCycle], run.record.cycles);
  EXPECT_EQ(run.pmu_counters[0], 512u);
  EXPECT_EQ(run.pmu_counters[1], 1024u);
  EXPECT_EQ(run.pmu_counters[2], run.record.events[sc::kPmuNpuActive]);
  EXPECT_EQ(run.record.events[sc::kPmuNpuActive] + run.record.events[sc::kPmuNpuIdle],
            run.record.cycles);
  EXPECT_EQ(run.pmu_counters[3], run.record.events[sc::kPmuAxi0RdDataBeatReceived]);
  EXPECT_TRUE(run.irq);
  EXPECT_NE(run.status & sc::reg::kStatusCmdEndReached, 0u);
  EXPECT_EQ(run.status & sc::reg::kStatusRunning, 0u);
}

}  // namespace
}  // namespace vnpu::testing

namespace vnpu {
namespace {

// R2 + R3: 39 register writes and NPU_OP_STOP (40 words, 160 bytes) fetched over
// AXI1 from OffChipFlash on Ethos_U55_High_End_Embedded (1 B/cycle, read latency
// 64, 2 outstanding, 128-byte bursts). F = 256 / 128 = 2 chunks are requested at
// CMD.run (t0). Chunk 0 (words 0-31, 128 B) is issued at t0, its data comes at
// t0 + 64 and completes at t0 + 64 + 128 = t0 + 192. Chunk 1 (words 32-39, 32 B) is
// issued at t0 too (two outstanding reads) but its data waits for the data path:
// t0 + 192 + 32 = t0 + 224. One command per cycle: commands 0-31 at 192..223,
// 32-38 at 224..230, STOP at 231, which ends the run after its cycle: 232 cycles.
TEST(TimingRules, CommandFetchFromFlashAndOneCommandPerCycle) {
  std::vector<uint32_t> words;
  for (uint16_t k = 0; k < 39; ++k) {
    words.push_back(isa::encode_cmd0(isa::Cmd0::kBlockdep, static_cast<uint16_t>(k % 4)));
  }
  words.push_back(isa::encode_cmd0(isa::Cmd0::kOpStop, 0xFFFF));
  std::array<std::vector<uint8_t>, 8> r{};
  r[1].resize(64);
  const testing::TimedRun run =
      testing::run_stream(testing::high_end_system(), words, r, false, /*command_port=*/1);
  ASSERT_TRUE(run.record.ok()) << run.record.message;
  EXPECT_EQ(run.record.cycles, 232u);
  EXPECT_EQ(run.pmu_cycles, 232u);
  // Both chunks were read over AXI1: 128 + 32 bytes, 16 + 4 beats, 2 transactions.
  EXPECT_EQ(run.record.events[sim::systemc::kPmuAxi0RdTransAccepted + sim::systemc::kPmuAxi1Offset],
            2u);
  EXPECT_EQ(
      run.record.events[sim::systemc::kPmuAxi0RdDataBeatReceived + sim::systemc::kPmuAxi1Offset],
      20u);
}

}  // namespace
}  // namespace vnpu
