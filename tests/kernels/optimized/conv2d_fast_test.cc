// s8_conv2d_fast against s8_conv2d: byte-identical outputs over a
// spec-generated sweep, on both the portable body and (where the CPU has it)
// the AVX-512 VNNI body. Tile edges: input channels around a quad of 4 (3, 4,
// 5), output channels around a vector of 16 and a block of 64, output pixel
// counts around the 6-pixel tile, prime sizes, strides 1..3, dilations 1..2,
// SAME/VALID, groups, batch > 1, edge zero points, per-channel scales over
// many orders of magnitude (also > 1), activation clamps.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "kernels/optimized/conv2d_fast.h"

namespace vnpu::kernels {
namespace {

struct ConvCase {
  int32_t batches, in_h, in_w, in_c, out_c, groups, k_h, k_w;
  int32_t stride, dilation;
  bool same;
  int32_t input_zp, output_zp, act_min, act_max;
  bool has_bias;
  uint32_t seed;

  std::string name() const {
    return std::to_string(batches) + "x" + std::to_string(in_h) + "x" + std::to_string(in_w) + "x" +
           std::to_string(in_c) + " -> " + std::to_string(out_c) + " groups " +
           std::to_string(groups) + " k " + std::to_string(k_h) + "x" + std::to_string(k_w) +
           " s " + std::to_string(stride) + " d " + std::to_string(dilation) +
           (same ? " SAME" : " VALID") + " zp " + std::to_string(input_zp) + "/" +
           std::to_string(output_zp) + " act [" + std::to_string(act_min) + "," +
           std::to_string(act_max) + "]" + (has_bias ? "" : " no-bias");
  }
};

std::vector<int8_t> random_int8(std::mt19937& rng, int64_t count) {
  std::uniform_int_distribution<int> dist(-128, 127);
  std::vector<int8_t> values(static_cast<size_t>(count));
  for (int8_t& v : values) v = static_cast<int8_t>(dist(rng));
  return values;
}

// Real multipliers 2^-22 .. 2^1: right shifts up to 22 and left shifts.
std::vector<QuantizedMultiplier> random_multipliers(std::mt19937& rng, int32_t count) {
  std::uniform_real_distribution<double> exponent(-22.0, 1.0);
  std::vector<QuantizedMultiplier> result;
  for (int32_t i = 0; i < count; ++i)
    result.push_back(quantize_multiplier(std::exp2(exponent(rng))));
  return result;
}

// TFLite's SAME/VALID output size and leading padding.
void output_and_padding(bool same, int32_t in, int32_t k, int32_t stride, int32_t dilation,
                        int32_t* out, int32_t* pad_before) {
  const int32_t effective = (k - 1) * dilation + 1;
  *out = same ? (in + stride - 1) / stride : (in - effective + stride) / stride;
  *pad_before = std::max((*out - 1) * stride + effective - in, 0) / 2;
}

// Every ISA this CPU can run (the portable one always).
std::vector<Isa> supported_isas() {
  std::vector<Isa> isas;
  for (Isa isa : {Isa::kPortable, Isa::kAvx2, Isa::kAvx512Vnni}) {
    if (isa_supported(isa)) isas.push_back(isa);
  }
  return isas;
}

// Index of the first differing byte, or -1.
int64_t first_mismatch(const std::vector<int8_t>& a, const std::vector<int8_t>& b) {
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) return static_cast<int64_t>(i);
  }
  return a.size() == b.size() ? -1 : static_cast<int64_t>(std::min(a.size(), b.size()));
}

