// Register semantics: how each register-set command lands in RegisterState,
// with hand-derived expectations, and a random round trip through the builder.
#include <gtest/gtest.h>

#include <vector>

#include "core/deterministic_rng.h"
#include "isa/command_decoder.h"
#include "isa/command_encoder.h"
#include "tests/isa/state_dump.h"

namespace vnpu::isa {
namespace {

RegisterState apply_all(const std::vector<Command>& commands) {
  RegisterFile registers;
  for (const Command& command : commands) {
    EXPECT_TRUE(validate_command(command).is_ok()) << validate_command(command).message();
    registers.apply(command);
  }
  return registers.state();
}

TEST(RegisterFile, ResetStateIsTheDefault) {
  EXPECT_EQ(testing::dump_state(RegisterFile().state()), testing::dump_state(RegisterState()));
}

TEST(RegisterFile, ZeroPointsFollowTheSignednessInForceAtTheKickOff) {
  // Vela writes the zero point before the precision: 0xFF80 is -128 for int8.
  RegisterState state =
      apply_all({make_cmd0(Cmd0::kIfmZeroPoint, 0xFF80), make_cmd0(Cmd0::kIfmPrecision, 0x0001),
                 make_cmd0(Cmd0::kOfmZeroPoint, 0xFFEF), make_cmd0(Cmd0::kOfmPrecision, 0x0001),
                 make_cmd0(Cmd0::kIfm2ZeroPoint, 0x8000), make_cmd0(Cmd0::kIfm2Precision, 0x0005)});
  EXPECT_EQ(state.ifm.zero_point, -128);
  EXPECT_EQ(state.ofm.zero_point, -17);
  EXPECT_EQ(state.ifm2.zero_point, -32768);
  EXPECT_EQ(state.ifm2.type.bits, 16);
  // The same bits for unsigned types: uint8 zero point 128, uint16 zero point 32768.
  state =
      apply_all({make_cmd0(Cmd0::kIfmZeroPoint, 0x0080), make_cmd0(Cmd0::kIfmPrecision, 0),
                 make_cmd0(Cmd0::kIfm2ZeroPoint, 0x8000), make_cmd0(Cmd0::kIfm2Precision, 0x0004),
                 make_cmd0(Cmd0::kOfmZeroPoint, 0xFFFF), make_cmd0(Cmd0::kOfmPrecision, 2)});
  EXPECT_EQ(state.ifm.zero_point, 128);
  EXPECT_EQ(state.ifm2.zero_point, 32768);
  EXPECT_EQ(state.ofm.zero_point, 65535);
  EXPECT_EQ(state.ofm.type.bits, 16);
  EXPECT_FALSE(state.ofm.type.is_signed);
}

TEST(RegisterFile, ScalarFollowsTheIfm2Type) {
  RegisterState state =
      apply_all({make_cmd0(Cmd0::kIfm2Scalar, 0xFFFE), make_cmd0(Cmd0::kIfm2Broadcast, 0x0080),
                 make_cmd0(Cmd0::kIfm2Precision, 0x0001)});
  EXPECT_TRUE(state.ifm2.scalar);
  EXPECT_EQ(state.ifm2.scalar_value, -2);
  state = apply_all({make_cmd0(Cmd0::kIfm2Scalar, 0xFFFE), make_cmd0(Cmd0::kIfm2Precision, 0)});
  EXPECT_EQ(state.ifm2.scalar_value, 65534);
}

TEST(RegisterFile, ClampsFollowTheOfmTypeOrTheForcedClipRange) {
  // int8 OFM, ReLU6-like bounds as Vela writes them: min -128 (0xFF80), max 0x7F.
  RegisterState state =
      apply_all({make_cmd0(Cmd0::kActivationMin, 0xFF80), make_cmd0(Cmd0::kActivationMax, 0x007F),
                 make_cmd0(Cmd0::kOfmPrecision, 0x0001)});
  EXPECT_EQ(state.activation.min, -128);
  EXPECT_EQ(state.activation.max, 127);
  // uint8 OFM: zero-extended.
  state = apply_all({make_cmd0(Cmd0::kActivationMin, 0x0000),
                     make_cmd0(Cmd0::kActivationMax, 0x00FF), make_cmd0(Cmd0::kOfmPrecision, 0)});
  EXPECT_EQ(state.activation.max, 255);
  // LUT on an int32 OFM forces the int8 range (Vela: activation | 3 << 12).
  state = apply_all({make_cmd0(Cmd0::kActivation, 0x3010), make_cmd0(Cmd0::kOfmPrecision, 0x0004),
                     make_cmd0(Cmd0::kActivationMin, 0xFF80)});
  EXPECT_EQ(state.activation.function, 16);
  EXPECT_EQ(state.activation.clip_range, 3);
  EXPECT_EQ(state.activation.min, -128);
  // FORCE_UINT8 on a signed OFM: zero-extended.
  state = apply_all({make_cmd0(Cmd0::kActivation, 0x2000), make_cmd0(Cmd0::kOfmPrecision, 0x0001),
                     make_cmd0(Cmd0::kActivationMax, 0x8000)});
  EXPECT_EQ(state.activation.max, 32768);
}

TEST(RegisterFile, KernelStrideCombinesLsbAndMsb) {
  struct Case {
    uint16_t param;
    int stride_x, stride_y, dilation_x, dilation_y;
  };
  const Case cases[] = {{0x0000, 1, 1, 1, 1}, {0x0001, 2, 1, 1, 1}, {0x0040, 3, 1, 1, 1},
                        {0x0002, 1, 2, 1, 1}, {0x0200, 1, 3, 1, 1}, {0x0240, 3, 3, 1, 1},
                        {0x0008, 1, 1, 2, 1}, {0x0010, 1, 1, 1, 2}, {0x0003, 2, 2, 1, 1}};
  for (const Case& c : cases) {
    const KernelState kernel = apply_all({make_cmd0(Cmd0::kKernelStride, c.param)}).kernel;
    EXPECT_EQ(kernel.stride_x, c.stride_x) << c.param;
    EXPECT_EQ(kernel.stride_y, c.stride_y) << c.param;
    EXPECT_EQ(kernel.dilation_x, c.dilation_x) << c.param;
    EXPECT_EQ(kernel.dilation_y, c.dilation_y) << c.param;
  }
  const KernelState kernel = apply_all({make_cmd0(Cmd0::kKernelStride, 0x0024)}).kernel;
  EXPECT_EQ(kernel.weight_order, WeightOrder::kPartKernelFirst);
  EXPECT_TRUE(kernel.decomposition_4x4);
}

TEST(RegisterFile, PrecisionFieldsSitAtDifferentBitsForInputsAndOutput) {
  // IFM precision at bits 2-3, OFM precision at bits 1-2 (the interface header's layouts).
  RegisterState state =
      apply_all({make_cmd0(Cmd0::kIfmPrecision, 0x824D), make_cmd0(Cmd0::kOfmPrecision, 0x4147)});
  EXPECT_TRUE(state.ifm.type.is_signed);
  EXPECT_EQ(state.ifm.type.bits, 64);
  EXPECT_EQ(state.ifm.format, DataFormat::kNhcwb16);
  EXPECT_EQ(state.ifm.scale_mode, IfmScaleMode::kOpb32);
  EXPECT_EQ(state.ifm.round_mode, RoundMode::kNatural);
  EXPECT_TRUE(state.ofm.type.is_signed);
  EXPECT_EQ(state.ofm.type.bits, 64);
  EXPECT_EQ(state.ofm.format, DataFormat::kNhcwb16);
  EXPECT_TRUE(state.ofm.global_scale);
  EXPECT_EQ(state.ofm.round_mode, RoundMode::kTruncate);
}

TEST(RegisterFile, AddressesStridesAndScales) {
  RegisterState state = apply_all({
      make_cmd1(Cmd1::kIfmBase2, 0x200),
      make_cmd1(Cmd1::kIfmStrideY, 960),
      make_cmd1(Cmd1::kOfmBase3, 0x300),
      make_cmd1(Cmd1::kOfmStrideC, 16),
      make_cmd1(Cmd1::kIfm2Base1, 0x100),
      make_cmd1(Cmd1::kIfm2StrideX, 3),
      make_cmd1(Cmd1::kWeightBase, 0x40),
      make_cmd1(Cmd1::kWeightLength, 1024),
      make_cmd1(Cmd1::kScaleBase, 0x80),
      make_cmd1(Cmd1::kScaleLength, 160),
      make_cmd1(Cmd1::kOfmScale, 0x40000000, 31),
      make_cmd1(Cmd1::kOpaScale, 1234, 63),
      make_cmd1(Cmd1::kOpbScale, 0x7FFF),
      make_cmd1(Cmd1::kUserDefined7, 77),
      make_cmd0(Cmd0::kWeightRegion, 0),
      make_cmd0(Cmd0::kScaleRegion, 5),
  });
  EXPECT_EQ(state.ifm.tile_base[2], 0x200u);
  EXPECT_EQ(state.ifm.stride_y, 960u);
  EXPECT_EQ(state.ofm.tile_base[3], 0x300u);
  EXPECT_EQ(state.ofm.stride_c, 16u);
  EXPECT_EQ(state.ifm2.tile_base[1], 0x100u);
  EXPECT_EQ(state.ifm2.stride_x, 3u);
  EXPECT_EQ(state.weights.base, 0x40u);
  EXPECT_EQ(state.weights.length, 1024u);
  EXPECT_EQ(state.scales.base, 0x80u);
  EXPECT_EQ(state.scales.length, 160u);
  EXPECT_EQ(state.scales.region, 5);
  EXPECT_EQ(state.ofm_scale.multiplier, 0x40000000u);
  EXPECT_EQ(state.ofm_scale.shift, 31);
  EXPECT_EQ(state.opa_scale.multiplier, 1234u);
  EXPECT_EQ(state.opa_scale.shift, 63);
  EXPECT_EQ(state.opb_scale.multiplier, 0x7FFFu);
  EXPECT_EQ(state.user_defined[7], 77u);
}

TEST(RegisterFile, DmaRegionsModesAndBroadcast) {
  // Vela's LUT load: destination SHRAM (region_mode INTERNAL), core mask 3.
  RegisterState state =
      apply_all({make_cmd0(Cmd0::kDmaSrcRegion, 0x0000), make_cmd0(Cmd0::kDmaDstRegion, 0x0103),
                 make_cmd1(Cmd1::kDmaLen, 2048), make_cmd0(Cmd0::kIfm2Broadcast, 0x0047)});
  EXPECT_EQ(state.dma.src_region, 0);
  EXPECT_FALSE(state.dma.src_internal);
  EXPECT_EQ(state.dma.dst_region, 3);
  EXPECT_TRUE(state.dma.dst_internal);
  EXPECT_EQ(state.dma.length, 2048u);
  EXPECT_TRUE(state.ifm2.broadcast_h);
  EXPECT_TRUE(state.ifm2.broadcast_w);
  EXPECT_TRUE(state.ifm2.broadcast_c);
  EXPECT_TRUE(state.ifm2.operand_swap);
  EXPECT_FALSE(state.ifm2.scalar);
  state = apply_all({make_cmd0(Cmd0::kDmaSrcRegion, 0x0400), make_cmd0(Cmd0::kDmaSize1, 9)});
  EXPECT_EQ(state.dma.src_stride_mode, 2);
  EXPECT_EQ(state.dma.size1, 9u);
}

TEST(RegisterFile, KickOffSnapshotsTheStateWithItsOffset) {
  RegisterFile registers;
  registers.apply(make_cmd0(Cmd0::kOfmDepthM1, 15));
  Command kick = make_cmd0(Cmd0::kOpElementwise, 8);
  kick.word_offset = 41;
  const Operation before = registers.kick_off(kick);
  registers.apply(make_cmd0(Cmd0::kOfmDepthM1, 31));
  EXPECT_EQ(before.kind, OperationKind::kElementwise);
  EXPECT_EQ(before.elementwise_mode(), ElementwiseMode::kShr);
  EXPECT_EQ(before.word_offset, 41u);
  EXPECT_EQ(before.state.ofm.depth_m1, 15u);
  EXPECT_EQ(registers.state().ofm.depth_m1, 31u);
}

TEST(RegisterFile, OperationKindOfEveryKickOff) {
  const std::pair<Cmd0, OperationKind> kinds[] = {
      {Cmd0::kOpStop, OperationKind::kStop},
      {Cmd0::kOpIrq, OperationKind::kIrq},
      {Cmd0::kOpConv, OperationKind::kConv},
      {Cmd0::kOpDepthwise, OperationKind::kDepthwise},
      {Cmd0::kOpPool, OperationKind::kPool},
      {Cmd0::kOpElementwise, OperationKind::kElementwise},
      {Cmd0::kOpDmaStart, OperationKind::kDmaStart},
      {Cmd0::kOpDmaWait, OperationKind::kDmaWait},
      {Cmd0::kOpKernelWait, OperationKind::kKernelWait},
      {Cmd0::kOpPmuMask, OperationKind::kPmuMask},
  };
  for (const auto& [opcode, kind] : kinds) {
    EXPECT_EQ(operation_kind(static_cast<uint16_t>(opcode)), kind);
  }
  EXPECT_EQ(operation_kind(static_cast<uint16_t>(Cmd0::kIfmRegion)), std::nullopt);
}

// A random state whose every field fits its register (and stride <= 3).
RegisterState random_state(DeterministicRng& rng) {
  auto u = [&rng](int32_t high) { return static_cast<uint32_t>(rng.uniform(0, high)); };
  auto type = [&](ElementType& t) {
    t.is_signed = u(1) != 0;
    t.bits = static_cast<uint8_t>(8u << u(3));
  };
  auto zero_point = [&](const ElementType& t) {
    return t.is_signed ? rng.uniform(-32768, 32767) : rng.uniform(0, 65535);
  };
  auto fm = [&](FeatureMapState& f) {
    f.region = static_cast<uint8_t>(u(7));
    type(f.type);
    f.format = static_cast<DataFormat>(u(1));
    f.zero_point = zero_point(f.type);
    f.width0_m1 = u(65535);
    f.height0_m1 = u(65535);
    f.height1_m1 = u(65535);
    for (uint64_t& base : f.tile_base) base = rng.next() & 0xFFFFFFFFu;
    f.stride_x = rng.next() & 0xFFFFFFFFu;
    f.stride_y = rng.next() & 0xFFFFFFFFu;
    f.stride_c = rng.next() & 0xFFFFFFFFu;
  };
  RegisterState s;
  fm(s.ifm);
  fm(s.ifm2);
  fm(s.ofm);
  s.ifm.depth_m1 = u(65535);
  s.ifm.upscale = static_cast<UpscaleMode>(u(2));
  s.ifm.scale_mode = static_cast<IfmScaleMode>(u(2));
  s.ifm.round_mode = static_cast<RoundMode>(u(2));
  s.ifm.pad_top = static_cast<uint8_t>(u(127));
  s.ifm.pad_left = static_cast<uint8_t>(u(127));
  s.ifm.pad_right = static_cast<uint8_t>(u(255));
  s.ifm.pad_bottom = static_cast<uint8_t>(u(255));
  s.ifm.ib_end = u(63);
  s.ifm2.broadcast_h = u(1) != 0;
  s.ifm2.broadcast_w = u(1) != 0;
  s.ifm2.broadcast_c = u(1) != 0;
  s.ifm2.operand_swap = u(1) != 0;
  s.ifm2.scalar = u(1) != 0;
  s.ifm2.scalar_value = zero_point(s.ifm2.type);
  s.ifm2.ib_start = u(63);
  s.ofm.width_m1 = u(65535);
  s.ofm.height_m1 = u(65535);
  s.ofm.depth_m1 = u(65535);
  s.ofm.global_scale = u(1) != 0;
  s.ofm.round_mode = static_cast<RoundMode>(u(2));
  s.ofm.block_width_m1 = u(63);
  s.ofm.block_height_m1 = u(31);
  s.ofm.block_depth_m1 = u(127);
  s.kernel.width_m1 = u(65535);
  s.kernel.height_m1 = u(65535);
  s.kernel.stride_x = static_cast<uint8_t>(1 + u(2));
  s.kernel.stride_y = static_cast<uint8_t>(1 + u(2));
  s.kernel.dilation_x = static_cast<uint8_t>(1 + u(1));
  s.kernel.dilation_y = static_cast<uint8_t>(1 + u(1));
  s.kernel.weight_order = static_cast<WeightOrder>(u(1));
  s.kernel.decomposition_4x4 = u(1) != 0;
  for (StreamState* stream : {&s.weights, &s.weights1, &s.scales, &s.scales1}) {
    stream->base = rng.next() & 0xFFFFFFFFu;
    stream->length = rng.next() & 0xFFFFFFFFu;
  }
  s.weights.region = static_cast<uint8_t>(u(7));
  s.scales.region = static_cast<uint8_t>(u(7));
  s.scales.length &= 0xFFFFFu;
  s.scales1.length &= 0xFFFFFu;
  s.ofm_scale = {static_cast<uint32_t>(rng.next()), static_cast<uint8_t>(u(63))};
  s.opa_scale = {static_cast<uint32_t>(rng.next()), static_cast<uint8_t>(u(63))};
  s.opb_scale = {u(65535), 0};
  const uint8_t functions[] = {0, 3, 4, 16, 17, 18, 19, 20, 21, 22, 23};
  const uint8_t clips[] = {0, 2, 3, 5};
  s.activation.function = functions[u(10)];
  s.activation.clip_range = clips[u(3)];
  const bool clamp_signed = s.activation.clip_range == 3 || s.activation.clip_range == 5 ||
                            (s.activation.clip_range == 0 && s.ofm.type.is_signed);
  s.activation.min = clamp_signed ? rng.uniform(-32768, 32767) : rng.uniform(0, 65535);
  s.activation.max = clamp_signed ? rng.uniform(-32768, 32767) : rng.uniform(0, 65535);
  s.acc_format = static_cast<AccFormat>(u(2));
  s.ab_start = u(63);
  s.blockdep = static_cast<uint8_t>(u(3));
  DmaState& d = s.dma;
  d.src_region = static_cast<uint8_t>(u(7));
  d.dst_region = static_cast<uint8_t>(u(7));
  d.src_internal = u(1) != 0;
  d.dst_internal = u(1) != 0;
  d.src_stride_mode = static_cast<uint8_t>(u(2));
  d.dst_stride_mode = static_cast<uint8_t>(u(2));
  for (uint64_t* v : {&d.src, &d.dst, &d.length, &d.skip0, &d.skip1}) *v = rng.next() & 0xFFFFFFFFu;
  d.size0 = u(65535);
  d.size1 = u(65535);
  s.parallel_mode = u(1) != 0;
  for (uint32_t& value : s.user_defined) value = static_cast<uint32_t>(rng.next());
  return s;
}

// Typed state -> builder (with elision between operations) -> words -> decoder
// -> the same typed state at every kick-off.
TEST(RegisterFile, RandomStatesRoundTripThroughTheBuilder) {
  DeterministicRng rng(20261127);
  std::vector<RegisterState> states;
  CommandBuilder builder;
  for (int i = 0; i < 2000; ++i) {
    states.push_back(random_state(rng));
    if (i % 7 == 3) states.back() = states[states.size() - 2];  // nothing changes: all elided
    builder.set_state(states.back());
    builder.operation(Cmd0::kOpConv);
  }
  DecodedStream decoded = decode_stream(builder.words().data(), builder.words().size());
  ASSERT_TRUE(decoded.status.is_ok()) << decoded.status.message();
  ASSERT_EQ(decoded.operations.size(), states.size());
  for (size_t i = 0; i < states.size(); ++i) {
    ASSERT_EQ(testing::dump_state(decoded.operations[i].state), testing::dump_state(states[i]))
        << "operation " << i;
  }
}

}  // namespace
}  // namespace vnpu::isa
