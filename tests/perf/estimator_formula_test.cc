// One test per estimator formula, on hand-built Operations; every expected
// value is worked out by hand from the formula in docs/perf_model.md.
#include <gtest/gtest.h>

#include "perf/compute_cycles.h"
#include "perf/estimator.h"
#include "perf/memory_system.h"
#include "perf/memory_traffic.h"
#include "perf/op_geometry.h"

namespace vnpu::perf {
namespace {

isa::AcceleratorConfig accel(const char* name) { return *isa::find_accelerator_config(name); }

// OFM h x w x c, OFM block bh x bw x bc, kernel kh x kw, stride 1, IFM depth ifm_c.
isa::Operation conv(isa::OperationKind kind, int h, int w, int c, int bh, int bw, int bc, int kh,
                    int kw, int ifm_c) {
  isa::Operation op;
  op.kind = kind;
  isa::RegisterState& s = op.state;
  s.ofm.height_m1 = static_cast<uint32_t>(h - 1);
  s.ofm.width_m1 = static_cast<uint32_t>(w - 1);
  s.ofm.depth_m1 = static_cast<uint32_t>(c - 1);
  s.ofm.block_height_m1 = static_cast<uint32_t>(bh - 1);
  s.ofm.block_width_m1 = static_cast<uint32_t>(bw - 1);
  s.ofm.block_depth_m1 = static_cast<uint32_t>(bc - 1);
  s.ofm.type = {true, 8};
  s.ofm.region = 1;
  s.ifm.type = {true, 8};
  s.ifm.region = 1;
  s.ifm.depth_m1 = static_cast<uint32_t>(ifm_c - 1);
  s.ifm.pad_top = static_cast<uint8_t>(kh / 2);
  s.ifm.pad_bottom = static_cast<uint8_t>(kh / 2);
  s.ifm.pad_left = static_cast<uint8_t>(kw / 2);
  s.ifm.pad_right = static_cast<uint8_t>(kw / 2);
  s.kernel.height_m1 = static_cast<uint32_t>(kh - 1);
  s.kernel.width_m1 = static_cast<uint32_t>(kw - 1);
  s.activation.min = -128;
  s.activation.max = 127;
  return op;
}

MemorySystem high_end(const char* mode = "Shared_Sram") {
  return make_memory_system(*builtin_vela_ini().find_system_config(kDefaultSystemConfig),
                            *builtin_vela_ini().find_memory_mode(mode), accel("ethos-u55-256"));
}

TEST(OpGeometry, BlockCountsAndIfmBlock) {
  const auto op = conv(isa::OperationKind::kConv, 16, 16, 32, 8, 8, 16, 3, 3, 32);
  const OpGeometry g = make_op_geometry(op, accel("ethos-u55-256"));
  EXPECT_EQ(g.ofm_blocks, 2 * 2 * 2);
  EXPECT_EQ(g.ofm_xy_blocks, 4);
  EXPECT_EQ(g.ifm_block_config.height, 10);  // (8 - 1) * 1 + 3 = 10, ublock 2
  EXPECT_EQ(g.ifm_block_config.width, 10);
  EXPECT_EQ(g.ifm_block_config.depth, 32);  // min(32, 32) rounded to 8
  EXPECT_EQ(g.ifm.height, 16);              // 15 + 3 - 1 - 1
  EXPECT_EQ(g.sub_kernels, 1);
}

TEST(OpGeometry, IfmBlockDepthRules) {
  const auto a = accel("ethos-u55-256");
  EXPECT_EQ(ifm_block_depth(BlockType::kConvolution, 100, 8, false, 16, a), 32);
  EXPECT_EQ(ifm_block_depth(BlockType::kConvolution, 100, 8, true, 16, a), 16);
  EXPECT_EQ(ifm_block_depth(BlockType::kConvolution, 3, 8, false, 16, a), 8);
  EXPECT_EQ(ifm_block_depth(BlockType::kConvolution, 10, 16, false, 16, a), 12);
  EXPECT_EQ(ifm_block_depth(BlockType::kDepthwise, 100, 8, false, 24, a), 24);
}

TEST(OpGeometry, SubKernelsOfLargeKernels) {
  const auto op = conv(isa::OperationKind::kConv, 4, 4, 8, 4, 4, 8, 9, 17, 8);
  EXPECT_EQ(make_op_geometry(op, accel("ethos-u55-128")).sub_kernels, 2 * 3);
}

// Depth-first conv: max(wb = 32, 4 * Nxy = 64) * k 9 * Nz 2 = 1152, one IFM pass.
TEST(MacCycles, DepthFirstConvolution) {
  const auto op = conv(isa::OperationKind::kConv, 16, 16, 32, 8, 8, 16, 3, 3, 32);
  const auto a = accel("ethos-u55-256");
  EXPECT_DOUBLE_EQ(mac_cycles_per_block(make_op_geometry(op, a), a), 1152.0);
  // IFM depth 64: two IFM block passes.
  const auto deep = conv(isa::OperationKind::kConv, 16, 16, 32, 8, 8, 16, 3, 3, 64);
  EXPECT_DOUBLE_EQ(mac_cycles_per_block(make_op_geometry(deep, a), a), 2304.0);
}

// Depthwise: max(32, 4 * 16) * ceil(9 / 4) * 2 = 384.
TEST(MacCycles, Depthwise) {
  const auto op = conv(isa::OperationKind::kDepthwise, 16, 16, 32, 8, 8, 16, 3, 3, 32);
  const auto a = accel("ethos-u55-256");
  EXPECT_DOUBLE_EQ(mac_cycles_per_block(make_op_geometry(op, a), a), 384.0);
}

// Pooling 2x2: max(4, 4) * Nxy 16 * Nz 2 = 128.
TEST(MacCycles, Pooling) {
  auto op = conv(isa::OperationKind::kPool, 16, 16, 32, 8, 8, 16, 2, 2, 32);
  const auto a = accel("ethos-u55-256");
  EXPECT_DOUBLE_EQ(mac_cycles_per_block(make_op_geometry(op, a), a), 128.0);
}

// Part-kernel-first: max(32, 64) * ceil(9 / 4) * ceil(8 / 8) * 2 = 384.
TEST(MacCycles, PartKernelFirst) {
  auto op = conv(isa::OperationKind::kConv, 16, 16, 32, 8, 8, 16, 3, 3, 8);
  op.state.kernel.weight_order = isa::WeightOrder::kPartKernelFirst;
  const auto a = accel("ethos-u55-256");
  EXPECT_DOUBLE_EQ(mac_cycles_per_block(make_op_geometry(op, a), a), 384.0);
}

// OFM height 1, even width, 1-high kernel on U55-256: the 2x2 ublock becomes
// 1x4: Nx = 32 / 4 = 8, max(32, 32) * 1 * Nz 2 = 64 (without it: 16 * 4 = 64 per
// step, 128 in all).
TEST(MacCycles, OneByFourUblock) {
  const auto op = conv(isa::OperationKind::kConv, 1, 32, 16, 1, 32, 16, 1, 1, 16);
  const auto a = accel("ethos-u55-256");
  EXPECT_DOUBLE_EQ(mac_cycles_per_block(make_op_geometry(op, a), a), 64.0);
}

// A block of one micro-block: max(32, 4) * 9 + 2 * 9 bubble = 306; with 40-bit
// accumulators on U55-128 the bubble is 3 per step.
TEST(MacCycles, SingleUblockBubble) {
  const auto a = accel("ethos-u55-256");
  const auto op = conv(isa::OperationKind::kConv, 2, 2, 8, 2, 2, 8, 3, 3, 8);
  EXPECT_DOUBLE_EQ(mac_cycles_per_block(make_op_geometry(op, a), a), 306.0);
  auto acc40 = conv(isa::OperationKind::kConv, 1, 2, 8, 1, 2, 8, 3, 3, 8);
  acc40.state.acc_format = isa::AccFormat::kInt40;
  const auto a128 = accel("ethos-u55-128");
  EXPECT_DOUBLE_EQ(mac_cycles_per_block(make_op_geometry(acc40, a128), a128), 32.0 * 9 + 27);
}

TEST(OutputCycles, IndexAndActivationTables) {
  const auto a = accel("ethos-u55-256");
  auto op = conv(isa::OperationKind::kConv, 4, 4, 8, 4, 4, 8, 1, 1, 8);
  EXPECT_EQ(output_perf_index(op, make_op_geometry(op, a)), 7);
  EXPECT_EQ(activation_perf_index(op), 2);
  op.state.activation.min = 0;  // a ReLU clamp
  EXPECT_EQ(activation_perf_index(op), 1);
  op.state.activation.function = 16;  // LUT
  EXPECT_EQ(activation_perf_index(op), 0);
  op.state.acc_format = isa::AccFormat::kInt40;
  EXPECT_EQ(output_perf_index(op, make_op_geometry(op, a)), 3);
  auto pool = conv(isa::OperationKind::kPool, 4, 4, 8, 4, 4, 8, 2, 2, 8);
  pool.param = static_cast<uint16_t>(isa::PoolingMode::kMax);
  EXPECT_EQ(output_perf_index(pool, make_op_geometry(pool, a)), 6);
  auto add = conv(isa::OperationKind::kElementwise, 4, 4, 8, 4, 4, 8, 1, 1, 8);
  add.param = static_cast<uint16_t>(isa::ElementwiseMode::kAdd);
  EXPECT_EQ(output_perf_index(add, make_op_geometry(add, a)), 5);
  add.param = static_cast<uint16_t>(isa::ElementwiseMode::kMul);
  add.state.ofm.type = {true, 32};
  EXPECT_EQ(output_perf_index(add, make_op_geometry(add, a)), 2);
  EXPECT_DOUBLE_EQ(output_cycles_table(a)[7], 0.25);
  EXPECT_DOUBLE_EQ(output_cycles_table(accel("ethos-u55-128"))[5], 1.5);
  EXPECT_DOUBLE_EQ(activation_cycles_table(accel("ethos-u55-128"))[1], 0.5);
}

// 1x1 conv, OFM 8x8x8 in one block on U55-256 (SRAM, latency 32 both ways):
//   MAC/block = max(32, 4 * 16) * 1 * 1 = 64; output/block = 0.25 * 512 = 128;
//   bias floor = 10 * 8 * 64 / 256 = 20 (scales in flash, latency 64);
//   IFM block 8x8x8 NHWC: burst 8 B of 32 -> 512 * 4 / 8 = 256 cycles + 32;
//   OFM block likewise 256 + 32; command floor = (288 + 288 + 128 + 64) / 4 = 192;
//   MAC = max(64, 192) = 192, output = 192: total = 192 * 1 + 192 = 384.
TEST(ComputeCycles, CommandIssueFloorAndPipeline) {
  const auto a = accel("ethos-u55-256");
  const auto op = conv(isa::OperationKind::kConv, 8, 8, 8, 8, 8, 8, 1, 1, 8);
  const OpGeometry g = make_op_geometry(op, a);
  BlockCycleInputs in;
  in.has_scales = true;
  in.scale_memory = MemoryKind::kOffChipFlash;
  const MemorySystem memory = high_end();
  EXPECT_DOUBLE_EQ(block_transfer_cycles(g, in, memory), 576.0);
  const ComputeCycles c = estimate_compute_cycles(op, g, in, a, memory);
  EXPECT_DOUBLE_EQ(c.cmd_floor_cycles_per_block, 192.0);
  EXPECT_DOUBLE_EQ(c.total, 384.0);
}

// Elementwise ADD of 1x1x16 on U55-256: 0.75 cycles/element; block 1x1x16:
// transfers 2 * (32 + 16 * 32 / 16 / 8) = 72, floor = (72 + 12) / 4 = 21 per
// block = 1.3125 per element; 16 elements -> 21 cycles.
TEST(ComputeCycles, ElementwiseFloor) {
  const auto a = accel("ethos-u55-256");
  auto op = conv(isa::OperationKind::kElementwise, 1, 1, 16, 1, 1, 16, 1, 1, 16);
  op.param = static_cast<uint16_t>(isa::ElementwiseMode::kAdd);
  const OpGeometry g = make_op_geometry(op, a);
  const ComputeCycles c = estimate_compute_cycles(op, g, BlockCycleInputs{}, a, high_end());
  EXPECT_DOUBLE_EQ(c.cmd_floor_cycles_per_block, 21.0);
  EXPECT_DOUBLE_EQ(c.total, 21.0);
}

TEST(MemorySystem, BurstEfficiency) {
  const MemorySystem m = high_end();
  // NHWC read, block depth 16: runs of 16 B of a 32 B burst -> x2.
  EXPECT_DOUBLE_EQ(burst_scaled_bytes(m, MemoryKind::kSram, true, isa::DataFormat::kNhwc, 8,
                                      {4, 4, 16}, {8, 8, 64}, 100.0),
                   200.0);
  // NHWC read, depth 1 (stride = block depth): runs of width bytes: 4 B -> x8.
  EXPECT_DOUBLE_EQ(burst_scaled_bytes(m, MemoryKind::kSram, true, isa::DataFormat::kNhwc, 8,
                                      {4, 4, 1}, {8, 8, 1}, 100.0),
                   800.0);
  // NHCWB16: 16 B x block width 4 = 64 B >= the 32 B burst: no penalty.
  EXPECT_DOUBLE_EQ(burst_scaled_bytes(m, MemoryKind::kSram, false, isa::DataFormat::kNhcwb16, 8,
                                      {4, 4, 32}, {8, 8, 64}, 100.0),
                   100.0);
  // NHWC write, deep block: min(64, 16, depth) = 16 B of 32 -> x2.
  EXPECT_DOUBLE_EQ(burst_scaled_bytes(m, MemoryKind::kSram, false, isa::DataFormat::kNhwc, 8,
                                      {4, 4, 64}, {8, 8, 64}, 100.0),
                   200.0);
}

// Flash at 1 B/cycle with latency 64 into SRAM at 8 B/cycle: max(1024 + 64, 128).
TEST(MemorySystem, Mem2MemCycles) {
  EXPECT_DOUBLE_EQ(mem2mem_cycles(high_end(), MemoryKind::kOffChipFlash, MemoryKind::kSram, 1024),
                   1088.0);
}

TEST(MemorySystem, RegionsFollowTheMemoryMode) {
  const MemorySystem shared = high_end("Shared_Sram");
  EXPECT_EQ(shared.memory_of_region(0), MemoryKind::kOffChipFlash);
  EXPECT_EQ(shared.memory_of_region(1), MemoryKind::kSram);
  EXPECT_EQ(shared.memory_of_region(2), MemoryKind::kSram);
  EXPECT_DOUBLE_EQ(shared.bandwidth(MemoryKind::kOffChipFlash), 1.0);
  EXPECT_DOUBLE_EQ(shared.bandwidth(MemoryKind::kSram), 8.0);
  const MemorySystem sram_only = high_end("Sram_Only");
  EXPECT_EQ(sram_only.memory_of_region(0), MemoryKind::kSram);
  const MemorySystem dedicated = high_end("Dedicated_Sram");
  EXPECT_EQ(dedicated.memory_of_region(1), MemoryKind::kOffChipFlash);  // Axi1 of this system
  EXPECT_EQ(dedicated.memory_of_region(2), MemoryKind::kSram);
}

// IFM re-reads: 3x3 conv, 4 OFM blocks of 8x8x32 (IFM depth 32): IFM block
// 10x10 x depth 32 x 1 sub-kernel x 4 blocks = 12800; weights read once per
// XY block; OFM 16x16x32.
TEST(ElementAccess, RereadsAndRestreaming) {
  const auto a = accel("ethos-u55-256");
  const auto op = conv(isa::OperationKind::kConv, 16, 16, 32, 8, 8, 32, 3, 3, 32);
  const ElementAccess access = measure_element_access(
      make_op_geometry(op, a), isa::DataFormat::kNhwc, isa::DataFormat::kNhwc);
  EXPECT_DOUBLE_EQ(access.ifm_read, 10.0 * 10 * 32 * 4);
  EXPECT_DOUBLE_EQ(access.weight_passes, 4.0);
  EXPECT_DOUBLE_EQ(access.ofm_write, 16.0 * 16 * 32);
  EXPECT_TRUE(access.reads_scales);
  // NHCWB16 OFM of depth 20 rounds to 32.
  const auto odd = conv(isa::OperationKind::kConv, 2, 2, 20, 2, 2, 16, 1, 1, 8);
  EXPECT_DOUBLE_EQ(measure_element_access(make_op_geometry(odd, a), isa::DataFormat::kNhwc,
                                          isa::DataFormat::kNhcwb16)
                       .ofm_write,
                   2.0 * 2 * 32);
}

// Weights straight from flash count in the flash access cycles; weights a DMA
// put in SRAM do not (Vela's buffered weights), but the DMA's time shows up
// as a stall before the operation that waits for it. Vela's view (the timed
// terms are tested in timed_terms_test.cc).
TEST(Estimator, WeightsFromFlashAndThroughDma) {
  const auto a = accel("ethos-u55-256");
  const SystemConfig system = *builtin_vela_ini().find_system_config(kDefaultSystemConfig);
  const MemoryMode mode = *builtin_vela_ini().find_memory_mode(kDefaultMemoryMode);
  auto op = conv(isa::OperationKind::kConv, 1, 1, 64, 1, 1, 64, 1, 1, 64);
  op.state.weights = {0, 0, 4096};
  op.state.scales = {0, 4096, 640};
  Estimate direct = estimate_stream({op}, a, system, mode, EstimateOptions::vela_view());
  ASSERT_EQ(direct.operations.size(), 1u);
  EXPECT_DOUBLE_EQ(direct.operations[0].weight_bytes, 4096.0);
  EXPECT_DOUBLE_EQ(direct.operations[0].access_cycles[3], 4096.0 + 640.0);
  EXPECT_EQ(direct.operations[0].bound, Bound::kOffChipFlash);

  isa::Operation dma;
  dma.kind = isa::OperationKind::kDmaStart;
  dma.state.dma.src_region = 0;
  dma.state.dma.dst_region = 2;
  dma.state.dma.dst = 0x100;
  dma.state.dma.length = 4736;
  isa::Operation wait;
  wait.kind = isa::OperationKind::kDmaWait;
  wait.param = 0;
  auto buffered = op;
  buffered.state.weights = {2, 0x100, 4096};
  buffered.state.scales = {2, 0x100 + 4096, 640};
  const Estimate e =
      estimate_stream({dma, wait, buffered}, a, system, mode, EstimateOptions::vela_view());
  ASSERT_EQ(e.operations.size(), 3u);
  EXPECT_DOUBLE_EQ(e.operations[0].dma_cycles, 4736.0 + 64.0);
  EXPECT_DOUBLE_EQ(e.operations[2].access_cycles[3], 0.0);
  EXPECT_DOUBLE_EQ(e.operations[2].dma_stall_cycles, 4800.0);
  EXPECT_EQ(e.dma_transfers, 1u);
  EXPECT_DOUBLE_EQ(e.total_cycles, e.operations[2].end_cycle);
  EXPECT_DOUBLE_EQ(e.traffic.memory_read_bytes[3], 4736.0);
}

// A DMA with no wait overlaps the NPU: the total is the later of the two queues
// (Vela's view).
TEST(Estimator, DmaOverlapsWithoutWait) {
  const auto a = accel("ethos-u55-256");
  const SystemConfig system = *builtin_vela_ini().find_system_config(kDefaultSystemConfig);
  const MemoryMode mode = *builtin_vela_ini().find_memory_mode(kDefaultMemoryMode);
  const auto op = conv(isa::OperationKind::kPool, 8, 8, 8, 8, 8, 8, 2, 2, 8);
  isa::Operation dma;
  dma.kind = isa::OperationKind::kDmaStart;
  dma.state.dma.dst_region = 1;
  dma.state.dma.length = 100;
  const Estimate e = estimate_stream({op, dma}, a, system, mode, EstimateOptions::vela_view());
  EXPECT_DOUBLE_EQ(e.operations[1].start_cycle, 0.0);
  EXPECT_DOUBLE_EQ(e.total_cycles, std::max(e.operations[0].cycles, 164.0));
}

// MACs and utilisation: 3x3 conv 16x16x32 from depth 32 = 9 * 32 * 8192.
TEST(Estimator, MacsAndUtilisation) {
  const auto a = accel("ethos-u55-256");
  const auto op = conv(isa::OperationKind::kConv, 16, 16, 32, 8, 8, 16, 3, 3, 32);
  const OperationEstimate e = estimate_operation(
      op, a, high_end(), *builtin_vela_ini().find_system_config(kDefaultSystemConfig), false,
      false);
  EXPECT_EQ(e.macs, 9 * 32 * 16 * 16 * 32);
  EXPECT_NEAR(e.mac_utilisation, static_cast<double>(e.macs) / (e.cycles * 256), 1e-12);
  EXPECT_EQ(e.ofm_blocks, 8);
}

}  // namespace
}  // namespace vnpu::perf