void check_case(const ConvCase& c, Isa isa) {
  SCOPED_TRACE(c.name() + " isa " + isa_name(isa));
  std::mt19937 rng(c.seed);
  int32_t out_h = 0, out_w = 0, pad_top = 0, pad_left = 0;
  output_and_padding(c.same, c.in_h, c.k_h, c.stride, c.dilation, &out_h, &pad_top);
  output_and_padding(c.same, c.in_w, c.k_w, c.stride, c.dilation, &out_w, &pad_left);
  ASSERT_GT(out_h, 0);
  ASSERT_GT(out_w, 0);
  const Dims input_dims{c.batches, c.in_h, c.in_w, c.in_c};
  const Dims filter_dims{c.out_c, c.k_h, c.k_w, c.in_c / c.groups};
  const Dims output_dims{c.batches, out_h, out_w, c.out_c};
  const std::vector<int8_t> input = random_int8(rng, input_dims.flat_size());
  const std::vector<int8_t> filter = random_int8(rng, filter_dims.flat_size());
  std::uniform_int_distribution<int32_t> bias_dist(-100000, 100000);
  std::vector<int32_t> bias(static_cast<size_t>(c.out_c));
  for (int32_t& b : bias) b = bias_dist(rng);
  const std::vector<QuantizedMultiplier> multipliers = random_multipliers(rng, c.out_c);

  ConvParams params;
  params.input_offset = -c.input_zp;
  params.output_offset = c.output_zp;
  params.stride_h = c.stride;
  params.stride_w = c.stride;
  params.dilation_h = c.dilation;
  params.dilation_w = c.dilation;
  params.pad_top = pad_top;
  params.pad_left = pad_left;
  params.activation_min = c.act_min;
  params.activation_max = c.act_max;
  const int32_t* bias_ptr = c.has_bias ? bias.data() : nullptr;

  std::vector<int8_t> expected(static_cast<size_t>(output_dims.flat_size()), 0x55);
  s8_conv2d(params, multipliers.data(), input_dims, input.data(), filter_dims, filter.data(),
            bias_ptr, output_dims, expected.data());

  const PackedConvFilter packed =
      pack_s8_conv2d_filter(params, input_dims, filter_dims, filter.data(), isa);
  ASSERT_EQ(packed.isa, isa);
  std::vector<uint8_t> scratch(
      s8_conv2d_fast_scratch_bytes(params, packed, input_dims, output_dims) + 1, 0xA5);
  std::vector<int8_t> actual(expected.size(), 0x33);
  s8_conv2d_fast(params, multipliers.data(), input_dims, input.data(), filter_dims, filter.data(),
                 bias_ptr, output_dims, actual.data(), packed, scratch.data());
  const int64_t at = first_mismatch(expected, actual);
  ASSERT_EQ(at, -1) << "expected " << int{expected[static_cast<size_t>(at)]} << " got "
                    << int{actual[static_cast<size_t>(at)]};
  EXPECT_EQ(scratch.back(), 0xA5) << "scratch overrun";
}

struct ChannelSpec {
  int32_t in_c, out_c, groups;
};

std::vector<ConvCase> sweep() {
  // Around the tiles: quads of 4 input channels, vectors of 16 and blocks of
  // 64 output channels, primes; grouped and depthwise-like grouped cases.
  const std::vector<ChannelSpec> channels = {{3, 16, 1},  {4, 15, 1}, {5, 17, 1},  {13, 63, 1},
                                             {8, 64, 1},  {7, 65, 1}, {11, 97, 1}, {1, 2, 1},
                                             {12, 10, 2}, {15, 9, 3}, {6, 6, 6},   {34, 130, 2}};
  const std::vector<std::pair<int32_t, int32_t>> kernels = {{1, 1}, {3, 3}, {2, 5}};
  const std::vector<int32_t> zps = {-128, 127, 0, -5};
  const std::vector<int32_t> out_zps = {127, -128, 3};
  const std::vector<std::pair<int32_t, int32_t>> acts = {{-128, 127}, {0, 127}, {-20, 45}};
  const std::vector<int32_t> sizes = {5, 6, 7, 11};
  std::vector<ConvCase> cases;
  uint32_t index = 0;
  for (const ChannelSpec& ch : channels) {
    for (const auto& k : kernels) {
      for (int32_t stride = 1; stride <= 3; ++stride) {
        for (int32_t dilation = 1; dilation <= 2; ++dilation) {
          for (bool same : {true, false}) {
            ConvCase c{};
            c.batches = index % 5 == 0 ? 2 : 1;
            c.in_h = sizes[index % sizes.size()];
            c.in_w = sizes[(index / 4 + 1) % sizes.size()] + 1;
            c.in_c = ch.in_c;
            c.out_c = ch.out_c;
            c.groups = ch.groups;
            c.k_h = k.first;
            c.k_w = k.second;
            c.stride = stride;
            c.dilation = dilation;
            c.same = same;
            c.input_zp = zps[index % zps.size()];
            c.output_zp = out_zps[index % out_zps.size()];
            c.act_min = acts[(index / 3) % acts.size()].first;
            c.act_max = acts[(index / 3) % acts.size()].second;
            c.has_bias = index % 7 != 3;
            c.seed = 1000 + index;
            ++index;
            // VALID needs the dilated kernel to fit.
            if (!same &&
                ((c.k_h - 1) * dilation + 1 > c.in_h || (c.k_w - 1) * dilation + 1 > c.in_w)) {
              continue;
            }
            cases.push_back(c);
          }
        }
      }
    }
  }
  return cases;
}

