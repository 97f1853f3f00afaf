// Every payload corruption and every bad invocation is refused before the
// driver touches a single register, with the error that names it; and the C
// parser agrees with the project's C++ one (isa/cop1_payload.h).
#include <gtest/gtest.h>

#include <cstring>
#include <set>
#include <string>

#include "tests/firmware/driver/test_support.h"

namespace vnpu::firmware::test {
namespace {

uint32_t word(const std::vector<uint8_t>& bytes, size_t index) {
  uint32_t value;
  std::memcpy(&value, bytes.data() + 4 * index, 4);
  return value;
}

void set_word(std::vector<uint8_t>& bytes, size_t index, uint32_t value) {
  std::memcpy(bytes.data() + 4 * index, &value, 4);
}

// Word index of the COMMAND_STREAM action in a payload from build_cop1_payload.
constexpr size_t kStreamAction = 7;
constexpr size_t kConfigWord = 2;
constexpr size_t kIdWord = 3;

// Invokes `bytes` on a fresh driver; expects `error` and an untouched NPU.
void expect_refused(const std::vector<uint8_t>& bytes, vnpu_status error, const char* what) {
  SCOPED_TRACE(what);
  DriverOnFake fake;
  ASSERT_EQ(fake.init_status, VNPU_OK);
  AlignedBytes payload(bytes);
  Regions regions;
  fake.npu.clear_log();
  const vnpu_status status = vnpu_invoke(&fake.driver, payload.data(), payload.size(),
                                         regions.addresses, regions.sizes, 3, nullptr);
  EXPECT_EQ(status, error) << name(status) << " instead of " << name(error);
  EXPECT_TRUE(fake.npu.log().empty()) << to_string(fake.npu.log());
  EXPECT_EQ(fake.npu.runs(), 0);
}

TEST(FirmwarePayload, ParsesWhatTheCppBuilderBuildsAsTheCppParserDoes) {
  for (const auto& config : isa::accelerator_configs()) {
    const std::vector<uint8_t> bytes = isa::build_cop1_payload(config, test_stream());
    vnpu_payload payload{};
    ASSERT_EQ(vnpu_parse_payload(bytes.data(), bytes.size(), &payload), VNPU_OK) << config.name;
    auto cpp = isa::parse_cop1_payload(bytes.data(), bytes.size());
    ASSERT_TRUE(cpp.has_value());
    EXPECT_EQ(payload.config_register, cpp.value().config_register);
    EXPECT_EQ(payload.id_register, cpp.value().id_register);
    EXPECT_EQ(payload.command_stream_words, cpp.value().command_stream.size());
    EXPECT_EQ(payload.command_stream, bytes.data() + 4 * cpp.value().command_stream_offset);
    EXPECT_EQ(0, std::memcmp(payload.command_stream, cpp.value().command_stream.data(),
                             4 * cpp.value().command_stream.size()));
  }
}

TEST(FirmwarePayload, EveryHeaderCorruptionIsRefusedBeforeAnyRegisterAccess) {
  const std::vector<uint8_t> good = test_payload();
  struct Corruption {
    const char* what;
    size_t byte;
    uint8_t value;
    vnpu_status error;
  };
  const Corruption corruptions[] = {
      {"magic C", 0, 'X', VNPU_ERROR_PAYLOAD_MAGIC},
      {"magic O", 1, 'X', VNPU_ERROR_PAYLOAD_MAGIC},
      {"magic P", 2, 'X', VNPU_ERROR_PAYLOAD_MAGIC},
      {"version 2", 3, '2', VNPU_ERROR_PAYLOAD_VERSION},
      {"version 0", 3, '0', VNPU_ERROR_PAYLOAD_VERSION},
      {"action 0x00", 4, 0x00, VNPU_ERROR_PAYLOAD_ACTION},
      {"action READ_APB", 4, 0x03, VNPU_ERROR_PAYLOAD_ACTION},
      {"action DUMP_SHRAM", 4, 0x04, VNPU_ERROR_PAYLOAD_ACTION},
      {"action 0x06", 4, 0x06, VNPU_ERROR_PAYLOAD_ACTION},
      {"NOP becomes 0xFF", 16, 0xFF, VNPU_ERROR_PAYLOAD_ACTION},
      {"a NOP becomes an empty COMMAND_STREAM", 16, 0x02, VNPU_ERROR_PAYLOAD_NO_STREAM},
      {"stream action becomes NOP", 4 * kStreamAction, 0x05, VNPU_ERROR_PAYLOAD_ACTION},
      {"MACs/cycle", 4 * kConfigWord, 0x07, VNPU_ERROR_CONFIG_MISMATCH},
      {"command stream version", 4 * kConfigWord, 0x18, VNPU_ERROR_CONFIG_MISMATCH},
      {"SHRAM size", 4 * kConfigWord + 1, 0x18, VNPU_ERROR_CONFIG_MISMATCH},
      {"custom DMA", 4 * kConfigWord + 3, 0x08, VNPU_ERROR_CONFIG_MISMATCH},
      {"product U65", 4 * kConfigWord + 3, 0x10, VNPU_ERROR_CONFIG_MISMATCH},
      {"arch major", 4 * kIdWord + 3, 0x20, VNPU_ERROR_ARCH_MISMATCH},
      {"arch minor", 4 * kIdWord + 2, 0x16, VNPU_ERROR_ARCH_MISMATCH},
  };
  for (const Corruption& corruption : corruptions) {
    std::vector<uint8_t> bad = good;
    bad[corruption.byte] = corruption.value;
    expect_refused(bad, corruption.error, corruption.what);
  }
}

TEST(FirmwarePayload, ArchitecturePatchMayDiffer) {
  std::vector<uint8_t> bytes = test_payload();
  set_word(bytes, kIdWord, word(bytes, kIdWord) ^ (0x3u << 16));  // 1.0.6 -> 1.0.5
  DriverOnFake fake;
  AlignedBytes payload(bytes);
  Regions regions;
  EXPECT_EQ(vnpu_invoke(&fake.driver, payload.data(), payload.size(), regions.addresses,
                        regions.sizes, 3, nullptr),
            VNPU_OK);
}

TEST(FirmwarePayload, StreamLengthMustCoverExactlyTheRestOfThePayload) {
  const std::vector<uint8_t> good = test_payload();
  const uint32_t action = word(good, kStreamAction);
  const uint32_t length = action >> 16;
  auto with_length = [&](uint32_t words) {
    std::vector<uint8_t> bad = good;
    set_word(bad, kStreamAction,
             (action & 0xFFu) | ((words >> 16) & 0xFFu) << 8 | (words & 0xFFFFu) << 16);
    return bad;
  };
  expect_refused(with_length(length + 1), VNPU_ERROR_PAYLOAD_TRUNCATED, "one word too long");
  expect_refused(with_length(length + (1u << 16)), VNPU_ERROR_PAYLOAD_TRUNCATED,
                 "length bits [23:16]");
  expect_refused(with_length(length - 1), VNPU_ERROR_PAYLOAD_ACTION, "a word after the stream");
  expect_refused(with_length(0), VNPU_ERROR_PAYLOAD_NO_STREAM, "empty stream");
}

TEST(FirmwarePayload, OptimizerConfigIsRequired) {
  // magic, NOP x6, then the stream at word 8 (16-byte aligned)
  std::vector<uint8_t> bytes(4 * 8);
  set_word(bytes, 0, VNPU_COP1_MAGIC);
  for (size_t i = 1; i < 7; ++i) set_word(bytes, i, VNPU_ACTION_NOP);
  const auto stream = test_stream();
  set_word(bytes, 7, VNPU_ACTION_COMMAND_STREAM | static_cast<uint32_t>(stream.size()) << 16);
  for (uint32_t w : stream) {
    bytes.resize(bytes.size() + 4);
    set_word(bytes, bytes.size() / 4 - 1, w);
  }
  ASSERT_TRUE(isa::parse_cop1_payload(bytes.data(), bytes.size()).has_value());  // C++ accepts it
  expect_refused(bytes, VNPU_ERROR_PAYLOAD_NO_CONFIG, "no OPTIMIZER_CONFIG");
}

TEST(FirmwarePayload, EveryTruncationIsRefusedBeforeAnyRegisterAccess) {
  const std::vector<uint8_t> good = test_payload();
  DriverOnFake fake;
  ASSERT_EQ(fake.init_status, VNPU_OK);
  Regions regions;
  fake.npu.clear_log();
  for (size_t length = 0; length < good.size(); ++length) {
    AlignedBytes payload(
        std::vector<uint8_t>(good.begin(), good.begin() + static_cast<long>(length)));
    const vnpu_status status = vnpu_invoke(&fake.driver, payload.data(), length, regions.addresses,
                                           regions.sizes, 3, nullptr);
    EXPECT_NE(status, VNPU_OK) << "truncated to " << length << " bytes";
    if (length >= 4) {
      EXPECT_TRUE(status == VNPU_ERROR_PAYLOAD_TRUNCATED || status == VNPU_ERROR_PAYLOAD_NO_STREAM)
          << length << ": " << name(status);
    }
  }
  EXPECT_TRUE(fake.npu.log().empty()) << to_string(fake.npu.log());
}

TEST(FirmwarePayload, EveryBitFlipOfTheHeaderIsRefusedOrAgreesWithTheCppParser) {
  const std::vector<uint8_t> good = test_payload();
  const auto& npu = preset(isa::kDefaultAcceleratorConfig);
  for (size_t bit = 0; bit < 8 * 4 * (kStreamAction + 1); ++bit) {
    std::vector<uint8_t> bad = good;
    bad[bit / 8] = static_cast<uint8_t>(bad[bit / 8] ^ (1u << (bit % 8)));
    vnpu_payload payload{};
    vnpu_status status = vnpu_parse_payload(bad.data(), bad.size(), &payload);
    if (status == VNPU_OK)
      status = vnpu_check_payload_config(&payload, npu.config_register(), isa::kIdRegister);
    auto cpp = isa::parse_cop1_payload(bad.data(), bad.size());
    const bool cpp_ok = cpp.has_value() && isa::check_payload_config(cpp.value(), npu).is_ok();
    if (status == VNPU_OK) {
      EXPECT_TRUE(cpp_ok) << "bit " << bit << ": C accepts what C++ refuses";
      if (cpp_ok) {
        EXPECT_EQ(payload.command_stream_words, cpp.value().command_stream.size());
      }
    } else if (cpp_ok) {
      // C is stricter only where its header says so: an optimizer config is
      // required and nothing may follow the stream.
      EXPECT_TRUE(status == VNPU_ERROR_PAYLOAD_NO_CONFIG || status == VNPU_ERROR_PAYLOAD_ACTION ||
                  status == VNPU_ERROR_PAYLOAD_NO_STREAM)
          << "bit " << bit << ": " << name(status);
    }
  }
}

TEST(FirmwarePayload, ConfigCheckAgreesWithTheCppCheckForEveryPresetPair) {
  for (const auto& compiled_for : isa::accelerator_configs()) {
    const std::vector<uint8_t> bytes = isa::build_cop1_payload(compiled_for, test_stream());
    vnpu_payload payload{};
    ASSERT_EQ(vnpu_parse_payload(bytes.data(), bytes.size(), &payload), VNPU_OK);
    const auto cpp = isa::parse_cop1_payload(bytes.data(), bytes.size()).value();
    for (const auto& npu : isa::accelerator_configs()) {
      const bool c_ok =
          vnpu_check_payload_config(&payload, npu.config_register(), isa::kIdRegister) == VNPU_OK;
      EXPECT_EQ(c_ok, isa::check_payload_config(cpp, npu).is_ok())
          << compiled_for.name << " on " << npu.name;
      EXPECT_EQ(c_ok, std::string(compiled_for.name) == npu.name);
    }
  }
}

TEST(FirmwareInvocation, BadBasePointersAndStreamAlignmentAreRefusedBeforeAnyRegisterAccess) {
  DriverOnFake fake;
  AlignedBytes payload(test_payload());
  Regions regions;
  uint64_t nine[9] = {};
  uint64_t misaligned[3] = {regions.addresses[0], regions.addresses[1] + 8, regions.addresses[2]};
  fake.npu.clear_log();
  EXPECT_EQ(vnpu_invoke(&fake.driver, payload.data(), payload.size(), nine, nullptr, 9, nullptr),
            VNPU_ERROR_BASE_POINTER_COUNT);
  EXPECT_EQ(vnpu_invoke(&fake.driver, payload.data(), payload.size(), regions.addresses,
                        regions.sizes, -1, nullptr),
            VNPU_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(vnpu_invoke(&fake.driver, payload.data(), payload.size(), nullptr, nullptr, 2, nullptr),
            VNPU_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(vnpu_invoke(&fake.driver, payload.data(), payload.size(), misaligned, regions.sizes, 3,
                        nullptr),
            VNPU_ERROR_ALIGNMENT);
  EXPECT_EQ(vnpu_invoke(&fake.driver, nullptr, 64, regions.addresses, regions.sizes, 3, nullptr),
            VNPU_ERROR_INVALID_ARGUMENT);
  AlignedBytes shifted(test_payload(), 4);  // the stream lands 4 bytes off a 16-byte boundary
  EXPECT_EQ(vnpu_invoke(&fake.driver, shifted.data(), shifted.size(), regions.addresses,
                        regions.sizes, 3, nullptr),
            VNPU_ERROR_ALIGNMENT);
  EXPECT_TRUE(fake.npu.log().empty()) << to_string(fake.npu.log());
  // Eight base pointers, all aligned, run.
  uint64_t eight[8];
  for (int i = 0; i < 8; ++i) eight[i] = regions.addresses[1];
  EXPECT_EQ(vnpu_invoke(&fake.driver, payload.data(), payload.size(), eight, nullptr, 8, nullptr),
            VNPU_OK);
}

TEST(FirmwareInvocation, StatusNamesAreDistinctAndComplete) {
  std::set<std::string> names;
  for (int code = VNPU_OK; code <= VNPU_ERROR_OS; ++code) {
    const std::string text = vnpu_status_name(static_cast<vnpu_status>(code));
    EXPECT_NE(text, "VNPU_STATUS_UNKNOWN") << code;
    names.insert(text);
  }
  EXPECT_EQ(names.size(), static_cast<size_t>(VNPU_ERROR_OS) + 1);
  EXPECT_STREQ(vnpu_status_name(static_cast<vnpu_status>(VNPU_ERROR_OS + 1)),
               "VNPU_STATUS_UNKNOWN");
}

}  // namespace
}  // namespace vnpu::firmware::test
