// ELEMENTWISE on the functional NPU: ADD/SUB with Vela's advanced and
// simplified scaling and MUL against TFLite's reference kernels; 32-bit MUL
// against gemmlowp's high multiply; MIN, MAX, ABS, LRELU, CLZ, SHL, SHR,
// broadcast, scalar and operand swap with hand-derived results.
#include "sim/functional/elementwise.h"
#include "sim/functional/elementwise_unit.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "kernels/add_sub.h"
#include "kernels/mul.h"
#include "kernels/quant_math.h"
#include "tests/sim/functional/npu_test_util.h"

namespace vnpu::testing {
namespace {

using isa::DataFormat;
using isa::ElementwiseMode;
using sim::FmShape;

// Vela's quantise_scale: frexp, significand rounded away from zero to Q31, shift = 31 - exponent.
isa::ScaleRegister quantise_scale(double scale) {
  int exponent = 0;
  const double significand = std::frexp(scale, &exponent);
  return {static_cast<uint32_t>(std::round(significand * 2147483648.0)),
          static_cast<uint8_t>(31 - exponent)};
}

struct Ew {
  isa::Operation op;
  FmShape shape;
  TestMemory mem;

  Ew(ElementwiseMode mode, FmShape s, int bits = 8, int out_bits = 8) : shape(s) {
    op.kind = isa::OperationKind::kElementwise;
    op.param = static_cast<uint16_t>(mode);
    isa::RegisterState& r = op.state;
    static_cast<isa::FeatureMapState&>(r.ifm) = make_fm(1, 0, s, bits, true, DataFormat::kNhwc);
    r.ifm.depth_m1 = static_cast<uint32_t>(s.depth - 1);
    static_cast<isa::FeatureMapState&>(r.ifm2) = make_fm(1, 8192, s, bits, true, DataFormat::kNhcwb16);
    static_cast<isa::FeatureMapState&>(r.ofm) = make_fm(1, 16384, s, out_bits, true, DataFormat::kNhwc);
    r.ofm.height_m1 = static_cast<uint32_t>(s.height - 1);
    r.ofm.width_m1 = static_cast<uint32_t>(s.width - 1);
    r.ofm.depth_m1 = static_cast<uint32_t>(s.depth - 1);
    r.ofm.global_scale = true;
    r.ofm_scale = {1, 0};
    r.opa_scale = {1, 0};
    r.opb_scale = {1, 0};
    r.activation.min = out_bits == 8 ? -128 : -32768;
    r.activation.max = out_bits == 8 ? 127 : 32767;
  }
  std::vector<int64_t> run(const std::vector<int64_t>& a, const std::vector<int64_t>& b,
                           FmShape b_shape) {
    store(op.state.ifm, shape, mem, a);
    if (!b.empty()) store(op.state.ifm2, b_shape, mem, b);
    const sim::ExecResult result = sim::execute_elementwise(op, mem.memory());
    EXPECT_TRUE(result.ok()) << result.message;
    return load(op.state.ofm, shape, mem);
  }
  std::vector<int64_t> run(const std::vector<int64_t>& a, const std::vector<int64_t>& b) {
    return run(a, b, shape);
  }
};

void check_add_sub_against_tflite(bool sub, float s1, float s2, float so, std::mt19937& rng) {
  auto u = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  const FmShape shape{2, 3, 17};
  Ew ew(sub ? ElementwiseMode::kSub : ElementwiseMode::kAdd, shape);
  isa::RegisterState& r = ew.op.state;
  const int32_t z1 = u(-128, 127), z2 = u(-128, 127), zo = u(-128, 127);
  r.ifm.zero_point = z1;
  r.ifm2.zero_point = z2;
  r.ofm.zero_point = zo;
  // Vela: generate_scaling_for_elementwise for 8-bit ADD/SUB.
  const double max_s = std::max<double>(s1, s2);
  r.ofm_scale = quantise_scale(2 * max_s / (static_cast<double>(so) * (1 << 16)));
  bool advanced = s1 != s2 || (r.ofm_scale.multiplier & 0xFFF) != 0;
  if (advanced) {
    const double min_s = std::min<double>(s1, s2);
    r.opa_scale = quantise_scale(min_s * (1 << 20) / (2 * max_s));
    r.ofm_scale = quantise_scale(2 * max_s / (static_cast<double>(so) * (1 << 20)));
    r.ifm.scale_mode = s1 < s2 ? isa::IfmScaleMode::kOpa32 : isa::IfmScaleMode::kOpb32;
  } else {
    r.opa_scale = {1u << 15, 0};
    r.opb_scale = {1u << 15, 0};
  }
  std::vector<int8_t> a(static_cast<size_t>(2 * 3 * 17)), b(a.size()), expected(a.size());
  for (size_t i = 0; i < a.size(); ++i) {
    a[i] = static_cast<int8_t>(u(-128, 127));
    b[i] = static_cast<int8_t>(u(-128, 127));
  }
  const kernels::AddSubParams params = sub ? kernels::make_s8_sub_params(s1, z1, s2, z2, so, zo)
                                           : kernels::make_s8_add_params(s1, z1, s2, z2, so, zo);
  const kernels::Dims dims{1, 2, 3, 17};
  if (sub) {
    kernels::s8_sub(params, dims, a.data(), dims, b.data(), dims, expected.data());
  } else {
    kernels::s8_add(params, dims, a.data(), dims, b.data(), dims, expected.data());
  }
  const std::vector<int64_t> got = ew.run({a.begin(), a.end()}, {b.begin(), b.end()});
  for (size_t i = 0; i < expected.size(); ++i) {
    ASSERT_EQ(got[i], expected[i]) << "scales " << s1 << " " << s2 << " " << so << " element " << i
                                   << (advanced ? " advanced" : " simplified");
  }
}

TEST(ElementwiseTest, AddSubWithVelaAdvancedScalingMatchesTflite) {
  std::mt19937 rng(31);
  std::uniform_real_distribution<float> scale(0.002f, 0.2f);
  for (int i = 0; i < 400; ++i) {
    check_add_sub_against_tflite(i % 2 == 1, scale(rng), scale(rng), scale(rng), rng);
  }
}

TEST(ElementwiseTest, AddSubWithVelaSimplifiedScalingMatchesTflite) {
  // Equal input scales and an output scale whose multiplier has 12 zero low bits: Vela
  // then writes OPA = OPB = 2^15 (OPA/OPB 16-bit mode) and rounding ties decide.
  // 1 - 2^-18 makes the multiplier (2^18 - 1) * 2^12: results just below a rounding tie,
  // where a double-rounding correction at the wrong bit would round up.
  std::mt19937 rng(32);
  for (float s : {1.0f, 1.0f - 1.0f / 262144, 1.0f + 1.0f / 262144}) {
    for (float so : {2.0f, 4.0f, 0.5f, 8.0f}) {
      for (int i = 0; i < 40; ++i) check_add_sub_against_tflite(i % 2 == 1, s, s, so, rng);
    }
  }
}

TEST(ElementwiseTest, MulMatchesTflite) {
  std::mt19937 rng(33);
  std::uniform_real_distribution<float> scale(0.002f, 0.2f);
  auto u = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  for (int i = 0; i < 300; ++i) {
    const float s1 = scale(rng), s2 = scale(rng), so = scale(rng) / 10;
    const int32_t z1 = u(-128, 127), z2 = u(-128, 127), zo = u(-128, 127);
    Ew ew(ElementwiseMode::kMul, {1, 4, 9});
    ew.op.state.ifm.zero_point = z1;
    ew.op.state.ifm2.zero_point = z2;
    ew.op.state.ofm.zero_point = zo;
    ew.op.state.ofm_scale = quantise_scale(static_cast<double>(s1) * s2 / so);
    std::vector<int8_t> a(36), b(36), expected(36);
    for (size_t k = 0; k < a.size(); ++k) {
      a[k] = static_cast<int8_t>(u(-128, 127));
      b[k] = static_cast<int8_t>(u(-128, 127));
    }
    const kernels::MulParams params = kernels::make_s8_mul_params(s1, z1, s2, z2, so, zo);
    const kernels::Dims dims{1, 1, 4, 9};
    kernels::s8_mul(params, dims, a.data(), dims, b.data(), dims, expected.data());
    const std::vector<int64_t> got = ew.run({a.begin(), a.end()}, {b.begin(), b.end()});
    for (size_t k = 0; k < expected.size(); ++k) ASSERT_EQ(got[k], expected[k]) << i << " " << k;
  }
}

TEST(ElementwiseTest, ThirtyTwoBitMulIsTheRoundingHighMultiply) {
  std::mt19937 rng(34);
  std::uniform_int_distribution<int32_t> any(INT32_MIN, INT32_MAX);
  Ew ew(ElementwiseMode::kMul, {1, 1, 64}, 32, 32);
  ew.op.state.ofm_scale = {1u << 30, 31};  // what Vela writes for a Q31 product
  std::vector<int64_t> a(64), b(64);
  for (size_t i = 0; i < a.size(); ++i) {
    a[i] = any(rng) >> (i % 8);
    b[i] = any(rng);
  }
  a[0] = INT32_MIN;
  b[0] = INT32_MIN;  // gemmlowp's one saturating case
  const std::vector<int64_t> got = ew.run(a, b);
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(got[i], kernels::saturating_rounding_doubling_high_mul(static_cast<int32_t>(a[i]),
                                                                     static_cast<int32_t>(b[i])));
  }
  Ew times(ElementwiseMode::kMul, {1, 1, 3}, 32, 32);
  times.op.state.ofm_scale = {1, 0};  // Vela's "times four": the plain product, saturated
  EXPECT_EQ(times.run({5, 1 << 30, -(1 << 30)}, {4, 4, 4}),
            (std::vector<int64_t>{20, INT32_MAX, INT32_MIN}));
}

TEST(ElementwiseTest, MinMaxBroadcastAndScalar) {
  Ew ew(ElementwiseMode::kMax, {2, 2, 1});
  ew.op.state.ifm2.broadcast_h = true;
  ew.op.state.ifm2.broadcast_w = true;
  ew.op.state.ifm.zero_point = 1;  // a - 1 versus b
  EXPECT_EQ(ew.run({-5, 3, 10, 0}, {2}, {1, 1, 1}), (std::vector<int64_t>{2, 2, 9, 2}));
  Ew ew2(ElementwiseMode::kMin, {1, 3, 1});
  ew2.op.state.ifm2.scalar = true;
  ew2.op.state.ifm2.scalar_value = 4;
  ew2.op.state.ifm2.zero_point = 1;  // scalar operand 3
  EXPECT_EQ(ew2.run({-5, 3, 10}, {}), (std::vector<int64_t>{-5, 3, 3}));
}

TEST(ElementwiseTest, OperandSwapReversesSubtraction) {
  Ew ew(ElementwiseMode::kSub, {1, 1, 3}, 32, 32);
  ew.op.state.ifm2.scalar = true;
  ew.op.state.ifm2.scalar_value = 35;  // Vela's softmax: 35 - headroom
  ew.op.state.ifm2.operand_swap = true;
  EXPECT_EQ(ew.run({3, 10, 40}, {}), (std::vector<int64_t>{32, 25, -5}));
}

TEST(ElementwiseTest, BitOperations) {
  Ew clz(ElementwiseMode::kClz, {1, 1, 4}, 32, 32);
  EXPECT_EQ(clz.run({0, 1, -1, 0x00400000}, {}), (std::vector<int64_t>{32, 31, 0, 9}));
  Ew shl(ElementwiseMode::kShl, {1, 1, 3}, 32, 32);
  EXPECT_EQ(shl.run({3, 0x40000000, -1}, {4, 1, 31}),
            (std::vector<int64_t>{48, INT32_MIN, INT32_MIN}));
  Ew shr(ElementwiseMode::kShr, {1, 1, 4}, 32, 32);
  shr.op.state.ofm.round_mode = isa::RoundMode::kNatural;
  EXPECT_EQ(shr.run({6, 5, -6, -5}, {2, 1, 2, 1}), (std::vector<int64_t>{2, 3, -1, -2}));
  shr.op.state.ofm.round_mode = isa::RoundMode::kTruncate;
  EXPECT_EQ(shr.run({6, 5, -6, -5}, {2, 1, 2, 1}), (std::vector<int64_t>{1, 2, -1, -2}));
}

TEST(ElementwiseTest, SoftmaxFinalShiftWritesInt8WithZeroPoint) {
  Ew ew(ElementwiseMode::kShr, {1, 1, 3}, 32, 8);
  ew.op.state.ofm.round_mode = isa::RoundMode::kNatural;
  ew.op.state.ofm.zero_point = -128;
  EXPECT_EQ(ew.run({1000, 1 << 20, 100 << 23}, {4, 4, 23}), (std::vector<int64_t>{-65, 127, -28}));
}

TEST(ElementwiseTest, AbsAndLeakyReluUseTheOfmScale) {
  Ew abs(ElementwiseMode::kAbs, {1, 1, 3});
  abs.op.state.ofm_scale = {1u << 30, 31};  // x 0.5
  EXPECT_EQ(abs.run({-7, 6, 0}, {}), (std::vector<int64_t>{4, 3, 0}));
  Ew lrelu(ElementwiseMode::kLrelu, {1, 1, 3});
  lrelu.op.state.ofm_scale = {1u << 30, 32};  // alpha 0.25
  EXPECT_EQ(lrelu.run({-8, 5, -100}, {}), (std::vector<int64_t>{-2, 5, -25}));
}

// 32-bit operands with the largest multipliers take the 64-bit sum past its
// range: it saturates (no signed overflow, which UBSan would report) and the
// result keeps the sign of the true value.
TEST(ElementwiseTest, AddSubBeyondSixtyFourBitsSaturates) {
  for (isa::ElementwiseMode mode : {isa::ElementwiseMode::kAdd, isa::ElementwiseMode::kSub}) {
    isa::Operation op;
    op.kind = isa::OperationKind::kElementwise;
    op.param = static_cast<uint16_t>(mode);
    op.state.ifm.type = {true, 32};
    op.state.ifm2.type = {true, 32};
    op.state.ifm.scale_mode = isa::IfmScaleMode::kOpaOpb16;
    op.state.opa_scale = {0xFFFFFFFFu, 0};
    op.state.opb_scale = {0xFFFFFFFFu, 0};
    op.state.ofm_scale = {1u, 0};
    const sim::ElementwiseUnit unit(op);
    const int64_t b = mode == isa::ElementwiseMode::kAdd ? INT32_MIN : INT32_MAX;
    EXPECT_EQ(unit.compute({INT32_MIN, b}), INT64_MIN) << static_cast<int>(mode);
    const int64_t b_high = mode == isa::ElementwiseMode::kAdd ? INT32_MAX : INT32_MIN;
    EXPECT_EQ(unit.compute({INT32_MAX, b_high}), INT64_MAX) << static_cast<int>(mode);
  }
}

TEST(ElementwiseTest, DepthMismatchAndReservedModeAreParseFaults) {
  Ew ew(ElementwiseMode::kAdd, {1, 1, 4});
  ew.op.state.ifm.depth_m1 = 2;
  EXPECT_EQ(sim::execute_elementwise(ew.op, ew.mem.memory()).fault, sim::NpuFault::kCommandParse);
  Ew bad(ElementwiseMode::kAdd, {1, 1, 4});
  bad.op.param = 12;
  EXPECT_EQ(sim::execute_elementwise(bad.op, bad.mem.memory()).fault, sim::NpuFault::kCommandParse);
}

}  // namespace
}  // namespace vnpu::testing
