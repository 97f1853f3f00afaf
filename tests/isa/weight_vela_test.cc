// Every weight and scale stream Vela wrote for the shared models decodes
// without fault, and maps back through the layout to the source model's
// filter (minus its zero point), bias and quantized per-channel scales.
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <set>
#include <string>

#include "isa/scale_stream.h"
#include "isa/weight_decoder.h"
#include "isa/weight_encoder.h"
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
  return decode_weights(op.layout(config), custom.flash.data() + op.weight_offset,
                        static_cast<size_t>(op.weight_length));
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
        const size_t from =
            ((static_cast<size_t>(o) * source.kernel_height + y) * source.kernel_width + x) * c;
        const size_t to =
            ((static_cast<size_t>(o) * source.kernel_height + y) * width + x + left) * c;
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
  // Vela's layout of a depth range: the scale stream, padded to 16, then the weights.
  EXPECT_EQ(op.scale_length, scale_stream_size(static_cast<size_t>(op.ofm_depth)));
  EXPECT_EQ(op.weight_offset, op.scale_offset + op.scale_length);
  EXPECT_EQ(op.weight_offset % 16, 0u);
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
  ADD_FAILURE() << "no source weights match this stream (OFM depth " << op.ofm_depth << ", kernel "
                << op.kernel_height << "x" << op.kernel_width << ", IFM depth " << op.ifm_depth
                << ")";
}

TEST(WeightVelaStreams, EveryStreamDecodesAndMatchesTheSourceWeightsAndScales) {
  if (all_models().empty()) GTEST_SKIP() << "shared models not found";
  int streams = 0;
  for (const VelaModel& model : all_models()) {
    const std::vector<SourceWeights> sources =
        weight_testing::source_weights(model.source.main_graph());
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

// Every weight tensor of the source models, in the layout of every U55
// configuration and both traversals, survives our encoder and decoder.
TEST(WeightVelaStreams, EverySourceWeightTensorRoundTrips) {
  if (all_models().empty()) GTEST_SKIP() << "shared models not found";
  std::set<std::string> done;
  int tensors = 0;
  for (const VelaModel& model : all_models()) {
    if (!done.insert(model.model_name).second) continue;
    for (const SourceWeights& source : weight_testing::source_weights(model.source.main_graph())) {
      for (const AcceleratorConfig& config : accelerator_configs()) {
        WeightLayoutParams params = weight_layout_for(config);
        params.ofm_depth = source.ofm_depth;
        params.kernel_height = source.kernel_height;
        params.kernel_width = source.kernel_width;
        params.ifm_depth = source.ifm_depth;
        params.depthwise = source.depthwise;
        params.ofm_block_depth = 16;
        params.order = source.depthwise
                           ? WeightOrder::kDepthFirst
                           : choose_weight_order(source.kernel_height, source.kernel_width,
                                                 source.ifm_depth, 8);
        SCOPED_TRACE(model.model_name + " " + source.name + " " + config.name);
        Expected<std::vector<uint8_t>> stream = encode_weights(params, source.ohwi);
        ASSERT_TRUE(stream.has_value()) << stream.status().message();
        WeightDecodeOptions options;
        options.expected_symbols = static_cast<size_t>(weight_stream_length(params));
        Expected<std::vector<int16_t>> decoded = decode_weight_stream(*stream, options);
        ASSERT_TRUE(decoded.has_value()) << decoded.status().message();
        Expected<std::vector<int16_t>> ohwi = unreorder_weights(params, *decoded);
        ASSERT_TRUE(ohwi.has_value()) << ohwi.status().message();
        EXPECT_EQ(*ohwi, source.ohwi);
        ++tensors;
      }
    }
  }
  EXPECT_GT(tensors, 100);
}

// Re-encodes the symbols of every Vela weight stream with our encoder
// (same layout, same symbols), checks the round trip and prints the sizes.
TEST(WeightVelaStreams, CompressionAgainstVela) {
  if (all_models().empty()) GTEST_SKIP() << "shared models not found";
  int64_t all_vela = 0, all_ours = 0;
  std::printf(
      "| model | config | streams | weights (symbols) | Vela bytes | our bytes | ours/Vela |\n");
  std::printf("|---|---|---|---|---|---|---|\n");
  for (const VelaModel& model : all_models()) {
    int64_t symbols = 0, vela = 0, ours = 0, streams = 0;
    for (const weight_testing::VelaCustomOp& custom : model.custom_ops) {
      std::set<uint64_t> seen;
      for (const VelaKernelOp& op : custom.kernel_ops) {
        if (!seen.insert(op.weight_offset).second) continue;
        Expected<std::vector<int16_t>> decoded = decode_weight_stream(
            custom.flash.data() + op.weight_offset, static_cast<size_t>(op.weight_length));
        ASSERT_TRUE(decoded.has_value()) << decoded.status().message();
        Expected<std::vector<uint8_t>> encoded = encode_weight_stream(*decoded);
        ASSERT_TRUE(encoded.has_value());
        Expected<std::vector<int16_t>> again = decode_weight_stream(*encoded);
        ASSERT_TRUE(again.has_value()) << again.status().message();
        EXPECT_EQ(*again, *decoded);
        symbols += static_cast<int64_t>(decoded->size());
        vela += static_cast<int64_t>(op.weight_length);
        ours += static_cast<int64_t>(encoded->size());
        ++streams;
      }
    }
    const std::string name = model.path.find("upstream") != std::string::npos
                                 ? model.model_name + " (upstream Vela 3.11)"
                                 : model.model_name;
    std::printf("| %s | %s | %lld | %lld | %lld | %lld | %.3f |\n", name.c_str(),
                model.config_name.c_str(), static_cast<long long>(streams),
                static_cast<long long>(symbols), static_cast<long long>(vela),
                static_cast<long long>(ours),
                static_cast<double>(ours) / static_cast<double>(vela));
    all_vela += vela;
    all_ours += ours;
  }
  std::printf("| all | | | | %lld | %lld | %.3f |\n", static_cast<long long>(all_vela),
              static_cast<long long>(all_ours),
              static_cast<double>(all_ours) / static_cast<double>(all_vela));
  // A good encoder: within 5% of Vela's total.
  EXPECT_LE(all_ours * 100, all_vela * 105);
}

}  // namespace
}  // namespace vnpu::isa
