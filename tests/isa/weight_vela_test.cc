// Every weight and scale stream Vela wrote for the shared models decodes
// without fault, and maps back through the layout to the source model's
// filter (minus its zero point), bias and quantized per-channel scales.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "isa/scale_stream.h"
#include "isa/weight_decoder.h"
#include "isa/weight_layout.h"
#include "weight_vela_streams.h"

namespace vnpu::isa {
namespace {

using weight_testing::SourceWeights;
using weight_testing::VelaKernelOp;
using weight_testing::VelaModel;

std::vector<VelaModel> load_all() {
  std::vector<VelaModel> models;
  for (const std::string& path : weight_testing::vela_model_paths()) {
    Expected<VelaModel> model = weight_testing::load_vela_model(path);
    EXPECT_TRUE(model.has_value()) << model.status().message();
    if (model) models.push_back(std::move(*model));
  }
  return models;
}

const std::vector<VelaModel>& all_models() {
  static const std::vector<VelaModel> models = load_all();
  return models;
}

Expected<std::vector<int16_t>> decode_op_weights(const VelaModel& model,
                                                 const weight_testing::VelaCustomOp& custom,
                                                 const VelaKernelOp& op) {
  const AcceleratorConfig config = *find_accelerator_config(model.config_name);
  if (op.weight_offset + op.weight_length > custom.flash.size()) {
    return Status::invalid_input("weight stream outside the flash tensor");
  }
  WeightDecodeOptions options;
  options.expected_symbols = static_cast<size_t>(weight_stream_length(op.layout(config)));
  Expected<std::vector<int16_t>> stream = decode_weight_stream(
      custom.flash.data() + op.weight_offset, static_cast<size_t>(op.weight_length), options);
  if (!stream) return stream;
  return unreorder_weights(op.layout(config), *stream);
}

// The first OFM channel at which `brick` equals a slice of `ohwi` (OFM
// channels of `per_channel` weights), or -1.
int32_t find_channels(const std::vector<int16_t>& ohwi, int32_t ofm_depth,
                      const std::vector<int16_t>& brick, int32_t brick_depth) {
  const size_t per_channel = brick.size() / static_cast<size_t>(brick_depth);
  if (per_channel * static_cast<size_t>(ofm_depth) != ohwi.size()) return -1;
  for (int32_t first = 0; first + brick_depth <= ofm_depth; ++first) {
    if (std::equal(brick.begin(), brick.end(),
                   ohwi.begin() + static_cast<std::ptrdiff_t>(first * per_channel))) {
      return first;
    }
  }
  return -1;
}

// Vela's first-layer optimisation of a convolution with stride_x = r (and few
// IFM channels): the IFM [H, W, C] is read as [H, W/r, r*C] at stride 1 in x,
// so the filter [O, KH, KW, C] gets `left` zero columns on the left, zeros on
// the right up to r*K columns, and is read as [O, KH, K, r*C] (the same bytes).
std::vector<int16_t> widen_filter(const SourceWeights& source, int32_t r, int32_t k, int32_t left) {
  const int32_t width = r * k;
  std::vector<int16_t> padded(static_cast<size_t>(source.ofm_depth) * source.kernel_height *
                                  static_cast<size_t>(width) * source.ifm_depth,
                              0);
  const size_t c = static_cast<size_t>(source.ifm_depth);
  for (int32_t o = 0; o < source.ofm_depth; ++o) {
    for (int32_t y = 0; y < source.kernel_height; ++y) {
      for (int32_t x = 0; x < source.kernel_width; ++x) {
        const size_t from = ((static_cast<size_t>(o) * source.kernel_height + y) *
                                 source.kernel_width + x) * c;
        const size_t to = ((static_cast<size_t>(o) * source.kernel_height + y) * width + x + left) * c;
        std::copy_n(source.ohwi.begin() + static_cast<std::ptrdiff_t>(from), c,
                    padded.begin() + static_cast<std::ptrdiff_t>(to));
      }
    }
  }
  return padded;
}

// The first OFM channel of `source` that `brick` holds, or -1; `widened` is
// set when it matched the stride-optimised filter.
int32_t find_brick(const SourceWeights& source, const VelaKernelOp& op,
                   const std::vector<int16_t>& brick, bool* widened) {
  const int32_t op_ifm = op.depthwise ? 1 : op.ifm_depth;
  // A depthwise layer with one input channel is a convolution (Vela runs it as one).
  const bool depthwise = source.depthwise && !source.single_input_channel;
  if (depthwise != op.depthwise || source.kernel_height != op.kernel_height ||
      source.ofm_depth < op.ofm_depth) {
    return -1;
  }
  *widened = false;
  if (source.kernel_width == op.kernel_width && source.ifm_depth == op_ifm) {
    return find_channels(source.ohwi, source.ofm_depth, brick, op.ofm_depth);
  }
  const int32_t r = op_ifm / source.ifm_depth;
  if (op.depthwise || r < 2 || r * source.ifm_depth != op_ifm ||
      r * op.kernel_width < source.kernel_width) {
    return -1;
  }
  for (int32_t left = 0; left + source.kernel_width <= r * op.kernel_width; ++left) {
    const int32_t first = find_channels(widen_filter(source, r, op.kernel_width, left),
                                        source.ofm_depth, brick, op.ofm_depth);
    if (first >= 0) {
      *widened = true;
      return first;
    }
  }
  return -1;
}

// Checks the op's scale stream against channels [first, first + ofm_depth) of `source`.
void expect_scales_match(const weight_testing::VelaCustomOp& custom, const VelaKernelOp& op,
                         const SourceWeights& source, int32_t first) {
  ASSERT_LE(op.scale_offset + op.scale_length, custom.flash.size());
  Expected<std::vector<ScaleBiasEntry>> entries =
      decode_scale_stream(custom.flash.data() + op.scale_offset,
                          static_cast<size_t>(op.scale_length), static_cast<size_t>(op.ofm_depth));
  ASSERT_TRUE(entries.has_value()) << entries.status().message();
  for (int32_t c = 0; c < op.ofm_depth; ++c) {
    const auto channel = static_cast<size_t>(first + c);
    const ScaleBiasEntry& entry = (*entries)[static_cast<size_t>(c)];
    EXPECT_EQ(entry.bias, source.bias.empty() ? 0 : source.bias[channel]) << "channel " << channel;
    if (source.multiplier[channel] == 0) {
      // TFLite flushes scales below 2^-32 (exponent < -31) to multiplier 0.
      // Vela keeps exponent -32 as shift 63 and flushes below that to
      // multiplier 0, shift 16: every one of these scales a 32-bit
      // accumulator to less than half an LSB, so the outputs agree.
      EXPECT_TRUE(entry.multiplier == 0 || entry.shift == 63) << "channel " << channel;
      continue;
    }
    EXPECT_EQ(entry.multiplier, source.multiplier[channel]) << "channel " << channel;
    EXPECT_EQ(entry.shift, source.shift[channel]) << "channel " << channel;
  }
}

// Decodes the op's weights, finds the source tensor and channels they hold,
// checks the scales and records the covered channels.
void check_kernel_op(const VelaModel& model, const weight_testing::VelaCustomOp& custom,
                     const VelaKernelOp& op, const std::vector<SourceWeights>& sources,
                     std::map<std::string, std::set<int32_t>>* covered) {
  SCOPED_TRACE(model.path + " command word " + std::to_string(op.command_word));
  Expected<std::vector<int16_t>> brick = decode_op_weights(model, custom, op);
  ASSERT_TRUE(brick.has_value()) << brick.status().message();
  for (const SourceWeights& source : sources) {
    bool widened = false;
    const int32_t first = find_brick(source, op, *brick, &widened);
    if (first < 0) continue;
    for (int32_t c = 0; c < op.ofm_depth; ++c) (*covered)[source.name].insert(first + c);
    expect_scales_match(custom, op, source, first);
    return;
  }
  ADD_FAILURE() << "no source weights match this stream (OFM depth " << op.ofm_depth
                << ", kernel " << op.kernel_height << "x" << op.kernel_width << ", IFM depth "
                << op.ifm_depth << ")";
}

TEST(WeightVelaStreams, EveryStreamDecodesAndMatchesTheSourceWeightsAndScales) {
  if (all_models().empty()) GTEST_SKIP() << "shared models not found";
  int streams = 0;
  for (const VelaModel& model : all_models()) {
    const std::vector<SourceWeights> sources = weight_testing::source_weights(model.source.main_graph());
    std::map<std::string, std::set<int32_t>> covered;  // tensor name -> OFM channels
    for (const weight_testing::VelaCustomOp& custom : model.custom_ops) {
      for (const VelaKernelOp& op : custom.kernel_ops) {
        check_kernel_op(model, custom, op, sources, &covered);
        ++streams;
      }
    }
    for (const SourceWeights& source : sources) {
      EXPECT_EQ(covered[source.name].size(), static_cast<size_t>(source.ofm_depth))
          << model.path << ": " << source.name << " is not fully covered by Vela's streams";
    }
  }
  EXPECT_GT(streams, 100);
}

}  // namespace
}  // namespace vnpu::isa
