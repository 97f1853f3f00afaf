// Weight layout: stream positions of hand-derived cases for every traversal,
// block and sub-kernel rule, and reorder/unreorder properties.
#include "isa/weight_layout.h"

#include <gtest/gtest.h>

#include <vector>

#include "core/deterministic_rng.h"

namespace vnpu::isa {
namespace {

WeightLayoutParams params(int32_t ofm, int32_t kh, int32_t kw, int32_t ifm) {
  WeightLayoutParams p;
  p.ofm_depth = ofm;
  p.kernel_height = kh;
  p.kernel_width = kw;
  p.ifm_depth = ifm;
  return p;
}

std::vector<int64_t> order_of(const WeightLayoutParams& p) {
  Expected<std::vector<int64_t>> order = weight_stream_order(p);
  EXPECT_TRUE(order.has_value()) << order.status().message();
  if (!order) return {};
  EXPECT_EQ(static_cast<int64_t>(order->size()), weight_stream_length(p));
  return *order;
}

// Depth-first 1x1, OFM 2, IFM 3: the IFM block is 32 channels (4 micro-blocks
// of 8, padded), each micro-block step sends 8 OFM x 8 IFM channels:
// position = (ifm / 8) * 64 + ofm * 8 + ifm % 8.
TEST(WeightLayout, DepthFirstPadsTheIfmBlockTo32) {
  const std::vector<int64_t> order = order_of(params(2, 1, 1, 3));
  ASSERT_EQ(order.size(), 256u);
  for (size_t p = 0; p < order.size(); ++p) {
    const auto ifm = static_cast<int64_t>((p / 64) * 8 + p % 8);
    const auto ofm = static_cast<int64_t>((p % 64) / 8);
    const int64_t expected = ofm < 2 && ifm < 3 ? ofm * 3 + ifm : kPaddingSymbol;
    EXPECT_EQ(order[p], expected) << "position " << p;
  }
}

// Depthwise 3x3, 3 channels: 9 elements padded to 12, 8 channels per element.
TEST(WeightLayout, DepthwisePadsElementsToFour) {
  WeightLayoutParams p = params(3, 3, 3, 1);
  p.depthwise = true;
  const std::vector<int64_t> order = order_of(p);
  ASSERT_EQ(order.size(), 96u);
  for (size_t i = 0; i < order.size(); ++i) {
    const auto element = static_cast<int64_t>(i / 8);
    const auto channel = static_cast<int64_t>(i % 8);
    EXPECT_EQ(order[i], element < 9 && channel < 3 ? channel * 9 + element : kPaddingSymbol);
  }
}

// Part-kernel-first 3x3, OFM 8, IFM 3: one IFM micro-block; elements padded
// to 12; position = element * 64 + ofm * 8 + ifm.
TEST(WeightLayout, PartKernelFirstWalksKernelElementsOutside) {
  WeightLayoutParams p = params(8, 3, 3, 3);
  p.order = WeightOrder::kPartKernelFirst;
  const std::vector<int64_t> order = order_of(p);
  ASSERT_EQ(order.size(), 768u);
  for (size_t i = 0; i < order.size(); ++i) {
    const auto element = static_cast<int64_t>(i / 64);
    const auto ofm = static_cast<int64_t>((i % 64) / 8);
    const auto ifm = static_cast<int64_t>(i % 8);
    const int64_t expected =
        element < 9 && ifm < 3 ? (ofm * 9 + element) * 3 + ifm : kPaddingSymbol;
    EXPECT_EQ(order[i], expected) << "position " << i;
  }
}

// U55-32 (OFM micro-block 4), OFM 6 in blocks of 4: the second block holds
// channels 4, 5 and two padding channels. 128 positions per block.
TEST(WeightLayout, OfmBlocksAndSmallMicroBlocks) {
  WeightLayoutParams p = params(6, 1, 1, 8);
  p.ofm_ublock_depth = 4;
  p.ofm_block_depth = 4;
  const std::vector<int64_t> order = order_of(p);
  ASSERT_EQ(order.size(), 256u);
  EXPECT_EQ(order[0], 0);                // ofm 0, ifm 0
  EXPECT_EQ(order[9], 8 + 1);            // ofm 1, ifm 1
  EXPECT_EQ(order[32], kPaddingSymbol);  // IFM micro-block 1 (channels 8..15) is padding
  EXPECT_EQ(order[128], 4 * 8);          // ofm 4, ifm 0
  EXPECT_EQ(order[137], 5 * 8 + 1);
  EXPECT_EQ(order[144], kPaddingSymbol);  // ofm 6 does not exist
}

// A 10x1 kernel is cut into sub-kernels of 8 and 2 rows (4 with dilation 2);
// part-kernel-first pads each to a multiple of 4 elements.
TEST(WeightLayout, SubKernelDecomposition) {
  WeightLayoutParams p = params(1, 10, 1, 1);
  p.order = WeightOrder::kPartKernelFirst;
  std::vector<int64_t> order = order_of(p);
  ASSERT_EQ(order.size(), 768u);  // (8 + 4 elements) * 8 OFM * 8 IFM
  EXPECT_EQ(order[7 * 64], 7);
  EXPECT_EQ(order[8 * 64], 8);  // first element of the second sub-kernel
  EXPECT_EQ(order[9 * 64], 9);
  EXPECT_EQ(order[10 * 64], kPaddingSymbol);
  p.dilation_y = 2;
  order = order_of(p);
  ASSERT_EQ(order.size(), 768u);  // sub-kernels of 4, 4 and 2 (padded to 4) rows
  EXPECT_EQ(order[4 * 64], 4);
  EXPECT_EQ(order[8 * 64], 8);
  EXPECT_EQ(order[10 * 64], kPaddingSymbol);
}

TEST(WeightLayout, SixteenBitIfmUsesBlocksOf16AndPairs) {
  WeightLayoutParams p = params(8, 1, 3, 20);
  p.ifm_bits = 16;
  EXPECT_EQ(weight_ifm_block_depth(p), 16);
  // Depth-first: 2 IFM blocks of 16 (2 micro-blocks each), 3 elements.
  EXPECT_EQ(weight_stream_length(p), 2 * 3 * 2 * 64);
  p.order = WeightOrder::kPartKernelFirst;
  // Part-kernel-first: blocks of 16 and 4 channels (2 and 1 micro-blocks), 3 elements -> 4.
  EXPECT_EQ(weight_stream_length(p), (2 + 1) * 4 * 64);
}

TEST(WeightLayout, ReorderAndUnreorderAreInverse) {
  DeterministicRng rng(3);
  for (int i = 0; i < 300; ++i) {
    WeightLayoutParams p =
        params(rng.uniform(1, 40), rng.uniform(1, 11), rng.uniform(1, 11), rng.uniform(1, 70));
    p.ofm_ublock_depth = rng.uniform(0, 1) ? 8 : 4;
    p.ofm_block_depth = p.ofm_ublock_depth * rng.uniform(1, 4);
    p.dilation_x = rng.uniform(1, 2);
    p.dilation_y = rng.uniform(1, 2);
    p.ifm_bits = rng.uniform(0, 3) == 0 ? 16 : 8;
    const int kind = rng.uniform(0, 2);
    p.order = kind == 1 ? WeightOrder::kPartKernelFirst : WeightOrder::kDepthFirst;
    p.depthwise = kind == 2;
    if (p.depthwise) p.ifm_depth = 1;
    std::vector<int16_t> ohwi(
        static_cast<size_t>(p.ofm_depth * p.kernel_height * p.kernel_width * p.ifm_depth));
    for (int16_t& w : ohwi) w = static_cast<int16_t>(rng.uniform(-255, 255));
    Expected<std::vector<int16_t>> stream = reorder_weights(p, ohwi);
    ASSERT_TRUE(stream.has_value()) << stream.status().message();
    ASSERT_EQ(static_cast<int64_t>(stream->size()), weight_stream_length(p));
    // Every weight appears exactly once.
    const std::vector<int64_t> order = order_of(p);
    std::vector<int> seen(ohwi.size(), 0);
    for (int64_t source : order) {
      if (source != kPaddingSymbol) ++seen[static_cast<size_t>(source)];
    }
    for (int count : seen) ASSERT_EQ(count, 1);
    Expected<std::vector<int16_t>> back = unreorder_weights(p, *stream);
    ASSERT_TRUE(back.has_value()) << back.status().message();
    ASSERT_EQ(*back, ohwi);
  }
}

TEST(WeightLayout, UnreorderRejectsNonZeroPaddingAndWrongLengths) {
  const WeightLayoutParams p = params(2, 1, 1, 3);
  std::vector<int16_t> stream(256, 0);
  stream[3] = 1;  // ifm 3 does not exist
  EXPECT_FALSE(unreorder_weights(p, stream).has_value());
  EXPECT_FALSE(unreorder_weights(p, std::vector<int16_t>(255, 0)).has_value());
  EXPECT_FALSE(reorder_weights(p, std::vector<int16_t>(5, 0)).has_value());
}

TEST(WeightLayout, ValidationNamesTheField) {
  WeightLayoutParams p = params(0, 1, 1, 1);
  Status status = validate_weight_layout(p);
  ASSERT_FALSE(status.is_ok());
  EXPECT_NE(status.message().find("ofm_depth"), std::string::npos);
  p = params(1, 1, 1, 1);
  p.ifm_bits = 12;
  EXPECT_FALSE(validate_weight_layout(p).is_ok());
  p = params(1, 1, 1, 1);
  p.dilation_x = 3;
  EXPECT_FALSE(validate_weight_layout(p).is_ok());
  p = params(1, 1, 1, 1);
  p.depthwise = true;
  p.order = WeightOrder::kPartKernelFirst;
  EXPECT_FALSE(validate_weight_layout(p).is_ok());
  p.order = WeightOrder::kDepthFirst;
  p.ifm_depth = 2;
  EXPECT_FALSE(validate_weight_layout(p).is_ok());
}

// Sizes an untrusted command stream could ask for are rejected at once, not
// walked: the length is closed-form and capped.
TEST(WeightLayout, HugeLayoutsAreRejectedQuickly) {
  WeightLayoutParams p = params(65536, 65536, 65536, 65536);
  p.ofm_block_depth = 1;
  EXPECT_GT(weight_stream_length(p), kMaxWeightStreamLength);
  Status status = validate_weight_layout(p);
  ASSERT_FALSE(status.is_ok());
  EXPECT_NE(status.message().find("exceeds"), std::string::npos);
  EXPECT_FALSE(weight_stream_order(p).has_value());
  EXPECT_EQ(weight_stream_length(params(0, 1, 1, 1)), 0);
}

TEST(WeightLayout, VelaTraversalChoice) {
  // IFM depth <= 8: always part-kernel-first.
  EXPECT_EQ(choose_weight_order(3, 3, 3, 8), WeightOrder::kPartKernelFirst);
  EXPECT_EQ(choose_weight_order(1, 1, 8, 8), WeightOrder::kPartKernelFirst);
  // 64 channels 3x3: depth-first utilisation 1.0 > 1.0 * 9/12.
  EXPECT_EQ(choose_weight_order(3, 3, 64, 8), WeightOrder::kDepthFirst);
  // 16 channels 3x3: depth-first 0.5 < 0.75.
  EXPECT_EQ(choose_weight_order(3, 3, 16, 8), WeightOrder::kPartKernelFirst);
  // 16 channels 1x1: depth-first 0.5 > 1.0 * 1/4.
  EXPECT_EQ(choose_weight_order(1, 1, 16, 8), WeightOrder::kDepthFirst);
  // 16-bit, 16 channels 3x3: depth-first 1.0 > 1.0 * 9/10.
  EXPECT_EQ(choose_weight_order(3, 3, 16, 16), WeightOrder::kDepthFirst);
}

TEST(WeightLayout, DepthwiseFilterTranspose) {
  // [1, 1, 2, 3]: element-major -> channel-major.
  const std::vector<int16_t> filter = {1, 2, 3, 4, 5, 6};
  EXPECT_EQ(transpose_depthwise_filter(filter, 1, 2, 3), std::vector<int16_t>({1, 4, 2, 5, 3, 6}));
}

}  // namespace
}  // namespace vnpu::isa
