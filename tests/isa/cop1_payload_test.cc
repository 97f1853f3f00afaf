// COP1 payloads: building, parsing, every malformed shape, and the
// configuration check the driver makes before the first register write.
#include "isa/cop1_payload.h"

#include <gtest/gtest.h>

#include "tests/isa/vela_models.h"

namespace vnpu::isa {
namespace {

void put(std::vector<uint8_t>& bytes, uint32_t word) {
  for (int i = 0; i < 4; ++i) bytes.push_back(static_cast<uint8_t>(word >> (8 * i)));
}

std::vector<uint8_t> words_to_bytes(const std::vector<uint32_t>& words) {
  std::vector<uint8_t> bytes;
  for (uint32_t word : words) put(bytes, word);
  return bytes;
}

Expected<Cop1Payload> parse(const std::vector<uint8_t>& bytes) {
  return parse_cop1_payload(bytes.data(), bytes.size());
}

Expected<Cop1Payload> parse_words(const std::vector<uint32_t>& words) {
  return parse(words_to_bytes(words));
}

AcceleratorConfig preset(const char* name) { return find_accelerator_config(name).value(); }

TEST(Cop1Payload, BuildsVelasLayout) {
  const std::vector<uint32_t> stream = {0xFFFF0000u};
  // Magic, OPTIMIZER_CONFIG + CONFIG + ID, NOPs up to word 7, COMMAND_STREAM, stream at word 8.
  EXPECT_EQ(build_cop1_payload(0x1807, 0x10060000, stream, 0x0010),
            words_to_bytes({0x31504F43u, 0x00100001u, 0x1807u, 0x10060000u, 5u, 5u, 5u, 0x00010002u,
                            0xFFFF0000u}));
}

TEST(Cop1Payload, BuildsTheSameBytesAsVela) {
  const std::string path = std::string(VNPU_SHARED_MODELS_DIR) +
                           "/hello_world/vela/ethos-u55-128/hello_world_vela.tflite";
  const std::vector<std::vector<uint8_t>> payloads = testing::ethos_u_payloads(path);
  if (payloads.empty()) GTEST_SKIP() << "no shared models";
  Expected<Cop1Payload> parsed = parse(payloads[0]);
  ASSERT_TRUE(parsed.has_value()) << parsed.status().message();
  EXPECT_EQ(parsed->optimizer_config_data, 0x0010);
  EXPECT_EQ(build_cop1_payload(parsed->config_register, parsed->id_register, parsed->command_stream,
                               parsed->optimizer_config_data),
            payloads[0]);
  EXPECT_EQ(build_cop1_payload(preset("ethos-u55-128"), parsed->command_stream).size(),
            payloads[0].size());
}

TEST(Cop1Payload, RoundTripsAndAlignsTheStream) {
  for (size_t length : {0u, 1u, 2u, 7u, 100u}) {
    std::vector<uint32_t> stream(length);
    for (size_t i = 0; i < length; ++i) stream[i] = static_cast<uint32_t>(i * 2654435761u);
    const std::vector<uint8_t> bytes = build_cop1_payload(preset("ethos-u55-256"), stream);
    Expected<Cop1Payload> payload = parse(bytes);
    ASSERT_TRUE(payload.has_value()) << payload.status().message();
    EXPECT_TRUE(payload->has_optimizer_config);
    EXPECT_EQ(payload->config_register, 0x00003008u);
    EXPECT_EQ(payload->id_register, kIdRegister);
    EXPECT_EQ(payload->command_stream, stream);
    EXPECT_EQ(payload->command_stream_offset * 4 % 16, 0u);
    EXPECT_EQ(payload->payload_words * 4, bytes.size());
  }
}

TEST(Cop1Payload, LengthHasTwentyFourBits) {
  // 65536 + 3 words: length[23:16] = 1 in bits [15:8], length[15:0] = 3 in bits [31:16].
  std::vector<uint32_t> words = {kCop1Magic, 0x00030102u};
  words.resize(2 + 65539, 0xFFFF0000u);
  Expected<Cop1Payload> payload = parse_words(words);
  ASSERT_TRUE(payload.has_value()) << payload.status().message();
  EXPECT_EQ(payload->command_stream.size(), 65539u);
  EXPECT_FALSE(payload->has_optimizer_config);
  words.pop_back();
  Expected<Cop1Payload> short_one = parse_words(words);
  ASSERT_FALSE(short_one.has_value());
  EXPECT_EQ(short_one.status().message(),
            "COP1 payload word 1: COMMAND_STREAM of 65539 words runs past the end of the "
            "payload (65540 words)");
}

TEST(Cop1Payload, RefusesMalformedPayloads) {
  struct Case {
    std::vector<uint8_t> bytes;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{}, "COP1 payload: 0 bytes, too short for the 'COP1' magic"},
      {{'C', 'O', 'P'}, "COP1 payload: 3 bytes, too short for the 'COP1' magic"},
      {{'C', 'O', 'P', '1', 2, 0}, "COP1 payload: 6 bytes is not a whole number of 32-bit words"},
      {words_to_bytes({0x32504F43u, 0x00000002u}),
       "COP1 payload: magic 0x32504f43 is not 'COP1' (0x31504f43)"},
      {words_to_bytes({kCop1Magic}), "COP1 payload: no COMMAND_STREAM action in 1 words"},
      {words_to_bytes({kCop1Magic, 5u, 5u}), "COP1 payload: no COMMAND_STREAM action in 3 words"},
      {words_to_bytes({kCop1Magic, 0x00100001u, 0x1807u}),
       "COP1 payload word 1: OPTIMIZER_CONFIG needs 2 more words, the payload ends at word 3"},
      {words_to_bytes({kCop1Magic, 0x00020002u, 0u}),
       "COP1 payload word 1: COMMAND_STREAM of 2 words runs past the end of the payload (3 "
       "words)"},
      {words_to_bytes({kCop1Magic, 0x00000006u}),
       "COP1 payload word 1: unknown driver action 0x06"},
      {words_to_bytes({kCop1Magic, 0x00000000u}),
       "COP1 payload word 1: unknown driver action 0x00"},
  };
  for (const Case& c : cases) {
    Expected<Cop1Payload> payload = parse(c.bytes);
    ASSERT_FALSE(payload.has_value()) << c.message;
    EXPECT_EQ(payload.status().code(), ErrorCode::kInvalidInput);
    EXPECT_EQ(payload.status().message(), c.message);
  }
}

TEST(Cop1Payload, DebugActionsAndSecondStreamsAreUnsupported) {
  Expected<Cop1Payload> apb = parse_words({kCop1Magic, 0x00000003u, 0x00000002u});
  ASSERT_FALSE(apb.has_value());
  EXPECT_EQ(apb.status().code(), ErrorCode::kUnsupported);
  EXPECT_EQ(apb.status().message(),
            "COP1 payload word 1: driver action READ_APB (0x03) is not supported");
  Expected<Cop1Payload> shram = parse_words({kCop1Magic, 0x00000002u, 0x00000004u});
  ASSERT_FALSE(shram.has_value());
  EXPECT_EQ(shram.status().code(), ErrorCode::kUnsupported);
  EXPECT_NE(shram.status().message().find("DUMP_SHRAM (0x04)"), std::string::npos);
  Expected<Cop1Payload> two = parse_words({kCop1Magic, 0x00000002u, 0x00000002u});
  ASSERT_FALSE(two.has_value());
  EXPECT_EQ(two.status().code(), ErrorCode::kUnsupported);
  EXPECT_NE(two.status().message().find("word 2: a second COMMAND_STREAM"), std::string::npos);
}

TEST(Cop1Payload, NopsAnywhereAndAnEmptyStreamAreFine) {
  Expected<Cop1Payload> payload =
      parse_words({kCop1Magic, 5u, 0x00000002u, 0x12340005u /* NOP data is ignored */});
  ASSERT_TRUE(payload.has_value()) << payload.status().message();
  EXPECT_TRUE(payload->command_stream.empty());
  EXPECT_EQ(payload->command_stream_offset, 3u);
}

TEST(Cop1Payload, ConfigMismatchNamesBothConfigurations) {
  Expected<Cop1Payload> payload = parse(build_cop1_payload(preset("ethos-u55-128"), {0u}));
  ASSERT_TRUE(payload.has_value());
  EXPECT_TRUE(check_payload_config(*payload, preset("ethos-u55-128")).is_ok());
  const Status mismatch = check_payload_config(*payload, preset("ethos-u55-256"));
  EXPECT_EQ(mismatch.code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(mismatch.message(),
            "payload was compiled for ethos-u55-128 (CONFIG 0x00001807), the NPU is "
            "ethos-u55-256 (CONFIG 0x00003008): 128 vs 256 MACs/cycle, 24 vs 48 KB SHRAM");
  // 32 and 64 MACs share the SHRAM size: only the MAC count differs.
  Expected<Cop1Payload> small = parse(build_cop1_payload(preset("ethos-u55-32"), {0u}));
  ASSERT_TRUE(small.has_value());
  EXPECT_EQ(check_payload_config(*small, preset("ethos-u55-64")).message(),
            "payload was compiled for ethos-u55-32 (CONFIG 0x00001005), the NPU is "
            "ethos-u55-64 (CONFIG 0x00001006): 32 vs 64 MACs/cycle");
}

TEST(Cop1Payload, VersionProductCustomDmaAndArchitectureAreChecked) {
  const AcceleratorConfig npu = preset("ethos-u55-256");
  auto check = [&](uint32_t config, uint32_t id) {
    Expected<Cop1Payload> payload = parse(build_cop1_payload(config, id, {0u}));
    EXPECT_TRUE(payload.has_value());
    return check_payload_config(*payload, npu);
  };
  EXPECT_NE(check(0x00003018u, kIdRegister).message().find("command stream version 1 vs 0"),
            std::string::npos);
  EXPECT_NE(check(0x10003008u, kIdRegister).message().find("product 1 vs 0"), std::string::npos);
  EXPECT_NE(check(0x08003008u, kIdRegister).message().find("custom DMA requested but absent"),
            std::string::npos);
  // Another patch revision runs; another minor revision does not.
  EXPECT_TRUE(check(0x00003008u, 0x10070000u).is_ok());
  EXPECT_EQ(check(0x00003008u, 0x10160000u).message(),
            "payload was compiled for NPU architecture 1.1.6 (ID 0x10160000), the NPU implements "
            "1.0.6 (ID 0x10060000)");
  // Without OPTIMIZER_CONFIG there is nothing to check.
  Expected<Cop1Payload> bare = parse_words({kCop1Magic, 0x00000002u});
  ASSERT_TRUE(bare.has_value());
  EXPECT_TRUE(check_payload_config(*bare, npu).is_ok());
}

TEST(Cop1Payload, DescribesConfigAndIdRegisters) {
  EXPECT_EQ(describe_config_register(0x00001807), "ethos-u55-128 (CONFIG 0x00001807)");
  EXPECT_EQ(describe_config_register(0x10006009),
            "an unknown configuration (CONFIG 0x10006009: 512 MACs/cycle, 96 KB SHRAM, command "
            "stream version 0, product 1)");
  EXPECT_EQ(describe_id_register(kIdRegister), "1.0.6");
  const ConfigRegisterFields fields = decode_config_register(0x08003018);
  EXPECT_EQ(fields.macs_per_cycle, 256u);
  EXPECT_EQ(fields.cmd_stream_version, 1u);
  EXPECT_EQ(fields.shram_kb, 48u);
  EXPECT_TRUE(fields.custom_dma);
  EXPECT_EQ(fields.product, 0u);
}

// CONFIG = log2(MACs/cycle) | SHRAM KB << 8 (version 0, product 0 = U55), from
// the preset table (MACs 32/64/128/256, SHRAM 16/16/24/48 KB).
TEST(AcceleratorConfig, ConfigRegisterLayout) {
  EXPECT_EQ(preset("ethos-u55-32").config_register(), 0x00001005u);
  EXPECT_EQ(preset("ethos-u55-64").config_register(), 0x00001006u);
  EXPECT_EQ(preset("ethos-u55-128").config_register(), 0x00001807u);
  EXPECT_EQ(preset("ethos-u55-256").config_register(), 0x00003008u);
  Expected<AcceleratorConfig> unknown = find_accelerator_config("ethos-u55-512");
  ASSERT_FALSE(unknown.has_value());
  EXPECT_NE(unknown.status().message().find("ethos-u55-32, ethos-u55-64"), std::string::npos);
}

}  // namespace
}  // namespace vnpu::isa
