// CONV and DEPTHWISE on the functional NPU against the CPU reference kernels
// (TFLite's ConvPerChannel / DepthwiseConvPerChannel) for random shapes,
// strides, dilations, paddings, feature-map formats and TFLite-derived
// per-channel scales carried in an encoded scale stream.
#include "sim/functional/convolution.h"

#include <gtest/gtest.h>

#include <random>

#include "isa/scale_stream.h"
#include "kernels/conv2d.h"
#include "kernels/depthwise_conv2d.h"
#include "tests/sim/functional/npu_test_util.h"

namespace vnpu::testing {
namespace {

using isa::DataFormat;
using sim::FmShape;

struct ConvCase {
  int32_t h, w, cin, cout, kh, kw, sy, sx, dy, dx;
  bool same;
  bool depthwise;
  DataFormat ifm_format, ofm_format;
  isa::UpscaleMode upscale = isa::UpscaleMode::kNone;
};

int32_t out_size(int32_t in, int32_t k, int32_t s, int32_t d, bool same, int32_t* pad_before,
                 int32_t* pad_after) {
  const int32_t eff = (k - 1) * d + 1;
  const int32_t out = same ? (in + s - 1) / s : (in >= eff ? (in - eff) / s + 1 : 0);
  const int32_t total = same ? std::max((out - 1) * s + eff - in, 0) : 0;
  *pad_before = total / 2;
  *pad_after = total - total / 2;
  return out;
}

class ConvHarness {
 public:
  ConvHarness(const ConvCase& c, uint32_t seed) : c_(c), rng_(seed) {}

  // Runs the NPU and the CPU kernel; returns the number of differing outputs.
  int run(std::string* detail);

 private:
  int32_t uniform(int32_t lo, int32_t hi) { return std::uniform_int_distribution<int32_t>(lo, hi)(rng_); }
  float scale(float lo, float hi) { return std::uniform_real_distribution<float>(lo, hi)(rng_); }

