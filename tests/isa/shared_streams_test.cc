// Every command stream Vela compiled for the shared models decodes without a
// fault, kicks off once per NPU_OP_* word, re-encodes to the same words, and
// carries the CONFIG of the configuration it was compiled for.
#include <gtest/gtest.h>

#include "isa/command_decoder.h"
#include "isa/command_encoder.h"
#include "isa/cop1_payload.h"
#include "tests/isa/state_dump.h"
#include "tests/isa/vela_models.h"

namespace vnpu::isa {
namespace {

using testing::dump_state;
using testing::ethos_u_payloads;
using testing::vela_models;

// NPU_OP_* words found by stepping over cmd1 payloads, nothing else.
size_t count_operation_words(const std::vector<uint32_t>& words) {
  size_t count = 0;
  for (size_t i = 0; i < words.size();) {
    const uint32_t word = words[i];
    if (((word >> 14) & 3u) == 1u) {
      i += 2;
      continue;
    }
    count += (word & 0x3FFu) < 0x100u ? 1 : 0;
    i += 1;
  }
  return count;
}

std::vector<Cop1Payload> parse_all(const std::string& path) {
  std::vector<Cop1Payload> parsed;
  for (const std::vector<uint8_t>& bytes : ethos_u_payloads(path)) {
    Expected<Cop1Payload> payload = parse_cop1_payload(bytes.data(), bytes.size());
    EXPECT_TRUE(payload.has_value()) << path << ": " << payload.status().message();
    if (payload) parsed.push_back(*payload);
  }
  return parsed;
}

TEST(SharedVelaStreams, ModelsArePresent) {
  if (vela_models().empty()) GTEST_SKIP() << "no shared models in " << VNPU_SHARED_MODELS_DIR;
  EXPECT_EQ(vela_models().size(), 13u);
}

TEST(SharedVelaStreams, EveryStreamDecodesWithOneKickOffPerOperationWord) {
  size_t streams = 0;
  for (const testing::VelaModel& model : vela_models()) {
    for (const Cop1Payload& payload : parse_all(model.path)) {
      ++streams;
      const std::vector<uint32_t>& words = payload.command_stream;
      DecodedStream decoded = decode_stream(words.data(), words.size());
      ASSERT_TRUE(decoded.status.is_ok()) << model.path << ": " << decoded.status.message();
      EXPECT_TRUE(decoded.stopped) << model.path;
      EXPECT_EQ(decoded.words_read, words.size()) << model.path;
      EXPECT_EQ(decoded.operations.size(), count_operation_words(words)) << model.path;
      EXPECT_GT(decoded.operations.size(), 1u) << model.path;
      EXPECT_EQ(decoded.operations.back().kind, OperationKind::kStop) << model.path;
      for (const Operation& operation : decoded.operations) {
        ASSERT_LT(operation.word_offset, words.size());
        EXPECT_LT(words[operation.word_offset] & 0xC3FFu, 0x100u) << model.path;
      }
    }
  }
  if (streams == 0) GTEST_SKIP() << "no shared models";
}

TEST(SharedVelaStreams, ReEncodingTheCommandListGivesTheSameWords) {
  for (const testing::VelaModel& model : vela_models()) {
    for (const Cop1Payload& payload : parse_all(model.path)) {
      const std::vector<uint32_t>& words = payload.command_stream;
      DecodedStream decoded = decode_stream(words.data(), words.size());
      ASSERT_TRUE(decoded.status.is_ok()) << decoded.status.message();
      EXPECT_EQ(encode_commands(decoded.commands), words) << model.path;
    }
  }
}

// Rebuilding each operation's registers with the builder (shadow copy elided)
// and decoding again gives the same register state at every kick-off.
TEST(SharedVelaStreams, ReBuildingFromRegisterStatesGivesTheSameOperations) {
  for (const testing::VelaModel& model : vela_models()) {
    for (const Cop1Payload& payload : parse_all(model.path)) {
      const std::vector<uint32_t>& words = payload.command_stream;
      DecodedStream decoded = decode_stream(words.data(), words.size());
      ASSERT_TRUE(decoded.status.is_ok());
      CommandBuilder builder;
      for (const Operation& operation : decoded.operations) {
        builder.set_state(operation.state);
        builder.operation(static_cast<Cmd0>(words[operation.word_offset] & 0x3FFu),
                          operation.param);
      }
      DecodedStream rebuilt = decode_stream(builder.words().data(), builder.words().size());
      ASSERT_TRUE(rebuilt.status.is_ok()) << rebuilt.status.message();
      ASSERT_EQ(rebuilt.operations.size(), decoded.operations.size());
      for (size_t i = 0; i < decoded.operations.size(); ++i) {
        const RegisterState& a = decoded.operations[i].state;
        const RegisterState& b = rebuilt.operations[i].state;
        EXPECT_EQ(dump_state(a), dump_state(b)) << model.path << " operation " << i;
      }
    }
  }
}

TEST(SharedVelaStreams, PayloadsCarryTheConfigurationTheyWereCompiledFor) {
  for (const testing::VelaModel& model : vela_models()) {
    Expected<AcceleratorConfig> config = find_accelerator_config(model.config_name);
    ASSERT_TRUE(config.has_value());
    const std::string other_name =
        model.config_name == "ethos-u55-128" ? "ethos-u55-256" : "ethos-u55-128";
    Expected<AcceleratorConfig> other = find_accelerator_config(other_name);
    ASSERT_TRUE(other.has_value());
    for (const Cop1Payload& payload : parse_all(model.path)) {
      EXPECT_TRUE(payload.has_optimizer_config);
      EXPECT_EQ(payload.config_register, config->config_register()) << model.path;
      EXPECT_EQ(payload.id_register, kIdRegister) << model.path;
      EXPECT_EQ(payload.command_stream_offset % 4, 0u) << "stream not 16-byte aligned";
      EXPECT_TRUE(check_payload_config(payload, *config).is_ok()) << model.path;
      Status mismatch = check_payload_config(payload, *other);
      ASSERT_FALSE(mismatch.is_ok()) << model.path;
      EXPECT_NE(mismatch.message().find("compiled for " + model.config_name), std::string::npos)
          << mismatch.message();
      EXPECT_NE(mismatch.message().find("the NPU is " + other_name), std::string::npos)
          << mismatch.message();
    }
  }
}

}  // namespace
}  // namespace vnpu::isa