void run_sweep(Isa isa) {
  const std::vector<ConvCase> cases = sweep();
  ASSERT_GT(cases.size(), 300u);
  for (const ConvCase& c : cases) {
    check_case(c, isa);
    if (::testing::Test::HasFatalFailure()) return;
  }
}

TEST(OptimizedConv2d, SweepPortableMatchesReference) { run_sweep(Isa::kPortable); }

TEST(OptimizedConv2d, SweepAvx2MatchesReference) {
  if (!isa_supported(Isa::kAvx2)) GTEST_SKIP() << "CPU lacks AVX2";
  run_sweep(Isa::kAvx2);
}

TEST(OptimizedConv2d, SweepAvx512VnniMatchesReference) {
  if (!isa_supported(Isa::kAvx512Vnni)) GTEST_SKIP() << "CPU lacks AVX-512 VNNI";
  run_sweep(Isa::kAvx512Vnni);
}

TEST(OptimizedConv2d, PeerShapesMatchReference) {
  // The benchmark shapes: 1x1 28x28x256->256 and 3x3 28x28x64->64 SAME.
  for (Isa isa : supported_isas()) {
    ConvCase pointwise{1, 28, 28, 256, 256, 1, 1, 1, 1, 1, true, -3, 4, -128, 127, true, 7};
    check_case(pointwise, isa);
    ConvCase three{1, 28, 28, 64, 64, 1, 3, 3, 1, 1, true, 127, -128, -128, 127, true, 8};
    check_case(three, isa);
  }
}

TEST(OptimizedConv2d, LargeKernelAndDeepInputKeepWrappingSums) {
  // K = 7 * 7 * 160 taps with extreme values: accumulators far beyond int16.
  for (Isa isa : supported_isas()) {
    check_case({2, 9, 8, 160, 33, 1, 7, 7, 2, 1, true, -128, 0, -128, 127, true, 11}, isa);
  }
}

TEST(OptimizedConv2d, UnrepresentableZeroPointFallsBackToReference) {
  // input_offset -128 means zero point 128, outside int8: no uint8 pad value
  // exists, so the fast kernel must hand over to the reference kernel.
  ConvParams params;
  params.input_offset = -128;
  const Dims input_dims{1, 4, 4, 3};
  const Dims filter_dims{5, 3, 3, 3};
  const Dims output_dims{1, 4, 4, 5};
  params.pad_top = 1;
  params.pad_left = 1;
  std::mt19937 rng(5);
  const std::vector<int8_t> input = random_int8(rng, input_dims.flat_size());
  const std::vector<int8_t> filter = random_int8(rng, filter_dims.flat_size());
  const std::vector<QuantizedMultiplier> multipliers = random_multipliers(rng, 5);
  const PackedConvFilter packed =
      pack_s8_conv2d_filter(params, input_dims, filter_dims, filter.data(), best_isa());
  EXPECT_FALSE(packed.exact_fold);
  EXPECT_EQ(s8_conv2d_fast_scratch_bytes(params, packed, input_dims, output_dims), 0u);
  std::vector<int8_t> expected(80), actual(80);
  s8_conv2d(params, multipliers.data(), input_dims, input.data(), filter_dims, filter.data(),
            nullptr, output_dims, expected.data());
  s8_conv2d_fast(params, multipliers.data(), input_dims, input.data(), filter_dims, filter.data(),
                 nullptr, output_dims, actual.data(), packed, nullptr);
  EXPECT_EQ(actual, expected);
}

