// Section plans: zero-run mode, palette and direct offset, chosen by
// estimated size from the section's histograms. The estimate works on the
// section's distinct values only (a few hundred at most), with flat arrays:
// choose_sections in weight_encoder.cc estimates twice per 1,024 weights.
#include <algorithm>
#include <iterator>

#include "isa/weight_encoder_internal.h"
#include "isa/weight_stream_format.h"

namespace vnpu::isa::weight_encoding {
namespace {

constexpr int64_t kSliceHeaderBits =
    kZdivBits + kSliceLenBits + kWdivBits + kWtruncBits + kNewPalBits;
constexpr int64_t kPaletteHeaderBits = kDirOfsBits + kPalSizeBits + kPalBitsBits;
constexpr int kDivisors = 6;                              // Golomb-Rice divisors 0-5
constexpr size_t kSignMagnitudeValues = 512;              // sign-magnitude 0..511
constexpr size_t kPaletteSizes[] = {0, 2, 4, 8, 16, 32};  // and "all values"

int32_t bits_for(int32_t value) {
  int32_t bits = 0;
  while ((int32_t{1} << bits) <= value) ++bits;
  return bits;
}

// One coded value of the section: sign-magnitude value and its count.
struct ValueCount {
  int32_t value = 0;
  int64_t count = 0;
};

// The coded weight values (zeros excluded in zero-run mode), the most
// frequent first (ties: smaller sign-magnitude value first). Only the first
// kMaxPaletteSize are in that order (palettes take no more); the rest follow
// in any order (the estimate and the direct values need only their sums).
std::vector<ValueCount> values_by_frequency(const SectionHistogram& histogram, bool zero_runs) {
  std::vector<ValueCount> values;
  for (int32_t w = kMinWeightSymbol; w <= kMaxWeightSymbol; ++w) {
    const int64_t count = histogram.weights[static_cast<size_t>(w + 255)];
    if (count > 0 && !(zero_runs && w == 0)) values.push_back({weight_to_sign_magnitude(w), count});
  }
  const auto ordered = std::min(values.size(), static_cast<size_t>(kMaxPaletteSize));
  const auto more_frequent = [](const ValueCount& a, const ValueCount& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  };
  const auto first_unordered = values.begin() + static_cast<std::ptrdiff_t>(ordered);
  std::nth_element(values.begin(), first_unordered, values.end(), more_frequent);
  std::sort(values.begin(), first_unordered, more_frequent);
  return values;
}

// The header fields of the plan with the `palette_size` most frequent values
// in its palette (make_plan's arithmetic, without building the index table).
struct PlanShape {
  bool ok = false;      // false when the direct values cannot all be indexed
  int32_t filler = -1;  // the second palette entry when only one value is in it
  int32_t entries = 0;  // palette entries, filler included
  int32_t direct_offset = 0;
  int32_t palette_bits = 2;
  int32_t uncompressed_bits = -1;
};

PlanShape shape_plan(const std::vector<ValueCount>& values, size_t palette_size) {
  PlanShape shape;
  int32_t max_entry = 0;
  for (size_t i = 0; i < palette_size; ++i) max_entry = std::max(max_entry, values[i].value);
  shape.entries = static_cast<int32_t>(palette_size);
  if (palette_size == 1) {  // PALSIZE cannot say 1
    shape.filler = values[0].value != 0 ? 0 : 1;
    max_entry = std::max(max_entry, shape.filler);
    shape.entries = 2;
  }
  const bool has_direct = palette_size < values.size();
  int32_t min_direct = has_direct ? values[palette_size].value : 0;
  int32_t max_direct = min_direct;
  for (size_t i = palette_size; i < values.size(); ++i) {
    min_direct = std::min(min_direct, values[i].value);
    max_direct = std::max(max_direct, values[i].value);
  }
  shape.direct_offset = std::min(min_direct, kMaxDirectOffset);
  const int32_t k = shape.entries;
  const int32_t max_index = has_direct ? max_direct - shape.direct_offset + k : k - 1;
  if (max_index > kMaxWeightIndex) return shape;
  shape.ok = true;
  if (k > 0) {
    shape.palette_bits = std::max(kMinPaletteBits, bits_for(max_entry));
    const int index_bits = palette_index_bits(k);
    shape.uncompressed_bits = max_index < (1 << index_bits) ? index_bits : -1;
  } else {
    shape.palette_bits = std::max(kMinPaletteBits, bits_for(std::max(max_index, 0)));
    shape.uncompressed_bits = shape.palette_bits;
  }
  return shape;
}

// Sums over the coded weight indices, enough to price every weight code.
struct IndexSums {
  int64_t total = 0;  // symbols
  int32_t max_index = 0;
  std::array<int64_t, kDivisors> quotients{};  // sum of count * (index >> d)
  std::array<int64_t, kDivisors> nonzero{};    // sum of count where index >> d > 0
};

void add_index(int32_t index, int64_t count, IndexSums* sums) {
  sums->total += count;
  sums->max_index = std::max(sums->max_index, index);
  for (int d = 0; d < kDivisors; ++d) {
    const int32_t quotient = index >> d;
    sums->quotients[static_cast<size_t>(d)] += count * quotient;
    if (quotient > 0) sums->nonzero[static_cast<size_t>(d)] += count;
  }
}

// Value i of `values` has index i in the palette, the others their direct index.
IndexSums sum_indices(const std::vector<ValueCount>& values, size_t palette_size,
                      const PlanShape& shape) {
  IndexSums sums;
  for (size_t i = 0; i < values.size(); ++i) {
    const int32_t index = i < palette_size ? static_cast<int32_t>(i)
                                           : values[i].value - shape.direct_offset + shape.entries;
    add_index(index, values[i].count, &sums);
  }
  if (values.empty()) add_index(0, 1, &sums);  // an all-zero section still codes one weight
  return sums;
}

// The cheapest weight code's bits (weight_code_bits summed over the indices).
int64_t best_weight_bits(const IndexSums& sums, int32_t uncompressed_bits) {
  int64_t best = kImpossibleBits;
  for (int d = 0; d < kDivisors; ++d) {
    const int64_t fixed = sums.total * (1 + d);
    const int32_t max_quotient = sums.max_index >> d;
    if (max_quotient <= kMaxNormalQuotient)
      best = std::min(best, fixed + sums.quotients[static_cast<size_t>(d)]);
    if (max_quotient <= kMaxTruncatedQuotient)
      best = std::min(best, fixed + sums.nonzero[static_cast<size_t>(d)]);
  }
  if (uncompressed_bits >= 0 && sums.max_index < (int32_t{1} << uncompressed_bits))
    best = std::min(best, sums.total * uncompressed_bits);
  return best;
}

int64_t best_zero_run_bits(const SectionHistogram& histogram) {
  std::array<int64_t, kZeroRunCodes> bits{};
  for (size_t run = 0; run < histogram.zero_runs.size(); ++run) {
    const int64_t count = histogram.zero_runs[run];
    if (count == 0) continue;
    for (int code = 0; code < kZeroRunCodes; ++code)
      bits[static_cast<size_t>(code)] +=
          count * zero_run_code_bits(static_cast<uint32_t>(run), code);
  }
  return *std::min_element(bits.begin(), bits.end());
}

int64_t estimate_bits(const std::vector<ValueCount>& values, size_t palette_size,
                      const PlanShape& shape, int64_t zero_run_bits) {
  return kSliceHeaderBits + kPaletteHeaderBits + int64_t{shape.entries} * shape.palette_bits +
         best_weight_bits(sum_indices(values, palette_size, shape), shape.uncompressed_bits) +
         zero_run_bits;
}

struct PlanChoice {
  bool zero_runs = false;
  size_t palette_size = 0;
  int64_t bits = kImpossibleBits;
};

// The smallest estimate over both zero-run modes and the palette sizes;
// `values` receives the chosen mode's values by frequency.
PlanChoice choose_plan(const SectionHistogram& histogram, std::vector<ValueCount>* chosen_values) {
  PlanChoice best;
  const bool has_zeros = histogram.weights[255] > 0;
  for (const bool zero_runs : {false, true}) {
    if (zero_runs && !has_zeros) continue;
    std::vector<ValueCount> values = values_by_frequency(histogram, zero_runs);
    const int64_t zero_run_bits = zero_runs ? best_zero_run_bits(histogram) : 0;
    bool improved = false;
    for (size_t k = 0; k <= std::size(kPaletteSizes); ++k) {
      const size_t size = k < std::size(kPaletteSizes) ? kPaletteSizes[k] : values.size();
      if (size > values.size() || size > static_cast<size_t>(kMaxPaletteSize)) continue;
      const PlanShape shape = shape_plan(values, size);
      if (!shape.ok) continue;
      const int64_t bits = estimate_bits(values, size, shape, zero_run_bits);
      if (bits < best.bits) {
        best = {zero_runs, size, bits};
        improved = true;
      }
    }
    if (improved) *chosen_values = std::move(values);
  }
  return best;
}

void fill_indices(SectionPlan* plan) {
  std::array<int16_t, kSignMagnitudeValues> palette_position;
  palette_position.fill(-1);
  for (size_t i = plan->palette.size(); i-- > 0;)  // the first occurrence wins
    palette_position[static_cast<size_t>(plan->palette[i])] = static_cast<int16_t>(i);
  const auto palette_size = static_cast<int32_t>(plan->palette.size());
  for (int32_t w = kMinWeightSymbol; w <= kMaxWeightSymbol; ++w) {
    const int32_t sm = weight_to_sign_magnitude(w);
    int32_t index = sm - plan->direct_offset + palette_size;
    if (sm < plan->direct_offset || index > kMaxWeightIndex) index = -1;
    const int16_t position = palette_position[static_cast<size_t>(sm)];
    if (position >= 0) index = position;
    plan->index_of[static_cast<size_t>(w + 255)] = static_cast<int16_t>(index);
  }
}

SectionPlan make_plan(const std::vector<ValueCount>& values, const PlanChoice& choice) {
  const PlanShape shape = shape_plan(values, choice.palette_size);
  SectionPlan plan;
  plan.zero_runs = choice.zero_runs;
  for (size_t i = 0; i < choice.palette_size; ++i) plan.palette.push_back(values[i].value);
  if (shape.filler >= 0) plan.palette.push_back(shape.filler);
  plan.direct_offset = shape.direct_offset;
  plan.palette_bits = shape.palette_bits;
  plan.uncompressed_bits = shape.uncompressed_bits;
  fill_indices(&plan);
  return plan;
}

}  // namespace

void SectionHistogram::add(const int16_t* values, int64_t count) {
  int64_t run = 0;
  for (int64_t i = 0; i < count; ++i) {
    const int16_t w = values[i];
    weights[static_cast<size_t>(w + 255)] += 1;
    if (w == 0) {
      ++run;
      continue;
    }
    if (zero_runs.size() <= static_cast<size_t>(run))
      zero_runs.resize(static_cast<size_t>(run) + 1);
    zero_runs[static_cast<size_t>(run)] += 1;
    run = 0;
  }
  if (zero_runs.size() <= static_cast<size_t>(run)) zero_runs.resize(static_cast<size_t>(run) + 1);
  zero_runs[static_cast<size_t>(run)] += 1;
  symbols += count;
}

void SectionHistogram::merge(const SectionHistogram& other) {
  for (size_t i = 0; i < weights.size(); ++i) weights[i] += other.weights[i];
  if (zero_runs.size() < other.zero_runs.size()) zero_runs.resize(other.zero_runs.size());
  for (size_t i = 0; i < other.zero_runs.size(); ++i) zero_runs[i] += other.zero_runs[i];
  symbols += other.symbols;
}

int64_t estimate_section_bits(const SectionHistogram& histogram) {
  std::vector<ValueCount> values;
  return choose_plan(histogram, &values).bits;
}

SectionPlan plan_section(const SectionHistogram& histogram, int64_t* estimated_bits) {
  std::vector<ValueCount> values;
  const PlanChoice choice = choose_plan(histogram, &values);
  *estimated_bits = choice.bits;
  if (choice.bits >= kImpossibleBits) return SectionPlan();
  return make_plan(values, choice);
}

}  // namespace vnpu::isa::weight_encoding
