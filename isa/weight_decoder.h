// Decoder of the Ethos-U55 compressed weight stream (the NPU's weight
// decoder, "WD"): bytes in, 9-bit signed weight symbols out, in stream order
// (see isa/weight_layout.h for which weight each symbol is).
//
// The input is untrusted. Every field is checked against the format and the
// decoder's state; any inconsistency (a read past the end, a reserved ZDIV or
// WDIV code, a first slice without a palette, a weight index or direct value
// beyond 9 bits, a slice that decodes to more symbols than remain expected, a
// slice whose two streams do not both complete, a missing end-of-stream
// marker, padding other than 0xFF bytes up to a 16-byte multiple, or a symbol
// count other than the expected one) returns ErrorCode::kInvalidInput with a
// one-line message naming the bit offset and the field:
//   "weight stream bit 1234 (WREMAIN): weight index 530 exceeds 511"
// This is what the functional NPU reports as a weight-decoder fault
// (STATUS.wd_fault). Decoding never reads outside [data, data + size), and its
// work is bounded by a small multiple of the stream's bit count.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/status.h"
#include "isa/weight_layout.h"

namespace vnpu::isa {

// What one decode read, counted as it goes: the quantities a hardware
// decoder's cycle count depends on (docs/rtl.md §6). Counts up to the point of
// an error when the stream is rejected.
struct WeightStreamStats {
  uint64_t slices = 0;               // slice headers (the end marker not included)
  uint64_t palettes = 0;             // slices with NEWPAL
  uint64_t palette_entries = 0;      // palette entries read
  uint64_t steps = 0;                // chunk steps of all slices (see weight_stream_format.md §2.4)
  uint64_t weight_unary_chunks = 0;  // steps that read WUNARY0 and WUNARY1
  uint64_t zero_run_chunks = 0;      // steps that read ZUNARY
  uint64_t weight_values = 0;        // weight remainders read (the sum of SLICELEN)
  uint64_t zero_run_values = 0;      // zero-run remainders read
  uint64_t zero_run_slices = 0;      // slices with ZDIV 0..3
  uint64_t truncated_slices = 0;     // slices with WTRUNC
  uint64_t uncompressed_slices = 0;  // slices with WDIV 7
  uint64_t palette_weights = 0;      // weight indices below the palette size
  uint64_t direct_weights = 0;       // weight indices past the palette (direct values)
};

struct WeightDecodeOptions {
  static constexpr size_t kAnyCount = static_cast<size_t>(-1);

  // The number of symbols the stream must decode to (e.g. weight_stream_length()
  // of the operation's layout); kAnyCount accepts any count up to max_symbols.
  size_t expected_symbols = kAnyCount;
  // Upper bound on the decoded symbols when the count is not known.
  size_t max_symbols = static_cast<size_t>(kMaxWeightStreamLength);
  // Require the stream size to be a multiple of 16 bytes (Vela's streams and
  // WEIGHT_LENGTH always are). Bytes after the end marker must be 0xFF either way.
  bool require_padding = true;
  // When set, receives the counts of the decode.
  WeightStreamStats* stats = nullptr;
};

// Decodes a whole stream, from its first slice to its end marker and padding.
Expected<std::vector<int16_t>> decode_weight_stream(const uint8_t* data, size_t size,
                                                    const WeightDecodeOptions& options = {});

inline Expected<std::vector<int16_t>> decode_weight_stream(
    const std::vector<uint8_t>& stream, const WeightDecodeOptions& options = {}) {
  return decode_weight_stream(stream.data(), stream.size(), options);
}

// Decodes the stream of an operation whose weights have the layout `params`
// (expecting weight_stream_length(params) symbols) and returns them as the
// OHWI tensor, i.e. which weight multiplies which input; a non-zero padding
// symbol is an error too. This is what the functional NPU's weight decoder
// hands the MAC array.
Expected<std::vector<int16_t>> decode_weights(const WeightLayoutParams& params, const uint8_t* data,
                                              size_t size);

}  // namespace vnpu::isa
