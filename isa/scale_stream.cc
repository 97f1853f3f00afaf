#include "isa/scale_stream.h"

#include <string>

namespace vnpu::isa {
namespace {

Status scale_error(size_t byte, const std::string& what) {
  return Status::invalid_input("scale stream byte " + std::to_string(byte) + ": " + what);
}

ScaleBiasEntry read_entry(const uint8_t* bytes) {
  uint64_t bias = 0;
  for (int i = 4; i >= 0; --i) bias = (bias << 8) | bytes[i];
  ScaleBiasEntry entry;
  // Sign-extend bit 39.
  entry.bias = static_cast<int64_t>(bias ^ (uint64_t{1} << 39)) - (int64_t{1} << 39);
  for (int i = 8; i >= 5; --i) entry.multiplier = (entry.multiplier << 8) | bytes[i];
  entry.shift = bytes[9];
  return entry;
}

Status check_padding(const uint8_t* data, size_t size, size_t begin) {
  for (size_t i = begin; i < size; ++i) {
    if (data[i] != 0)
      return scale_error(i, "padding byte " + std::to_string(data[i]) + " is not 0");
  }
  return Status::ok();
}

}  // namespace

size_t scale_stream_size(size_t channels) {
  const size_t bytes = channels * kScaleEntryBytes;
  return (bytes + kScaleStreamAlignment - 1) / kScaleStreamAlignment * kScaleStreamAlignment;
}

Expected<std::vector<uint8_t>> encode_scale_stream(const std::vector<ScaleBiasEntry>& entries) {
  std::vector<uint8_t> stream(scale_stream_size(entries.size()), 0);
  for (size_t c = 0; c < entries.size(); ++c) {
    const ScaleBiasEntry& entry = entries[c];
    if (entry.bias < kMinScaleBias || entry.bias > kMaxScaleBias) {
      return Status::invalid_input("scale stream channel " + std::to_string(c) + ": bias " +
                                   std::to_string(entry.bias) + " is outside the 40-bit range");
    }
    if (entry.shift > kMaxScaleShift) {
      return Status::invalid_input("scale stream channel " + std::to_string(c) + ": shift " +
                                   std::to_string(entry.shift) + " exceeds 63");
    }
    uint8_t* bytes = stream.data() + c * kScaleEntryBytes;
    const auto bias = static_cast<uint64_t>(entry.bias);
    for (int i = 0; i < 5; ++i) bytes[i] = static_cast<uint8_t>(bias >> (8 * i));
    for (int i = 0; i < 4; ++i) bytes[5 + i] = static_cast<uint8_t>(entry.multiplier >> (8 * i));
    bytes[9] = static_cast<uint8_t>(entry.shift);
  }
  return stream;
}

Expected<std::vector<ScaleBiasEntry>> decode_scale_stream(const uint8_t* data, size_t size,
                                                          size_t channels,
                                                          const ScaleDecodeOptions& options) {
  const size_t needed = channels * kScaleEntryBytes;
  if (size < needed) {
    return scale_error(size, "stream of " + std::to_string(size) + " bytes is too short for " +
                                 std::to_string(channels) + " channels (" + std::to_string(needed) +
                                 " bytes)");
  }
  if (options.exact_length && size != scale_stream_size(channels)) {
    return scale_error(size, "stream of " + std::to_string(size) + " bytes, " +
                                 std::to_string(channels) + " channels padded to 16 take " +
                                 std::to_string(scale_stream_size(channels)));
  }
  std::vector<ScaleBiasEntry> entries(channels);
  for (size_t c = 0; c < channels; ++c) {
    const uint8_t* bytes = data + c * kScaleEntryBytes;
    if ((bytes[9] & 0xC0) != 0) {
      return scale_error(c * kScaleEntryBytes + 9, "channel " + std::to_string(c) +
                                                       " sets reserved shift bits (byte " +
                                                       std::to_string(bytes[9]) + ")");
    }
    entries[c] = read_entry(bytes);
  }
  if (options.exact_length) {
    Status status = check_padding(data, size, needed);
    if (!status) return status;
  }
  return entries;
}

}  // namespace vnpu::isa
