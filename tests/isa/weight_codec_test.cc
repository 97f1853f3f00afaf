// Weight stream codec: hand-built streams decode to hand-derived symbols,
// decode(encode(w)) == w on random symbol arrays of every kind, and every
// malformed stream is an error that names the bit offset and the field.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/deterministic_rng.h"
#include "isa/scale_stream.h"
#include "isa/weight_bits.h"
#include "isa/weight_decoder.h"
#include "isa/weight_encoder.h"
#include "isa/weight_stream_format.h"

namespace vnpu::isa {
namespace {

// Slice header fields in stream order, then palette fields.
void write_header(WeightBitWriter* w, uint32_t zdiv, uint32_t length, uint32_t wdiv, uint32_t trunc,
                  uint32_t new_palette) {
  w->write(3, zdiv);
  w->write(15, length - 1);
  w->write(3, wdiv);
  w->write(1, trunc);
  w->write(1, new_palette);
}

void write_palette(WeightBitWriter* w, uint32_t direct_offset, const std::vector<uint32_t>& entries,
                   uint32_t bits) {
  w->write(5, direct_offset);
  w->write(5, entries.empty() ? 0 : static_cast<uint32_t>(entries.size()) - 1);
  w->write(3, bits - 2);
  for (uint32_t entry : entries) w->write(static_cast<int>(bits), entry);
}

std::vector<uint8_t> finish(WeightBitWriter* w) {
  w->write(3, 7);
  w->pad_with_ones(16);
  return w->take_bytes();
}

// One weight, -1 (sign-magnitude 3), no palette, divisor 0: the quotient 3
// is the digits 2, 1 (WUNARY0 bits 0 and 1, WUNARY1 bits 1 then 0), the other
// ten digits of the chunk are zero-quotient padding symbols.
std::vector<uint8_t> one_weight_stream() {
  WeightBitWriter w;
  write_header(&w, 6, 1, 0, 0, 1);
  write_palette(&w, 0, {}, 2);
  w.write(12, 0b11);  // WUNARY0
  w.write(2, 0b01);   // WUNARY1
  return finish(&w);
}

TEST(WeightDecoder, HandBuiltSingleWeight) {
  const std::vector<uint8_t> stream = one_weight_stream();
  ASSERT_EQ(stream.size(), 16u);
  Expected<std::vector<int16_t>> symbols = decode_weight_stream(stream);
  ASSERT_TRUE(symbols.has_value()) << symbols.status().message();
  EXPECT_EQ(*symbols, std::vector<int16_t>({-1}));
}

// Zero runs with divisor 1, a two-entry palette {+5, -2} and truncated
// weight coding with divisor 0: symbols 0 0 0 | 5 | 0 | -2 | 5.
// Weights (palette indices) 0, 1, 0; zero runs 3 (leading), 1, 0, 0.
TEST(WeightDecoder, HandBuiltZeroRunsAndPalette) {
  WeightBitWriter w;
  write_header(&w, 1, 3, 0, 1, 1);
  write_palette(&w, 0, {10, 5}, 4);  // +5 = 10, -2 = 5 in sign-magnitude
  // Chunk 1: weight digits 0 1 0 (then 9 padding zeros): WUNARY0 = 0b010.
  w.write(12, 0b010);
  // Zero-run quotients with divisor 1: 3>>1=1, 1>>1=0, 0, 0 -> unary "10 0 0 0" and
  // 12-bit chunk padding zeros: bit 0 = 1, rest 0.
  w.write(12, 0b1);
  w.write(1, 0);  // WUNARY1 for the single 1-digit: not 2
  // Chunk 2 (both streams done): remainders of chunk 1. Weights: divisor 0 -> none.
  // Zero runs: remainders 1, 1, 0, 0.
  w.write(1, 1);
  w.write(1, 1);
  w.write(1, 0);
  w.write(1, 0);
  const std::vector<uint8_t> stream = finish(&w);
  Expected<std::vector<int16_t>> symbols = decode_weight_stream(stream);
  ASSERT_TRUE(symbols.has_value()) << symbols.status().message();
  EXPECT_EQ(*symbols, std::vector<int16_t>({0, 0, 0, 5, 0, -2, 5}));
}

// Uncompressed 6-bit direct indices: 8 symbols per chunk, no unary part.
TEST(WeightDecoder, HandBuiltUncompressed) {
  WeightBitWriter w;
  write_header(&w, 6, 2, 7, 0, 1);
  write_palette(&w, 2, {}, 6);  // no palette: PALBITS gives the index width; DIROFS 2
  // Chunk 1 sends no bits; chunk 2 sends the remainders: index + 2 = sign-magnitude.
  w.write(6, 40 - 2);  // sign-magnitude 40: +20
  w.write(6, 63 - 2);  // sign-magnitude 63 = 31 << 1 | 1: -31
  const std::vector<uint8_t> stream = finish(&w);
  Expected<std::vector<int16_t>> symbols = decode_weight_stream(stream);
  ASSERT_TRUE(symbols.has_value()) << symbols.status().message();
  EXPECT_EQ(*symbols, std::vector<int16_t>({20, -31}));
}

TEST(WeightDecoder, EmptyStreamAndPadding) {
  WeightBitWriter w;
  const std::vector<uint8_t> stream = finish(&w);
  ASSERT_EQ(stream, std::vector<uint8_t>(16, 0xFF));
  Expected<std::vector<int16_t>> symbols = decode_weight_stream(stream);
  ASSERT_TRUE(symbols.has_value());
  EXPECT_TRUE(symbols->empty());
}

void expect_error(const std::vector<uint8_t>& stream, const std::string& field,
                  const WeightDecodeOptions& options = {}) {
  Expected<std::vector<int16_t>> symbols = decode_weight_stream(stream, options);
  ASSERT_FALSE(symbols.has_value()) << "expected a " << field << " error";
  EXPECT_EQ(symbols.status().code(), ErrorCode::kInvalidInput);
  EXPECT_NE(symbols.status().message().find("weight stream bit "), std::string::npos)
      << symbols.status().message();
  EXPECT_NE(symbols.status().message().find("(" + field + ")"), std::string::npos)
      << symbols.status().message();
}

TEST(WeightDecoder, Errors) {
  std::vector<uint8_t> stream = one_weight_stream();
  expect_error({}, "ZDIV");  // no end marker
  // 5 bytes: the 36 header and palette bits, then only 4 of WUNARY0's 12.
  expect_error(std::vector<uint8_t>(stream.begin(), stream.begin() + 5), "WUNARY0");
  std::vector<uint8_t> bad_pad = stream;
  bad_pad.back() = 0x7F;
  expect_error(bad_pad, "PAD");
  std::vector<uint8_t> short_pad(stream.begin(), stream.begin() + 8);
  expect_error(short_pad, "PAD");
  WeightDecodeOptions two;
  two.expected_symbols = 2;
  expect_error(stream, "ZDIV", two);  // one symbol where two are expected
  WeightDecodeOptions none;
  none.expected_symbols = 0;
  expect_error(stream, "SLICELEN", none);
  for (uint32_t zdiv : {4u, 5u}) {
    WeightBitWriter w;
    write_header(&w, zdiv, 1, 0, 0, 1);
    expect_error(finish(&w), "ZDIV");
  }
  WeightBitWriter wdiv;
  write_header(&wdiv, 6, 1, 6, 0, 1);
  expect_error(finish(&wdiv), "WDIV");
  WeightBitWriter no_palette;
  write_header(&no_palette, 6, 1, 0, 0, 0);
  expect_error(finish(&no_palette), "NEWPAL");
  WeightBitWriter trunc_uncompressed;
  write_header(&trunc_uncompressed, 6, 1, 7, 1, 1);
  expect_error(finish(&trunc_uncompressed), "WTRUNC");
}

TEST(WeightDecoder, IndexAndDirectValueRangeErrors) {
  // Uncompressed 9-bit index 511 with DIROFS 31: direct value 542 > 511.
  WeightBitWriter direct;
  write_header(&direct, 6, 1, 7, 0, 1);
  write_palette(&direct, 31, {}, 9);
  direct.write(9, 511);
  expect_error(finish(&direct), "WREMAIN");
  // Divisor 5, quotient 16 (digits 2 x 8, then 0): index 16 << 5 = 512 > 511.
  WeightBitWriter index;
  write_header(&index, 6, 1, 5, 0, 1);
  write_palette(&index, 0, {}, 2);
  index.write(12, 0xFF);  // eight digits of 2 (continuing), digit 8 = 0 ends the symbol
  index.write(8, 0xFF);
  index.write(5, 0);  // chunk 2: remainder
  expect_error(finish(&index), "WREMAIN");
}

// ---------------------------------------------------------------------------
// Round trips.

struct RandomCase {
  int32_t length;
  double zero_fraction;
  int32_t range;
  int32_t palette_size;  // 0: any value in range
};

std::vector<int16_t> random_symbols(DeterministicRng& rng, const RandomCase& c) {
  std::vector<int16_t> palette;
  for (int32_t i = 0; i < c.palette_size; ++i) {
    palette.push_back(static_cast<int16_t>(rng.uniform(-c.range, c.range)));
  }
  std::vector<int16_t> symbols(static_cast<size_t>(c.length));
  for (int16_t& s : symbols) {
    if (rng.unit() < c.zero_fraction) {
      s = 0;
    } else if (!palette.empty()) {
      s = palette[static_cast<size_t>(rng.uniform(0, c.palette_size - 1))];
    } else {
      s = static_cast<int16_t>(rng.uniform(-c.range, c.range));
    }
  }
  return symbols;
}

void expect_round_trip(const std::vector<int16_t>& symbols, const std::string& what) {
  Expected<std::vector<uint8_t>> stream = encode_weight_stream(symbols);
  ASSERT_TRUE(stream.has_value()) << what << ": " << stream.status().message();
  ASSERT_EQ(stream->size() % 16, 0u) << what;
  WeightDecodeOptions options;
  options.expected_symbols = symbols.size();
  Expected<std::vector<int16_t>> decoded = decode_weight_stream(*stream, options);
  ASSERT_TRUE(decoded.has_value()) << what << ": " << decoded.status().message();
  ASSERT_EQ(*decoded, symbols) << what;
}

TEST(WeightCodec, RoundTripOfTenThousandRandomArrays) {
  DeterministicRng rng(20240603);
  const int32_t ranges[] = {1, 7, 127, 255};
  for (int i = 0; i < 10000; ++i) {
    RandomCase c;
    // Mostly short arrays, every 16th up to 5000 symbols.
    c.length = i % 16 == 0 ? rng.uniform(1, 5000) : rng.uniform(1, 300);
    c.zero_fraction = rng.unit() * 0.99;
    c.range = ranges[rng.uniform(0, 3)];
    c.palette_size = rng.uniform(0, 3) == 0 ? rng.uniform(1, 40) : 0;
    const std::vector<int16_t> symbols = random_symbols(rng, c);
    expect_round_trip(symbols, "case " + std::to_string(i) + " length " + std::to_string(c.length) +
                                   " range " + std::to_string(c.range));
    if (HasFatalFailure()) return;
  }
}

TEST(WeightCodec, RoundTripEdgeCases) {
  expect_round_trip({}, "empty");
  expect_round_trip({0}, "one zero");
  expect_round_trip({-255}, "one -255");
  expect_round_trip(std::vector<int16_t>(70000, 0), "all zeros beyond one slice");
  expect_round_trip({255, -255, 0, 1, -1}, "extremes");
  std::vector<int16_t> ramp;
  for (int v = -255; v <= 255; ++v) ramp.push_back(static_cast<int16_t>(v));
  expect_round_trip(ramp, "every value");
  std::vector<int16_t> sparse(100000, 0);
  sparse[0] = 3, sparse[50000] = -255, sparse[99999] = 255;
  expect_round_trip(sparse, "long zero runs");
  DeterministicRng rng(7);
  std::vector<int16_t> dense(80000);
  for (int16_t& s : dense) s = static_cast<int16_t>(rng.uniform(-255, 255));
  expect_round_trip(dense, "dense 9-bit beyond one slice");
}

TEST(WeightCodec, RejectsSymbolsOutOfRange) {
  Expected<std::vector<uint8_t>> stream = encode_weight_stream({0, 256});
  ASSERT_FALSE(stream.has_value());
  EXPECT_NE(stream.status().message().find("symbol 1"), std::string::npos);
  EXPECT_FALSE(encode_weight_stream({-256}).has_value());
}

TEST(WeightCodec, CompressesSparseAndClusteredWeights) {
  // 90% zeros: far below 8 bits per weight; 4 distinct values: below 3.
  DeterministicRng rng(11);
  const std::vector<int16_t> sparse = random_symbols(rng, {4096, 0.9, 127, 0});
  const std::vector<int16_t> clustered = random_symbols(rng, {4096, 0.0, 127, 4});
  EXPECT_LT(encode_weight_stream(sparse)->size() * 8, sparse.size() * 2);
  EXPECT_LT(encode_weight_stream(clustered)->size() * 8, clustered.size() * 3);
}

// A layer cut into OFM depth ranges: each range is its scale stream then its
// weight stream, 16-byte aligned, and decodes back to its channels.
TEST(WeightCodec, LayerRangesAsVelaLaysThemOut) {
  DeterministicRng rng(23);
  WeightLayoutParams layer;
  layer.ofm_depth = 40;
  layer.kernel_height = 3;
  layer.kernel_width = 3;
  layer.ifm_depth = 5;
  layer.ofm_block_depth = 16;
  layer.order = WeightOrder::kPartKernelFirst;
  std::vector<int16_t> ohwi(40 * 3 * 3 * 5);
  for (int16_t& w : ohwi) w = static_cast<int16_t>(rng.uniform(-127, 127));
  std::vector<ScaleBiasEntry> scales(40);
  for (size_t c = 0; c < scales.size(); ++c) {
    scales[c] = {static_cast<int64_t>(c) - 20, 1000000U + static_cast<uint32_t>(c), 35};
  }
  Expected<EncodedWeights> encoded = encode_weight_ranges(layer, ohwi, scales, {0, 16, 32, 40});
  ASSERT_TRUE(encoded.has_value()) << encoded.status().message();
  ASSERT_EQ(encoded->ranges.size(), 3u);
  uint64_t expected_offset = 0;
  for (const EncodedWeightRange& range : encoded->ranges) {
    const int32_t depth = range.ofm_end - range.ofm_begin;
    EXPECT_EQ(range.scale_offset, expected_offset);
    EXPECT_EQ(range.scale_length, scale_stream_size(static_cast<size_t>(depth)));
    EXPECT_EQ(range.weight_offset, range.scale_offset + range.scale_length);
    EXPECT_EQ(range.weight_offset % 16, 0u);
    EXPECT_EQ(range.weight_length % 16, 0u);
    expected_offset = range.weight_offset + range.weight_length;
    WeightLayoutParams params = layer;
    params.ofm_depth = depth;
    Expected<std::vector<int16_t>> weights =
        decode_weights(params, encoded->buffer.data() + range.weight_offset, range.weight_length);
    ASSERT_TRUE(weights.has_value()) << weights.status().message();
    const size_t per_channel = 3 * 3 * 5;
    EXPECT_TRUE(std::equal(weights->begin(), weights->end(),
                           ohwi.begin() + static_cast<std::ptrdiff_t>(
                                              static_cast<size_t>(range.ofm_begin) * per_channel)));
    Expected<std::vector<ScaleBiasEntry>> entries =
        decode_scale_stream(encoded->buffer.data() + range.scale_offset, range.scale_length,
                            static_cast<size_t>(depth));
    ASSERT_TRUE(entries.has_value()) << entries.status().message();
    EXPECT_EQ((*entries)[0], scales[static_cast<size_t>(range.ofm_begin)]);
  }
  EXPECT_EQ(expected_offset, encoded->buffer.size());
  EXPECT_FALSE(encode_weight_ranges(layer, ohwi, scales, {0, 16}).has_value());
  EXPECT_FALSE(encode_weight_ranges(layer, ohwi, scales, {0, 16, 16, 40}).has_value());
  EXPECT_FALSE(encode_weight_ranges(layer, ohwi, {}, {0, 40}).has_value());
}

}  // namespace
}  // namespace vnpu::isa
