// s8_fully_connected_fast against s8_fully_connected: byte-identical outputs
// over a spec-generated sweep on the portable and (where the CPU has it) the
// AVX-512 VNNI body: depths around the quad of 4, output channels around the
// vector of 16 and block of 64, batch rows around the 6-row tile, per-tensor
// and per-channel multipliers, filter offsets, edge zero points, clamps; plus
// the requantization edge cases (INT32_MIN/MAX accumulators, left shifts,
// wrapping output offset) driven through zero weights and the bias.
#include <gtest/gtest.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "kernels/optimized/fully_connected_fast.h"

namespace vnpu::kernels {
namespace {

struct FcCase {
  Dims input_dims;
  int32_t out_c;
  bool per_channel;
  int32_t input_zp, filter_zp, output_zp, act_min, act_max;
  bool has_bias;
  uint32_t seed;

  std::string name() const {
    std::string dims;
    for (int i = 0; i < input_dims.rank(); ++i) dims += std::to_string(input_dims[i]) + " ";
    return "input " + dims + "-> " + std::to_string(out_c) +
           (per_channel ? " per-channel" : " per-tensor") + " zp " + std::to_string(input_zp) +
           "/" + std::to_string(filter_zp) + "/" + std::to_string(output_zp) + " act [" +
           std::to_string(act_min) + "," + std::to_string(act_max) + "]" +
           (has_bias ? "" : " no-bias");
  }
};

std::vector<int8_t> random_int8(std::mt19937& rng, int64_t count) {
  std::uniform_int_distribution<int> dist(-128, 127);
  std::vector<int8_t> values(static_cast<size_t>(count));
  for (int8_t& v : values) v = static_cast<int8_t>(dist(rng));
  return values;
}

std::vector<QuantizedMultiplier> random_multipliers(std::mt19937& rng, int32_t count) {
  std::uniform_real_distribution<double> exponent(-20.0, 1.0);
  std::vector<QuantizedMultiplier> result;
  for (int32_t i = 0; i < count; ++i)
    result.push_back(quantize_multiplier(std::exp2(exponent(rng))));
  return result;
}

int64_t first_mismatch(const std::vector<int8_t>& a, const std::vector<int8_t>& b) {
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) return static_cast<int64_t>(i);
  }
  return a.size() == b.size() ? -1 : static_cast<int64_t>(std::min(a.size(), b.size()));
}

struct FcRun {
  FullyConnectedParams params;
  Dims input_dims, filter_dims, output_dims;
  std::vector<int8_t> input, filter;
  std::vector<int32_t> bias;  // empty: no bias
  std::vector<QuantizedMultiplier> multipliers;
};

void expect_fast_equals_reference(const FcRun& run, Isa isa) {
  SCOPED_TRACE(std::string("isa ") + isa_name(isa));
  const int32_t* bias = run.bias.empty() ? nullptr : run.bias.data();
  std::vector<int8_t> expected(static_cast<size_t>(run.output_dims.flat_size()), 0x55);
  s8_fully_connected(run.params, run.multipliers.data(), run.input_dims, run.input.data(),
                     run.filter_dims, run.filter.data(), bias, run.output_dims, expected.data());
  const PackedConvFilter packed =
      pack_s8_fully_connected_filter(run.params, run.filter_dims, run.filter.data(), isa);
  EXPECT_EQ(packed.isa, isa);
  std::vector<uint8_t> scratch(
      s8_fully_connected_fast_scratch_bytes(run.params, packed, run.input_dims) + 1, 0xA5);
  std::vector<int8_t> actual(expected.size(), 0x33);
  s8_fully_connected_fast(run.params, run.multipliers.data(), run.input_dims, run.input.data(),
                          run.filter_dims, run.filter.data(), bias, run.output_dims, actual.data(),
                          packed, scratch.data());
  const int64_t at = first_mismatch(expected, actual);
  const auto shown = static_cast<size_t>(std::max<int64_t>(at, 0));
  EXPECT_EQ(at, -1) << "expected " << int{expected[shown]} << " got " << int{actual[shown]};
  EXPECT_EQ(scratch.back(), 0xA5) << "scratch overrun";
}

