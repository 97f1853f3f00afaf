// Golomb-Rice parameter search: where to start new slices and which codes
// they use.
#include <algorithm>
#include <set>

#include "isa/weight_encoder_internal.h"
#include "isa/weight_stream_format.h"

namespace vnpu::isa::weight_encoding {
namespace {

// Estimated bits of starting a new slice (header plus the partial last chunk).
constexpr int64_t kSwitchBits = 40;

// The positions i (0 < i < n) where the cheapest code sequence changes code,
// found by a Viterbi search; switching is free at positions in `free`.
template <typename Cost>
std::vector<int64_t> code_changes(int64_t n, int codes, Cost cost, const std::set<int64_t>& free) {
  std::vector<int64_t> total(static_cast<size_t>(codes), 0);
  std::vector<uint8_t> from(static_cast<size_t>(n * codes), 0);
  for (int64_t i = 0; i < n; ++i) {
    const auto best = std::min_element(total.begin(), total.end());
    const int64_t best_total = *best;
    const auto best_code = static_cast<uint8_t>(best - total.begin());
    const int64_t switch_bits = i == 0 || free.count(i) != 0 ? 0 : kSwitchBits;
    for (int code = 0; code < codes; ++code) {
      const int64_t bits = cost(i, code);
      const size_t at = static_cast<size_t>(i * codes + code);
      if (best_total + switch_bits < total[static_cast<size_t>(code)]) {
        total[static_cast<size_t>(code)] = best_total + switch_bits + bits;
        from[at] = best_code;
      } else {
        total[static_cast<size_t>(code)] += bits;
        from[at] = static_cast<uint8_t>(code);
      }
    }
  }
  std::vector<int64_t> changes;
  if (n == 0) return changes;
  int code = static_cast<int>(std::min_element(total.begin(), total.end()) - total.begin());
  for (int64_t i = n - 1; i > 0; --i) {
    const int previous = from[static_cast<size_t>(i * codes + code)];
    if (previous != code) changes.push_back(i);
    code = previous;
  }
  std::reverse(changes.begin(), changes.end());
  return changes;
}

template <typename Cost>
int best_code(int64_t begin, int64_t end, int codes, Cost cost) {
  int best = 0;
  int64_t best_bits = kImpossibleBits;
  for (int code = 0; code < codes; ++code) {
    int64_t bits = 0;
    for (int64_t i = begin; i < end && bits < kImpossibleBits; ++i) bits += cost(i, code);
    if (bits < best_bits) {
      best_bits = bits;
      best = code;
    }
  }
  return best;
}

}  // namespace

int64_t weight_code_bits(uint32_t value, int code, int32_t uncompressed_bits) {
  if (code == kUncompressedCode) {
    if (uncompressed_bits < 0 || value >= (uint32_t{1} << uncompressed_bits))
      return kImpossibleBits;
    return uncompressed_bits;
  }
  const int divisor = code % 6;
  const uint32_t quotient = value >> divisor;
  if (code >= 6) {
    if (quotient > static_cast<uint32_t>(kMaxTruncatedQuotient)) return kImpossibleBits;
    return std::min<int64_t>(quotient + 1, 2) + divisor;
  }
  if (quotient > static_cast<uint32_t>(kMaxNormalQuotient)) return kImpossibleBits;
  return int64_t{quotient} + 1 + divisor;
}

int64_t zero_run_code_bits(uint32_t value, int code) { return int64_t{value >> code} + 1 + code; }

std::vector<Slice> search_slices(const std::vector<uint32_t>& weights,
                                 const std::vector<uint32_t>& zero_runs, const SectionPlan& plan) {
  const auto n = static_cast<int64_t>(weights.size());
  const auto weight_cost = [&](int64_t i, int code) {
    return weight_code_bits(weights[static_cast<size_t>(i)], code, plan.uncompressed_bits);
  };
  std::vector<int64_t> w_changes = code_changes(n, kWeightCodes, weight_cost, {});
  std::set<int64_t> boundaries(w_changes.begin(), w_changes.end());
  // Zero run k + 1 is the one after weight k: a slice starting at weight b
  // starts its runs at b + 1.
  const auto zero_cost = [&](int64_t k, int code) {
    return zero_run_code_bits(zero_runs[static_cast<size_t>(k)], code);
  };
  if (plan.zero_runs) {
    std::set<int64_t> free;
    for (int64_t b : w_changes) free.insert(b + 1);
    for (int64_t k : code_changes(n + 1, kZeroRunCodes, zero_cost, free)) {
      if (k - 1 > 0) boundaries.insert(k - 1);
    }
  }
  std::vector<Slice> slices;
  int64_t begin = 0;
  boundaries.insert(n);
  for (int64_t boundary : boundaries) {
    while (begin < boundary) {
      Slice slice;
      slice.begin = begin;
      slice.end = std::min(boundary, begin + kMaxSliceLength);
      slice.weight_code = best_code(slice.begin, slice.end, kWeightCodes, weight_cost);
      if (plan.zero_runs) {
        const int64_t first_run = slice.begin == 0 ? 0 : slice.begin + 1;
        slice.zero_run_code = best_code(first_run, slice.end + 1, kZeroRunCodes, zero_cost);
      }
      slices.push_back(slice);
      begin = slice.end;
    }
  }
  return slices;
}

}  // namespace vnpu::isa::weight_encoding
