// DMA transfers (external and SHRAM endpoints, overlap, faults) and the kernel
// geometry derived from the OFM size, stride, padding, dilation and upscale.
#include <gtest/gtest.h>

#include "sim/functional/dma.h"
#include "sim/functional/kernel_geometry.h"
#include "tests/sim/functional/npu_test_util.h"

namespace vnpu::testing {
namespace {

isa::Operation dma_op(uint8_t src_region, uint64_t src, uint8_t dst_region, bool dst_internal,
                      uint64_t dst, uint64_t length) {
  isa::Operation op;
  op.kind = isa::OperationKind::kDmaStart;
  op.state.dma.src_region = src_region;
  op.state.dma.src = src;
  op.state.dma.dst_region = dst_region;
  op.state.dma.dst_internal = dst_internal;
  op.state.dma.dst = dst;
  op.state.dma.length = length;
  return op;
}

TEST(DmaTest, CopiesBetweenRegionsAndIntoShram) {
  TestMemory mem(64);
  for (size_t i = 0; i < 64; ++i) mem.buffers[0][i] = static_cast<uint8_t>(i);
  ASSERT_TRUE(sim::execute_dma(dma_op(0, 8, 2, false, 40, 16), mem.memory()).ok());
  EXPECT_EQ(mem.buffers[2][40], 8);
  EXPECT_EQ(mem.buffers[2][55], 23);
  EXPECT_EQ(mem.buffers[2][56], 0);
  ASSERT_TRUE(sim::execute_dma(dma_op(0, 0, 7, true, 1000, 64), mem.memory()).ok());
  EXPECT_EQ(mem.shram[1063], 63);
}

TEST(DmaTest, OverlappingRangesCopyLikeMemmove) {
  TestMemory mem(32);
  for (size_t i = 0; i < 32; ++i) mem.buffers[1][i] = static_cast<uint8_t>(i);
  ASSERT_TRUE(sim::execute_dma(dma_op(1, 0, 1, false, 4, 16), mem.memory()).ok());
  for (size_t i = 0; i < 16; ++i) EXPECT_EQ(mem.buffers[1][4 + i], i);
}

TEST(DmaTest, RangesPastTheEndAndStrideModesAreFaults) {
  TestMemory mem(64);
  EXPECT_EQ(sim::execute_dma(dma_op(0, 60, 1, false, 0, 8), mem.memory()).fault, sim::NpuFault::kBus);
  EXPECT_EQ(sim::execute_dma(dma_op(0, 0, 1, false, 57, 8), mem.memory()).fault, sim::NpuFault::kBus);
  EXPECT_EQ(sim::execute_dma(dma_op(0, ~uint64_t{0}, 1, false, 0, 2), mem.memory()).fault,
            sim::NpuFault::kBus);
  EXPECT_EQ(sim::execute_dma(dma_op(6, 0, 1, false, 0, 1), mem.memory()).fault, sim::NpuFault::kBus);
  isa::Operation op = dma_op(0, 0, 1, false, 0, 8);
  op.state.dma.src_stride_mode = 1;
  EXPECT_EQ(sim::execute_dma(op, mem.memory()).fault, sim::NpuFault::kCommandParse);
  EXPECT_TRUE(sim::execute_dma(dma_op(0, 64, 1, false, 64, 0), mem.memory()).ok());  // empty
}

isa::Operation kernel_op(int32_t oh, int32_t ow, int32_t kh, int32_t kw) {
  isa::Operation op;
  op.kind = isa::OperationKind::kConv;
  op.state.ofm.height_m1 = static_cast<uint32_t>(oh - 1);
  op.state.ofm.width_m1 = static_cast<uint32_t>(ow - 1);
  op.state.kernel.height_m1 = static_cast<uint32_t>(kh - 1);
  op.state.kernel.width_m1 = static_cast<uint32_t>(kw - 1);
  return op;
}

TEST(KernelGeometryTest, IfmExtentFollowsTfliteOutputSizes) {
  // kws_dscnn's first layer: OFM 25x5, kernel 10x3, stride 2x1, pads 4/5 and 1/1 -> IFM 49x5.
  isa::Operation op = kernel_op(25, 5, 10, 3);
  op.state.kernel.stride_y = 2;
  op.state.ifm.pad_top = 4;
  op.state.ifm.pad_bottom = 5;
  op.state.ifm.pad_left = 1;
  op.state.ifm.pad_right = 1;
  sim::KernelGeometry g;
  ASSERT_TRUE(sim::make_kernel_geometry(op, &g).ok());
  EXPECT_EQ(g.ifm.height, 49);
  EXPECT_EQ(g.ifm.width, 5);
  int32_t y = 0, x = 0;
  EXPECT_FALSE(g.source(-1, 0, &y, &x));
  EXPECT_FALSE(g.source(49, 0, &y, &x));
  EXPECT_TRUE(g.source(48, 4, &y, &x));
}

TEST(KernelGeometryTest, DilationAndUpscale) {
  isa::Operation op = kernel_op(4, 4, 5, 5);  // dilated extent 5 = 2 * (3 - 1) + 1
  op.state.kernel.dilation_y = 2;
  op.state.kernel.dilation_x = 2;
  op.state.ifm.upscale = isa::UpscaleMode::kZeros;
  sim::KernelGeometry g;
  ASSERT_TRUE(sim::make_kernel_geometry(op, &g).ok());
  EXPECT_EQ(g.kernel_height, 3);
  EXPECT_EQ(g.upscaled_height, 8);
  EXPECT_EQ(g.ifm.height, 4);
  int32_t y = 0, x = 0;
  EXPECT_FALSE(g.source(1, 2, &y, &x));  // inserted zero
  ASSERT_TRUE(g.source(6, 2, &y, &x));
  EXPECT_EQ(y, 3);
  EXPECT_EQ(x, 1);
  op.state.kernel.height_m1 = 3;  // 3 is not a multiple of dilation 2
  EXPECT_EQ(sim::make_kernel_geometry(op, &g).fault, sim::NpuFault::kCommandParse);
}

TEST(KernelGeometryTest, PaddingThatLeavesNoInputIsAParseFault) {
  isa::Operation op = kernel_op(1, 1, 2, 2);
  op.state.ifm.pad_top = 1;
  op.state.ifm.pad_bottom = 1;
  sim::KernelGeometry g;
  EXPECT_EQ(sim::make_kernel_geometry(op, &g).fault, sim::NpuFault::kCommandParse);
}

}  // namespace
}  // namespace vnpu::testing
