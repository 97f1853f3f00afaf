#include "isa/weight_decoder.h"

#include <array>
#include <string>

#include "isa/weight_bits.h"
#include "isa/weight_stream_format.h"

namespace vnpu::isa {
namespace {

// Quotients grow through unary carries only as long as the stream has one
// bits; capping them keeps every shift and sum in range (a capped quotient
// always fails the range checks it feeds).
constexpr uint32_t kQuotientCap = uint32_t{1} << 20;

struct SliceHeader {
  uint64_t bit = 0;  // offset of the slice's ZDIV field
  uint32_t zdiv = 0;
  int64_t length = 0;  // weight indices in the slice
  uint32_t wdiv = 0;
  bool truncated = false;
  bool new_palette = false;
  bool zero_runs() const { return zdiv != kZdivNoZeroRuns; }
};

struct PaletteState {
  std::array<int32_t, kMaxPaletteSize> entries{};  // sign-magnitude values
  int32_t size = 0;
  int32_t bits = kMinPaletteBits;
  int32_t direct_offset = 0;
};

// One of the slice's two Golomb-Rice coded streams (weight indices or zero runs).
struct CodedStream {
  int64_t count = 0;      // values the slice holds
  int64_t unary_pos = 0;  // symbols whose unary part is complete (padding included)
  int64_t value_pos = 0;  // values whose remainder has been read
  int divisor = 0;
  uint32_t carry = 0;
  bool enabled = false;
  bool was_enabled = false;
  std::array<uint32_t, kMaxChunkSymbols> quotients{};
  int chunk_symbols = 0;
  std::array<uint32_t, kMaxChunkSymbols> previous_quotients{};
  int previous_symbols = 0;
  std::vector<uint32_t> values;

  void complete_symbol(uint32_t quotient) {
    quotients[static_cast<size_t>(chunk_symbols++)] = quotient;
  }
  void end_chunk() {
    previous_quotients = quotients;
    previous_symbols = enabled ? chunk_symbols : 0;
    was_enabled = enabled;
    unary_pos += enabled ? chunk_symbols : 0;
    chunk_symbols = 0;
  }
};

uint32_t add_capped(uint32_t quotient, uint32_t digit) {
  const uint32_t sum = quotient + digit;
  return sum > kQuotientCap ? kQuotientCap : sum;
}

class StreamDecoder {
 public:
  StreamDecoder(const uint8_t* data, size_t size, const WeightDecodeOptions& options)
      : bits_(data, size), data_(data), size_(size), options_(options) {
    limit_ = options.expected_symbols != WeightDecodeOptions::kAnyCount ? options.expected_symbols
                                                                        : options.max_symbols;
  }

  Expected<std::vector<int16_t>> run();

 private:
  Status error(uint64_t bit, const char* field, const std::string& what) const {
    return Status::invalid_input("weight stream bit " + std::to_string(bit) + " (" + field +
                                 "): " + what);
  }
  Status read(int count, const char* field, uint32_t* value);
  Status read_header(uint32_t zdiv, SliceHeader* header);
  Status read_palette();
  Status read_slice(const SliceHeader& header);
  Status read_chunk(const SliceHeader& header, CodedStream* w, CodedStream* z);
  Status read_weight_digits(const SliceHeader& header, uint32_t unary0, CodedStream* w);
  Status read_zero_unary(CodedStream* z);
  Status read_remainders(const char* field, bool weights, CodedStream* stream);
  Status check_weight_index(uint32_t index, uint64_t bit) const;
  Status emit_slice(const SliceHeader& header, const CodedStream& w, const CodedStream& z);
  Status finish(uint64_t end_bit);