  ConvCase c_;
  std::mt19937 rng_;
};

int ConvHarness::run(std::string* detail) {
  const int32_t cout = c_.depthwise ? c_.cin : c_.cout;
  const bool up = c_.upscale != isa::UpscaleMode::kNone;
  const int32_t uh = up ? 2 * c_.h : c_.h;  // the input the CPU kernel sees
  const int32_t uw = up ? 2 * c_.w : c_.w;
  int32_t pt = 0, pb = 0, pl = 0, pr = 0;
  const int32_t oh = out_size(uh, c_.kh, c_.sy, c_.dy, c_.same, &pt, &pb);
  const int32_t ow = out_size(uw, c_.kw, c_.sx, c_.dx, c_.same, &pl, &pr);
  if (oh <= 0 || ow <= 0) return 0;
  const int32_t in_zp = uniform(-128, 127);
  const int32_t out_zp = uniform(-128, 127);
  const float in_scale = scale(0.01f, 0.1f);
  const float out_scale = scale(0.05f, 0.5f);
  std::vector<int8_t> input(static_cast<size_t>(c_.h * c_.w * c_.cin));
  for (int8_t& v : input) v = static_cast<int8_t>(uniform(-128, 127));
  std::vector<int8_t> cpu_input(static_cast<size_t>(uh * uw * c_.cin));
  for (int32_t y = 0; y < uh; ++y) {
    for (int32_t x = 0; x < uw; ++x) {
      for (int32_t c = 0; c < c_.cin; ++c) {
        const bool hole = c_.upscale == isa::UpscaleMode::kZeros && ((y | x) & 1) != 0;
        const int32_t sy = up ? y / 2 : y;
        const int32_t sx = up ? x / 2 : x;
        cpu_input[static_cast<size_t>((y * uw + x) * c_.cin + c)] =
            hole ? static_cast<int8_t>(in_zp) : input[static_cast<size_t>((sy * c_.w + sx) * c_.cin + c)];
      }
    }
  }
  const int32_t wic = c_.depthwise ? 1 : c_.cin;
  std::vector<int8_t> filter(static_cast<size_t>(cout * c_.kh * c_.kw * wic));
  for (int8_t& v : filter) v = static_cast<int8_t>(uniform(-127, 127));
  std::vector<int32_t> bias(static_cast<size_t>(cout));
  std::vector<kernels::QuantizedMultiplier> multipliers(static_cast<size_t>(cout));
  std::vector<isa::ScaleBiasEntry> entries(static_cast<size_t>(cout));
  for (size_t o = 0; o < static_cast<size_t>(cout); ++o) {
    bias[o] = uniform(-20000, 20000);
    multipliers[o] = kernels::quantize_multiplier(static_cast<double>(in_scale) *
                                                  static_cast<double>(scale(0.001f, 0.02f)) /
                                                  static_cast<double>(out_scale));
    entries[o] = {bias[o], static_cast<uint32_t>(multipliers[o].multiplier),
                  static_cast<uint32_t>(31 - multipliers[o].shift)};
  }
  const int32_t act_min = uniform(-128, 0);
  const int32_t act_max = uniform(0, 127);

  // CPU reference.
  std::vector<int8_t> expected(static_cast<size_t>(oh * ow * cout));
  if (c_.depthwise) {
    kernels::DepthwiseConvParams p;
    p.input_offset = -in_zp;
    p.output_offset = out_zp;
    p.stride_h = c_.sy; p.stride_w = c_.sx; p.dilation_h = c_.dy; p.dilation_w = c_.dx;
    p.pad_top = pt; p.pad_left = pl; p.activation_min = act_min; p.activation_max = act_max;
    std::vector<int8_t> filter_1hwc(filter.size());
    for (int32_t o = 0; o < cout; ++o)
      for (int32_t k = 0; k < c_.kh * c_.kw; ++k)
        filter_1hwc[static_cast<size_t>(k * cout + o)] = filter[static_cast<size_t>(o * c_.kh * c_.kw + k)];
    kernels::s8_depthwise_conv2d(p, multipliers.data(), {1, uh, uw, c_.cin}, cpu_input.data(),
                                 {1, c_.kh, c_.kw, cout}, filter_1hwc.data(), bias.data(),
                                 {1, oh, ow, cout}, expected.data());
  } else {
    kernels::ConvParams p;
    p.input_offset = -in_zp;
    p.output_offset = out_zp;
    p.stride_h = c_.sy; p.stride_w = c_.sx; p.dilation_h = c_.dy; p.dilation_w = c_.dx;
    p.pad_top = pt; p.pad_left = pl; p.activation_min = act_min; p.activation_max = act_max;
    kernels::s8_conv2d(p, multipliers.data(), {1, uh, uw, c_.cin}, cpu_input.data(),
                       {cout, c_.kh, c_.kw, c_.cin}, filter.data(), bias.data(), {1, oh, ow, cout},
                       expected.data());
  }

  // NPU: IFM in region 1 at 16, OFM in region 1 at 32768, scale stream in region 0.
  TestMemory mem(1 << 17);
  isa::Operation op;
  op.kind = c_.depthwise ? isa::OperationKind::kDepthwise : isa::OperationKind::kConv;
  isa::RegisterState& s = op.state;
  static_cast<isa::FeatureMapState&>(s.ifm) =
      make_fm(1, 16, {c_.h, c_.w, c_.cin}, 8, true, c_.ifm_format);
  s.ifm.zero_point = in_zp;
  s.ifm.depth_m1 = static_cast<uint32_t>(c_.cin - 1);
  s.ifm.upscale = c_.upscale;
  s.ifm.pad_top = static_cast<uint8_t>(pt); s.ifm.pad_bottom = static_cast<uint8_t>(pb);
  s.ifm.pad_left = static_cast<uint8_t>(pl); s.ifm.pad_right = static_cast<uint8_t>(pr);
  static_cast<isa::FeatureMapState&>(s.ofm) = make_fm(1, 32768, {oh, ow, cout}, 8, true, c_.ofm_format);
  s.ofm.zero_point = out_zp;
  s.ofm.height_m1 = static_cast<uint32_t>(oh - 1);
  s.ofm.width_m1 = static_cast<uint32_t>(ow - 1);
  s.ofm.depth_m1 = static_cast<uint32_t>(cout - 1);
  s.kernel.height_m1 = static_cast<uint32_t>(c_.dy * (c_.kh - 1));
  s.kernel.width_m1 = static_cast<uint32_t>(c_.dx * (c_.kw - 1));
  s.kernel.stride_y = static_cast<uint8_t>(c_.sy); s.kernel.stride_x = static_cast<uint8_t>(c_.sx);
  s.kernel.dilation_y = static_cast<uint8_t>(c_.dy); s.kernel.dilation_x = static_cast<uint8_t>(c_.dx);
  s.activation.min = act_min;
  s.activation.max = act_max;
  Expected<std::vector<uint8_t>> stream = isa::encode_scale_stream(entries);
  if (!stream) return -1;
  std::copy(stream->begin(), stream->end(), mem.buffers[0].begin() + 64);
  s.scales = {0, 64, stream->size()};
  std::vector<int64_t> ifm_values(input.begin(), input.end());
  store(s.ifm, {c_.h, c_.w, c_.cin}, mem, ifm_values);
  sim::ConvWeights weights;
  weights.ofm_depth = cout; weights.kernel_height = c_.kh; weights.kernel_width = c_.kw;
  weights.ifm_depth = wic;
  weights.ohwi.assign(filter.begin(), filter.end());
  const sim::ExecResult result = sim::execute_convolution(op, mem.memory(), weights);
  if (!result.ok()) {
    *detail = result.message;
    return -1;
  }
  const std::vector<int64_t> got = load(s.ofm, {oh, ow, cout}, mem);
  int mismatches = 0;
  for (size_t i = 0; i < expected.size(); ++i) mismatches += got[i] != expected[i] ? 1 : 0;
  return mismatches;
}

ConvCase random_case(std::mt19937& rng, bool depthwise) {
  auto u = [&](int32_t lo, int32_t hi) { return std::uniform_int_distribution<int32_t>(lo, hi)(rng); };
  ConvCase c{};
  c.h = u(1, 11); c.w = u(1, 11); c.cin = u(1, depthwise ? 37 : 21); c.cout = u(1, 19);
  c.kh = u(1, 5); c.kw = u(1, 5); c.sy = u(1, 3); c.sx = u(1, 3); c.dy = u(1, 2); c.dx = u(1, 2);
  c.same = u(0, 1) == 1;
  c.depthwise = depthwise;
  c.ifm_format = u(0, 1) ? DataFormat::kNhcwb16 : DataFormat::kNhwc;
  c.ofm_format = u(0, 1) ? DataFormat::kNhcwb16 : DataFormat::kNhwc;
  return c;
}

TEST(ConvolutionTest, RandomConvolutionsMatchTheReferenceKernel) {
  std::mt19937 rng(11);
  int executed = 0;
  for (int i = 0; i < 300; ++i) {
    const ConvCase c = random_case(rng, false);
    std::string detail;
    const int mismatches = ConvHarness(c, static_cast<uint32_t>(i)).run(&detail);
    ASSERT_EQ(mismatches, 0) << "case " << i << " " << c.h << "x" << c.w << "x" << c.cin << " -> "
                             << c.cout << " k" << c.kh << "x" << c.kw << " s" << c.sy << c.sx
                             << " d" << c.dy << c.dx << (c.same ? " SAME " : " VALID ") << detail;
    ++executed;
  }
  EXPECT_EQ(executed, 300);
}

TEST(ConvolutionTest, RandomDepthwiseConvolutionsMatchTheReferenceKernel) {
  std::mt19937 rng(12);
  for (int i = 0; i < 300; ++i) {
    const ConvCase c = random_case(rng, true);
    std::string detail;
    const int mismatches = ConvHarness(c, static_cast<uint32_t>(1000 + i)).run(&detail);
    ASSERT_EQ(mismatches, 0) << "case " << i << " " << c.h << "x" << c.w << "x" << c.cin << " k"
                             << c.kh << "x" << c.kw << " s" << c.sy << c.sx << " d" << c.dy << c.dx
                             << (c.same ? " SAME " : " VALID ") << detail;
  }
}

TEST(ConvolutionTest, UpscaledIfmEqualsConvolutionOfTheUpsampledInput) {
  std::mt19937 rng(13);
  for (int i = 0; i < 120; ++i) {
    ConvCase c = random_case(rng, i % 2 == 1);
    c.upscale = i % 4 < 2 ? isa::UpscaleMode::kNearest : isa::UpscaleMode::kZeros;
    c.same = true;  // every upscaled row/column is then inside the IFM extent
    std::string detail;
    const int mismatches = ConvHarness(c, static_cast<uint32_t>(2000 + i)).run(&detail);
    ASSERT_EQ(mismatches, 0) << "case " << i << " upscale " << static_cast<int>(c.upscale) << " "
                             << detail;
  }
}

TEST(ConvolutionTest, AccumulatorWrapsAt32Or40Bits) {
  // 600 channels of 32767 * 127 = 2,496,845,400: past INT32_MAX, inside 40 bits.
  for (isa::AccFormat format : {isa::AccFormat::kInt32, isa::AccFormat::kInt40}) {
    TestMemory mem(1 << 14);
    isa::Operation op;
    op.kind = isa::OperationKind::kConv;
    static_cast<isa::FeatureMapState&>(op.state.ifm) =
        make_fm(1, 0, {1, 1, 600}, 16, true, DataFormat::kNhwc);
    op.state.ifm.depth_m1 = 599;
    static_cast<isa::FeatureMapState&>(op.state.ofm) =
        make_fm(1, 2048, {1, 1, 1}, 32, true, DataFormat::kNhwc);
    op.state.ofm.global_scale = true;
    op.state.ofm_scale = {1, 0};
    op.state.acc_format = format;
    store(op.state.ifm, {1, 1, 600}, mem, std::vector<int64_t>(600, 32767));
    sim::ConvWeights weights;
    weights.ofm_depth = 1; weights.kernel_height = 1; weights.kernel_width = 1;
    weights.ifm_depth = 600;
    weights.ohwi.assign(600, 127);
    ASSERT_TRUE(sim::execute_convolution(op, mem.memory(), weights).ok());
    const int64_t expected = format == isa::AccFormat::kInt32 ? 2496845400LL - (1LL << 32)
                                                              : INT32_MAX;  // saturated store
    EXPECT_EQ(load(op.state.ofm, {1, 1, 1}, mem), std::vector<int64_t>{expected});
  }
}

}  // namespace
}  // namespace vnpu::testing
