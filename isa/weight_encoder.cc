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
  return weight_encoding::estimate_section_bits(histogram);
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

namespace {

Status check_ranges(const WeightLayoutParams& layer, const std::vector<int16_t>& ohwi,
                    const std::vector<ScaleBiasEntry>& scales,
                    const std::vector<int32_t>& depth_offsets) {
  const int64_t weights =
      int64_t{layer.ofm_depth} * layer.kernel_height * layer.kernel_width * layer.ifm_depth;
  if (static_cast<int64_t>(ohwi.size()) != weights ||
      scales.size() != static_cast<size_t>(layer.ofm_depth)) {
    return Status::invalid_input("weight ranges: " + std::to_string(ohwi.size()) + " weights and " +
                                 std::to_string(scales.size()) + " scales for a layer of " +
                                 std::to_string(weights) + " weights and " +
                                 std::to_string(layer.ofm_depth) + " channels");
  }
  bool cuts = depth_offsets.size() >= 2 && depth_offsets.front() == 0 &&
              depth_offsets.back() == layer.ofm_depth;
  for (size_t i = 1; cuts && i < depth_offsets.size(); ++i) {
    cuts = depth_offsets[i - 1] < depth_offsets[i];
  }
  if (!cuts) {
    return Status::invalid_input("weight ranges: depth offsets must rise from 0 to the OFM depth " +
                                 std::to_string(layer.ofm_depth));
  }
  return Status::ok();
}

// Appends one range: its scale stream (padded to 16), then its weight stream.
Status append_range(const WeightLayoutParams& layer, const std::vector<int16_t>& ohwi,
                    const std::vector<ScaleBiasEntry>& scales, EncodedWeightRange* range,
                    std::vector<uint8_t>* buffer) {
  const auto per_channel = static_cast<size_t>(layer.kernel_height) *
                           static_cast<size_t>(layer.kernel_width) *
                           static_cast<size_t>(layer.ifm_depth);
  const auto begin = static_cast<size_t>(range->ofm_begin);
  const auto end = static_cast<size_t>(range->ofm_end);
  WeightLayoutParams params = layer;
  params.ofm_depth = range->ofm_end - range->ofm_begin;
  Expected<std::vector<uint8_t>> weights = encode_weights(
      params, std::vector<int16_t>(ohwi.begin() + static_cast<std::ptrdiff_t>(begin * per_channel),
                                   ohwi.begin() + static_cast<std::ptrdiff_t>(end * per_channel)));
  Expected<std::vector<uint8_t>> scale_stream = encode_scale_stream(
      std::vector<ScaleBiasEntry>(scales.begin() + static_cast<std::ptrdiff_t>(begin),
                                  scales.begin() + static_cast<std::ptrdiff_t>(end)));
  if (!weights) return weights.status();
  if (!scale_stream) return scale_stream.status();
  range->scale_offset = buffer->size();
  range->scale_length = scale_stream->size();
  buffer->insert(buffer->end(), scale_stream->begin(), scale_stream->end());
  range->weight_offset = buffer->size();
  range->weight_length = weights->size();
  buffer->insert(buffer->end(), weights->begin(), weights->end());
  return Status::ok();
}

}  // namespace

Expected<EncodedWeights> encode_weight_ranges(const WeightLayoutParams& layer,
                                              const std::vector<int16_t>& ohwi,
                                              const std::vector<ScaleBiasEntry>& scales,
                                              const std::vector<int32_t>& depth_offsets) {
  Status status = validate_weight_layout(layer);
  if (status) status = check_ranges(layer, ohwi, scales, depth_offsets);
  if (!status) return status;
  EncodedWeights encoded;
  for (size_t i = 0; i + 1 < depth_offsets.size(); ++i) {
    EncodedWeightRange range;
    range.ofm_begin = depth_offsets[i];
    range.ofm_end = depth_offsets[i + 1];
    status = append_range(layer, ohwi, scales, &range, &encoded.buffer);
    if (!status) return status;
    encoded.ranges.push_back(range);
  }
  return encoded;
}

}  // namespace vnpu::isa
