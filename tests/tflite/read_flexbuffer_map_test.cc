// tflite/read_flexbuffer_map.h: TFLM's own signal-kernel test options decode to
// their parameters, and malformed bytes give a one-line error, never a crash.
#include "tflite/read_flexbuffer_map.h"

#include <flatbuffers/flexbuffers.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace vnpu::tflite {
namespace {

// signal/micro/kernels/filter_bank_spectral_subtraction_flexbuffers_generated_data.cc,
// g_gen_data_filter_bank_spectral_subtraction_32_channel (210 bytes).
const std::vector<uint8_t> kSpectralSubtraction32 = {
    0x6e, 0x75, 0x6d, 0x5f, 0x63, 0x68, 0x61, 0x6e, 0x6e, 0x65, 0x6c, 0x73, 0x00, 0x73, 0x6d,
    0x6f, 0x6f, 0x74, 0x68, 0x69, 0x6e, 0x67, 0x00, 0x6f, 0x6e, 0x65, 0x5f, 0x6d, 0x69, 0x6e,
    0x75, 0x73, 0x5f, 0x73, 0x6d, 0x6f, 0x6f, 0x74, 0x68, 0x69, 0x6e, 0x67, 0x00, 0x61, 0x6c,
    0x74, 0x65, 0x72, 0x6e, 0x61, 0x74, 0x65, 0x5f, 0x73, 0x6d, 0x6f, 0x6f, 0x74, 0x68, 0x69,
    0x6e, 0x67, 0x00, 0x61, 0x6c, 0x74, 0x65, 0x72, 0x6e, 0x61, 0x74, 0x65, 0x5f, 0x6f, 0x6e,
    0x65, 0x5f, 0x6d, 0x69, 0x6e, 0x75, 0x73, 0x5f, 0x73, 0x6d, 0x6f, 0x6f, 0x74, 0x68, 0x69,
    0x6e, 0x67, 0x00, 0x73, 0x6d, 0x6f, 0x6f, 0x74, 0x68, 0x69, 0x6e, 0x67, 0x5f, 0x62, 0x69,
    0x74, 0x73, 0x00, 0x6d, 0x69, 0x6e, 0x5f, 0x73, 0x69, 0x67, 0x6e, 0x61, 0x6c, 0x5f, 0x72,
    0x65, 0x6d, 0x61, 0x69, 0x6e, 0x69, 0x6e, 0x67, 0x00, 0x63, 0x6c, 0x61, 0x6d, 0x70, 0x69,
    0x6e, 0x67, 0x00, 0x73, 0x70, 0x65, 0x63, 0x74, 0x72, 0x61, 0x6c, 0x5f, 0x73, 0x75, 0x62,
    0x74, 0x72, 0x61, 0x63, 0x74, 0x69, 0x6f, 0x6e, 0x5f, 0x62, 0x69, 0x74, 0x73, 0x00, 0x09,
    0x66, 0x7b, 0x26, 0x3c, 0xa9, 0x93, 0x9e, 0x4f, 0x23, 0x09, 0x00, 0x01, 0x00, 0x09, 0x00,
    0x71, 0x3d, 0x8f, 0x02, 0x00, 0x00, 0x33, 0x03, 0x20, 0x00, 0x71, 0x3d, 0x8f, 0x02, 0x00,
    0x00, 0x0e, 0x00, 0x05, 0x05, 0x05, 0x05, 0x05, 0x05, 0x05, 0x05, 0x05, 0x1b, 0x25, 0x01};

// signal/micro/kernels/pcan_flexbuffers_generated_data.cc, g_gen_data_snr_shift_6_test.
const std::vector<uint8_t> kPcanSnrShift6 = {0x73, 0x6e, 0x72, 0x5f, 0x73, 0x68, 0x69,
                                             0x66, 0x74, 0x00, 0x01, 0x0b, 0x01, 0x01,
                                             0x01, 0x06, 0x04, 0x02, 0x24, 0x01};

Expected<std::map<std::string, int64_t>> read(const std::vector<uint8_t>& bytes) {
  return read_flexbuffer_int_map(bytes.data(), bytes.size(), "operator 3 (SignalPCAN)");
}

TEST(ReadFlexbufferMap, DecodesTflmSpectralSubtractionOptions) {
  auto params = read(kSpectralSubtraction32);
  ASSERT_TRUE(params) << params.status().message();
  const std::map<std::string, int64_t> expected = {
      {"alternate_one_minus_smoothing", 15729}, {"alternate_smoothing", 655},
      {"clamping", 0},                          {"min_signal_remaining", 819},
      {"num_channels", 32},                     {"one_minus_smoothing", 15729},
      {"smoothing", 655},                       {"smoothing_bits", 0},
      {"spectral_subtraction_bits", 14}};
  EXPECT_EQ(*params, expected);
}

TEST(ReadFlexbufferMap, DecodesTflmPcanOptions) {
  auto params = read(kPcanSnrShift6);
  ASSERT_TRUE(params) << params.status().message();
  EXPECT_EQ(*params, (std::map<std::string, int64_t>{{"snr_shift", 6}}));
}

TEST(ReadFlexbufferMap, BoolsAreZeroOrOneAndOtherTypesAreLeftOut) {
  flexbuffers::Builder builder;
  builder.Map([&] {
    builder.Bool("clamping", true);
    builder.String("name", "x");
    builder.Float("gain", 0.5f);
    builder.Int("shift", -3);
  });
  builder.Finish();
  auto params = read(builder.GetBuffer());
  ASSERT_TRUE(params) << params.status().message();
  EXPECT_EQ(*params, (std::map<std::string, int64_t>{{"clamping", 1}, {"shift", -3}}));
}

TEST(ReadFlexbufferMap, UnsignedAboveInt64IsRefused) {
  flexbuffers::Builder builder;
  builder.Map([&] { builder.UInt("big", std::numeric_limits<uint64_t>::max()); });
  builder.Finish();
  auto params = read(builder.GetBuffer());
  ASSERT_FALSE(params);
  EXPECT_NE(params.status().message().find("'big'"), std::string::npos);
}

TEST(ReadFlexbufferMap, MalformedOptionsGiveOneLineErrors) {
  struct Case {
    std::vector<uint8_t> bytes;
    const char* message;
  };
  const Case cases[] = {
      {{}, "custom options are empty"},
      {{0x05, 0x04, 0x01}, "not a flexbuffer map"},    // the integer 5
      {{0xff, 0xff, 0xff}, "not a valid flexbuffer"},  // width 255
      {{0x00, 0x24, 0x7f}, "not a valid flexbuffer"},  // a map 0 bytes back, width 127
      {{0x40, 0x24, 0x01}, "not a valid flexbuffer"},  // a map 64 bytes before the buffer
  };
  for (const Case& c : cases) {
    auto params = read(c.bytes);
    ASSERT_FALSE(params) << c.message;
    const std::string message = params.status().message();
    EXPECT_NE(message.find(c.message), std::string::npos) << message;
    EXPECT_EQ(message.find("operator 3 (SignalPCAN): "), 0u) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  }
}

// Every truncation and every single-byte change of real options either decodes
// or fails with a message; none reads outside the buffer (ASan/UBSan builds
// would catch it) or hangs.
TEST(ReadFlexbufferMap, TruncatedAndCorruptedOptionsNeverCrash) {
  int failures = 0;
  for (size_t size = 0; size < kSpectralSubtraction32.size(); ++size) {
    const std::vector<uint8_t> prefix(kSpectralSubtraction32.begin(),
                                      kSpectralSubtraction32.begin() + static_cast<long>(size));
    auto params = read(prefix);
    if (!params) {
      ++failures;
      EXPECT_FALSE(params.status().message().empty());
    }
  }
  EXPECT_GT(failures, 0);
  for (size_t at = 0; at < kSpectralSubtraction32.size(); ++at) {
    for (uint8_t value : {uint8_t{0x00}, uint8_t{0x7f}, uint8_t{0x80}, uint8_t{0xff}}) {
      std::vector<uint8_t> bytes = kSpectralSubtraction32;
      bytes[at] = value;
      auto params = read(bytes);
      if (!params) {
        EXPECT_FALSE(params.status().message().empty());
      }
    }
  }
}

}  // namespace
}  // namespace vnpu::tflite
