// POOL on the functional NPU: MAX and AVERAGE against TFLite's reference
// pooling kernels, the global-scale average with Vela's pooling scale checked
// exhaustively against TFLite's rounded division, and REDUCE_SUM by hand.
#include "sim/functional/pooling.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "kernels/pooling.h"
#include "sim/functional/output_stage.h"
#include "tests/sim/functional/npu_test_util.h"

namespace vnpu::testing {
namespace {

using isa::DataFormat;
using sim::FmShape;

// Vela's quantise_pooling_scale(n): 2^(31 + k) / n rounded up by 2^k / n,
// with k the exponent of frexp(n - 1).
void pooling_scale(int32_t n, uint32_t* scale, int* shift) {
  int k = 0;
  std::frexp(static_cast<double>(n - 1), &k);
  *shift = 31 + k;
  *scale = static_cast<uint32_t>(((uint64_t{1} << (31 + k)) + (uint64_t{1} << k)) /
                                 static_cast<uint64_t>(n));
}

int64_t tflite_average(int64_t sum, int64_t n) {
  return sum > 0 ? (sum + n / 2) / n : (sum - n / 2) / n;
}

TEST(PoolingTest, VelaAverageScaleWithDoubleRoundingEqualsTfliteDivision) {
  // Every kernel size up to 8x8 and the shared models' 25x5, every possible int8 window sum.
  std::vector<int32_t> sizes;
  for (int32_t n = 1; n <= 64; ++n) sizes.push_back(n);
  sizes.push_back(125);
  for (int32_t n : sizes) {
    uint32_t scale = 0;
    int shift = 0;
    pooling_scale(n, &scale, &shift);
    for (int64_t sum = -128 * n; sum <= 127 * n; ++sum) {
      ASSERT_EQ(sim::scale_value(sum, scale, shift, isa::RoundMode::kDbl), tflite_average(sum, n))
          << "n " << n << " sum " << sum;
    }
  }
}

struct PoolSetup {
  isa::Operation op;
  FmShape in, out;
  int32_t pad_top = 0, pad_left = 0;
};

PoolSetup make_pool(std::mt19937& rng, isa::PoolingMode mode, bool same) {
  auto u = [&](int32_t lo, int32_t hi) { return std::uniform_int_distribution<int32_t>(lo, hi)(rng); };
  PoolSetup p;
  p.in = {u(1, 12), u(1, 12), u(1, 20)};
  const int32_t kh = u(1, std::min(p.in.height, 5)), kw = u(1, std::min(p.in.width, 5));
  const int32_t sy = u(1, 3), sx = u(1, 3);
  auto out_and_pad = [&](int32_t in, int32_t k, int32_t s, int32_t* before, int32_t* after) {
    const int32_t out = same ? (in + s - 1) / s : (in - k) / s + 1;
    const int32_t total = same ? std::max((out - 1) * s + k - in, 0) : 0;
    *before = total / 2;
    *after = total - total / 2;
    return out;
  };
  int32_t pb = 0, pr = 0;
  p.out = {out_and_pad(p.in.height, kh, sy, &p.pad_top, &pb),
           out_and_pad(p.in.width, kw, sx, &p.pad_left, &pr), p.in.depth};
  isa::RegisterState& s = p.op.state;
  p.op.kind = isa::OperationKind::kPool;
  p.op.param = static_cast<uint16_t>(mode);
  static_cast<isa::FeatureMapState&>(s.ifm) =
      make_fm(1, 0, p.in, 8, true, u(0, 1) ? DataFormat::kNhcwb16 : DataFormat::kNhwc);
  s.ifm.depth_m1 = static_cast<uint32_t>(p.in.depth - 1);
  s.ifm.pad_top = static_cast<uint8_t>(p.pad_top); s.ifm.pad_bottom = static_cast<uint8_t>(pb);
  s.ifm.pad_left = static_cast<uint8_t>(p.pad_left); s.ifm.pad_right = static_cast<uint8_t>(pr);
  static_cast<isa::FeatureMapState&>(s.ofm) =
      make_fm(1, 16384, p.out, 8, true, u(0, 1) ? DataFormat::kNhcwb16 : DataFormat::kNhwc);
  s.ofm.height_m1 = static_cast<uint32_t>(p.out.height - 1);
  s.ofm.width_m1 = static_cast<uint32_t>(p.out.width - 1);
  s.ofm.depth_m1 = static_cast<uint32_t>(p.out.depth - 1);
  s.kernel.height_m1 = static_cast<uint32_t>(kh - 1);
  s.kernel.width_m1 = static_cast<uint32_t>(kw - 1);
  s.kernel.stride_y = static_cast<uint8_t>(sy);
  s.kernel.stride_x = static_cast<uint8_t>(sx);
  s.activation.min = u(-128, -20);
  s.activation.max = u(20, 127);
  return p;
}

kernels::PoolParams cpu_params(const PoolSetup& p) {
  kernels::PoolParams params;
  params.stride_h = p.op.state.kernel.stride_y;
  params.stride_w = p.op.state.kernel.stride_x;
  params.filter_h = static_cast<int32_t>(p.op.state.kernel.height_m1) + 1;
  params.filter_w = static_cast<int32_t>(p.op.state.kernel.width_m1) + 1;
  params.pad_top = p.pad_top;
  params.pad_left = p.pad_left;
  params.activation_min = p.op.state.activation.min;
  params.activation_max = p.op.state.activation.max;
  return params;
}

void run_against_cpu(isa::PoolingMode mode, bool same, bool global_scale, uint32_t seed) {
  std::mt19937 rng(seed);
  for (int i = 0; i < 200; ++i) {
    PoolSetup p = make_pool(rng, mode, same);
    if (p.out.height <= 0 || p.out.width <= 0) continue;
    TestMemory mem;
    std::vector<int8_t> input(static_cast<size_t>(p.in.height * p.in.width * p.in.depth));
    for (int8_t& v : input) v = static_cast<int8_t>(std::uniform_int_distribution<int>(-128, 127)(rng));
    store(p.op.state.ifm, p.in, mem, std::vector<int64_t>(input.begin(), input.end()));
    const kernels::PoolParams params = cpu_params(p);
    if (global_scale) {
      p.op.state.ofm.global_scale = true;
      int shift = 0;
      pooling_scale(params.filter_h * params.filter_w, &p.op.state.ofm_scale.multiplier, &shift);
      p.op.state.ofm_scale.shift = static_cast<uint8_t>(shift);
    }
    std::vector<int8_t> expected(static_cast<size_t>(p.out.height * p.out.width * p.out.depth));
    const kernels::Dims in_dims{1, p.in.height, p.in.width, p.in.depth};
    const kernels::Dims out_dims{1, p.out.height, p.out.width, p.out.depth};
    if (mode == isa::PoolingMode::kMax) {
      kernels::s8_max_pool2d(params, in_dims, input.data(), out_dims, expected.data());
    } else {
      kernels::s8_average_pool2d(params, in_dims, input.data(), out_dims, expected.data());
    }
    const sim::ExecResult result = sim::execute_pooling(p.op, mem.memory());
    ASSERT_TRUE(result.ok()) << result.message;
    const std::vector<int64_t> got = load(p.op.state.ofm, p.out, mem);
    for (size_t k = 0; k < expected.size(); ++k) {
      ASSERT_EQ(got[k], expected[k]) << "case " << i << " element " << k;
    }
  }
}

TEST(PoolingTest, MaxPoolMatchesTfliteWithAndWithoutPadding) {
  run_against_cpu(isa::PoolingMode::kMax, true, false, 21);
  run_against_cpu(isa::PoolingMode::kMax, false, false, 22);
}

TEST(PoolingTest, AveragePoolWithPaddingDividesByTheValidCount) {
  run_against_cpu(isa::PoolingMode::kAverage, true, false, 23);
}

TEST(PoolingTest, ValidAveragePoolWithVelaGlobalScaleMatchesTflite) {
  run_against_cpu(isa::PoolingMode::kAverage, false, true, 24);
}

TEST(PoolingTest, ReduceSumToOneChannelAddsEveryChannelAndTheWindow) {
  TestMemory mem;
  isa::Operation op;
  op.kind = isa::OperationKind::kPool;
  op.param = static_cast<uint16_t>(isa::PoolingMode::kReduceSum);
  const FmShape in{1, 2, 3};
  static_cast<isa::FeatureMapState&>(op.state.ifm) = make_fm(1, 0, in, 8, true, DataFormat::kNhwc);
  op.state.ifm.depth_m1 = 2;
  op.state.ifm.zero_point = 1;
  static_cast<isa::FeatureMapState&>(op.state.ofm) =
      make_fm(1, 64, {1, 1, 1}, 32, true, DataFormat::kNhwc);
  op.state.kernel.width_m1 = 1;  // 1x2 window covers both columns
  op.state.ofm.global_scale = true;
  op.state.ofm_scale = {1, 0};
  store(op.state.ifm, in, mem, {10, 20, 30, -40, 50, 127});
  ASSERT_TRUE(sim::execute_pooling(op, mem.memory()).ok());
  // (10 + 20 + 30 - 40 + 50 + 127) - 6 * zero point 1 = 191.
  EXPECT_EQ(load(op.state.ofm, {1, 1, 1}, mem), std::vector<int64_t>{191});
}

TEST(PoolingTest, ReservedModeIsAParseFault) {
  TestMemory mem;
  isa::Operation op;
  op.kind = isa::OperationKind::kPool;
  op.param = 5;
  static_cast<isa::FeatureMapState&>(op.state.ifm) = make_fm(1, 0, {1, 1, 1}, 8, true, DataFormat::kNhwc);
  static_cast<isa::FeatureMapState&>(op.state.ofm) = make_fm(1, 8, {1, 1, 1}, 8, true, DataFormat::kNhwc);
  EXPECT_EQ(sim::execute_pooling(op, mem.memory()).fault, sim::NpuFault::kCommandParse);
}

}  // namespace
}  // namespace vnpu::testing
