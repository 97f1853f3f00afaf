// Scale/bias stream: byte layout, padding, range checks and round trips.
#include "isa/scale_stream.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/deterministic_rng.h"

namespace vnpu::isa {
namespace {

TEST(ScaleStream, ByteLayoutAndPadding) {
  Expected<std::vector<uint8_t>> stream = encode_scale_stream({{-2, 0x12345678U, 33}});
  ASSERT_TRUE(stream.has_value());
  const std::vector<uint8_t> expected = {0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0x78, 0x56, 0x34,
                                         0x12, 33,   0,    0,    0,    0,    0,    0};
  EXPECT_EQ(*stream, expected);
  Expected<std::vector<ScaleBiasEntry>> entries = decode_scale_stream(stream->data(), 16, 1);
  ASSERT_TRUE(entries.has_value());
  EXPECT_EQ((*entries)[0], (ScaleBiasEntry{-2, 0x12345678U, 33}));
}

TEST(ScaleStream, SizesArePaddedTo16) {
  EXPECT_EQ(scale_stream_size(0), 0u);
  EXPECT_EQ(scale_stream_size(1), 16u);
  EXPECT_EQ(scale_stream_size(8), 80u);
  EXPECT_EQ(scale_stream_size(10), 112u);
}

TEST(ScaleStream, FortyBitBiasExtremes) {
  const std::vector<ScaleBiasEntry> entries = {{kMaxScaleBias, 0xFFFFFFFFU, 63},
                                               {kMinScaleBias, 0, 0}};
  Expected<std::vector<uint8_t>> stream = encode_scale_stream(entries);
  ASSERT_TRUE(stream.has_value());
  EXPECT_EQ((*stream)[4], 0x7F);
  EXPECT_EQ((*stream)[14], 0x80);
  Expected<std::vector<ScaleBiasEntry>> back =
      decode_scale_stream(stream->data(), stream->size(), 2);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(*back, entries);
}

TEST(ScaleStream, EncodeRejectsOutOfRangeFields) {
  Expected<std::vector<uint8_t>> bias = encode_scale_stream({{0, 1, 1}, {kMaxScaleBias + 1, 1, 1}});
  ASSERT_FALSE(bias.has_value());
  EXPECT_NE(bias.status().message().find("channel 1"), std::string::npos);
  EXPECT_FALSE(encode_scale_stream({{kMinScaleBias - 1, 1, 1}}).has_value());
  Expected<std::vector<uint8_t>> shift = encode_scale_stream({{0, 1, 64}});
  ASSERT_FALSE(shift.has_value());
  EXPECT_NE(shift.status().message().find("shift 64"), std::string::npos);
}

TEST(ScaleStream, DecodeRejectsMalformedStreams) {
  std::vector<uint8_t> stream = *encode_scale_stream({{1, 2, 3}, {4, 5, 6}});  // 32 bytes
  EXPECT_FALSE(decode_scale_stream(stream.data(), 16, 2).has_value());         // too short
  EXPECT_FALSE(decode_scale_stream(stream.data(), 32, 1).has_value());  // 1 channel is 16 bytes
  EXPECT_TRUE(decode_scale_stream(stream.data(), 32, 1, {false}).has_value());
  std::vector<uint8_t> reserved = stream;
  reserved[19] |= 0x40;  // channel 1, shift byte
  Expected<std::vector<ScaleBiasEntry>> bad = decode_scale_stream(reserved.data(), 32, 2);
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.status().message().find("byte 19"), std::string::npos);
  std::vector<uint8_t> padding = stream;
  padding[25] = 1;
  EXPECT_FALSE(decode_scale_stream(padding.data(), 32, 2).has_value());
  EXPECT_TRUE(decode_scale_stream(padding.data(), 32, 2, {false}).has_value());
}

TEST(ScaleStream, RandomRoundTrips) {
  DeterministicRng rng(17);
  for (int i = 0; i < 500; ++i) {
    std::vector<ScaleBiasEntry> entries(static_cast<size_t>(rng.uniform(0, 100)));
    for (ScaleBiasEntry& e : entries) {
      e.bias = static_cast<int64_t>(rng.next() % (uint64_t{1} << 40)) + kMinScaleBias;
      e.multiplier = static_cast<uint32_t>(rng.next());
      e.shift = static_cast<uint32_t>(rng.uniform(0, 63));
    }
    Expected<std::vector<uint8_t>> stream = encode_scale_stream(entries);
    ASSERT_TRUE(stream.has_value());
    ASSERT_EQ(stream->size(), scale_stream_size(entries.size()));
    Expected<std::vector<ScaleBiasEntry>> back =
        decode_scale_stream(stream->data(), stream->size(), entries.size());
    ASSERT_TRUE(back.has_value()) << back.status().message();
    ASSERT_EQ(*back, entries);
  }
}

}  // namespace
}  // namespace vnpu::isa
