// The slice writer: header, palette, and the chunks in exactly the order the
// decoder (isa/weight_decoder.cc) reads them.
#include <array>

#include "isa/weight_encoder_internal.h"
#include "isa/weight_stream_format.h"

namespace vnpu::isa::weight_encoding {
namespace {

// The encoder side of one of the slice's coded streams.
struct ChunkStream {
  const uint32_t* values = nullptr;
  int64_t count = 0;
  int divisor = 0;
  int64_t next = 0;       // next value to start
  int64_t completed = 0;  // symbols whose unary part is sent, padding included
  int64_t quotient = -1;  // unsent quotient of the symbol in progress; -1: none
  bool real = false;      // the symbol in progress is a value, not padding
  uint32_t remainder = 0;
  bool enabled = false;
  bool was_enabled = false;
  std::array<uint32_t, kMaxChunkSymbols> remainders{};
  int remainder_count = 0;
  std::array<uint32_t, kMaxChunkSymbols> previous{};
  int previous_count = 0;

  void start_symbol() {
    real = next < count;
    const uint32_t value = real ? values[next++] : 0;
    quotient = value >> divisor;
    remainder = value & ((uint32_t{1} << divisor) - 1);
  }
  void finish_symbol() {
    if (real) remainders[static_cast<size_t>(remainder_count++)] = remainder;
    ++completed;
    quotient = -1;
  }
  void end_chunk() {
    previous = remainders;
    previous_count = enabled ? remainder_count : 0;
    remainder_count = 0;
    was_enabled = enabled;
  }
};

struct WeightChunk {
  uint32_t unary0 = 0;
  uint32_t unary1 = 0;
  int unary1_bits = 0;
};

// Twelve quotient digits: 0, 1 or 2 (a normal code continues after a 2).
WeightChunk build_weight_chunk(bool truncated, ChunkStream* w) {
  WeightChunk chunk;
  for (int j = 0; j < kWeightChunkDigits; ++j) {
    if (w->quotient < 0) w->start_symbol();
    const int64_t digit = truncated ? w->quotient : (w->quotient >= 2 ? 2 : w->quotient);
    w->quotient -= digit;
    if (digit > 0) {
      chunk.unary0 |= uint32_t{1} << j;
      chunk.unary1 |= (digit == 2 ? uint32_t{1} : 0U) << chunk.unary1_bits;
      ++chunk.unary1_bits;
    }
    if (digit < 2 || truncated) w->finish_symbol();
  }
  return chunk;
}

void build_uncompressed_chunk(ChunkStream* w) {
  const int symbols = weight_chunk_symbols(true, w->divisor);
  for (int j = 0; j < symbols; ++j) {
    w->start_symbol();
    w->finish_symbol();
  }
}

uint32_t build_zero_run_chunk(int length, ChunkStream* z) {
  uint32_t unary = 0;
  for (int j = 0; j < length; ++j) {
    if (z->quotient < 0) z->start_symbol();
    if (z->quotient > 0) {
      unary |= uint32_t{1} << j;
      --z->quotient;
    } else {
      z->finish_symbol();
    }
  }
  return unary;
}

void write_header(const SectionPlan& plan, const Slice& slice, bool new_palette,
                  WeightBitWriter* writer) {
  const bool uncompressed = slice.weight_code == kUncompressedCode;
  writer->write(kZdivBits,
                plan.zero_runs ? static_cast<uint32_t>(slice.zero_run_code) : kZdivNoZeroRuns);
  writer->write(kSliceLenBits, static_cast<uint32_t>(slice.end - slice.begin - 1));
  writer->write(kWdivBits,
                uncompressed ? kWdivUncompressed : static_cast<uint32_t>(slice.weight_code % 6));
  writer->write(kWtruncBits, !uncompressed && slice.weight_code >= 6 ? 1U : 0U);
  writer->write(kNewPalBits, new_palette ? 1U : 0U);
  if (!new_palette) return;
  const auto size = static_cast<uint32_t>(plan.palette.size());
  writer->write(kDirOfsBits, static_cast<uint32_t>(plan.direct_offset));
  writer->write(kPalSizeBits, size == 0 ? 0U : size - 1);
  writer->write(kPalBitsBits, static_cast<uint32_t>(plan.palette_bits - kMinPaletteBits));
  for (int32_t entry : plan.palette) writer->write(plan.palette_bits, static_cast<uint32_t>(entry));
}

void write_remainders(const ChunkStream& stream, WeightBitWriter* writer) {
  if (!stream.was_enabled) return;
  for (int i = 0; i < stream.previous_count; ++i) {
    writer->write(stream.divisor, stream.previous[static_cast<size_t>(i)]);
  }
}

}  // namespace

void write_slice(const SectionPlan& plan, const Slice& slice, bool new_palette,
                 const uint32_t* weights, const uint32_t* zero_runs, WeightBitWriter* writer) {
  write_header(plan, slice, new_palette, writer);
  const bool uncompressed = slice.weight_code == kUncompressedCode;
  const bool truncated = !uncompressed && slice.weight_code >= 6;
  ChunkStream w;
  w.values = weights;
  w.count = slice.end - slice.begin;
  w.divisor = uncompressed ? plan.uncompressed_bits : slice.weight_code % 6;
  ChunkStream z;
  if (plan.zero_runs) {
    z.values = zero_runs;
    z.count = w.count + (new_palette ? 1 : 0);
    z.divisor = slice.zero_run_code;
  }
  const int zero_run_bits = zero_run_chunk_bits(z.divisor);
  do {
    const ChunkEnables enables =
        chunk_enables(plan.zero_runs, w.completed, w.count, z.completed, z.count);
    w.enabled = enables.weights;
    z.enabled = enables.zero_runs;
    WeightChunk chunk;
    if (w.enabled && !uncompressed) chunk = build_weight_chunk(truncated, &w);
    if (w.enabled && uncompressed) build_uncompressed_chunk(&w);
    const uint32_t z_unary = z.enabled ? build_zero_run_chunk(zero_run_bits, &z) : 0;
    if (w.enabled && !uncompressed) writer->write(kWeightChunkDigits, chunk.unary0);
    if (z.enabled) writer->write(zero_run_bits, z_unary);
    if (w.enabled && !uncompressed) writer->write(chunk.unary1_bits, chunk.unary1);
    write_remainders(w, writer);
    write_remainders(z, writer);
    w.end_chunk();
    z.end_chunk();
  } while (w.was_enabled || z.was_enabled);
}

}  // namespace vnpu::isa::weight_encoding
