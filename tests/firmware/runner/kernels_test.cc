// Each C kernel of the firmware (vnpu_kernels.h) against its C++ twin in
// kernels/ on random cases: the outputs must be identical.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "kernels/add_sub.h"
#include "kernels/conv2d.h"
#include "kernels/depthwise_conv2d.h"
#include "kernels/fully_connected.h"
#include "kernels/pooling.h"
#include "kernels/quant_math.h"
#include "kernels/softmax.h"
#include "vnpu_kernels.h"

namespace vnpu::firmware::testing {
namespace {

using kernels::Dims;

struct Random {
  std::mt19937 engine;
  explicit Random(uint32_t seed) : engine(seed) {}
  int32_t range(int32_t low, int32_t high) {
    return std::uniform_int_distribution<int32_t>(low, high)(engine);
  }
  double real(double low, double high) {
    return std::uniform_real_distribution<double>(low, high)(engine);
  }
  std::vector<int8_t> int8s(size_t count) {
    std::vector<int8_t> values(count);
    for (int8_t& v : values) v = static_cast<int8_t>(range(-128, 127));
    return values;
  }
  std::vector<int32_t> biases(size_t count) {
    std::vector<int32_t> values(count);
    for (int32_t& v : values) v = range(-40000, 40000);
    return values;
  }
};

// Per-channel multipliers for both kernels from the same real ratios.
void make_multipliers(Random& random, size_t count, std::vector<kernels::QuantizedMultiplier>* cpp,
                      std::vector<vnpu_multiplier>* c) {
  for (size_t i = 0; i < count; ++i) {
    const double real = random.real(1e-5, 0.9);
    cpp->push_back(kernels::quantize_multiplier(real));
    c->push_back(vnpu_quantize_multiplier(real));
    ASSERT_EQ(c->back().multiplier, cpp->back().multiplier);
    ASSERT_EQ(c->back().shift, cpp->back().shift);
  }
}

TEST(FirmwareKernels, QuantMathMatchesOnRandomValues) {
  Random random(1);
  for (int i = 0; i < 100000; ++i) {
    const double real = std::ldexp(random.real(0.5, 1.0), random.range(-40, 40));
    const kernels::QuantizedMultiplier cpp = kernels::quantize_multiplier(real);
    const vnpu_multiplier c = vnpu_quantize_multiplier(real);
    ASSERT_EQ(c.multiplier, cpp.multiplier) << real;
    ASSERT_EQ(c.shift, cpp.shift) << real;
    const auto x = static_cast<int32_t>(random.engine());
    const auto m = static_cast<int32_t>(random.engine() | 0x40000000u) & 0x7fffffff;
    const int shift = random.range(-31, 8);
    ASSERT_EQ(vnpu_multiply_by_quantized_multiplier(x, m, shift),
              kernels::multiply_by_quantized_multiplier(x, m, shift));
    ASSERT_EQ(vnpu_saturating_rounding_doubling_high_mul(x, m),
              kernels::saturating_rounding_doubling_high_mul(x, m));
  }
  EXPECT_EQ(vnpu_saturating_rounding_doubling_high_mul(INT32_MIN, INT32_MIN), INT32_MAX);
}

TEST(FirmwareKernels, FullyConnectedMatches) {
  Random random(2);
  for (int round = 0; round < 300; ++round) {
    const int32_t batches = random.range(1, 3), depth = random.range(1, 40),
                  out = random.range(1, 20);
    const bool per_channel = random.range(0, 1) == 1;
    std::vector<kernels::QuantizedMultiplier> cpp_m;
    std::vector<vnpu_multiplier> c_m;
    make_multipliers(random, per_channel ? static_cast<size_t>(out) : 1u, &cpp_m, &c_m);
    kernels::FullyConnectedParams cpp;
    cpp.input_offset = random.range(-127, 128);
    cpp.filter_offset = per_channel ? 0 : random.range(-10, 10);
    cpp.output_offset = random.range(-128, 127);
    cpp.activation_min = random.range(-128, 0);
    cpp.activation_max = random.range(1, 127);
    cpp.per_channel = per_channel;
    vnpu_conv_params c{};
    c.input_offset = cpp.input_offset;
    c.filter_offset = cpp.filter_offset;
    c.output_offset = cpp.output_offset;
    c.activation_min = cpp.activation_min;
    c.activation_max = cpp.activation_max;
    c.per_channel = per_channel;
    const auto input = random.int8s(static_cast<size_t>(batches * depth));
    const auto filter = random.int8s(static_cast<size_t>(out * depth));
    const auto bias = random.biases(static_cast<size_t>(out));
    const int32_t* bias_data = random.range(0, 3) == 0 ? nullptr : bias.data();
    std::vector<int8_t> expected(static_cast<size_t>(batches * out)), actual(expected.size());
    kernels::s8_fully_connected(cpp, cpp_m.data(), Dims{batches, depth}, input.data(),
                                Dims{out, depth}, filter.data(), bias_data, Dims{batches, out},
                                expected.data());
    vnpu_s8_fully_connected(&c, c_m.data(), batches, depth, input.data(), out, filter.data(),
                            bias_data, actual.data());
    ASSERT_EQ(actual, expected) << "round " << round;
  }
}

struct ConvCase {
  int32_t n, h, w, cin, kh, kw, stride_h, stride_w, dil_h, dil_w, pad_top, pad_left, oh, ow;
};

ConvCase random_conv_case(Random& random) {
  ConvCase k{};
  k.n = random.range(1, 2);
  k.h = random.range(1, 9);
  k.w = random.range(1, 9);
  k.kh = random.range(1, 4);
  k.kw = random.range(1, 4);
  k.stride_h = random.range(1, 3);
  k.stride_w = random.range(1, 3);
  k.dil_h = random.range(1, 2);
  k.dil_w = random.range(1, 2);
  k.pad_top = random.range(0, k.kh / 2 + 1);
  k.pad_left = random.range(0, k.kw / 2 + 1);
  k.oh = random.range(1, (k.h + 2 * k.pad_top) / k.stride_h + 1);
  k.ow = random.range(1, (k.w + 2 * k.pad_left) / k.stride_w + 1);
  return k;
}

template <typename CppParams>
void fill_conv_params(Random& random, const ConvCase& k, CppParams* cpp, vnpu_conv_params* c) {
  cpp->input_offset = c->input_offset = random.range(-127, 128);
  cpp->output_offset = c->output_offset = random.range(-128, 127);
  cpp->stride_h = c->stride_h = k.stride_h;
  cpp->stride_w = c->stride_w = k.stride_w;
  cpp->dilation_h = c->dilation_h = k.dil_h;
  cpp->dilation_w = c->dilation_w = k.dil_w;
  cpp->pad_top = c->pad_top = k.pad_top;
  cpp->pad_left = c->pad_left = k.pad_left;
  cpp->activation_min = c->activation_min = random.range(-128, 0);
  cpp->activation_max = c->activation_max = random.range(1, 127);
}

TEST(FirmwareKernels, Conv2dMatches) {
  Random random(3);
  for (int round = 0; round < 300; ++round) {
    const ConvCase k = random_conv_case(random);
    const int32_t groups = random.range(1, 2);
    const int32_t filter_depth = random.range(1, 5);
    const int32_t cin = groups * filter_depth, cout = groups * random.range(1, 4);
    kernels::ConvParams cpp;
    vnpu_conv_params c{};
    fill_conv_params(random, k, &cpp, &c);
    std::vector<kernels::QuantizedMultiplier> cpp_m;
    std::vector<vnpu_multiplier> c_m;
    make_multipliers(random, static_cast<size_t>(cout), &cpp_m, &c_m);
    const int32_t in_dims[4] = {k.n, k.h, k.w, cin};
    const int32_t f_dims[4] = {cout, k.kh, k.kw, filter_depth};
    const int32_t out_dims[4] = {k.n, k.oh, k.ow, cout};
    const auto input = random.int8s(static_cast<size_t>(k.n * k.h * k.w * cin));
    const auto filter = random.int8s(static_cast<size_t>(cout * k.kh * k.kw * filter_depth));
    const auto bias = random.biases(static_cast<size_t>(cout));
    std::vector<int8_t> expected(static_cast<size_t>(k.n * k.oh * k.ow * cout)),
        actual(expected.size());
    kernels::s8_conv2d(cpp, cpp_m.data(), Dims{k.n, k.h, k.w, cin}, input.data(),
                       Dims{cout, k.kh, k.kw, filter_depth}, filter.data(), bias.data(),
                       Dims{k.n, k.oh, k.ow, cout}, expected.data());
    vnpu_s8_conv2d(&c, c_m.data(), in_dims, input.data(), f_dims, filter.data(), bias.data(),
                   out_dims, actual.data());
    ASSERT_EQ(actual, expected) << "round " << round;
  }
}

TEST(FirmwareKernels, DepthwiseConv2dMatches) {
  Random random(4);
  for (int round = 0; round < 300; ++round) {
    const ConvCase k = random_conv_case(random);
    const int32_t cin = random.range(1, 6), multiplier = random.range(1, 3);
    const int32_t cout = cin * multiplier;
    kernels::DepthwiseConvParams cpp;
    vnpu_conv_params c{};
    fill_conv_params(random, k, &cpp, &c);
    cpp.depth_multiplier = c.depth_multiplier = multiplier;
    std::vector<kernels::QuantizedMultiplier> cpp_m;
    std::vector<vnpu_multiplier> c_m;
    make_multipliers(random, static_cast<size_t>(cout), &cpp_m, &c_m);
    const int32_t in_dims[4] = {k.n, k.h, k.w, cin};
    const int32_t f_dims[4] = {1, k.kh, k.kw, cout};
    const int32_t out_dims[4] = {k.n, k.oh, k.ow, cout};
    const auto input = random.int8s(static_cast<size_t>(k.n * k.h * k.w * cin));
    const auto filter = random.int8s(static_cast<size_t>(k.kh * k.kw * cout));
    const auto bias = random.biases(static_cast<size_t>(cout));
    std::vector<int8_t> expected(static_cast<size_t>(k.n * k.oh * k.ow * cout)),
        actual(expected.size());
    kernels::s8_depthwise_conv2d(cpp, cpp_m.data(), Dims{k.n, k.h, k.w, cin}, input.data(),
                                 Dims{1, k.kh, k.kw, cout}, filter.data(), bias.data(),
                                 Dims{k.n, k.oh, k.ow, cout}, expected.data());
    vnpu_s8_depthwise_conv2d(&c, c_m.data(), in_dims, input.data(), f_dims, filter.data(),
                             bias.data(), out_dims, actual.data());
    ASSERT_EQ(actual, expected) << "round " << round;
  }
}

TEST(FirmwareKernels, AveragePoolMatches) {
  Random random(5);
  for (int round = 0; round < 300; ++round) {
    const ConvCase k = random_conv_case(random);
    const int32_t depth = random.range(1, 6);
    kernels::PoolParams cpp;
    cpp.stride_h = k.stride_h;
    cpp.stride_w = k.stride_w;
    cpp.filter_h = k.kh;
    cpp.filter_w = k.kw;
    cpp.pad_top = std::min(k.pad_top, k.kh - 1);
    cpp.pad_left = std::min(k.pad_left, k.kw - 1);
    cpp.activation_min = random.range(-128, 0);
    cpp.activation_max = random.range(1, 127);
    const vnpu_pool_params c = {cpp.stride_h, cpp.stride_w, cpp.filter_h, cpp.filter_w,
                                cpp.pad_top,  cpp.pad_left, cpp.activation_min,
                                cpp.activation_max};
    const int32_t in_dims[4] = {k.n, k.h, k.w, depth};
    const int32_t out_dims[4] = {k.n, k.oh, k.ow, depth};
    const auto input = random.int8s(static_cast<size_t>(k.n * k.h * k.w * depth));
    std::vector<int8_t> expected(static_cast<size_t>(k.n * k.oh * k.ow * depth)),
        actual(expected.size());
    kernels::s8_average_pool2d(cpp, Dims{k.n, k.h, k.w, depth}, input.data(),
                               Dims{k.n, k.oh, k.ow, depth}, expected.data());
    vnpu_s8_average_pool2d(&c, in_dims, input.data(), out_dims, actual.data());
    ASSERT_EQ(actual, expected) << "round " << round;
  }
}

TEST(FirmwareKernels, SoftmaxMatches) {
  Random random(6);
  int compared = 0;
  for (int round = 0; round < 2000; ++round) {
    const auto input_scale = static_cast<float>(std::ldexp(random.real(0.5, 1.0), random.range(-12, 3)));
    const auto beta = static_cast<float>(random.range(0, 3) == 0 ? random.real(0.1, 3.0) : 1.0);
    kernels::SoftmaxParams cpp;
    vnpu_softmax_params c{};
    const bool cpp_ok = kernels::make_s8_softmax_params(input_scale, beta, &cpp);
    ASSERT_EQ(vnpu_make_s8_softmax_params(input_scale, beta, &c), cpp_ok);
    if (!cpp_ok) continue;
    ASSERT_EQ(c.input_multiplier, cpp.input_multiplier);
    ASSERT_EQ(c.input_left_shift, cpp.input_left_shift);
    ASSERT_EQ(c.diff_min, cpp.diff_min);
    const int32_t rows = random.range(1, 3), depth = random.range(1, 40);
    const auto input = random.int8s(static_cast<size_t>(rows * depth));
    std::vector<int8_t> expected(input.size()), actual(input.size());
    kernels::s8_softmax(cpp, Dims{rows, depth}, input.data(), Dims{rows, depth}, expected.data());
    vnpu_s8_softmax(&c, rows, depth, input.data(), actual.data());
    ASSERT_EQ(actual, expected) << "round " << round << " scale " << input_scale;
    ++compared;
  }
  EXPECT_GT(compared, 1000);
}

TEST(FirmwareKernels, AddMatches) {
  Random random(7);
  for (int round = 0; round < 1000; ++round) {
    const auto scale1 = static_cast<float>(std::ldexp(random.real(0.5, 1.0), random.range(-10, 0)));
    const auto scale2 = static_cast<float>(std::ldexp(random.real(0.5, 1.0), random.range(-10, 0)));
    const auto out_scale = static_cast<float>(std::ldexp(random.real(0.5, 1.0), random.range(-9, 1)));
    const int32_t zp1 = random.range(-128, 127), zp2 = random.range(-128, 127),
                  zp_out = random.range(-128, 127);
    kernels::AddSubParams cpp =
        kernels::make_s8_add_params(scale1, zp1, scale2, zp2, out_scale, zp_out);
    vnpu_add_params c = vnpu_make_s8_add_params(scale1, zp1, scale2, zp2, out_scale, zp_out);
    ASSERT_EQ(c.output_multiplier.multiplier, cpp.output_multiplier.multiplier);
    ASSERT_EQ(c.output_multiplier.shift, cpp.output_multiplier.shift);
    if (!kernels::add_sub_multipliers_valid(cpp)) continue;
    cpp.activation_min = c.activation_min = random.range(-128, 0);
    cpp.activation_max = c.activation_max = random.range(1, 127);
    const int32_t count = random.range(1, 64);
    const auto in1 = random.int8s(static_cast<size_t>(count));
    const auto in2 = random.int8s(static_cast<size_t>(count));
    std::vector<int8_t> expected(in1.size()), actual(in1.size());
    kernels::s8_add(cpp, Dims{count}, in1.data(), Dims{count}, in2.data(), Dims{count},
                    expected.data());
    vnpu_s8_add(&c, static_cast<uint32_t>(count), in1.data(), in2.data(), actual.data());
    ASSERT_EQ(actual, expected) << "round " << round;
  }
}

}  // namespace
}  // namespace vnpu::firmware::testing