  WeightBitReader bits_;
  const uint8_t* data_;
  size_t size_;
  WeightDecodeOptions options_;
  size_t limit_ = 0;
  PaletteState palette_;
  bool have_palette_ = false;
  bool previous_zero_runs_ = false;
  std::vector<int16_t> out_;
  WeightStreamStats stats_;
};

Status StreamDecoder::read(int count, const char* field, uint32_t* value) {
  if (bits_.read(count, value)) return Status::ok();
  return error(bits_.position(), field,
               "needs " + std::to_string(count) + " bits, the stream ends after " +
                   std::to_string(bits_.remaining()));
}

Expected<std::vector<int16_t>> StreamDecoder::run() {
  while (true) {
    const uint64_t bit = bits_.position();
    uint32_t zdiv = 0;
    if (!bits_.read(kZdivBits, &zdiv)) {
      return error(bit, "ZDIV",
                   "missing end-of-stream marker (ZDIV 7) after " + std::to_string(out_.size()) +
                       " symbols");
    }
    if (zdiv == kZdivEndOfStream) {
      Status status = finish(bit);
      if (options_.stats != nullptr) *options_.stats = stats_;
      if (!status) return status;
      return std::move(out_);
    }
    SliceHeader header;
    header.bit = bit;
    ++stats_.slices;
    Status status = read_header(zdiv, &header);
    if (status) status = read_slice(header);
    if (!status) {
      if (options_.stats != nullptr) *options_.stats = stats_;
      return status;
    }
  }
}

Status StreamDecoder::read_header(uint32_t zdiv, SliceHeader* header) {
  if (zdiv > kZdivMaxDivisor && zdiv != kZdivNoZeroRuns) {
    return error(
        header->bit, "ZDIV",
        "code " + std::to_string(zdiv) + " is reserved (0-3 zero-run divisor, 6 none, 7 end)");
  }
  header->zdiv = zdiv;
  uint32_t length_m1 = 0, wdiv = 0, trunc = 0, new_palette = 0;
  const uint64_t length_bit = bits_.position();
  Status status = read(kSliceLenBits, "SLICELEN", &length_m1);
  if (status) status = read(kWdivBits, "WDIV", &wdiv);
  if (status) status = read(kWtruncBits, "WTRUNC", &trunc);
  if (status) status = read(kNewPalBits, "NEWPAL", &new_palette);
  if (!status) return status;
  header->length = int64_t{length_m1} + 1;
  header->wdiv = wdiv;
  header->truncated = trunc != 0;
  header->new_palette = new_palette != 0;
  const uint64_t wdiv_bit = length_bit + kSliceLenBits;
  if (wdiv > kWdivMaxDivisor && wdiv != kWdivUncompressed) {
    return error(wdiv_bit, "WDIV",
                 "code " + std::to_string(wdiv) + " is reserved (0-5 divisor, 7 uncompressed)");
  }
  if (wdiv == kWdivUncompressed && header->truncated) {
    return error(wdiv_bit + kWdivBits, "WTRUNC", "truncated coding set on an uncompressed slice");
  }
  if (static_cast<uint64_t>(header->length) > limit_ - out_.size()) {
    return error(length_bit, "SLICELEN",
                 "slice of " + std::to_string(header->length) + " weights exceeds the " +
                     std::to_string(limit_ - out_.size()) + " symbols still expected");
  }
  const uint64_t palette_bit = wdiv_bit + kWdivBits + kWtruncBits;
  if (!header->new_palette && !have_palette_) {
    return error(palette_bit, "NEWPAL", "the first slice must define a palette");
  }
  if (!header->new_palette && header->zero_runs() != previous_zero_runs_) {
    return error(header->bit, "ZDIV", "zero-run mode changes without a new palette");
  }
  previous_zero_runs_ = header->zero_runs();
  stats_.zero_run_slices += header->zero_runs() ? 1 : 0;
  stats_.truncated_slices += header->truncated ? 1 : 0;
  stats_.uncompressed_slices += wdiv == kWdivUncompressed ? 1 : 0;
  return header->new_palette ? read_palette() : Status::ok();
}

Status StreamDecoder::read_palette() {
  uint32_t direct_offset = 0, size_m1 = 0, bits_m2 = 0;
  Status status = read(kDirOfsBits, "DIROFS", &direct_offset);
  if (status) status = read(kPalSizeBits, "PALSIZE", &size_m1);
  if (status) status = read(kPalBitsBits, "PALBITS", &bits_m2);
  if (!status) return status;
  palette_.direct_offset = static_cast<int32_t>(direct_offset);
  palette_.size = size_m1 == 0 ? 0 : static_cast<int32_t>(size_m1) + 1;
  palette_.bits = static_cast<int32_t>(bits_m2) + kMinPaletteBits;
  ++stats_.palettes;
  for (int32_t i = 0; i < palette_.size; ++i) {
    uint32_t entry = 0;
    status = read(palette_.bits, "PALETTE", &entry);
    if (!status) return status;
    palette_.entries[static_cast<size_t>(i)] = static_cast<int32_t>(entry);
    ++stats_.palette_entries;
  }
  have_palette_ = true;
  return Status::ok();
}

Status StreamDecoder::read_slice(const SliceHeader& header) {
  const bool uncompressed = header.wdiv == kWdivUncompressed;
  CodedStream w;
  w.count = header.length;
  w.divisor = uncompressed ? (palette_.size > 0 ? palette_index_bits(palette_.size) : palette_.bits)
                           : static_cast<int>(header.wdiv);
  w.values.resize(static_cast<size_t>(w.count));
  CodedStream z;
  if (header.zero_runs()) {
    z.count = header.length + (header.new_palette ? 1 : 0);
    z.divisor = static_cast<int>(header.zdiv);
    z.values.resize(static_cast<size_t>(z.count));
  }
  do {
    Status status = read_chunk(header, &w, &z);
    if (!status) return status;
  } while (w.was_enabled || z.was_enabled);
  if (w.value_pos != w.count || z.value_pos != z.count) {
    return error(bits_.position(), "SLICE",
                 "slice ends with " + std::to_string(w.value_pos) + " of " +
                     std::to_string(w.count) + " weights and " + std::to_string(z.value_pos) +
                     " of " + std::to_string(z.count) + " zero runs");
  }
  return emit_slice(header, w, z);
}

// One chunk: WUNARY0, ZUNARY, WUNARY1, then the remainders of the previous chunk.
Status StreamDecoder::read_chunk(const SliceHeader& header, CodedStream* w, CodedStream* z) {
  const ChunkEnables enables =
      chunk_enables(header.zero_runs(), w->unary_pos, w->count, z->unary_pos, z->count);
  w->enabled = enables.weights;
  z->enabled = enables.zero_runs;
  const bool uncompressed = header.wdiv == kWdivUncompressed;
  ++stats_.steps;
  if (w->enabled && !uncompressed) ++stats_.weight_unary_chunks;
  if (z->enabled) ++stats_.zero_run_chunks;
  uint32_t unary0 = 0;
  Status status;
  if (w->enabled && !uncompressed) status = read(kWeightChunkDigits, "WUNARY0", &unary0);
  if (status && z->enabled) status = read_zero_unary(z);
  if (status && w->enabled) status = read_weight_digits(header, unary0, w);
  if (status && w->was_enabled) status = read_remainders("WREMAIN", true, w);
  if (status && z->was_enabled) status = read_remainders("ZREMAIN", false, z);
  w->end_chunk();
  z->end_chunk();
  return status;
}

// The weight quotient digits: each WUNARY0 bit is a digit 0 or, with the next
// WUNARY1 bit, 1 or 2. A normal code continues after a 2; a truncated code
// ends at every digit. Uncompressed slices send no unary part at all.
Status StreamDecoder::read_weight_digits(const SliceHeader& header, uint32_t unary0,
                                         CodedStream* w) {
  if (header.wdiv == kWdivUncompressed) {
    const int symbols = weight_chunk_symbols(true, w->divisor);
    for (int i = 0; i < symbols; ++i) w->complete_symbol(0);
    return Status::ok();
  }
  int ones = 0;
  for (int i = 0; i < kWeightChunkDigits; ++i) ones += static_cast<int>((unary0 >> i) & 1U);
  uint32_t unary1 = 0;
  Status status = read(ones, "WUNARY1", &unary1);
  if (!status) return status;
  uint32_t quotient = w->carry;
  for (int i = 0; i < kWeightChunkDigits; ++i) {
    uint32_t digit = 0;
    if (((unary0 >> i) & 1U) != 0) {
      digit = 1 + (unary1 & 1U);
      unary1 >>= 1;
    }
    quotient = add_capped(quotient, digit);
    if (digit < 2 || header.truncated) {
      w->complete_symbol(quotient);
      quotient = 0;
    }
  }
  w->carry = quotient;
  return Status::ok();
}

// Zero-run quotients are plain unary: ones, ended by a zero.
Status StreamDecoder::read_zero_unary(CodedStream* z) {
  const int length = zero_run_chunk_bits(z->divisor);
  uint32_t unary = 0;
  Status status = read(length, "ZUNARY", &unary);
  if (!status) return status;
  uint32_t quotient = z->carry;
  for (int i = 0; i < length; ++i) {
    if (((unary >> i) & 1U) != 0) {
      quotient = add_capped(quotient, 1);
    } else {
      z->complete_symbol(quotient);
      quotient = 0;
    }
  }
  z->carry = quotient;
  return Status::ok();
}

// Remainders of the symbols the previous chunk completed; symbols past the
// slice's count are padding and send none.
Status StreamDecoder::read_remainders(const char* field, bool weights, CodedStream* stream) {
  for (int i = 0; i < stream->previous_symbols && stream->value_pos < stream->count; ++i) {
    const uint64_t bit = bits_.position();
    uint32_t remainder = 0;
    Status status = read(stream->divisor, field, &remainder);
    if (!status) return status;
    const uint32_t value =
        (stream->previous_quotients[static_cast<size_t>(i)] << stream->divisor) + remainder;
    if (weights) {
      status = check_weight_index(value, bit);
      if (!status) return status;
    }
    stream->values[static_cast<size_t>(stream->value_pos++)] = value;
    ++(weights ? stats_.weight_values : stats_.zero_run_values);
    if (weights) ++(value < static_cast<uint32_t>(palette_.size) ? stats_.palette_weights
                                                                 : stats_.direct_weights);
  }
  return Status::ok();
}

Status StreamDecoder::check_weight_index(uint32_t index, uint64_t bit) const {
  if (index > static_cast<uint32_t>(kMaxWeightIndex)) {
    return error(bit, "WREMAIN", "weight index " + std::to_string(index) + " exceeds 511");
  }
  if (index < static_cast<uint32_t>(palette_.size)) return Status::ok();
  const int64_t value = int64_t{index} - palette_.size + palette_.direct_offset;
  if (value > kMaxWeightIndex) {
    return error(bit, "WREMAIN",
                 "direct weight " + std::to_string(value) + " (index " + std::to_string(index) +
                     ", palette size " + std::to_string(palette_.size) + ", DIROFS " +
                     std::to_string(palette_.direct_offset) + ") exceeds the 9-bit range");
  }
  return Status::ok();
}

int16_t palette_weight(const PaletteState& palette, uint32_t index) {
  const int32_t value = index < static_cast<uint32_t>(palette.size)
                            ? palette.entries[index]
                            : static_cast<int32_t>(index) - palette.size + palette.direct_offset;
  return static_cast<int16_t>(sign_magnitude_to_weight(value));
}

// Interleaves the weights with their zero runs. A slice that defines a
// palette starts with a zero run; every weight is followed by one.
Status StreamDecoder::emit_slice(const SliceHeader& header, const CodedStream& w,
                                 const CodedStream& z) {
  uint64_t total = static_cast<uint64_t>(w.count);
  for (uint32_t run : z.values) total += run;
  if (total > limit_ - out_.size()) {
    return error(header.bit, "ZRUN",
                 "slice decodes to " + std::to_string(total) + " symbols, only " +
                     std::to_string(limit_ - out_.size()) + " remain of the expected count");
  }
  out_.reserve(out_.size() + static_cast<size_t>(total));
  const size_t lead = header.new_palette ? 1 : 0;
  if (header.zero_runs() && header.new_palette) out_.insert(out_.end(), z.values[0], 0);
  for (size_t i = 0; i < w.values.size(); ++i) {
    out_.push_back(palette_weight(palette_, w.values[i]));
    if (header.zero_runs()) out_.insert(out_.end(), z.values[i + lead], 0);
  }
  return Status::ok();
}

// After ZDIV 7: ones to the byte boundary, then 0xFF bytes to a 16-byte multiple.
Status StreamDecoder::finish(uint64_t end_bit) {
  uint32_t skipped = 0;
  bits_.align_to_byte(&skipped);
  const size_t byte = static_cast<size_t>(bits_.position() / 8);
  for (size_t i = byte; i < size_; ++i) {
    if (data_[i] != 0xFF) {
      return error(uint64_t{i} * 8, "PAD",
                   "byte " + std::to_string(data_[i]) + " after the end marker (padding is 0xFF)");
    }
  }
  if (options_.require_padding && size_ % static_cast<size_t>(kWeightStreamAlignment) != 0) {
    return error(end_bit, "PAD",
                 "stream of " + std::to_string(size_) + " bytes is not padded to a multiple of 16");
  }
  if (options_.expected_symbols != WeightDecodeOptions::kAnyCount &&
      out_.size() != options_.expected_symbols) {
    return error(end_bit, "ZDIV",
                 "end of stream after " + std::to_string(out_.size()) + " symbols, " +
                     std::to_string(options_.expected_symbols) + " expected");
  }
  return Status::ok();
}

}  // namespace

Expected<std::vector<int16_t>> decode_weight_stream(const uint8_t* data, size_t size,
                                                    const WeightDecodeOptions& options) {
  StreamDecoder decoder(data, size, options);
  return decoder.run();
}

Expected<std::vector<int16_t>> decode_weights(const WeightLayoutParams& params, const uint8_t* data,
                                              size_t size) {
  Status status = validate_weight_layout(params);
  if (!status) return status;
  WeightDecodeOptions options;
  options.expected_symbols = static_cast<size_t>(weight_stream_length(params));
  Expected<std::vector<int16_t>> stream = decode_weight_stream(data, size, options);
  if (!stream) return stream;
  return unreorder_weights(params, *stream);
}

}  // namespace vnpu::isa
