// s8_depthwise_conv2d_fast against s8_depthwise_conv2d: byte-identical
// outputs over a spec-generated sweep, on the portable body and (where the CPU
// has it) the AVX-512 VNNI body. Tile edges: channels around a vector of 16
// and a block of 64, filter heights around the 4-row chunk (3, 4, 5), output
// widths around the 4-output step, 1 to 11 register-held tap vectors and
// wider filters (generic path), the two-rows-per-buffer path (k_h <= 3 with
// stride_h == dilation_h, odd and even output heights), depth multipliers 1..3, strides 1..3,
// dilations 1..2, SAME/VALID, batch > 1, edge zero points, per-channel scales
// over many orders of magnitude, activation clamps.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "kernels/optimized/depthwise_conv2d_fast.h"

namespace vnpu::kernels {
namespace {

struct DwCase {
  int32_t batches, in_h, in_w, in_c, multiplier, k_h, k_w;
  int32_t stride_h, stride_w, dilation;
  bool same;
  int32_t input_zp, output_zp, act_min, act_max;
  bool has_bias;
  uint32_t seed;

  std::string name() const {
    return std::to_string(batches) + "x" + std::to_string(in_h) + "x" + std::to_string(in_w) + "x" +
           std::to_string(in_c) + " M " + std::to_string(multiplier) + " k " + std::to_string(k_h) +
           "x" + std::to_string(k_w) + " s " + std::to_string(stride_h) + "," +
           std::to_string(stride_w) + " d " + std::to_string(dilation) +
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

// Real multipliers 2^-16 .. 2^2: right shifts up to 16 and left shifts.
std::vector<QuantizedMultiplier> random_multipliers(std::mt19937& rng, int32_t count) {
  std::uniform_real_distribution<double> exponent(-16.0, 2.0);
  std::vector<QuantizedMultiplier> result;
  for (int32_t i = 0; i < count; ++i)
    result.push_back(quantize_multiplier(std::exp2(exponent(rng))));
  return result;
}

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

int64_t first_mismatch(const std::vector<int8_t>& a, const std::vector<int8_t>& b) {
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) return static_cast<int64_t>(i);
  }
  return a.size() == b.size() ? -1 : static_cast<int64_t>(std::min(a.size(), b.size()));
}

// Runs one case; returns how many outputs fell strictly inside the clamp.
int64_t check_case(const DwCase& c, Isa isa) {
  SCOPED_TRACE(c.name() + " isa " + isa_name(isa));
  std::mt19937 rng(c.seed);
  int32_t out_h = 0, out_w = 0, pad_top = 0, pad_left = 0;
  output_and_padding(c.same, c.in_h, c.k_h, c.stride_h, c.dilation, &out_h, &pad_top);
  output_and_padding(c.same, c.in_w, c.k_w, c.stride_w, c.dilation, &out_w, &pad_left);
  EXPECT_GT(out_h, 0);
  EXPECT_GT(out_w, 0);
  const int32_t out_c = c.in_c * c.multiplier;
  const Dims input_dims{c.batches, c.in_h, c.in_w, c.in_c};
  const Dims filter_dims{1, c.k_h, c.k_w, out_c};
  const Dims output_dims{c.batches, out_h, out_w, out_c};
  const std::vector<int8_t> input = random_int8(rng, input_dims.flat_size());
  const std::vector<int8_t> filter = random_int8(rng, filter_dims.flat_size());
  std::uniform_int_distribution<int32_t> bias_dist(-30000, 30000);
  std::vector<int32_t> bias(static_cast<size_t>(out_c));
  for (int32_t& b : bias) b = bias_dist(rng);
  const std::vector<QuantizedMultiplier> multipliers = random_multipliers(rng, out_c);

  DepthwiseConvParams params;
  params.input_offset = -c.input_zp;
  params.output_offset = c.output_zp;
  params.stride_h = c.stride_h;
  params.stride_w = c.stride_w;
  params.dilation_h = c.dilation;
  params.dilation_w = c.dilation;
  params.pad_top = pad_top;
  params.pad_left = pad_left;
  params.depth_multiplier = c.multiplier;
  params.activation_min = c.act_min;
  params.activation_max = c.act_max;
  const int32_t* bias_ptr = c.has_bias ? bias.data() : nullptr;

  std::vector<int8_t> expected(static_cast<size_t>(output_dims.flat_size()), 0x55);
  s8_depthwise_conv2d(params, multipliers.data(), input_dims, input.data(), filter_dims,
                      filter.data(), bias_ptr, output_dims, expected.data());

  const PackedDepthwiseFilter packed =
      pack_s8_depthwise_conv2d_filter(params, filter_dims, filter.data(), isa);
  EXPECT_EQ(packed.isa, isa);
  std::vector<uint8_t> scratch(
      s8_depthwise_conv2d_fast_scratch_bytes(params, packed, output_dims) + 1, 0xA5);
  std::vector<int8_t> actual(expected.size(), 0x33);
  s8_depthwise_conv2d_fast(params, multipliers.data(), input_dims, input.data(), filter_dims,
                           filter.data(), bias_ptr, output_dims, actual.data(), packed,
                           scratch.data());
  const int64_t at = first_mismatch(expected, actual);
  EXPECT_EQ(at, -1) << "expected " << int{expected[static_cast<size_t>(std::max<int64_t>(at, 0))]}
                    << " got " << int{actual[static_cast<size_t>(std::max<int64_t>(at, 0))]};
  EXPECT_EQ(scratch.back(), 0xA5) << "scratch overrun";
  return std::count_if(expected.begin(), expected.end(),
                       [&](int8_t v) { return v > c.act_min && v < c.act_max; });
}

std::vector<DwCase> sweep() {
  const std::vector<std::pair<int32_t, int32_t>> channels = {{1, 1},  {3, 1},  {15, 1}, {16, 1},
                                                             {17, 1}, {31, 1}, {64, 1}, {65, 1},
                                                             {5, 2},  {8, 2},  {7, 3},  {11, 3}};
  const std::vector<std::pair<int32_t, int32_t>> kernels = {{3, 3}, {1, 1}, {5, 5}, {4, 2},
                                                            {1, 5}, {9, 1}, {2, 11}};
  const std::vector<int32_t> zps = {-128, 127, 0, 9};
  const std::vector<int32_t> out_zps = {-128, 127, -3};
  const std::vector<std::pair<int32_t, int32_t>> acts = {{-128, 127}, {0, 127}, {-60, 70}};
  const std::vector<int32_t> widths = {3, 4, 5, 9, 13};
  std::vector<DwCase> cases;
  uint32_t index = 0;
  for (const auto& ch : channels) {
    for (const auto& k : kernels) {
      for (int32_t stride = 1; stride <= 3; ++stride) {
        for (int32_t dilation = 1; dilation <= 2; ++dilation) {
          for (bool same : {true, false}) {
            DwCase c{};
            c.batches = index % 4 == 1 ? 2 : 1;
            c.in_h = 7 + static_cast<int32_t>(index % 5);
            c.in_w = widths[index % widths.size()] + (same ? 0 : 9);
            c.in_c = ch.first;
            c.multiplier = ch.second;
            c.k_h = k.first;
            c.k_w = k.second;
            c.stride_h = stride;
            c.stride_w = 1 + static_cast<int32_t>((index + stride) % 3);
            c.dilation = dilation;
            c.same = same;
            c.input_zp = zps[index % zps.size()];
            c.output_zp = out_zps[(index / 2) % out_zps.size()];
            c.act_min = acts[(index / 5) % acts.size()].first;
            c.act_max = acts[(index / 5) % acts.size()].second;
            c.has_bias = index % 6 != 2;
            c.seed = 2000 + index;
            ++index;
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
  const std::vector<DwCase> cases = sweep();
  ASSERT_GT(cases.size(), 800u);
  int64_t inside = 0;
  for (const DwCase& c : cases) {
    inside += check_case(c, isa);
    if (::testing::Test::HasFailure()) return;
  }
  // The sweep must exercise rounding, not only saturation.
  EXPECT_GT(inside, 100000);
}

TEST(OptimizedDepthwiseConv2d, SweepPortableMatchesReference) { run_sweep(Isa::kPortable); }

TEST(OptimizedDepthwiseConv2d, SweepAvx2MatchesReference) {
  if (!isa_supported(Isa::kAvx2)) GTEST_SKIP() << "CPU lacks AVX2";
  run_sweep(Isa::kAvx2);
}

TEST(OptimizedDepthwiseConv2d, SweepAvx512VnniMatchesReference) {
  if (!isa_supported(Isa::kAvx512Vnni)) GTEST_SKIP() << "CPU lacks AVX-512 VNNI";
  run_sweep(Isa::kAvx512Vnni);
}

TEST(OptimizedDepthwiseConv2d, PeerShapeMatchesReference) {
  // The benchmark shape: 3x3 on 1x56x56x128, stride 1, SAME.
  for (Isa isa : supported_isas()) {
    check_case({1, 56, 56, 128, 1, 3, 3, 1, 1, 1, true, -7, 2, -128, 127, true, 3}, isa);
  }
}

TEST(OptimizedDepthwiseConv2d, EmptyBatchNeedsNoScratchAndWritesNothing) {
  DepthwiseConvParams params;
  const Dims input_dims{0, 4, 4, 8};
  const Dims filter_dims{1, 3, 3, 8};
  const Dims output_dims{0, 2, 2, 8};
  const std::vector<int8_t> filter(72, 1);
  const std::vector<QuantizedMultiplier> multipliers(8, quantize_multiplier(0.01));
  for (Isa isa : supported_isas()) {
    const PackedDepthwiseFilter packed =
        pack_s8_depthwise_conv2d_filter(params, filter_dims, filter.data(), isa);
    EXPECT_EQ(s8_depthwise_conv2d_fast_scratch_bytes(params, packed, output_dims), 0u);
    int8_t sentinel = 0x5A;
    s8_depthwise_conv2d_fast(params, multipliers.data(), input_dims, nullptr, filter_dims,
                             filter.data(), nullptr, output_dims, &sentinel, packed, nullptr);
    EXPECT_EQ(sentinel, 0x5A);
  }
}

TEST(OptimizedDepthwiseConv2d, UnrepresentableZeroPointFallsBackToReference) {
  DepthwiseConvParams params;
  params.input_offset = 200;  // zero point -200: not int8
  params.pad_top = 1;
  params.pad_left = 1;
  const Dims input_dims{1, 5, 5, 4};
  const Dims filter_dims{1, 3, 3, 4};
  const Dims output_dims{1, 5, 5, 4};
  std::mt19937 rng(9);
  const std::vector<int8_t> input = random_int8(rng, input_dims.flat_size());
  const std::vector<int8_t> filter = random_int8(rng, filter_dims.flat_size());
  const std::vector<QuantizedMultiplier> multipliers = random_multipliers(rng, 4);
  const PackedDepthwiseFilter packed =
      pack_s8_depthwise_conv2d_filter(params, filter_dims, filter.data(), best_isa());
  EXPECT_FALSE(packed.exact_fold);
  std::vector<int8_t> expected(100), actual(100);
  s8_depthwise_conv2d(params, multipliers.data(), input_dims, input.data(), filter_dims,
                      filter.data(), nullptr, output_dims, expected.data());
  s8_depthwise_conv2d_fast(params, multipliers.data(), input_dims, input.data(), filter_dims,
                           filter.data(), nullptr, output_dims, actual.data(), packed, nullptr);
  EXPECT_EQ(actual, expected);
}

}  // namespace
}  // namespace vnpu::kernels
