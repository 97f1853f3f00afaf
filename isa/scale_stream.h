// The Ethos-U55 scale/bias stream: per OFM channel, 10 bytes little-endian:
//   bytes 0-4  bias, signed 40-bit
//   bytes 5-8  multiplier, unsigned 32-bit
//   byte  9    right shift, 6 bits (bits 6-7 reserved, zero)
// The stream is padded with zero bytes to a multiple of 16 (SCALE_LENGTH is
// that padded size). Facts: ../shared/reference/ethos-u-facts.md §4.2.
//
// The output stage computes, per channel c, requantize(acc + bias[c],
// multiplier[c], shift[c]): shift is the right shift 31 - exponent of the
// TFLite QuantizeMultiplier pair (multiplier, exponent).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/status.h"

namespace vnpu::isa {

constexpr size_t kScaleEntryBytes = 10;
constexpr size_t kScaleStreamAlignment = 16;
constexpr int64_t kMinScaleBias = -(int64_t{1} << 39);
constexpr int64_t kMaxScaleBias = (int64_t{1} << 39) - 1;
constexpr uint32_t kMaxScaleShift = 63;

struct ScaleBiasEntry {
  int64_t bias = 0;  // signed 40-bit
  uint32_t multiplier = 0;
  uint32_t shift = 0;  // 0..63

  bool operator==(const ScaleBiasEntry& other) const {
    return bias == other.bias && multiplier == other.multiplier && shift == other.shift;
  }
};

// Bytes of the padded stream for `channels` entries.
size_t scale_stream_size(size_t channels);

// invalid_input naming the channel when a bias is outside the 40-bit range or
// a shift exceeds 63.
Expected<std::vector<uint8_t>> encode_scale_stream(const std::vector<ScaleBiasEntry>& entries);

struct ScaleDecodeOptions {
  // Require size == scale_stream_size(channels) and zero padding (Vela's
  // streams); otherwise the stream only has to hold `channels` entries.
  bool exact_length = true;
};

// Decodes the first `channels` entries. invalid_input naming the byte offset
// when the stream is too short, its length does not match, reserved shift bits
// are set or padding is not zero.
Expected<std::vector<ScaleBiasEntry>> decode_scale_stream(const uint8_t* data, size_t size,
                                                          size_t channels,
                                                          const ScaleDecodeOptions& options = {});

}  // namespace vnpu::isa
