// Section plans: zero-run mode, palette and direct offset, chosen by
// estimated size from the section's histograms.
#include <algorithm>
#include <map>

#include "isa/weight_encoder_internal.h"
#include "isa/weight_stream_format.h"

namespace vnpu::isa::weight_encoding {
namespace {

constexpr int64_t kSliceHeaderBits =
    kZdivBits + kSliceLenBits + kWdivBits + kWtruncBits + kNewPalBits;
constexpr int64_t kPaletteHeaderBits = kDirOfsBits + kPalSizeBits + kPalBitsBits;

int32_t bits_for(int32_t value) {
  int32_t bits = 0;
  while ((int32_t{1} << bits) <= value) ++bits;
  return bits;
}

// The coded weight values (zeros excluded in zero-run mode) by falling
// frequency, as sign-magnitude values.
std::vector<int32_t> values_by_frequency(const SectionHistogram& histogram, bool zero_runs) {
  std::vector<std::pair<int64_t, int32_t>> counted;  // (-count, sign-magnitude)
  for (int32_t w = kMinWeightSymbol; w <= kMaxWeightSymbol; ++w) {
    const int64_t count = histogram.weights[static_cast<size_t>(w + 255)];
    if (count > 0 && !(zero_runs && w == 0))
      counted.emplace_back(-count, weight_to_sign_magnitude(w));
  }
  std::sort(counted.begin(), counted.end());
  std::vector<int32_t> values;
  for (const auto& entry : counted) values.push_back(entry.second);
  return values;
}

void fill_indices(SectionPlan* plan) {
  const auto palette_size = static_cast<int32_t>(plan->palette.size());
  for (int32_t w = kMinWeightSymbol; w <= kMaxWeightSymbol; ++w) {
    const int32_t sm = weight_to_sign_magnitude(w);
    int32_t index = sm - plan->direct_offset + palette_size;
    if (sm < plan->direct_offset || index > kMaxWeightIndex) index = -1;
    const auto it = std::find(plan->palette.begin(), plan->palette.end(), sm);
    if (it != plan->palette.end()) index = static_cast<int32_t>(it - plan->palette.begin());
    plan->index_of[static_cast<size_t>(w + 255)] = static_cast<int16_t>(index);
  }
}

// The plan with the `palette_size` most frequent values in its palette;
// false when the direct values cannot all be indexed.
bool make_plan(const std::vector<int32_t>& values, bool zero_runs, size_t palette_size,
               SectionPlan* plan) {
  plan->zero_runs = zero_runs;
  plan->palette.assign(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(palette_size));
  for (int32_t filler = 0; plan->palette.size() == 1; ++filler) {  // PALSIZE cannot say 1
    if (filler != plan->palette[0]) plan->palette.push_back(filler);
  }
  const std::vector<int32_t> direct(values.begin() + static_cast<std::ptrdiff_t>(palette_size),
                                    values.end());
  const int32_t min_direct = direct.empty() ? 0 : *std::min_element(direct.begin(), direct.end());
  const int32_t max_direct = direct.empty() ? 0 : *std::max_element(direct.begin(), direct.end());
  plan->direct_offset = std::min(min_direct, kMaxDirectOffset);
  const auto k = static_cast<int32_t>(plan->palette.size());
  const int32_t max_index = direct.empty() ? k - 1 : max_direct - plan->direct_offset + k;
  if (max_index > kMaxWeightIndex) return false;
  if (k > 0) {
    const int32_t max_entry = *std::max_element(plan->palette.begin(), plan->palette.end());
    plan->palette_bits = std::max(kMinPaletteBits, bits_for(max_entry));
    const int index_bits = palette_index_bits(k);
    plan->uncompressed_bits = max_index < (1 << index_bits) ? index_bits : -1;
  } else {
    plan->palette_bits = std::max(kMinPaletteBits, bits_for(std::max(max_index, 0)));
    plan->uncompressed_bits = plan->palette_bits;
  }
  fill_indices(plan);
  return true;
}

int64_t best_weight_bits(const std::map<int32_t, int64_t>& indices, int32_t uncompressed_bits) {
  int64_t best = kImpossibleBits;
  for (int code = 0; code < kWeightCodes; ++code) {
    int64_t bits = 0;
    for (const auto& [index, count] : indices) {
      bits += count * weight_code_bits(static_cast<uint32_t>(index), code, uncompressed_bits);
      if (bits >= kImpossibleBits) break;
    }
    best = std::min(best, bits);
  }
  return best;
}

int64_t best_zero_run_bits(const SectionHistogram& histogram) {
  int64_t best = kImpossibleBits;
  for (int code = 0; code < kZeroRunCodes; ++code) {
    int64_t bits = 0;
    for (size_t run = 0; run < histogram.zero_runs.size(); ++run) {
      if (histogram.zero_runs[run] == 0) continue;
      bits += histogram.zero_runs[run] * zero_run_code_bits(static_cast<uint32_t>(run), code);
    }
    best = std::min(best, bits);
  }
  return best;
}

int64_t estimate_bits(const SectionHistogram& histogram, const SectionPlan& plan) {
  std::map<int32_t, int64_t> indices;
  for (int32_t w = kMinWeightSymbol; w <= kMaxWeightSymbol; ++w) {
    const int64_t count = histogram.weights[static_cast<size_t>(w + 255)];
    if (count > 0 && !(plan.zero_runs && w == 0)) indices[plan.index(w)] += count;
  }
  if (indices.empty()) indices[0] = 1;  // an all-zero section still codes one weight
  int64_t bits = kSliceHeaderBits + kPaletteHeaderBits +
                 static_cast<int64_t>(plan.palette.size()) * plan.palette_bits;
  bits += best_weight_bits(indices, plan.uncompressed_bits);
  if (plan.zero_runs) bits += best_zero_run_bits(histogram);
  return bits;
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

SectionPlan plan_section(const SectionHistogram& histogram, int64_t* estimated_bits) {
  SectionPlan best;
  int64_t best_bits = kImpossibleBits;
  const bool has_zeros = histogram.weights[255] > 0;
  for (const bool zero_runs : {false, true}) {
    if (zero_runs && !has_zeros) continue;
    const std::vector<int32_t> values = values_by_frequency(histogram, zero_runs);
    for (const size_t size :
         {size_t{0}, size_t{2}, size_t{4}, size_t{8}, size_t{16}, size_t{32}, values.size()}) {
      if (size > values.size() || size > static_cast<size_t>(kMaxPaletteSize)) continue;
      SectionPlan plan;
      if (!make_plan(values, zero_runs, size, &plan)) continue;
      const int64_t bits = estimate_bits(histogram, plan);
      if (bits < best_bits) {
        best_bits = bits;
        best = plan;
      }
    }
  }
  *estimated_bits = best_bits;
  return best;
}

}  // namespace vnpu::isa::weight_encoding
