// Golomb-Rice parameter search: where to start new slices and which codes
// they use. The searches price every code of a position at once (a row of
// costs), so that each value is read and split into quotients once.
#include <algorithm>
#include <array>
#include <memory>
#include <set>
#include <vector>

#include "isa/weight_encoder_internal.h"
#include "isa/weight_stream_format.h"

namespace vnpu::isa::weight_encoding {
namespace {

// Estimated bits of starting a new slice (header plus the partial last chunk).
constexpr int64_t kSwitchBits = 40;
constexpr int kDivisors = 6;  // codes 0-5 normal, 6-11 truncated

template <int kCodes>
using CostRow = std::array<int64_t, kCodes>;

// weight_code_bits of `value` for every weight code.
inline void weight_code_row(uint32_t value, int32_t uncompressed_bits, CostRow<kWeightCodes>* row) {
  for (int d = 0; d < kDivisors; ++d) {
    const uint32_t quotient = value >> d;
    (*row)[static_cast<size_t>(d)] = quotient > static_cast<uint32_t>(kMaxNormalQuotient)
                                         ? kImpossibleBits
                                         : int64_t{quotient} + 1 + d;
    (*row)[static_cast<size_t>(kDivisors + d)] =
        quotient > static_cast<uint32_t>(kMaxTruncatedQuotient)
            ? kImpossibleBits
            : std::min<int64_t>(int64_t{quotient} + 1, 2) + d;
  }
  const bool fits = uncompressed_bits >= 0 && value < (uint32_t{1} << uncompressed_bits);
  (*row)[kUncompressedCode] = fits ? int64_t{uncompressed_bits} : kImpossibleBits;
}

// zero_run_code_bits of `value` for every zero-run code.
inline void zero_run_code_row(uint32_t value, CostRow<kZeroRunCodes>* row) {
  for (int code = 0; code < kZeroRunCodes; ++code)
    (*row)[static_cast<size_t>(code)] = int64_t{value >> code} + 1 + code;
}

// The positions i (0 < i < n) where the cheapest code sequence changes code,
// found by a Viterbi search; switching is free at the positions in `free`
// (ascending). costs(i, &row) prices position i under every code.
template <int kCodes, typename Costs>
std::vector<int64_t> code_changes(int64_t n, Costs costs, const std::vector<int64_t>& free) {
  CostRow<kCodes> total{};
  CostRow<kCodes> row{};
  // Every entry is written before it is read: no zero fill.
  const std::unique_ptr<uint8_t[]> from(new uint8_t[static_cast<size_t>(n * kCodes)]);
  auto next_free = free.begin();
  for (int64_t i = 0; i < n; ++i) {
    const auto best = std::min_element(total.begin(), total.end());
    const int64_t best_total = *best;
    const auto best_code = static_cast<uint8_t>(best - total.begin());
    while (next_free != free.end() && *next_free < i) ++next_free;
    const bool is_free = next_free != free.end() && *next_free == i;
    const int64_t switched = best_total + (i == 0 || is_free ? 0 : kSwitchBits);
    costs(i, &row);
    uint8_t* from_i = from.get() + i * kCodes;
    for (size_t code = 0; code < static_cast<size_t>(kCodes); ++code) {
      const bool switch_here = switched < total[code];
      total[code] = (switch_here ? switched : total[code]) + row[code];
      from_i[code] = switch_here ? best_code : static_cast<uint8_t>(code);
    }
  }
  std::vector<int64_t> changes;
  if (n == 0) return changes;
  int code = static_cast<int>(std::min_element(total.begin(), total.end()) - total.begin());
  for (int64_t i = n - 1; i > 0; --i) {
    const int previous = from[static_cast<size_t>(i * kCodes + code)];
    if (previous != code) changes.push_back(i);
    code = previous;
  }
  std::reverse(changes.begin(), changes.end());
  return changes;
}

// The code with the fewest bits over positions [begin, end); the first such.
// A code that cannot send a value sums to kImpossibleBits or more (slices
// hold at most kMaxSliceLength values, so the sums cannot overflow).
template <int kCodes, typename Costs>
int best_code(int64_t begin, int64_t end, Costs costs) {
  CostRow<kCodes> sums{};
  CostRow<kCodes> row{};
  for (int64_t i = begin; i < end; ++i) {
    costs(i, &row);
    for (size_t code = 0; code < static_cast<size_t>(kCodes); ++code) sums[code] += row[code];
  }
  int best = 0;
  int64_t best_bits = kImpossibleBits;
  for (int code = 0; code < kCodes; ++code) {
    if (sums[static_cast<size_t>(code)] < best_bits) {
      best_bits = sums[static_cast<size_t>(code)];
      best = code;
    }
  }
  return best;
}

}  // namespace

int64_t weight_code_bits(uint32_t value, int code, int32_t uncompressed_bits) {
  CostRow<kWeightCodes> row;
  weight_code_row(value, uncompressed_bits, &row);
  return row[static_cast<size_t>(code)];
}

int64_t zero_run_code_bits(uint32_t value, int code) { return int64_t{value >> code} + 1 + code; }

std::vector<Slice> search_slices(const std::vector<uint32_t>& weights,
                                 const std::vector<uint32_t>& zero_runs, const SectionPlan& plan) {
  const auto n = static_cast<int64_t>(weights.size());
  const auto weight_costs = [&](int64_t i, CostRow<kWeightCodes>* row) {
    weight_code_row(weights[static_cast<size_t>(i)], plan.uncompressed_bits, row);
  };
  const std::vector<int64_t> w_changes = code_changes<kWeightCodes>(n, weight_costs, {});
  std::set<int64_t> boundaries(w_changes.begin(), w_changes.end());
  // Zero run k + 1 is the one after weight k: a slice starting at weight b
  // starts its runs at b + 1.
  const auto zero_costs = [&](int64_t k, CostRow<kZeroRunCodes>* row) {
    zero_run_code_row(zero_runs[static_cast<size_t>(k)], row);
  };
  if (plan.zero_runs) {
    std::vector<int64_t> free;
    for (int64_t b : w_changes) free.push_back(b + 1);
    for (int64_t k : code_changes<kZeroRunCodes>(n + 1, zero_costs, free)) {
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
      slice.weight_code = best_code<kWeightCodes>(slice.begin, slice.end, weight_costs);
      if (plan.zero_runs) {
        const int64_t first_run = slice.begin == 0 ? 0 : slice.begin + 1;
        slice.zero_run_code = best_code<kZeroRunCodes>(first_run, slice.end + 1, zero_costs);
      }
      slices.push_back(slice);
      begin = slice.end;
    }
  }
  return slices;
}

}  // namespace vnpu::isa::weight_encoding