void check_case(const FcCase& c, Isa isa) {
  SCOPED_TRACE(c.name());
  std::mt19937 rng(c.seed);
  FcRun run;
  const int32_t depth = c.input_dims[c.input_dims.rank() - 1];
  const auto rows = static_cast<int32_t>(c.input_dims.flat_size() / depth);
  run.input_dims = c.input_dims;
  run.filter_dims = Dims{c.out_c, depth};
  run.output_dims = Dims{rows, c.out_c};
  run.input = random_int8(rng, run.input_dims.flat_size());
  run.filter = random_int8(rng, run.filter_dims.flat_size());
  if (c.has_bias) {
    std::uniform_int_distribution<int32_t> bias_dist(-50000, 50000);
    for (int32_t i = 0; i < c.out_c; ++i) run.bias.push_back(bias_dist(rng));
  }
  run.multipliers = random_multipliers(rng, c.per_channel ? c.out_c : 1);
  run.params.input_offset = -c.input_zp;
  run.params.filter_offset = -c.filter_zp;
  run.params.output_offset = c.output_zp;
  run.params.activation_min = c.act_min;
  run.params.activation_max = c.act_max;
  run.params.per_channel = c.per_channel;
  expect_fast_equals_reference(run, isa);
}

std::vector<FcCase> sweep() {
  const std::vector<int32_t> depths = {1, 3, 4, 5, 16, 63, 64, 65, 127, 250};
  const std::vector<int32_t> outs = {1, 2, 15, 16, 17, 63, 64, 65, 97, 130};
  const std::vector<int32_t> row_counts = {1, 5, 6, 7, 13};
  const std::vector<int32_t> zps = {-128, 127, 0, 3};
  const std::vector<int32_t> filter_zps = {0, 0, 5, -2};
  const std::vector<int32_t> out_zps = {127, -128, -1};
  const std::vector<std::pair<int32_t, int32_t>> acts = {{-128, 127}, {0, 127}, {-100, 6}};
  std::vector<FcCase> cases;
  uint32_t index = 0;
  for (int32_t depth : depths) {
    for (int32_t out_c : outs) {
      for (bool per_channel : {true, false}) {
        FcCase c{};
        const int32_t rows = row_counts[index % row_counts.size()];
        // Some inputs of rank 3 ([2, rows, depth] style flattening).
        c.input_dims = index % 3 == 0 ? Dims{1, rows, depth} : Dims{rows, depth};
        c.out_c = out_c;
        c.per_channel = per_channel;
        c.input_zp = zps[index % zps.size()];
        c.filter_zp = filter_zps[(index / 2) % filter_zps.size()];
        c.output_zp = out_zps[index % out_zps.size()];
        c.act_min = acts[(index / 4) % acts.size()].first;
        c.act_max = acts[(index / 4) % acts.size()].second;
        c.has_bias = index % 5 != 4;
        c.seed = 3000 + index;
        ++index;
        cases.push_back(c);
      }
    }
  }
  return cases;
}

void run_sweep(Isa isa) {
  const std::vector<FcCase> cases = sweep();
  ASSERT_EQ(cases.size(), 200u);
  for (const FcCase& c : cases) {
    check_case(c, isa);
    if (::testing::Test::HasFailure()) return;
  }
}

TEST(OptimizedFullyConnected, SweepPortableMatchesReference) { run_sweep(Isa::kPortable); }

TEST(OptimizedFullyConnected, SweepAvx2MatchesReference) {
  if (!isa_supported(Isa::kAvx2)) GTEST_SKIP() << "CPU lacks AVX2";
  run_sweep(Isa::kAvx2);
}

TEST(OptimizedFullyConnected, SweepAvx512VnniMatchesReference) {
  if (!isa_supported(Isa::kAvx512Vnni)) GTEST_SKIP() << "CPU lacks AVX-512 VNNI";
  run_sweep(Isa::kAvx512Vnni);
}

