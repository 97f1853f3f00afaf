// Internals of the weight encoder (isa/weight_encoder.h), shared by its
// source files and unit-tested directly: section plans, size estimates, the
// Golomb-Rice parameter search and the slice writer.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "isa/weight_bits.h"

namespace vnpu::isa::weight_encoding {

// How one section codes its symbols.
struct SectionPlan {
  bool zero_runs = false;               // zeros travel as run lengths
  std::vector<int32_t> palette;         // sign-magnitude values; index = position
  int32_t palette_bits = 2;             // PALBITS: entry width, or index width without a palette
  int32_t direct_offset = 0;            // DIROFS
  int32_t uncompressed_bits = -1;       // index width of WDIV 7, -1 when it cannot be used
  std::array<int16_t, 511> index_of{};  // weight + 255 -> weight index, -1 if not codable

  int32_t index(int32_t weight) const { return index_of[static_cast<size_t>(weight + 255)]; }
};

// Symbol counts per weight value (index weight + 255) and zero runs.
struct SectionHistogram {
  std::array<int64_t, 511> weights{};
  std::vector<int64_t>
      zero_runs;  // zero_runs[n]: runs of n zeros (leading and after each non-zero)
  int64_t symbols = 0;

  void add(const int16_t* symbols, int64_t count);
  void merge(const SectionHistogram& other);
};

// The plan with the smallest estimated size; *estimated_bits receives it.
SectionPlan plan_section(const SectionHistogram& histogram, int64_t* estimated_bits);

// plan_section's estimate alone (the plan's index table is not built).
int64_t estimate_section_bits(const SectionHistogram& histogram);

// Weight Golomb-Rice codes: 0-5 normal divisor, 6-11 truncated divisor 0-5,
// 12 uncompressed. Zero-run codes: divisor 0-3.
constexpr int kWeightCodes = 13;
constexpr int kZeroRunCodes = 4;
constexpr int kUncompressedCode = 12;
constexpr int64_t kImpossibleBits = int64_t{1} << 40;

// Bits of `value` under a code (kImpossibleBits when the code cannot send it).
int64_t weight_code_bits(uint32_t value, int code, int32_t uncompressed_bits);
int64_t zero_run_code_bits(uint32_t value, int code);

// A run of values with one code.
struct Slice {
  int64_t begin = 0;  // weight indices [begin, end)
  int64_t end = 0;
  int weight_code = 0;
  int zero_run_code = 0;
};

// Cuts the section's weight indices (and zero runs: one more than the
// weights, the leading run first) into slices of at most kMaxSliceLength
// weights with good codes.
std::vector<Slice> search_slices(const std::vector<uint32_t>& weights,
                                 const std::vector<uint32_t>& zero_runs, const SectionPlan& plan);

// Writes one slice: header, palette when new_palette, then the chunks.
// `zero_runs` points at the slice's runs: for a slice with a new palette the
// leading run and one per weight, otherwise one per weight.
void write_slice(const SectionPlan& plan, const Slice& slice, bool new_palette,
                 const uint32_t* weights, const uint32_t* zero_runs, WeightBitWriter* writer);

}  // namespace vnpu::isa::weight_encoding
