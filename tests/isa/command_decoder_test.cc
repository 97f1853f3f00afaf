// Decoder round trip over every opcode and field extreme, and one test per
// validation rule: accepted at its limit, refused just past it, with the word
// offset and the command named in the message.
#include "isa/command_decoder.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "isa/command_encoder.h"
#include "isa/command_fields.h"

namespace vnpu::isa {
namespace {

constexpr size_t kFiller = 3;  // commands placed before the one under test

// The stream: kFiller NPU_SET_IFM_DEPTH_M1 words, then `words`.
std::vector<uint32_t> after_filler(const std::vector<uint32_t>& words) {
  std::vector<uint32_t> stream(kFiller, encode_cmd0(Cmd0::kIfmDepthM1, 0));
  stream.insert(stream.end(), words.begin(), words.end());
  return stream;
}

Status decode_words(const std::vector<uint32_t>& words) {
  const std::vector<uint32_t> stream = after_filler(words);
  return decode_stream(stream.data(), stream.size()).status;
}

Status decode0(Cmd0 opcode, uint16_t param) { return decode_words({encode_cmd0(opcode, param)}); }

Status decode1(Cmd1 opcode, uint32_t payload, uint16_t param = 0) {
  const std::array<uint32_t, 2> words = encode_cmd1(opcode, payload, param);
  return decode_words({words[0], words[1]});
}

// The refusal names word kFiller and the command, and says `what`.
void expect_refused(const Status& status, const std::string& name, const std::string& what) {
  ASSERT_FALSE(status.is_ok()) << name << ": " << what;
  EXPECT_EQ(status.code(), ErrorCode::kInvalidInput);
  const std::string prefix = "word " + std::to_string(kFiller) + ": " + name + ": ";
  EXPECT_EQ(status.message().rfind(prefix, 0), 0u) << status.message();
  EXPECT_NE(status.message().find(what), std::string::npos) << status.message();
}

void expect_accepted(const Status& status) { EXPECT_TRUE(status.is_ok()) << status.message(); }

// ---- round trip -------------------------------------------------------------

// Parameters with each field at 0 and at its extremes, one field at a time,
// then every field at its largest valid value together.
std::vector<uint16_t> extreme_params(const CommandSpec& spec) {
  std::vector<uint16_t> params = {0};
  uint32_t all_max = 0;
  for (const FieldSpec& field : spec.fields) {
    uint32_t largest = 0;
    const uint32_t limit = field.kind == FieldKind::kEnum ? field.value_count : field.max_value + 1;
    for (uint32_t value = 0; value < limit; ++value) {
      if (!field.is_valid(value)) continue;
      largest = value;
      if (field.kind == FieldKind::kEnum)
        params.push_back(static_cast<uint16_t>(value << field.lsb));
    }
    params.push_back(static_cast<uint16_t>(largest << field.lsb));
    if (field.max_value > 1 && field.kind != FieldKind::kEnum) {
      params.push_back(static_cast<uint16_t>(1u << field.lsb));
    }
    all_max |= largest << field.lsb;
  }
  // LSB and MSB of a stride together encode stride 4, which the decoder refuses: keep the MSBs.
  if (!spec.is_cmd1 && spec.opcode == static_cast<uint16_t>(Cmd0::kKernelStride)) all_max &= ~0x03u;
  params.push_back(static_cast<uint16_t>(all_max));
  return params;
}

std::vector<uint32_t> extreme_payloads(const CommandSpec& spec) {
  if (!spec.is_cmd1) return {0};
  const uint32_t defined = ~spec.reserved_payload_mask();
  return {0, 1, defined, 0x12345678u & defined, 0x80000000u & defined};
}

TEST(CommandDecoder, EveryOpcodeAndFieldExtremeRoundTrips) {
  size_t checked = 0;
  for (const CommandSpec& spec : command_specs()) {
    for (uint16_t param : extreme_params(spec)) {
      for (uint32_t payload : extreme_payloads(spec)) {
        Command command;
        command.is_cmd1 = spec.is_cmd1;
        command.opcode = spec.opcode;
        command.param = param;
        command.payload = payload;
        std::vector<uint32_t> words;
        append_command(words, command);
        const std::vector<uint32_t> stream = after_filler(words);
        Expected<Command> decoded = decode_command(stream.data(), stream.size(), kFiller);
        ASSERT_TRUE(decoded.has_value())
            << spec.name() << " param " << param << ": " << decoded.status().message();
        EXPECT_EQ(decoded->word_offset, kFiller);
        EXPECT_EQ(decoded->is_cmd1, spec.is_cmd1);
        EXPECT_EQ(decoded->opcode, spec.opcode);
        EXPECT_EQ(decoded->param, param) << spec.name();
        EXPECT_EQ(decoded->payload, payload) << spec.name();
        EXPECT_EQ(decoded->size_words(), spec.is_cmd1 ? 2u : 1u);
        std::vector<uint32_t> again;
        append_command(again, *decoded);
        EXPECT_EQ(again, words);
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 400u);
}

TEST(CommandDecoder, DecodeStreamListsCommandsAndKickOffs) {
  CommandBuilder builder;
  builder.set(Cmd0::kIfmRegion, 1);
  builder.set(Cmd1::kIfmBase0, 0x100);
  builder.operation(Cmd0::kOpPool, 1);
  builder.operation(Cmd0::kOpKernelWait, 0);
  builder.operation(Cmd0::kOpStop, 0xFFFF);
  std::vector<uint32_t> words = builder.words();
  words.push_back(0xFFFFFFFFu);  // after NPU_OP_STOP: never read
  DecodedStream decoded = decode_stream(words.data(), words.size());
  ASSERT_TRUE(decoded.status.is_ok()) << decoded.status.message();
  EXPECT_TRUE(decoded.stopped);
  EXPECT_EQ(decoded.words_read, words.size() - 1);
  ASSERT_EQ(decoded.commands.size(), 5u);
  EXPECT_EQ(decoded.commands[2].word_offset, 3u);
  ASSERT_EQ(decoded.operations.size(), 3u);
  EXPECT_EQ(decoded.operations[0].kind, OperationKind::kPool);
  EXPECT_EQ(decoded.operations[0].pooling_mode(), PoolingMode::kAverage);
  EXPECT_EQ(decoded.operations[0].word_offset, 3u);
  EXPECT_EQ(decoded.operations[0].state.ifm.region, 1);
  EXPECT_EQ(decoded.operations[0].state.ifm.tile_base[0], 0x100u);
  EXPECT_EQ(decoded.operations[1].kind, OperationKind::kKernelWait);
  EXPECT_EQ(decoded.operations[2].kind, OperationKind::kStop);
  EXPECT_EQ(decoded.operations[2].param, 0xFFFF);
}

TEST(CommandDecoder, StreamWithoutStopEndsAtItsLastWord) {
  const std::vector<uint32_t> words = {encode_cmd0(Cmd0::kOpConv)};
  DecodedStream decoded = decode_stream(words.data(), words.size());
  EXPECT_TRUE(decoded.status.is_ok());
  EXPECT_FALSE(decoded.stopped);
  EXPECT_EQ(decoded.operations.size(), 1u);
  DecodedStream empty = decode_stream(nullptr, 0);
  EXPECT_TRUE(empty.status.is_ok());
  EXPECT_TRUE(empty.commands.empty());
}

TEST(CommandDecoder, FaultKeepsEverythingDecodedBeforeIt) {
  std::vector<uint32_t> words = {encode_cmd0(Cmd0::kIfmRegion, 1), encode_cmd0(Cmd0::kOpConv),
                                 0x00000004u /* no such cmd0 */, encode_cmd0(Cmd0::kOpConv)};
  DecodedStream decoded = decode_stream(words.data(), words.size());
  ASSERT_FALSE(decoded.status.is_ok());
  EXPECT_EQ(decoded.status.message(), "word 2: unknown cmd0 opcode 0x004 in 0x00000004");
  EXPECT_EQ(decoded.commands.size(), 2u);
  EXPECT_EQ(decoded.operations.size(), 1u);
  EXPECT_EQ(decoded.words_read, 2u);
  EXPECT_FALSE(decoded.stopped);
}

// ---- one test per validation rule ----------------------------------------

TEST(CommandValidation, UnknownCmd0Opcode) {
  expect_accepted(decode_words({0x00000003u}));  // NPU_OP_DEPTHWISE
  const Status status = decode_words({0x00000004u});
  ASSERT_FALSE(status.is_ok());
  EXPECT_EQ(status.message(), "word 3: unknown cmd0 opcode 0x004 in 0x00000004");
  expect_accepted(decode_words({0x0000018Fu}));  // NPU_SET_IFM2_REGION
  EXPECT_FALSE(decode_words({0x00000190u}).is_ok());
}

TEST(CommandValidation, UnknownCmd1Opcode) {
  expect_accepted(decode_words({0x00004006u, 0}));  // NPU_SET_IFM_STRIDE_C
  const Status status = decode_words({0x00004007u, 0});
  ASSERT_FALSE(status.is_ok());
  EXPECT_EQ(status.message(), "word 3: unknown cmd1 opcode 0x007 in 0x00004007");
  expect_accepted(decode_words({0x000040A7u, 0}));
  EXPECT_FALSE(decode_words({0x000040A8u, 0}).is_ok());
  // A cmd0-only opcode with the cmd1 flag is an unknown cmd1.
  EXPECT_FALSE(decode_words({0x00004105u, 0}).is_ok());
}

TEST(CommandValidation, ControlFieldIsZeroOrOne) {
  expect_accepted(decode_words({0x00000002u}));
  expect_accepted(decode_words({0x00004002u, 0}));
  for (uint32_t word : {0x00008002u, 0x0000C002u}) {
    const Status status = decode_words({word, 0});
    ASSERT_FALSE(status.is_ok());
    EXPECT_EQ(status.message().rfind("word 3: control field ", 0), 0u) << status.message();
    EXPECT_NE(status.message().find("opcode 0x002"), std::string::npos) << status.message();
  }
}

TEST(CommandValidation, Word0ReservedBits) {
  for (uint32_t bit = 10; bit < 14; ++bit) {
    expect_refused(decode_words({0x00000002u | (1u << bit)}), "NPU_OP_CONV",
                   "reserved bits [13:10] set");
  }
}

TEST(CommandValidation, ReservedParameterBits) {
  expect_accepted(decode0(Cmd0::kIfmPrecision, 0x824D));  // a valid code in every field
  expect_refused(decode0(Cmd0::kIfmPrecision, 0x0002), "NPU_SET_IFM_PRECISION",
                 "reserved bits set in parameter 0x0002 (reserved mask 0x3c32)");
  expect_refused(decode0(Cmd0::kIfmPrecision, 0x0400), "NPU_SET_IFM_PRECISION", "reserved bits");
  expect_refused(decode0(Cmd0::kOfmPrecision, 0x0008), "NPU_SET_OFM_PRECISION", "reserved bits");
  expect_refused(decode0(Cmd0::kOfmPrecision, 0x0200), "NPU_SET_OFM_PRECISION", "reserved bits");
  expect_refused(decode0(Cmd0::kIfm2Precision, 0x0100), "NPU_SET_IFM2_PRECISION", "reserved bits");
  expect_refused(decode0(Cmd0::kKernelStride, 0x0080), "NPU_SET_KERNEL_STRIDE", "reserved bits");
  expect_refused(decode0(Cmd0::kIfm2Broadcast, 0x0008), "NPU_SET_IFM2_BROADCAST", "reserved bits");
  expect_refused(decode0(Cmd0::kActivation, 0x8000), "NPU_SET_ACTIVATION", "reserved bits");
  expect_refused(decode0(Cmd0::kDmaDstRegion, 0x0800), "NPU_SET_DMA0_DST_REGION", "reserved bits");
  // Operations without a parameter.
  expect_accepted(decode0(Cmd0::kOpConv, 0));
  expect_refused(decode0(Cmd0::kOpConv, 1), "NPU_OP_CONV", "reserved bits");
  expect_refused(decode0(Cmd0::kOpDepthwise, 0x8000), "NPU_OP_DEPTHWISE", "reserved bits");
  expect_refused(decode0(Cmd0::kOpDmaStart, 0x0010), "NPU_OP_DMA_START", "reserved bits");
  // cmd1 addresses are 32-bit on the U55: the parameter is reserved.
  expect_accepted(decode1(Cmd1::kIfmBase0, 0xFFFFFFFFu, 0));
  expect_refused(decode1(Cmd1::kIfmBase0, 0, 1), "NPU_SET_IFM_BASE0", "reserved bits");
  expect_refused(decode1(Cmd1::kDmaLen, 0, 0x80), "NPU_SET_DMA0_LEN", "reserved bits");
  expect_refused(decode1(Cmd1::kOpbScale, 0, 1), "NPU_SET_OPB_SCALE", "reserved bits");
}

TEST(CommandValidation, ReservedPayloadBits) {
  expect_accepted(decode1(Cmd1::kScaleLength, 0x000FFFFF));
  expect_refused(decode1(Cmd1::kScaleLength, 0x00100000), "NPU_SET_SCALE_LENGTH",
                 "reserved bits set in payload 0x00100000 (only the low 20 bits are defined)");
  expect_accepted(decode1(Cmd1::kScale1Length, 0x000FFFFF));
  expect_refused(decode1(Cmd1::kScale1Length, 0x80000000), "NPU_SET_SCALE1_LENGTH", "payload");
  expect_accepted(decode1(Cmd1::kOpbScale, 0xFFFF));
  expect_refused(decode1(Cmd1::kOpbScale, 0x10000), "NPU_SET_OPB_SCALE", "low 16 bits");
}

TEST(CommandValidation, RegionAtMostSeven) {
  for (Cmd0 opcode : {Cmd0::kIfmRegion, Cmd0::kOfmRegion, Cmd0::kWeightRegion, Cmd0::kScaleRegion,
                      Cmd0::kIfm2Region, Cmd0::kDmaSrcRegion, Cmd0::kDmaDstRegion}) {
    expect_accepted(decode0(opcode, 7));
    expect_refused(decode0(opcode, 8), cmd0_name(static_cast<uint16_t>(opcode)),
                   "region 8 out of range 0..7");
  }
  expect_refused(decode0(Cmd0::kIfmRegion, 0x7FFF), "NPU_SET_IFM_REGION", "region 32767");
  expect_refused(decode0(Cmd0::kIfm2Region, 0x8000), "NPU_SET_IFM2_REGION", "region 32768");
}

TEST(CommandValidation, CustomDmaChipSelectNeedsCustomDma) {
  expect_refused(decode0(Cmd0::kIfmRegion, 0x8001), "NPU_SET_IFM_REGION",
                 "custom_dma_cs 1 out of range 0..0: the NPU has no custom DMA");
  expect_refused(decode0(Cmd0::kDmaSrcRegion, 0x8000), "NPU_SET_DMA0_SRC_REGION", "custom_dma_cs");
}

TEST(CommandValidation, KernelStrideAtMostThree) {
  expect_accepted(decode0(Cmd0::kKernelStride, 0x0040));  // stride_x 3
  expect_accepted(decode0(Cmd0::kKernelStride, 0x0200));  // stride_y 3
  expect_accepted(decode0(Cmd0::kKernelStride, 0x023D));  // x 2, y 3, every other bit set
  expect_refused(decode0(Cmd0::kKernelStride, 0x0041), "NPU_SET_KERNEL_STRIDE",
                 "stride_x 4 out of range 1..3");
  expect_refused(decode0(Cmd0::kKernelStride, 0x0202), "NPU_SET_KERNEL_STRIDE",
                 "stride_y 4 out of range 1..3");
}

TEST(CommandValidation, PrecisionAndFormatCodesMustExist) {
  for (uint16_t precision = 0; precision < 4; ++precision) {  // 8, 16, 32, 64 bits
    expect_accepted(decode0(Cmd0::kIfmPrecision, static_cast<uint16_t>(precision << 2)));
    expect_accepted(decode0(Cmd0::kOfmPrecision, static_cast<uint16_t>(precision << 1)));
  }
  expect_accepted(decode0(Cmd0::kIfmPrecision, 0x0040));
  expect_refused(decode0(Cmd0::kIfmPrecision, 0x0080), "NPU_SET_IFM_PRECISION",
                 "activation_format 2 is not a defined code (valid: 0 NHWC, 1 NHCWB16)");
  expect_refused(decode0(Cmd0::kIfm2Precision, 0x00C0), "NPU_SET_IFM2_PRECISION",
                 "activation_format 3");
  expect_refused(decode0(Cmd0::kOfmPrecision, 0x0080), "NPU_SET_OFM_PRECISION",
                 "activation_format 2");
  expect_accepted(decode0(Cmd0::kIfmPrecision, 0x0200));
  expect_refused(decode0(Cmd0::kIfmPrecision, 0x0300), "NPU_SET_IFM_PRECISION",
                 "scale_mode 3 is not a defined code (valid: 0 OPA_OPB_16, 1 OPA_32, 2 OPB_32)");
  expect_accepted(decode0(Cmd0::kIfmPrecision, 0x8000));
  expect_refused(decode0(Cmd0::kIfmPrecision, 0xC000), "NPU_SET_IFM_PRECISION",
                 "round_mode 3 is not a defined code (valid: 0 DBL, 1 TRUNCATE, 2 NATURAL)");
  expect_accepted(decode0(Cmd0::kOfmPrecision, 0x8000));
  expect_refused(decode0(Cmd0::kOfmPrecision, 0xC000), "NPU_SET_OFM_PRECISION", "round_mode 3");
}

TEST(CommandValidation, PoolingAndElementwiseModes) {
  expect_accepted(decode0(Cmd0::kOpPool, 2));
  expect_refused(decode0(Cmd0::kOpPool, 3), "NPU_OP_POOL",
                 "pooling_mode 3 is not a defined code (valid: 0 MAX, 1 AVERAGE, 2 REDUCE_SUM)");
  expect_refused(decode0(Cmd0::kOpPool, 8), "NPU_OP_POOL", "pooling_mode 8");
  expect_accepted(decode0(Cmd0::kOpElementwise, 9));
  expect_refused(decode0(Cmd0::kOpElementwise, 10), "NPU_OP_ELEMENTWISE",
                 "elementwise_mode 10 is not a defined code");
  expect_refused(decode0(Cmd0::kOpElementwise, 64), "NPU_OP_ELEMENTWISE", "elementwise_mode 64");
}

TEST(CommandValidation, OtherEnumeratedFields) {
  expect_accepted(decode0(Cmd0::kIfmUpscale, 2));
  expect_refused(decode0(Cmd0::kIfmUpscale, 3), "NPU_SET_IFM_UPSCALE", "mode 3");
  expect_accepted(decode0(Cmd0::kAccFormat, 2));
  expect_refused(decode0(Cmd0::kAccFormat, 3), "NPU_SET_ACC_FORMAT", "acc_format 3");
  expect_accepted(decode0(Cmd0::kParallelMode, 1));
  expect_refused(decode0(Cmd0::kParallelMode, 2), "NPU_SET_PARALLEL_MODE", "parallel_mode 2");
  for (int function : {0, 3, 4, 16, 23}) {
    expect_accepted(decode0(Cmd0::kActivation, static_cast<uint16_t>(function)));
  }
  for (int function : {1, 2, 5, 15, 24, 31, 32, 0x800}) {
    expect_refused(decode0(Cmd0::kActivation, static_cast<uint16_t>(function)),
                   "NPU_SET_ACTIVATION",
                   "activation_function " + std::to_string(function) + " is not a defined code");
  }
  for (int clip : {0, 2, 3, 5}) {
    expect_accepted(decode0(Cmd0::kActivation, static_cast<uint16_t>(clip << 12)));
  }
  for (int clip : {1, 4, 6, 7}) {
    expect_refused(decode0(Cmd0::kActivation, static_cast<uint16_t>(clip << 12)),
                   "NPU_SET_ACTIVATION", "activation_clip_range " + std::to_string(clip));
  }
  expect_accepted(decode0(Cmd0::kDmaSrcRegion, 0x0500));  // INTERNAL, stride mode D3
  expect_refused(decode0(Cmd0::kDmaSrcRegion, 0x0600), "NPU_SET_DMA0_SRC_REGION", "stride_mode 3");
}

struct Limit {
  Cmd0 opcode;
  uint16_t max;
  const char* field;
};

TEST(CommandValidation, NumericFieldsWithinTheirWidths) {
  const Limit limits[] = {
      {Cmd0::kOfmBlkWidthM1, 63, "width_m1"},  {Cmd0::kOfmBlkHeightM1, 31, "height_m1"},
      {Cmd0::kOfmBlkDepthM1, 127, "depth_m1"}, {Cmd0::kIfmPadTop, 127, "pad"},
      {Cmd0::kIfmPadLeft, 127, "pad"},         {Cmd0::kIfmPadRight, 255, "pad"},
      {Cmd0::kIfmPadBottom, 255, "pad"},       {Cmd0::kIfmIbEnd, 63, "ib_end"},
      {Cmd0::kAbStart, 63, "ab_start"},        {Cmd0::kIfm2IbStart, 63, "ib_start"},
      {Cmd0::kBlockdep, 3, "blockdep"},        {Cmd0::kOpDmaWait, 15, "k"},
      {Cmd0::kOpKernelWait, 3, "n"},           {Cmd0::kOpPmuMask, 1, "enable"},
  };
  for (const Limit& limit : limits) {
    const char* name = cmd0_name(static_cast<uint16_t>(limit.opcode));
    expect_accepted(decode0(limit.opcode, limit.max));
    const uint16_t past = static_cast<uint16_t>(limit.max + 1);
    expect_refused(decode0(limit.opcode, past), name,
                   std::string(limit.field) + " " + std::to_string(past) + " out of range 0.." +
                       std::to_string(limit.max));
    expect_refused(decode0(limit.opcode, 0xFFFF), name, "out of range");
  }
  expect_accepted(decode1(Cmd1::kOfmScale, 0, 63));
  expect_refused(decode1(Cmd1::kOfmScale, 0, 64), "NPU_SET_OFM_SCALE",
                 "shift 64 out of range 0..63");
  expect_refused(decode1(Cmd1::kOpaScale, 0, 0x8000), "NPU_SET_OPA_SCALE", "shift 32768");
}

TEST(CommandValidation, PayloadPastTheEndOfTheStream) {
  const std::vector<uint32_t> stream =
      after_filler({0x00004000u});  // NPU_SET_IFM_BASE0, no payload
  Expected<Command> command = decode_command(stream.data(), stream.size(), kFiller);
  ASSERT_FALSE(command.has_value());
  EXPECT_EQ(command.status().message(),
            "word 3: NPU_SET_IFM_BASE0: payload word 4 lies past the end of the stream (4 words)");
  DecodedStream decoded = decode_stream(stream.data(), stream.size());
  EXPECT_EQ(decoded.status.message(), command.status().message());
  EXPECT_EQ(decoded.commands.size(), kFiller);
  // With its payload it decodes.
  const std::vector<uint32_t> whole = after_filler({0x00004000u, 0});
  EXPECT_TRUE(decode_command(whole.data(), whole.size(), kFiller).has_value());
}

TEST(CommandValidation, ValidateCommandChecksCommandsBuiltInMemory) {
  EXPECT_TRUE(validate_command(make_cmd0(Cmd0::kOpPool, 2)).is_ok());
  Command pool = make_cmd0(Cmd0::kOpPool, 3);
  pool.word_offset = 12;
  EXPECT_EQ(validate_command(pool).message().rfind("word 12: NPU_OP_POOL: pooling_mode 3", 0), 0u);
  Command cmd0_with_payload = make_cmd0(Cmd0::kOpConv);
  cmd0_with_payload.payload = 1;
  EXPECT_FALSE(validate_command(cmd0_with_payload).is_ok());
  Command unknown;
  unknown.opcode = 0x3FF;
  EXPECT_FALSE(validate_command(unknown).is_ok());
}

}  // namespace
}  // namespace vnpu::isa