TEST(OptimizedConv2d, InputOffsetOtherThanPackedRunsReference) {
  ConvParams params;
  params.input_offset = 5;
  params.pad_top = 1;
  params.pad_left = 1;
  const Dims input_dims{1, 4, 4, 3};
  const Dims filter_dims{5, 3, 3, 3};
  const Dims output_dims{1, 4, 4, 5};
  std::mt19937 rng(6);
  const std::vector<int8_t> input = random_int8(rng, input_dims.flat_size());
  const std::vector<int8_t> filter = random_int8(rng, filter_dims.flat_size());
  const std::vector<QuantizedMultiplier> multipliers = random_multipliers(rng, 5);
  const PackedConvFilter packed =
      pack_s8_conv2d_filter(params, input_dims, filter_dims, filter.data(), best_isa());
  params.input_offset = -9;  // changed after packing
  std::vector<int8_t> expected(80), actual(80);
  s8_conv2d(params, multipliers.data(), input_dims, input.data(), filter_dims, filter.data(),
            nullptr, output_dims, expected.data());
  std::vector<uint8_t> scratch(
      s8_conv2d_fast_scratch_bytes(params, packed, input_dims, output_dims));
  s8_conv2d_fast(params, multipliers.data(), input_dims, input.data(), filter_dims, filter.data(),
                 nullptr, output_dims, actual.data(), packed, scratch.data());
  EXPECT_EQ(actual, expected);
}

TEST(OptimizedConv2d, EmptyBatchNeedsNoScratchAndWritesNothing) {
  ConvParams params;
  params.pad_top = 1;
  params.pad_left = 1;
  const Dims input_dims{0, 5, 5, 3};
  const Dims filter_dims{4, 3, 3, 3};
  const Dims output_dims{0, 5, 5, 4};
  const std::vector<int8_t> filter(108, 1);
  const std::vector<QuantizedMultiplier> multipliers(4, quantize_multiplier(0.01));
  for (Isa isa : supported_isas()) {
    const PackedConvFilter packed =
        pack_s8_conv2d_filter(params, input_dims, filter_dims, filter.data(), isa);
    EXPECT_EQ(s8_conv2d_fast_scratch_bytes(params, packed, input_dims, output_dims), 0u);
    int8_t sentinel = 0x5A;
    s8_conv2d_fast(params, multipliers.data(), input_dims, nullptr, filter_dims, filter.data(),
                   nullptr, output_dims, &sentinel, packed, nullptr);
    EXPECT_EQ(sentinel, 0x5A);
  }
}

TEST(OptimizedConv2d, RequestedIsaFallsBackWhenUnsupported) {
  const Dims filter_dims{1, 1, 1, 1};
  const std::vector<int8_t> filter = {1};
  const PackedConvFilter packed = pack_s8_conv2d_filter(ConvParams{}, Dims{1, 1, 1, 1}, filter_dims,
                                                        filter.data(), Isa::kAvx512Vnni);
  EXPECT_EQ(packed.isa, isa_supported(Isa::kAvx512Vnni) ? Isa::kAvx512Vnni : Isa::kPortable);
  const PackedConvFilter packed_avx2 =
      pack_s8_conv2d_filter(ConvParams{}, Dims{1, 1, 1, 1}, filter_dims, filter.data(), Isa::kAvx2);
  EXPECT_EQ(packed_avx2.isa, isa_supported(Isa::kAvx2) ? Isa::kAvx2 : Isa::kPortable);
}

}  // namespace
}  // namespace vnpu::kernels
