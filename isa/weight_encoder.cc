#include "isa/weight_encoder.h"

#include <string>
#include <utility>

#include "isa/weight_bits.h"
#include "isa/weight_encoder_internal.h"
#include "isa/weight_stream_format.h"

namespace vnpu::isa {
namespace {

using weight_encoding::SectionHistogram;
using weight_encoding::SectionPlan;
using weight_encoding::Slice;

// Sections are built from windows of this many symbols.
constexpr int64_t kSectionWindow = 1024;

struct Section {
  int64_t begin = 0;
  int64_t end = 0;
};

int64_t estimate(const SectionHistogram& histogram) {
  int64_t bits = 0;
  weight_encoding::plan_section(histogram, &bits);
  return bits;
}

// Greedy: a window joins the current section when one palette for both is
// estimated no larger than two.
std::vector<Section> choose_sections(const std::vector<int16_t>& symbols) {
  const auto n = static_cast<int64_t>(symbols.size());
  std::vector<Section> sections;
  SectionHistogram current;
  int64_t current_bits = 0;
  Section section;
  for (int64_t begin = 0; begin < n; begin += kSectionWindow) {
    const int64_t end = std::min(n, begin + kSectionWindow);
    SectionHistogram window;
    window.add(symbols.data() + begin, end - begin);
    const int64_t window_bits = estimate(window);
    SectionHistogram merged = current;
    merged.merge(window);
    const int64_t merged_bits = begin == 0 ? window_bits : estimate(merged);
    if (begin == 0 || merged_bits <= current_bits + window_bits) {
      current = std::move(merged);
      current_bits = merged_bits;
    } else {
      sections.push_back(section);
      section.begin = begin;
      current = std::move(window);
      current_bits = window_bits;
    }
    section.end = end;
  }
  if (n > 0) sections.push_back(section);
  return sections;
}

// The weight indices and zero runs of a section (see weight_encoder_internal.h).
void split_streams(const int16_t* symbols, int64_t n, const SectionPlan& plan,
                   std::vector<uint32_t>* weights, std::vector<uint32_t>* runs) {
  if (!plan.zero_runs) {
    for (int64_t i = 0; i < n; ++i)
      weights->push_back(static_cast<uint32_t>(plan.index(symbols[i])));
    return;
  }
  int64_t i = 0;
  uint32_t run = 0;
  while (i < n && symbols[i] == 0) ++run, ++i;
  if (i == n) {  // all zeros: the first zero is sent as a weight so that the slice is not empty
    weights->push_back(static_cast<uint32_t>(plan.index(0)));
    runs->push_back(0);
    runs->push_back(static_cast<uint32_t>(n - 1));
    return;
  }
  runs->push_back(run);
  while (i < n) {
    weights->push_back(static_cast<uint32_t>(plan.index(symbols[i++])));
    for (run = 0; i < n && symbols[i] == 0; ++i) ++run;
    runs->push_back(run);
  }
}

void encode_section(const int16_t* symbols, int64_t n, WeightBitWriter* writer) {
  SectionHistogram histogram;
  histogram.add(symbols, n);
  int64_t estimated_bits = 0;
  const SectionPlan plan = weight_encoding::plan_section(histogram, &estimated_bits);
  std::vector<uint32_t> weights;
  std::vector<uint32_t> runs;
  split_streams(symbols, n, plan, &weights, &runs);
  const std::vector<Slice> slices = weight_encoding::search_slices(weights, runs, plan);
  for (size_t k = 0; k < slices.size(); ++k) {
    const Slice& slice = slices[k];
    const uint32_t* slice_runs =
        plan.zero_runs ? runs.data() + (k == 0 ? 0 : slice.begin + 1) : nullptr;
    weight_encoding::write_slice(plan, slice, k == 0, weights.data() + slice.begin, slice_runs,
                                 writer);
  }
}

}  // namespace

Expected<std::vector<uint8_t>> encode_weight_stream(const std::vector<int16_t>& symbols) {
  for (size_t i = 0; i < symbols.size(); ++i) {
    if (symbols[i] < kMinWeightSymbol || symbols[i] > kMaxWeightSymbol) {
      return Status::invalid_input("weight symbol " + std::to_string(i) + " is " +
                                   std::to_string(symbols[i]) + ", outside -255..255");
    }
  }
  WeightBitWriter writer;
  for (const Section& section : choose_sections(symbols)) {
    encode_section(symbols.data() + section.begin, section.end - section.begin, &writer);
  }
  writer.write(kZdivBits, kZdivEndOfStream);
  writer.pad_with_ones(kWeightStreamAlignment);
  return writer.take_bytes();
}

Expected<std::vector<uint8_t>> encode_weights(const WeightLayoutParams& params,
                                              const std::vector<int16_t>& ohwi) {
  Expected<std::vector<int16_t>> stream = reorder_weights(params, ohwi);
  if (!stream) return stream.status();
  return encode_weight_stream(*stream);
}

}  // namespace vnpu::isa
