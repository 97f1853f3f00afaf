// Truncated and corrupted streams and payloads, mutated from real Vela output:
// the decoder never crashes or reads out of bounds (run under the sanitizers),
// and every fault names the word where it happened.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "core/deterministic_rng.h"
#include "isa/command_decoder.h"
#include "isa/command_encoder.h"
#include "isa/cop1_payload.h"
#include "tests/isa/vela_models.h"

namespace vnpu::isa {
namespace {

// Word offset N of a "word N: ..." message, or -1.
long fault_offset(const Status& status) {
  const std::string& message = status.message();
  if (message.rfind("word ", 0) != 0) return -1;
  return std::stol(message.substr(5));
}

// Word offsets where a command starts in a valid stream.
std::vector<size_t> command_starts(const std::vector<uint32_t>& words) {
  DecodedStream decoded = decode_stream(words.data(), words.size());
  EXPECT_TRUE(decoded.status.is_ok());
  std::vector<size_t> starts;
  for (const Command& command : decoded.commands) starts.push_back(command.word_offset);
  return starts;
}

TEST(Robustness, StreamTruncatedAtEveryLength) {
  const std::vector<uint32_t> words = testing::small_vela_stream();
  if (words.empty()) GTEST_SKIP() << "no shared models";
  const std::vector<size_t> starts = command_starts(words);
  for (size_t length = 0; length < words.size(); ++length) {
    // Decode from a copy of exactly `length` words, so that ASan sees any overread.
    const std::vector<uint32_t> cut(words.begin(), words.begin() + static_cast<long>(length));
    DecodedStream decoded = decode_stream(cut.data(), cut.size());
    EXPECT_FALSE(decoded.stopped) << length;
    const bool at_boundary =
        std::find(starts.begin(), starts.end(), length) != starts.end() || length == 0;
    if (at_boundary) {
      EXPECT_TRUE(decoded.status.is_ok()) << length << ": " << decoded.status.message();
      EXPECT_EQ(decoded.words_read, length);
    } else {
      // The cut split a cmd1 from its payload.
      ASSERT_FALSE(decoded.status.is_ok()) << length;
      EXPECT_EQ(fault_offset(decoded.status), static_cast<long>(length) - 1);
      EXPECT_NE(decoded.status.message().find("payload word " + std::to_string(length) +
                                              " lies past the end of the stream"),
                std::string::npos)
          << decoded.status.message();
    }
  }
}

TEST(Robustness, PayloadTruncatedAtEveryByte) {
  const std::vector<uint32_t> words = testing::small_vela_stream();
  if (words.empty()) GTEST_SKIP() << "no shared models";
  const std::vector<uint8_t> bytes =
      build_cop1_payload(find_accelerator_config("ethos-u55-128").value(), words);
  ASSERT_TRUE(parse_cop1_payload(bytes.data(), bytes.size()).has_value());
  for (size_t size = 0; size < bytes.size(); ++size) {
    const std::vector<uint8_t> cut(bytes.begin(), bytes.begin() + static_cast<long>(size));
    Expected<Cop1Payload> payload = parse_cop1_payload(cut.data(), cut.size());
    ASSERT_FALSE(payload.has_value()) << size;  // the stream is last: every cut reaches it
    EXPECT_EQ(payload.status().message().rfind("COP1 payload", 0), 0u);
  }
}

// Flips bits in random words of every shared stream; the decoder must decode
// everything before the corrupted command exactly as before, and a fault must
// name a word at or after it.
TEST(Robustness, RandomWordFlipsInEveryStream) {
  DeterministicRng rng(3);
  size_t faults = 0;
  size_t mutations = 0;
  for (const testing::VelaModel& model : testing::vela_models()) {
    for (const std::vector<uint8_t>& bytes : testing::ethos_u_payloads(model.path)) {
      Expected<Cop1Payload> payload = parse_cop1_payload(bytes.data(), bytes.size());
      ASSERT_TRUE(payload.has_value());
      const std::vector<uint32_t>& words = payload->command_stream;
      const std::vector<size_t> starts = command_starts(words);
      for (int trial = 0; trial < 300; ++trial) {
        std::vector<uint32_t> mutated = words;
        const auto index =
            static_cast<size_t>(rng.uniform(0, static_cast<int32_t>(words.size()) - 1));
        mutated[index] ^=
            trial % 3 == 0 ? static_cast<uint32_t>(rng.next()) : 1u << rng.uniform(0, 31);
        DecodedStream decoded = decode_stream(mutated.data(), mutated.size());
        ++mutations;
        // The command containing the mutated word starts at or before it.
        const size_t first_touched = *(std::upper_bound(starts.begin(), starts.end(), index) - 1);
        if (decoded.status.is_ok()) continue;
        ++faults;
        const long offset = fault_offset(decoded.status);
        EXPECT_GE(offset, static_cast<long>(first_touched)) << decoded.status.message();
        EXPECT_LT(offset, static_cast<long>(mutated.size())) << decoded.status.message();
        EXPECT_EQ(static_cast<size_t>(offset), decoded.words_read);
        for (const Command& command : decoded.commands) {
          if (command.word_offset + command.size_words() <= first_touched) {
            EXPECT_EQ(command.word0(), words[command.word_offset]);
          }
        }
      }
    }
  }
  if (mutations == 0) GTEST_SKIP() << "no shared models";
  EXPECT_GT(faults, mutations / 4);  // most flips in opcode or parameter bits are caught
}

TEST(Robustness, RandomByteFlipsInPayloads) {
  DeterministicRng rng(5);
  for (const testing::VelaModel& model : testing::vela_models()) {
    for (const std::vector<uint8_t>& bytes : testing::ethos_u_payloads(model.path)) {
      for (int trial = 0; trial < 200; ++trial) {
        std::vector<uint8_t> mutated = bytes;
        // Mostly the header (the first 40 bytes), sometimes anywhere.
        const int32_t limit = trial % 4 == 0 ? static_cast<int32_t>(bytes.size()) - 1 : 39;
        mutated[static_cast<size_t>(rng.uniform(0, limit))] ^=
            static_cast<uint8_t>(rng.uniform(1, 255));
        Expected<Cop1Payload> payload = parse_cop1_payload(mutated.data(), mutated.size());
        if (!payload) {
          EXPECT_EQ(payload.status().message().rfind("COP1 payload", 0), 0u);
          continue;
        }
        EXPECT_LE(payload->command_stream_offset + payload->command_stream.size(),
                  payload->payload_words);
        const std::vector<uint32_t>& words = payload->command_stream;
        DecodedStream decoded = decode_stream(words.data(), words.size());
        EXPECT_LE(decoded.words_read, words.size());
      }
    }
  }
}

TEST(Robustness, RandomWordsNeverCrashTheDecoder) {
  DeterministicRng rng(11);
  for (int trial = 0; trial < 2000; ++trial) {
    std::vector<uint32_t> words(static_cast<size_t>(rng.uniform(0, 16)));
    for (uint32_t& word : words) word = static_cast<uint32_t>(rng.next());
    DecodedStream decoded = decode_stream(words.data(), words.size());
    EXPECT_LE(decoded.words_read, words.size());
    if (!decoded.status.is_ok()) {
      EXPECT_EQ(fault_offset(decoded.status), static_cast<long>(decoded.words_read));
    }
  }
}

}  // namespace
}  // namespace vnpu::isa
