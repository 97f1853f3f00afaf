// The Ethos-U55 compressed weight stream: field widths, reserved codes and
// the rules that the weight encoder and decoder share. The format is
// described in docs/weight_stream_format.md (facts: ../shared/reference/
// ethos-u-facts.md §4.1, Arm's mlw codec in ethos-u-vela).
//
// A stream is a sequence of slices, then ZDIV = 7 (end of stream), ones up to
// the next byte boundary and 0xFF bytes up to a 16-byte multiple. Bits are
// packed least significant first. A slice header is ZDIV(3) SLICELEN-1(15)
// WDIV(3) WTRUNC(1) NEWPAL(1) [DIROFS(5) PALSIZE-1(5) PALBITS-2(3) palette],
// followed by the Golomb-Rice coded weight indices and zero runs, whose
// unary parts travel in chunks interleaved with the remainders.
#pragma once

#include <cstdint>

namespace vnpu::isa {

// Symbols are 9-bit signed weights (the weight minus its zero point).
constexpr int32_t kMinWeightSymbol = -255;
constexpr int32_t kMaxWeightSymbol = 255;

// Header field widths, in bits.
constexpr int kZdivBits = 3;
constexpr int kSliceLenBits = 15;
constexpr int kWdivBits = 3;
constexpr int kWtruncBits = 1;
constexpr int kNewPalBits = 1;
constexpr int kDirOfsBits = 5;
constexpr int kPalSizeBits = 5;
constexpr int kPalBitsBits = 3;

// Reserved codes.
constexpr uint32_t kZdivMaxDivisor = 3;    // zero-run Golomb-Rice divisors are 0..3
constexpr uint32_t kZdivNoZeroRuns = 6;    // the slice has no zero-run stream
constexpr uint32_t kZdivEndOfStream = 7;   // end-of-stream marker
constexpr uint32_t kWdivMaxDivisor = 5;    // weight Golomb-Rice divisors are 0..5
constexpr uint32_t kWdivUncompressed = 7;  // weight indices sent as fixed-width remainders

constexpr int32_t kMaxSliceLength = 1 << kSliceLenBits;  // weights per slice
constexpr int32_t kMaxPaletteSize = 32;
constexpr int32_t kMinPaletteBits = 2;
constexpr int32_t kMaxPaletteBits = 9;
constexpr int32_t kMaxDirectOffset = (1 << kDirOfsBits) - 1;
constexpr int32_t kMaxWeightIndex = 511;  // 9-bit weight index after Golomb-Rice decoding
constexpr int32_t kMaxTruncatedQuotient = 2;
constexpr int32_t kMaxNormalQuotient = 31;      // the encoder never sends a longer weight quotient
constexpr int32_t kWeightStreamAlignment = 16;  // bytes, padded with 0xFF

// Unary chunk sizes: 12 weight quotient digits per chunk (8 symbols per chunk
// for uncompressed indices wider than 5 bits); zero-run unary chunks are 12
// bits for divisors 0..2 and 8 bits for divisor 3.
constexpr int kWeightChunkDigits = 12;
constexpr int kMaxChunkSymbols = 12;
inline int weight_chunk_symbols(bool uncompressed, int index_bits) {
  return uncompressed && index_bits > 5 ? 8 : kWeightChunkDigits;
}
inline int zero_run_chunk_bits(int zdiv) { return zdiv < 3 ? 12 : 8; }

// The flow control of a slice: which of the two streams sends a chunk next.
// The weight stream may run at most 8 symbols ahead of the zero-run stream.
struct ChunkEnables {
  bool weights = false;
  bool zero_runs = false;
};
inline ChunkEnables chunk_enables(bool use_zero_runs, int64_t w_pos, int64_t w_count, int64_t z_pos,
                                  int64_t z_count) {
  const int64_t balance = use_zero_runs ? w_pos - z_pos : 0;
  ChunkEnables enables;
  enables.weights = (balance < 8 || !use_zero_runs) && w_pos < w_count;
  enables.zero_runs = balance >= 0 && use_zero_runs && z_pos < z_count;
  return enables;
}

// Sign-magnitude interleaving of a weight: (|w| << 1) | sign.
inline int32_t weight_to_sign_magnitude(int32_t weight) {
  return weight < 0 ? ((-weight) << 1) | 1 : weight << 1;
}
inline int32_t sign_magnitude_to_weight(int32_t value) {
  return (value & 1) != 0 ? -(value >> 1) : value >> 1;
}

// Bits of a fixed-width index that can hold palette indices 0..palette_size-1.
inline int palette_index_bits(int32_t palette_size) {
  int bits = 0;
  while ((int32_t{1} << bits) < palette_size) ++bits;
  return bits;
}

}  // namespace vnpu::isa
