// s8_add / s8_sub against hand-derived multipliers and exact cases, a
// real-valued oracle (within one output step over all 256 x 256 input pairs)
// and an explicit broadcast oracle that materialises the repeated inputs.
#include "kernels/add_sub.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "core/deterministic_rng.h"

namespace vnpu::kernels {
namespace {

struct Quant {
  float scale;
  int32_t zero_point;
};

int32_t quantize_real(double real, const Quant& q, int32_t low, int32_t high) {
  const double v = std::round(real / static_cast<double>(q.scale)) + q.zero_point;
  return static_cast<int32_t>(std::clamp(v, static_cast<double>(low), static_cast<double>(high)));
}

double dequantize(int32_t x, const Quant& q) {
  return static_cast<double>(q.scale) * (x - q.zero_point);
}

AddSubParams make_params(bool subtract, const Quant& a, const Quant& b, const Quant& out) {
  return subtract ? make_s8_sub_params(a.scale, a.zero_point, b.scale, b.zero_point, out.scale,
                                       out.zero_point)
                  : make_s8_add_params(a.scale, a.zero_point, b.scale, b.zero_point, out.scale,
                                       out.zero_point);
}

// Every (x1, x2) pair as two flat 65536-element inputs.
void all_pairs(std::vector<int8_t>* x1, std::vector<int8_t>* x2) {
  for (int a = -128; a <= 127; ++a) {
    for (int b = -128; b <= 127; ++b) {
      x1->push_back(static_cast<int8_t>(a));
      x2->push_back(static_cast<int8_t>(b));
    }
  }
}

TEST(S8AddSub, HandDerivedMultipliersForEqualScales) {
  // Equal scales s: input ratio s / 2s = 0.5 -> Q31 2^30, shift 0; output
  // 2s / (2^20 s) = 2^-19 = 0.5 * 2^-18 -> 2^30, shift -18.
  for (bool subtract : {false, true}) {
    const AddSubParams p = make_params(subtract, {0.25f, 3}, {0.25f, -7}, {0.25f, 5});
    EXPECT_EQ(p.left_shift, 20);
    EXPECT_EQ(p.input1_offset, -3);
    EXPECT_EQ(p.input2_offset, 7);
    EXPECT_EQ(p.output_offset, 5);
    EXPECT_EQ(p.input1_multiplier.multiplier, 1 << 30);
    EXPECT_EQ(p.input1_multiplier.shift, 0);
    EXPECT_EQ(p.input2_multiplier.multiplier, 1 << 30);
    EXPECT_EQ(p.output_multiplier.multiplier, 1 << 30);
    EXPECT_EQ(p.output_multiplier.shift, -18);
    EXPECT_TRUE(add_sub_multipliers_valid(p));
  }
}

TEST(S8AddSub, SubComputesRatiosInFloatAddInDouble) {
  // SUB divides in float, so its multipliers carry a 24-bit significand: the
  // low 7 bits of the Q31 value are zero. ADD divides in double and keeps them.
  const Quant a{0.1f, 0};
  const Quant b{0.3f, 0};
  const Quant out{0.7f, 0};
  const AddSubParams add = make_params(false, a, b, out);
  const AddSubParams sub = make_params(true, a, b, out);
  EXPECT_EQ(sub.input1_multiplier.multiplier % 128, 0);
  EXPECT_EQ(sub.output_multiplier.multiplier % 128, 0);
  EXPECT_NE(add.input1_multiplier.multiplier % 128, 0);
  EXPECT_NE(add.input1_multiplier.multiplier, sub.input1_multiplier.multiplier);
  // Both describe 0.1 / 0.6 = 1/6 = 0.6667 * 2^-2.
  EXPECT_EQ(add.input1_multiplier.shift, -2);
  EXPECT_NEAR(add.input1_multiplier.multiplier, 0.1 / 0.6 * 4 * 2147483648.0, 64.0);
}

TEST(S8AddSub, EqualScalesAreExactIntegerArithmetic) {
  // With one scale everywhere every rescale is an exact power of two, so
  // out = clamp((x1 - zp1) +/- (x2 - zp2) + zp_out) for all 65536 pairs.
  std::vector<int8_t> x1, x2;
  all_pairs(&x1, &x2);
  const Dims dims{256, 256};
  std::vector<int8_t> out(x1.size());
  for (bool subtract : {false, true}) {
    for (const auto& zps : {std::vector<int32_t>{0, 0, 0}, {-128, 127, -128}, {127, -128, 127},
                            {5, -9, 100}}) {
      const Quant q1{0.5f, zps[0]}, q2{0.5f, zps[1]}, qo{0.5f, zps[2]};
      const AddSubParams p = make_params(subtract, q1, q2, qo);
      (subtract ? s8_sub : s8_add)(p, dims, x1.data(), dims, x2.data(), dims, out.data());
      for (size_t i = 0; i < out.size(); ++i) {
        const int32_t a = x1[i] - zps[0];
        const int32_t b = x2[i] - zps[1];
        const int32_t expected = std::clamp((subtract ? a - b : a + b) + zps[2], -128, 127);
        ASSERT_EQ(out[i], expected) << (subtract ? "sub " : "add ") << int{x1[i]} << ", "
                                    << int{x2[i]};
      }
    }
  }
}

TEST(S8AddSub, WithinOneStepOfRealArithmeticForAllPairs) {
  struct Case {
    Quant a, b, out;
  };
  const std::vector<Case> cases = {
      {{0.039393551f, -128}, {0.104194961f, 4}, {0.050945673f, -128}},  // ic_resnet8-like
      {{0.01f, 0}, {10.0f, 0}, {10.0f, 0}},       // 1000x scale ratio
      {{0.003f, 127}, {0.002f, -128}, {0.0001f, 0}},  // saturating output
      {{1.0f, -3}, {0.0078125f, 77}, {0.5f, 11}},
      {{0.2f, 13}, {0.2f, 13}, {3.9f, -100}},  // large output scale
  };
  std::vector<int8_t> x1, x2;
  all_pairs(&x1, &x2);
  const Dims dims{65536};
  std::vector<int8_t> out(x1.size());
  for (bool subtract : {false, true}) {
    for (const Case& c : cases) {
      const AddSubParams p = make_params(subtract, c.a, c.b, c.out);
      ASSERT_TRUE(add_sub_multipliers_valid(p));
      (subtract ? s8_sub : s8_add)(p, dims, x1.data(), dims, x2.data(), dims, out.data());
      for (size_t i = 0; i < out.size(); ++i) {
        const double a = dequantize(x1[i], c.a);
        const double b = dequantize(x2[i], c.b);
        const int32_t expected = quantize_real(subtract ? a - b : a + b, c.out, -128, 127);
        ASSERT_LE(std::abs(out[i] - expected), 1)
            << (subtract ? "sub " : "add ") << int{x1[i]} << ", " << int{x2[i]};
      }
    }
  }
}

TEST(S8AddSub, ActivationRangeClampsTheOutput) {
  AddSubParams p = make_params(false, {1.0f, 0}, {1.0f, 0}, {1.0f, 0});
  p.activation_min = -3;
  p.activation_max = 6;
  const std::vector<int8_t> a = {-100, -2, 1, 3, 100};
  const std::vector<int8_t> b = {0, -2, 1, 3, 0};
  std::vector<int8_t> out(5);
  s8_add(p, Dims{5}, a.data(), Dims{5}, b.data(), Dims{5}, out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{-3, -3, 2, 6, 6}));
}

TEST(S8AddSub, OutputScaleFarBelowInputsIsInvalid) {
  // 2 * max input scale / (2^20 * output scale) >= 1 cannot be a TFLM multiplier.
  EXPECT_FALSE(add_sub_multipliers_valid(make_params(false, {1.0f, 0}, {1.0f, 0}, {1e-6f, 0})));
  EXPECT_FALSE(add_sub_multipliers_valid(make_params(true, {1.0f, 0}, {1.0f, 0}, {1e-6f, 0})));
}

// Expands `dims` to the broadcast output shape by explicit index arithmetic.
std::vector<int8_t> materialize(const std::vector<int8_t>& data, const std::vector<int32_t>& dims,
                                const std::vector<int32_t>& out_dims) {
  const size_t rank = out_dims.size();
  int64_t total = 1;
  for (int32_t d : out_dims) total *= d;
  std::vector<int8_t> result(static_cast<size_t>(total));
  for (int64_t flat = 0; flat < total; ++flat) {
    int64_t rest = flat;
    int64_t source = 0;
    int64_t stride = 1;
    for (size_t k = rank; k-- > 0;) {
      const int64_t coord = rest % out_dims[k];
      rest /= out_dims[k];
      const size_t offset = rank - dims.size();
      if (k >= offset) {
        const int32_t extent = dims[k - offset];
        source += (extent == 1 ? 0 : coord) * stride;
        stride *= extent;
      }
    }
    result[static_cast<size_t>(flat)] = data[static_cast<size_t>(source)];
  }
  return result;
}

TEST(S8AddSub, BroadcastMatchesMaterializedInputs) {
  struct Shapes {
    std::vector<int32_t> a, b, out;
  };
  const std::vector<Shapes> shapes = {
      {{1}, {2, 3, 5}, {2, 3, 5}},                  // scalar
      {{7}, {1, 3, 5, 7}, {1, 3, 5, 7}},            // per-channel, rank mismatch
      {{3, 1, 5}, {4, 1}, {3, 4, 5}},               // both sides repeat
      {{2, 1, 3, 1, 5, 1}, {1, 7, 1, 11, 1, 2}, {2, 7, 3, 11, 5, 2}},  // rank 6
      {{13, 1}, {1, 17}, {13, 17}},                 // primes
      {{1, 1, 1}, {1}, {1, 1, 1}},
  };
  DeterministicRng rng(7);
  const Quant q1{0.07f, -20}, q2{0.031f, 45}, qo{0.09f, 3};
  for (bool subtract : {false, true}) {
    const AddSubParams p = make_params(subtract, q1, q2, qo);
    for (const Shapes& s : shapes) {
      auto count = [](const std::vector<int32_t>& d) {
        int64_t n = 1;
        for (int32_t v : d) n *= v;
        return static_cast<size_t>(n);
      };
      std::vector<int8_t> a(count(s.a)), b(count(s.b));
      for (auto& v : a) v = static_cast<int8_t>(rng.uniform(-128, 127));
      for (auto& v : b) v = static_cast<int8_t>(rng.uniform(-128, 127));
      const std::vector<int8_t> a_full = materialize(a, s.a, s.out);
      const std::vector<int8_t> b_full = materialize(b, s.b, s.out);
      std::vector<int8_t> got(count(s.out)), want(count(s.out)), swapped(count(s.out));
      const auto kernel = subtract ? s8_sub : s8_add;
      kernel(p, Dims::from(s.a), a.data(), Dims::from(s.b), b.data(), Dims::from(s.out),
             got.data());
      kernel(p, Dims::from(s.out), a_full.data(), Dims::from(s.out), b_full.data(),
             Dims::from(s.out), want.data());
      EXPECT_EQ(got, want) << "shape case with output rank " << s.out.size();
    }
  }
}

}  // namespace
}  // namespace vnpu::kernels
