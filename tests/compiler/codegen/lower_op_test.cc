// compiler/codegen/lower_op.h on hand-built operators: values derived by hand
// (TFLite's multiplier pair, SAME/VALID paddings, RELU6 clamps), the stream's
// shape when decoded, the block config's SHRAM layout, and the refusals.
#include <gtest/gtest.h>

#include "compiler/codegen/lower_op.h"
#include "isa/command_decoder.h"
#include "isa/scale_stream.h"
#include "models/graph_builder.h"

namespace vnpu::compiler {
namespace {

isa::AcceleratorConfig config(const char* name) { return *isa::find_accelerator_config(name); }

// A 1-channel conv, input [1,h,w,1], filter k x k, input scale 0.5, filter 0.25, output
// `out_scale`.
ir::Graph single_conv(int32_t h, int32_t w, int32_t k, int32_t stride, ir::Padding padding,
                      ir::FusedActivation act, float out_scale, int32_t out_zp,
                      int32_t bias_value) {
  models::GraphBuilder b("conv", 1);
  const int32_t oh =
      padding == ir::Padding::kSame ? (h + stride - 1) / stride : (h - k) / stride + 1;
  const int32_t ow =
      padding == ir::Padding::kSame ? (w + stride - 1) / stride : (w - k) / stride + 1;
  const int32_t in = b.add_activation("in", {1, h, w, 1}, {0.5f, 3});
  const int32_t out = b.add_activation("out", {1, oh, ow, 1}, {out_scale, out_zp});
  const int32_t filter = b.add_weights("filter", {1, k, k, 1}, 0, {0.25f});
  const int32_t bias = b.add_int32_constant("bias", {bias_value});
  b.add_op(ir::OpType::kConv2d, {in, filter, bias}, {out},
           ir::Conv2dOptions{padding, stride, stride, 1, 1, act});
  b.set_io({in}, {out});
  return b.graph();
}

TEST(CodegenLowerOpTest, ScaleEntryIsTflitesMultiplierWithShiftThirtyOneMinusExponent) {
  // real = 0.5 * 0.25 / 1.0 = 0.125 = 0.5 * 2^-2: multiplier 2^30, exponent -2, NPU shift 33.
  const ir::Graph g =
      single_conv(4, 4, 1, 1, ir::Padding::kValid, ir::FusedActivation::kNone, 1.0f, 0, -77);
  Expected<LoweredOp> lowered =
      lower_operator(g, g.operators[0], config("ethos-u55-128"), {0, 64, 32});
  ASSERT_TRUE(lowered.has_value()) << lowered.status().message();
  const isa::EncodedWeightRange& range = lowered->weights.ranges.at(0);
  Expected<std::vector<isa::ScaleBiasEntry>> entries = isa::decode_scale_stream(
      lowered->weights.buffer.data() + range.scale_offset, range.scale_length, 1);
  ASSERT_TRUE(entries.has_value()) << entries.status().message();
  EXPECT_EQ((*entries)[0], (isa::ScaleBiasEntry{-77, 1u << 30, 33}));
  EXPECT_EQ(lowered->state.scales.base, 32 + range.scale_offset);
  EXPECT_EQ(lowered->state.weights.base, 32 + range.weight_offset);
  EXPECT_EQ(lowered->state.scales.region, kConstantRegion);
  EXPECT_FALSE(lowered->state.ofm.global_scale);
  EXPECT_EQ(lowered->state.ofm.round_mode, isa::RoundMode::kDbl);
  EXPECT_EQ(lowered->state.ifm.tile_base[0], 0u);
  EXPECT_EQ(lowered->state.ofm.tile_base[0], 64u);
}

TEST(CodegenLowerOpTest, SamePaddingSplitsTheTotalAsTfliteDoes) {
  // in 5, k 3, stride 2: out 3, total (3-1)*2 + 3 - 5 = 2: top 1, bottom 1.
  ir::Graph g = single_conv(5, 5, 3, 2, ir::Padding::kSame, ir::FusedActivation::kNone, 1.0f, 0, 0);
  Expected<LoweredOp> l = lower_operator(g, g.operators[0], config("ethos-u55-64"), {});
  ASSERT_TRUE(l.has_value()) << l.status().message();
  EXPECT_EQ(l->state.ifm.pad_top, 1);
  EXPECT_EQ(l->state.ifm.pad_bottom, 1);
  EXPECT_EQ(l->state.ifm.pad_left, 1);
  EXPECT_EQ(l->state.ifm.pad_right, 1);
  EXPECT_EQ(l->state.kernel.stride_y, 2);
  EXPECT_EQ(l->state.kernel.height_m1, 2u);
  // in 8, k 1, stride 3 SAME: out 3, total 6 + 1 - 8 = -1: no padding (the last row is never read).
  g = single_conv(8, 8, 1, 3, ir::Padding::kSame, ir::FusedActivation::kNone, 1.0f, 0, 0);
  l = lower_operator(g, g.operators[0], config("ethos-u55-64"), {});
  ASSERT_TRUE(l.has_value()) << l.status().message();
  EXPECT_EQ(l->state.ifm.pad_top + l->state.ifm.pad_bottom + l->state.ifm.pad_left +
                l->state.ifm.pad_right,
            0);
  // VALID never pads.
  g = single_conv(7, 7, 3, 2, ir::Padding::kValid, ir::FusedActivation::kNone, 1.0f, 0, 0);
  l = lower_operator(g, g.operators[0], config("ethos-u55-64"), {});
  ASSERT_TRUE(l.has_value()) << l.status().message();
  EXPECT_EQ(l->state.ifm.pad_top + l->state.ifm.pad_bottom + l->state.ifm.pad_left +
                l->state.ifm.pad_right,
            0);
}

TEST(CodegenLowerOpTest, Relu6BecomesTheQuantizedClamp) {
  // scale 0.05, zero point -10: 0 -> -10, 6 -> -10 + 120 = 110.
  const ir::Graph g =
      single_conv(3, 3, 1, 1, ir::Padding::kSame, ir::FusedActivation::kRelu6, 0.05f, -10, 0);
  Expected<LoweredOp> l = lower_operator(g, g.operators[0], config("ethos-u55-256"), {});
  ASSERT_TRUE(l.has_value()) << l.status().message();
  EXPECT_EQ(l->state.activation.min, -10);
  EXPECT_EQ(l->state.activation.max, 110);
  EXPECT_EQ(l->state.ofm.zero_point, -10);
  EXPECT_EQ(l->state.ifm.zero_point, 3);
}

TEST(CodegenLowerOpTest, StreamDecodesToOneConvThenStop) {
  const ir::Graph g =
      single_conv(6, 6, 3, 1, ir::Padding::kSame, ir::FusedActivation::kRelu, 0.1f, 0, 5);
  Expected<LoweredOp> l = lower_operator(g, g.operators[0], config("ethos-u55-32"), {});
  ASSERT_TRUE(l.has_value()) << l.status().message();
  const isa::DecodedStream d = isa::decode_stream(l->commands.data(), l->commands.size());
  ASSERT_TRUE(d.status.is_ok()) << d.status.message();
  EXPECT_TRUE(d.stopped);
  EXPECT_EQ(d.words_read, l->commands.size());
  ASSERT_EQ(d.operations.size(), 2u);
  EXPECT_EQ(d.operations[0].kind, isa::OperationKind::kConv);
  EXPECT_EQ(d.operations[1].kind, isa::OperationKind::kStop);
  EXPECT_EQ(d.operations[0].state.ofm.block_depth_m1, l->state.ofm.block_depth_m1);
}

TEST(CodegenLowerOpTest, BlockConfigFitsTheShramOfEveryPreset) {
  for (const isa::AcceleratorConfig& c : isa::accelerator_configs()) {
    for (int32_t k : {1, 3, 8, 11}) {
      BlockProblem p;
      p.ofm_height = 57;
      p.ofm_width = 61;
      p.ofm_depth = 200;
      p.kernel_height = k;
      p.kernel_width = k;
      p.stride_y = 3;
      p.stride_x = 2;
      p.ifm_block_depth = 32;
      Expected<BlockConfig> b = choose_block_config(p, c);
      ASSERT_TRUE(b.has_value()) << c.name << ": " << b.status().message();
      const int32_t usable = c.shram_kb - (c.shram_kb > 16 ? 2 : 0);
      auto up = [](int32_t v, int32_t step) { return (v + step - 1) / step * step; };
      const int32_t ifm_h = up((b->height - 1) * 3 + std::min(k, 8), c.ifm_ublock.height);
      const int32_t ifm_w = up((b->width - 1) * 2 + std::min(k, 8), c.ifm_ublock.width);
      const int32_t ifm_banks = 2 * ((ifm_h * ifm_w * 32 + 1023) / 1024);  // double-buffered
      EXPECT_EQ(static_cast<int32_t>(b->ib_end), 2 + ifm_banks) << c.name;
      EXPECT_LE(b->ib_end, b->ab_start) << c.name;
      EXPECT_EQ(static_cast<int32_t>(b->ab_start),
                usable - (b->width * b->height * b->depth * 4 + 1023) / 1024)
          << c.name;
      EXPECT_LE(b->width, 64);
      EXPECT_LE(b->height, 32);
      EXPECT_LE(b->depth, 64);
      EXPECT_EQ(b->depth % 8, 0);
      EXPECT_EQ(b->width % c.ofm_ublock.width, 0);
      EXPECT_EQ(b->height % c.ofm_ublock.height, 0);
    }
  }
}

TEST(CodegenLowerOpTest, RefusesWhatTheNpuCannotRunNamingTheOperator) {
  ir::Graph g =
      single_conv(9, 9, 1, 1, ir::Padding::kValid, ir::FusedActivation::kNone, 1.0f, 0, 0);
  std::get<ir::Conv2dOptions>(g.operators[0].options).stride_h = 4;
  g.tensor(g.operators[0].outputs[0]).shape = {1, 3, 9, 1};
  Expected<LoweredOp> l = lower_operator(g, g.operators[0], config("ethos-u55-128"), {});
  ASSERT_FALSE(l.has_value());
  EXPECT_NE(l.status().message().find("CONV_2D"), std::string::npos) << l.status().message();
  EXPECT_NE(l.status().message().find("stride 4"), std::string::npos) << l.status().message();

  // A dilation above the NPU's 2 is spread into the kernel (zeros between the
  // taps) and run with dilation 1: the kernel spans the dilated width.
  g = single_conv(9, 9, 3, 1, ir::Padding::kSame, ir::FusedActivation::kNone, 1.0f, 0, 0);
  std::get<ir::Conv2dOptions>(g.operators[0].options).dilation_w = 3;
  const int32_t kernel_width = g.tensor(g.operators[0].inputs[1]).shape[2];
  l = lower_operator(g, g.operators[0], config("ethos-u55-128"), {});
  ASSERT_TRUE(l.has_value()) << l.status().message();
  EXPECT_EQ(l->state.kernel.dilation_x, 1);
  EXPECT_EQ(kernel_width, 3);
  EXPECT_EQ(static_cast<int32_t>(l->state.kernel.width_m1), (kernel_width - 1) * 3);

  g.operators[0].type = ir::OpType::kAdd;
  l = lower_operator(g, g.operators[0], config("ethos-u55-128"), {});
  ASSERT_FALSE(l.has_value());
  EXPECT_NE(l.status().message().find("ADD"), std::string::npos) << l.status().message();

  models::GraphBuilder b("dw", 1);
  const int32_t in = b.add_activation("in", {1, 4, 4, 2}, {0.5f, 0});
  const int32_t out = b.add_activation("out", {1, 4, 4, 4}, {1.0f, 0});
  const int32_t filter = b.add_weights("filter", {1, 3, 3, 4}, 3, {0.1f, 0.1f, 0.1f, 0.1f});
  b.add_op(
      ir::OpType::kDepthwiseConv2d, {in, filter}, {out},
      ir::DepthwiseConv2dOptions{ir::Padding::kSame, 1, 1, 2, 1, 1, ir::FusedActivation::kNone});
  l = lower_operator(b.graph(), b.graph().operators[0], config("ethos-u55-128"), {});
  ASSERT_FALSE(l.has_value());
  EXPECT_NE(l.status().message().find("depth multiplier 2"), std::string::npos)
      << l.status().message();
}

}  // namespace
}  // namespace vnpu::compiler