// Zero weights make the accumulator equal the bias, so the bias drives the
// requantization through its edges: INT32_MIN/MAX, ties, left shifts that
// wrap, the INT32_MIN * INT32_MIN saturation, and an output offset whose add
// wraps past INT32_MAX.
FcRun requantization_edges() {
  FcRun run;
  const std::vector<int32_t> accumulators = {INT32_MIN,
                                             INT32_MAX,
                                             0,
                                             1,
                                             -1,
                                             2,
                                             -2,
                                             3,
                                             -3,
                                             1 << 20,
                                             -(1 << 20),
                                             (1 << 20) + (1 << 19),
                                             -((1 << 20) + (1 << 19)),
                                             123456789,
                                             -987654321,
                                             (1 << 30) + 1,
                                             -(1 << 30) - 1};
  const std::vector<QuantizedMultiplier> multipliers = {
      {1 << 30, -1},     {1 << 30, -20},     {INT32_MAX, 0},   {1 << 30, 0}, {INT32_MIN, 0},
      {1518500250, 3},   {1073741825, -31},  {2147483000, 1},  {0, 0},       {1 << 30, -30},
      {1431655765, -2},  {1 << 30, 31 - 31}, {1932735283, -5}, {1 << 30, 2}, {1288490189, -13},
      {1073741824, -31}, {1800000000, 4}};
  const auto count = static_cast<int32_t>(accumulators.size() * multipliers.size());
  run.params.per_channel = true;
  run.params.input_offset = 7;
  run.params.output_offset = 127;
  run.input_dims = Dims{3, 5};
  run.filter_dims = Dims{count, 5};
  run.output_dims = Dims{3, count};
  run.input = {1, -2, 3, -4, 5, 127, -128, 0, 1, 2, -128, -128, -128, -128, -128};
  run.filter.assign(static_cast<size_t>(count) * 5, 0);
  for (size_t a = 0; a < accumulators.size(); ++a) {
    for (size_t m = 0; m < multipliers.size(); ++m) {
      run.bias.push_back(accumulators[a]);
      run.multipliers.push_back(multipliers[m]);
    }
  }
  return run;
}

TEST(OptimizedFullyConnected, RequantizationEdgesMatchReference) {
  FcRun run = requantization_edges();
  for (int32_t offset : {127, -128, 0}) {
    run.params.output_offset = offset;
    for (Isa isa : {Isa::kPortable, Isa::kAvx2, Isa::kAvx512Vnni}) {
      if (isa_supported(isa)) expect_fast_equals_reference(run, isa);
    }
  }
}

TEST(OptimizedFullyConnected, RequantizationEdgesReachSaturationAndWrap) {
  // Guards the edge test itself: the reference must see outputs at both clamp
  // ends and in between, else the edges above are not exercised.
  const FcRun run = requantization_edges();
  std::vector<int8_t> output(static_cast<size_t>(run.output_dims.flat_size()));
  s8_fully_connected(run.params, run.multipliers.data(), run.input_dims, run.input.data(),
                     run.filter_dims, run.filter.data(), run.bias.data(), run.output_dims,
                     output.data());
  EXPECT_NE(std::count(output.begin(), output.end(), int8_t{127}), 0);
  EXPECT_NE(std::count(output.begin(), output.end(), int8_t{-128}), 0);
  EXPECT_GT(
      std::count_if(output.begin(), output.end(), [](int8_t v) { return v > -128 && v < 127; }),
      10);
}

TEST(OptimizedFullyConnected, UnrepresentableZeroPointFallsBackToReference) {
  FcRun run;
  run.params.input_offset = -128;  // zero point 128: not int8
  run.params.per_channel = false;
  run.input_dims = Dims{2, 7};
  run.filter_dims = Dims{3, 7};
  run.output_dims = Dims{2, 3};
  std::mt19937 rng(4);
  run.input = random_int8(rng, 14);
  run.filter = random_int8(rng, 21);
  run.multipliers = random_multipliers(rng, 1);
  const PackedConvFilter packed =
      pack_s8_fully_connected_filter(run.params, run.filter_dims, run.filter.data(), best_isa());
  EXPECT_FALSE(packed.exact_fold);
  expect_fast_equals_reference(run, best_isa());
}

}  // namespace
}  // namespace vnpu::kernels
