// Command words, structured-register parameters and the builder's shadow copy.
#include "isa/command_encoder.h"

#include <gtest/gtest.h>

namespace vnpu::isa {
namespace {

TEST(CommandEncoder, WordsAsVelaWritesThem) {
  // Words copied from a Vela 3.10 stream (kws_dscnn, ethos-u55-128).
  EXPECT_EQ(encode_cmd0(Cmd0::kIfmRegion, 1), 0x0001010Fu);
  EXPECT_EQ(encode_cmd0(Cmd0::kOpStop, 0xFFFF), 0xFFFF0000u);
  EXPECT_EQ(encode_cmd0(Cmd0::kOpConv), 0x00000002u);
  EXPECT_EQ(encode_cmd0(Cmd0::kKernelStride, 0x3), 0x00030122u);
  const std::array<uint32_t, 2> base = encode_cmd1(Cmd1::kIfmBase0, 0x1F40);
  EXPECT_EQ(base[0], 0x00004000u);
  EXPECT_EQ(base[1], 0x00001F40u);
  const std::array<uint32_t, 2> scale = encode_cmd1(Cmd1::kOfmScale, 0x7FFFFFFF, 31);
  EXPECT_EQ(scale[0], 0x001F4024u);
  EXPECT_EQ(scale[1], 0x7FFFFFFFu);
}

TEST(CommandEncoder, AppendAndEncodeCommands) {
  std::vector<Command> commands = {make_cmd0(Cmd0::kIfmDepthM1, 7),
                                   make_cmd1(Cmd1::kUserDefined7, 0xDEADBEEF, 0),
                                   make_cmd0(Cmd0::kOpPool, 2)};
  EXPECT_EQ(encode_commands(commands),
            (std::vector<uint32_t>{0x00070104u, 0x000040A7u, 0xDEADBEEFu, 0x00020005u}));
}

// Values from Vela's generate_ifm_precision / generate_ofm_precision formulas
// (signed | precision << 2 | NHCWB16 << 6 | op_to_scale << 8 for inputs;
// signed | precision << 1 | NHCWB16 << 6 | global << 8 | rounding << 14 for
// the OFM), as they appear in the shared models' streams.
TEST(CommandEncoder, StructuredParametersMatchVela) {
  IfmState ifm;
  ifm.type = {true, 8};
  ifm.format = DataFormat::kNhcwb16;
  ifm.scale_mode = IfmScaleMode::kOpa32;
  EXPECT_EQ(ifm_precision_param(ifm), 0x0141);
  ifm.type = {true, 32};
  ifm.format = DataFormat::kNhwc;
  ifm.scale_mode = IfmScaleMode::kOpaOpb16;
  EXPECT_EQ(ifm_precision_param(ifm), 0x0009);
  ifm.round_mode = RoundMode::kNatural;
  ifm.type = {false, 16};
  EXPECT_EQ(ifm_precision_param(ifm), 0x8004);

  OfmState ofm;
  ofm.type = {true, 32};
  ofm.round_mode = RoundMode::kNatural;
  EXPECT_EQ(ofm_precision_param(ofm), 0x8005);
  ofm.type = {true, 8};
  ofm.round_mode = RoundMode::kDbl;
  ofm.format = DataFormat::kNhcwb16;
  ofm.global_scale = true;
  EXPECT_EQ(ofm_precision_param(ofm), 0x0141);

  Ifm2State ifm2;
  ifm2.type = {true, 32};
  ifm2.format = DataFormat::kNhcwb16;
  EXPECT_EQ(ifm2_precision_param(ifm2), 0x0049);
  ifm2.operand_swap = true;
  EXPECT_EQ(ifm2_broadcast_param(ifm2), 0x0040);
  ifm2 = Ifm2State();
  ifm2.broadcast_c = true;
  EXPECT_EQ(ifm2_broadcast_param(ifm2), 0x0004);
  ifm2.scalar = true;
  ifm2.broadcast_h = true;
  ifm2.broadcast_w = true;
  EXPECT_EQ(ifm2_broadcast_param(ifm2), 0x0087);

  ActivationState lut;
  lut.function = 16;
  lut.clip_range = 3;
  EXPECT_EQ(activation_param(lut), 0x3010);
  EXPECT_EQ(dma_region_param(3, true, 0), 0x0103);
  EXPECT_EQ(dma_region_param(7, false, 2), 0x0407);
}

TEST(CommandEncoder, KernelStrideSplitsStrideMinusOneIntoLsbAndMsb) {
  KernelState kernel;
  EXPECT_EQ(kernel_stride_param(kernel), 0x0000);
  kernel.stride_x = 2;
  kernel.stride_y = 2;
  EXPECT_EQ(kernel_stride_param(kernel), 0x0003);
  kernel.stride_x = 3;  // stride - 1 = 0b10: MSB only
  kernel.stride_y = 3;
  EXPECT_EQ(kernel_stride_param(kernel), 0x0240);
  kernel.stride_x = 4;  // 0b11: both (the decoder refuses it)
  kernel.stride_y = 1;
  EXPECT_EQ(kernel_stride_param(kernel), 0x0041);
  kernel = KernelState();
  kernel.dilation_x = 2;
  kernel.dilation_y = 2;
  kernel.weight_order = WeightOrder::kPartKernelFirst;
  kernel.decomposition_4x4 = true;
  EXPECT_EQ(kernel_stride_param(kernel), 0x003C);
}

TEST(CommandBuilder, ElidesRegisterWritesThatChangeNothing) {
  CommandBuilder builder;
  builder.set(Cmd0::kIfmRegion, 1);
  builder.set(Cmd0::kIfmRegion, 1);  // elided
  builder.set(Cmd1::kIfmBase0, 64);
  builder.set(Cmd1::kIfmBase0, 64);  // elided
  builder.operation(Cmd0::kOpConv);
  builder.operation(Cmd0::kOpConv);  // kick-offs are never elided
  builder.set(Cmd0::kIfmRegion, 2);
  builder.set(Cmd0::kIfmRegion, 1);  // differs from the shadow copy again
  EXPECT_EQ(builder.words(), (std::vector<uint32_t>{0x0001010Fu, 0x00004000u, 64u, 0x2u, 0x2u,
                                                    0x0002010Fu, 0x0001010Fu}));
}

TEST(CommandBuilder, FirstWriteOfARegisterIsAlwaysEmitted) {
  // The shadow copy starts unknown, like Vela's: a write of the reset value is not dropped.
  CommandBuilder builder;
  builder.set(Cmd0::kIfmPadTop, 0);
  builder.set(Cmd1::kWeightBase, 0);
  EXPECT_EQ(builder.words().size(), 3u);
}

TEST(CommandBuilder, Cmd1ShadowIncludesTheParameter) {
  CommandBuilder builder;
  builder.set(Cmd1::kOfmScale, 1000, 5);
  builder.set(Cmd1::kOfmScale, 1000, 6);  // same payload, other shift
  builder.set(Cmd1::kOfmScale, 1001, 6);  // other payload
  builder.set(Cmd1::kOfmScale, 1001, 6);  // elided
  EXPECT_EQ(builder.words().size(), 6u);
}

TEST(CommandBuilder, Cmd0AndCmd1ShadowsAreSeparate) {
  // cmd0 0x002 is NPU_OP_CONV, cmd1 0x002 NPU_SET_IFM_BASE2: same opcode number, other registers.
  CommandBuilder builder;
  builder.set(Cmd1::kIfmBase2, 0);
  builder.set(Cmd0::kIfmPadTop, 0);
  builder.set(Cmd1::kIfmBase0, 0);
  EXPECT_EQ(builder.words().size(), 5u);
}

TEST(CommandBuilder, ForgetShadowEmitsEveryRegisterAgain) {
  CommandBuilder builder;
  builder.set(Cmd0::kBlockdep, 3);
  builder.forget_shadow();
  builder.set(Cmd0::kBlockdep, 3);
  EXPECT_EQ(builder.words(), (std::vector<uint32_t>{0x0003012Fu, 0x0003012Fu}));
}

TEST(CommandBuilder, SetStateTwiceEmitsNothingTheSecondTime) {
  RegisterState state;
  state.ifm.region = 1;
  state.ofm.width_m1 = 15;
  CommandBuilder builder;
  builder.set_state(state);
  const size_t first = builder.words().size();
  EXPECT_GT(first, 60u);  // every register once
  builder.set_state(state);
  EXPECT_EQ(builder.words().size(), first);
  state.ofm.width_m1 = 16;
  builder.set_state(state);
  EXPECT_EQ(builder.words().size(), first + 1);
  EXPECT_EQ(builder.words().back(), encode_cmd0(Cmd0::kOfmWidthM1, 16));
}

}  // namespace
}  // namespace vnpu::isa
