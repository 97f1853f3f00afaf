// Operation summaries: IFM extents derived from OFM, kernel, stride and
// padding, and the lines the disassembler prints.
#include "isa/operation_summary.h"

#include <gtest/gtest.h>

#include <string>

namespace vnpu::isa {
namespace {

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += line + "\n";
  return out;
}

// KWS-DSCNN's first layer: a 49x10x1 input, 10x4 kernel, stride 2, SAME padding
// (TFLite: pad top 4, bottom 5, left 1, right 1) gives a 25x5x64 output.
Operation kws_first_conv() {
  Operation op;
  op.kind = OperationKind::kConv;
  RegisterState& s = op.state;
  s.ofm.height_m1 = 24;
  s.ofm.width_m1 = 4;
  s.ofm.depth_m1 = 63;
  s.ifm.depth_m1 = 0;
  s.kernel.height_m1 = 9;
  s.kernel.width_m1 = 3;
  s.kernel.stride_x = 2;
  s.kernel.stride_y = 2;
  s.ifm.pad_top = 4;
  s.ifm.pad_bottom = 5;
  s.ifm.pad_left = 1;
  s.ifm.pad_right = 1;
  s.ifm.height0_m1 = 48;
  s.ifm.width0_m1 = 9;
  s.ifm.type = {true, 8};
  s.ofm.type = {true, 8};
  return op;
}

TEST(OperationSummary, IfmExtentFromOfmKernelStrideAndPadding) {
  const Operation op = kws_first_conv();
  const Extent ifm = ifm_extent(op);
  EXPECT_EQ(ifm.height, 49);
  EXPECT_EQ(ifm.width, 10);
  EXPECT_EQ(ifm.depth, 1);
  const Extent ofm = ofm_extent(op.state.ofm);
  EXPECT_EQ(ofm.height, 25);
  EXPECT_EQ(ofm.width, 5);
  EXPECT_EQ(ofm.depth, 64);
}

TEST(OperationSummary, DilationAndUpscale) {
  Operation op;
  op.kind = OperationKind::kDepthwise;
  op.state.ofm.height_m1 = 7;  // 8x8 output
  op.state.ofm.width_m1 = 7;
  op.state.kernel.height_m1 = 4;  // 3x3 kernel, dilation 2: extent 5
  op.state.kernel.width_m1 = 4;
  op.state.kernel.dilation_x = 2;
  op.state.kernel.dilation_y = 2;
  op.state.ifm.depth_m1 = 7;
  EXPECT_EQ(ifm_extent(op).height, 12);  // (8 - 1) * 1 + 5, VALID
  const std::string text = joined(describe_operation(op));
  EXPECT_NE(text.find("kernel 3x3 (dilated 5x5) stride 1x1 dilation 2x2"), std::string::npos)
      << text;
  op.state.ifm.upscale = UpscaleMode::kNearest;
  EXPECT_EQ(ifm_extent(op).height, 6);  // the 12-row upscaled IFM comes from 6 rows
  EXPECT_NE(joined(describe_operation(op)).find("upscale 2x NEAREST"), std::string::npos);
}

TEST(OperationSummary, DescribesAConvolution) {
  Operation op = kws_first_conv();
  op.state.weights.length = 688;
  op.state.scales.length = 640;
  op.state.ofm.block_width_m1 = 5;
  op.state.ofm.block_height_m1 = 13;
  op.state.ofm.block_depth_m1 = 31;
  op.state.activation.min = -128;
  op.state.activation.max = 127;
  const std::string text = joined(describe_operation(op));
  EXPECT_EQ(text.rfind("CONV\n", 0), 0u) << text;
  EXPECT_NE(text.find("IFM  49x10x1 int8 NHWC"), std::string::npos) << text;
  EXPECT_NE(text.find("OFM  25x5x64 int8 NHWC"), std::string::npos) << text;
  EXPECT_NE(text.find("padding top 4 left 1 bottom 5 right 1"), std::string::npos) << text;
  EXPECT_NE(text.find("kernel 10x4 (dilated 10x4) stride 2x2"), std::string::npos) << text;
  EXPECT_NE(text.find("block 14x6x32"), std::string::npos) << text;
  EXPECT_NE(text.find("length 688"), std::string::npos) << text;
  EXPECT_NE(text.find("OFM scale per channel"), std::string::npos) << text;
  EXPECT_NE(text.find("clamp [-128, 127]"), std::string::npos) << text;
}

TEST(OperationSummary, MultiTileFeatureMapsListTheirTiles) {
  Operation op = kws_first_conv();
  op.state.ifm.width0_m1 = 4;  // columns 0..4 in tiles 0/2, 5..9 in tiles 1/3
  op.state.ifm.height0_m1 = 23;
  op.state.ifm.height1_m1 = 23;
  op.state.ifm.tile_base = {0x0, 0x100, 0x200, 0x300};
  const std::string text = joined(describe_operation(op));
  EXPECT_NE(text.find("tile 0 24x5, tile 1 at 0x00000100, tile 2 at 0x00000200, tile 3 at "
                      "0x00000300"),
            std::string::npos)
      << text;
}

TEST(OperationSummary, ElementwiseWithBroadcastAndScalar) {
  Operation op;
  op.kind = OperationKind::kElementwise;
  op.param = 2;  // SUB
  op.state.ofm.height_m1 = 3;
  op.state.ofm.width_m1 = 3;
  op.state.ofm.depth_m1 = 15;
  op.state.ifm.depth_m1 = 15;
  op.state.ifm2.broadcast_h = true;
  op.state.ifm2.broadcast_w = true;
  op.state.ofm.global_scale = true;
  op.state.ofm_scale = {1073741824, 30};
  EXPECT_EQ(ifm_extent(op).height, 4);
  std::string text = joined(describe_operation(op));
  EXPECT_EQ(text.rfind("ELEMENTWISE SUB\n", 0), 0u) << text;
  EXPECT_NE(text.find("IFM2 1x1x16"), std::string::npos) << text;
  EXPECT_NE(text.find("broadcast HW"), std::string::npos) << text;
  EXPECT_NE(text.find("OFM scale 1073741824 >> 30"), std::string::npos) << text;
  EXPECT_NE(text.find("OPA scale"), std::string::npos) << text;
  op.state.ifm2.scalar = true;
  op.state.ifm2.scalar_value = -3;
  op.state.ifm2.operand_swap = true;
  text = joined(describe_operation(op));
  EXPECT_NE(text.find("IFM2 scalar -3 uint8 (operand A)"), std::string::npos) << text;
}

TEST(OperationSummary, PoolDmaWaitsAndStop) {
  Operation pool;
  pool.kind = OperationKind::kPool;
  pool.param = 1;
  EXPECT_EQ(describe_operation(pool)[0], "POOL AVERAGE");
  Operation dma;
  dma.kind = OperationKind::kDmaStart;
  dma.state.dma.length = 2048;
  dma.state.dma.dst_internal = true;
  dma.state.dma.dst_region = 3;
  dma.state.dma.src = 0x40;
  EXPECT_EQ(describe_operation(dma)[0],
            "DMA 2048 bytes from memory region 0 offset 0x00000040 to SHRAM region 3 offset "
            "0x00000000, 1D");
  Operation wait;
  wait.kind = OperationKind::kKernelWait;
  wait.param = 1;
  EXPECT_EQ(describe_operation(wait)[0], "wait until at most 1 kernel jobs are outstanding");
  Operation stop;
  stop.param = 0xFFFF;
  EXPECT_EQ(describe_operation(stop)[0], "end of stream, IRQ mask 0xffff");
  EXPECT_STREQ(operation_kind_name(OperationKind::kDepthwise), "DEPTHWISE");
  EXPECT_TRUE(is_block_operation(OperationKind::kPool));
  EXPECT_FALSE(is_block_operation(OperationKind::kDmaStart));
  EXPECT_EQ(element_type_name({false, 16}), "uint16");
  EXPECT_EQ(element_type_name({true, 32}), "int32");
}

}  // namespace
}  // namespace vnpu::isa
