// CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED in TFLite's 16x8 scheme
// (int16 activations with zero point 0, int8 weights; compiler/codegen/
// lower_op.cc), compiled whole and run on the functional NPU against the CPU
// runtime (compile_and_compare):
//  - random shapes, strides, dilations, paddings, per-tensor and per-channel
//    scales, fused activations, and an int64 bias (TFLite's int64 accumulator:
//    a Q15 multiplier in NATURAL rounding into 40-bit accumulators), an int32
//    bias (TFLite's int32 accumulator: DBL rounding, 32-bit accumulators) or
//    none, on every U55 configuration (VNPU_CONV16_CASES, default 320);
//  - the refusals of the support rule "weighted_16x8": a bias that can push
//    an accumulator out of 40 bits, a scale under which a scaled accumulator
//    can leave 32 bits (TFLite truncates it, the NPU saturates), and operands
//    outside the scheme.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "compiler/codegen/lower_op.h"
#include "isa/accelerator_config.h"
#include "models/graph_builder.h"
#include "tests/compiler/compiler_testing.h"

namespace vnpu::compiler {
namespace {

using ir::DataType;

class CaseRng {
 public:
  explicit CaseRng(uint64_t seed) : rng_(static_cast<std::mt19937::result_type>(seed)) {}
  int32_t uniform(int32_t lo, int32_t hi) {
    return std::uniform_int_distribution<int32_t>(lo, hi)(rng_);
  }
  int64_t uniform64(int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng_);
  }
  float real(float lo, float hi) { return std::uniform_real_distribution<float>(lo, hi)(rng_); }

 private:
  std::mt19937 rng_;
};

int32_t add_int16_activation(models::GraphBuilder& b, const std::string& name,
                             const ir::Shape& shape, float scale) {
  const int32_t index = b.add_activation(name, shape, {scale, 0});
  b.graph().tensors[static_cast<size_t>(index)].type = DataType::kInt16;
  return index;
}

int32_t add_int64_bias(models::GraphBuilder& b, const std::vector<int64_t>& values, float scale) {
  ir::Tensor t;
  t.name = "bias";
  t.type = DataType::kInt64;
  t.shape = {static_cast<int32_t>(values.size())};
  t.quantization.scales = {scale};
  t.quantization.zero_points = {0};
  t.data.resize(values.size() * 8);
  std::memcpy(t.data.data(), values.data(), t.data.size());
  b.graph().tensors.push_back(std::move(t));
  return static_cast<int32_t>(b.graph().tensors.size() - 1);
}

ir::FusedActivation random_activation(CaseRng& r) {
  const ir::FusedActivation kinds[] = {ir::FusedActivation::kNone, ir::FusedActivation::kRelu,
                                       ir::FusedActivation::kRelu6,
                                       ir::FusedActivation::kReluN1To1};
  return kinds[r.uniform(0, 3)];
}

enum class Bias { kNone, kInt32, kInt64 };

const char* bias_name(Bias bias) {
  return bias == Bias::kNone ? "none" : (bias == Bias::kInt32 ? "int32" : "int64");
}

// The bias operand of `channels` outputs (none: -1).
int32_t add_bias(models::GraphBuilder& b, CaseRng& r, Bias bias, int32_t channels, float in_scale,
                 const std::vector<float>& w_scales) {
  if (bias == Bias::kNone) return -1;
  const std::vector<float> per_channel =
      w_scales.size() == 1 ? std::vector<float>(static_cast<size_t>(channels), w_scales[0])
                           : w_scales;
  if (bias == Bias::kInt32) return b.add_bias("bias", channels, in_scale, per_channel, 1 << 20);
  std::vector<int64_t> values;
  const int64_t range = int64_t{1} << r.uniform(10, 34);
  for (int32_t c = 0; c < channels; ++c) values.push_back(r.uniform64(-range, range));
  return add_int64_bias(b, values, in_scale * per_channel[0]);
}

struct Case {
  ir::Model model;
  std::string label;
};

std::vector<float> weight_scales(CaseRng& r, int32_t channels) {
  std::vector<float> scales = {r.real(0.001f, 0.02f)};
  if (r.uniform(0, 2) != 0) {
    for (int32_t c = 1; c < channels; ++c) scales.push_back(r.real(0.001f, 0.02f));
  }
  return scales;
}

// An output scale that keeps most outputs inside int16: the input scale times
// the largest weight scale times sqrt(terms) times a random factor.
float output_scale(CaseRng& r, float in_scale, const std::vector<float>& w, int32_t terms) {
  const float max_w = *std::max_element(w.begin(), w.end());
  return in_scale * max_w * std::sqrt(static_cast<float>(terms)) * r.real(0.5f, 40.0f);
}

Case conv_case(CaseRng& r, uint64_t seed, bool depthwise) {
  models::GraphBuilder b("conv16", seed);
  const int32_t h = r.uniform(1, 12), w = r.uniform(1, 12), cin = r.uniform(1, 40);
  const int32_t cout = depthwise ? cin : r.uniform(1, 40);
  const int32_t kh = r.uniform(1, 5), kw = r.uniform(1, 5);
  const int32_t sy = r.uniform(1, 3), sx = r.uniform(1, 3), dy = r.uniform(1, 2),
                dx = r.uniform(1, 2);
  ir::Padding padding = r.uniform(0, 1) == 0 ? ir::Padding::kSame : ir::Padding::kValid;
  if ((kh - 1) * dy + 1 > h || (kw - 1) * dx + 1 > w) padding = ir::Padding::kSame;
  const int32_t oh =
      padding == ir::Padding::kSame ? (h + sy - 1) / sy : (h - (kh - 1) * dy - 1) / sy + 1;
  const int32_t ow =
      padding == ir::Padding::kSame ? (w + sx - 1) / sx : (w - (kw - 1) * dx - 1) / sx + 1;
  const float in_scale = r.real(0.0001f, 0.01f);
  const std::vector<float> ws = weight_scales(r, cout);
  const int32_t in = add_int16_activation(b, "in", {1, h, w, cin}, in_scale);
  const int32_t out = add_int16_activation(
      b, "out", {1, oh, ow, cout}, output_scale(r, in_scale, ws, kh * kw * (depthwise ? 1 : cin)));
  const int32_t filter = depthwise ? b.add_weights("filter", {1, kh, kw, cout}, 3, ws)
                                   : b.add_weights("filter", {cout, kh, kw, cin}, 0, ws);
  const int32_t pick = r.uniform(0, 4);
  Bias bias = pick == 0 ? Bias::kNone : (pick == 1 ? Bias::kInt32 : Bias::kInt64);
  // TFLite's int16 DEPTHWISE_CONV_2D takes an int64 bias only.
  if (depthwise && bias == Bias::kInt32) bias = Bias::kInt64;
  std::vector<int32_t> inputs = {in, filter};
  const int32_t bias_index = add_bias(b, r, bias, cout, in_scale, ws);
  if (bias_index >= 0) inputs.push_back(bias_index);
  const ir::FusedActivation act = random_activation(r);
  if (depthwise) {
    b.add_op(ir::OpType::kDepthwiseConv2d, inputs, {out},
             ir::DepthwiseConv2dOptions{padding, sx, sy, 1, dx, dy, act});
  } else {
    b.add_op(ir::OpType::kConv2d, inputs, {out}, ir::Conv2dOptions{padding, sx, sy, dx, dy, act});
  }
  b.set_io({in}, {out});
  const std::string label =
      std::string(depthwise ? "DEPTHWISE" : "CONV") + " in " + std::to_string(h) + "x" +
      std::to_string(w) + "x" + std::to_string(cin) + " out " + std::to_string(oh) + "x" +
      std::to_string(ow) + "x" + std::to_string(cout) + " k " + std::to_string(kh) + "x" +
      std::to_string(kw) + " s " + std::to_string(sy) + "x" + std::to_string(sx) + " d " +
      std::to_string(dy) + "x" + std::to_string(dx) +
      (padding == ir::Padding::kSame ? " SAME" : " VALID") + " bias " + bias_name(bias) + " act " +
      ir::fused_activation_name(act);
  return {b.finish("t"), label};
}

Case fc_case(CaseRng& r, uint64_t seed) {
  models::GraphBuilder b("fc16", seed);
  const int32_t rows = r.uniform(1, 5), depth = r.uniform(1, 97), units = r.uniform(1, 41);
  const float in_scale = r.real(0.0001f, 0.01f);
  const std::vector<float> ws = weight_scales(r, units);
  const int32_t in = add_int16_activation(b, "in", {rows, depth}, in_scale);
  const int32_t out =
      add_int16_activation(b, "out", {rows, units}, output_scale(r, in_scale, ws, depth));
  const int32_t filter = b.add_weights("filter", {units, depth}, 0, ws);
  const auto bias = static_cast<Bias>(r.uniform(0, 2));
  std::vector<int32_t> inputs = {in, filter};
  const int32_t bias_index = add_bias(b, r, bias, units, in_scale, ws);
  if (bias_index >= 0) inputs.push_back(bias_index);
  const ir::FusedActivation act = random_activation(r);
  b.add_op(ir::OpType::kFullyConnected, inputs, {out}, ir::FullyConnectedOptions{act, false});
  b.set_io({in}, {out});
  const std::string label = "FC rows " + std::to_string(rows) + " in " + std::to_string(depth) +
                            " out " + std::to_string(units) +
                            (ws.size() > 1 ? " per-channel" : " per-tensor") + " bias " +
                            bias_name(bias) + " act " + ir::fused_activation_name(act);
  return {b.finish("t"), label};
}

int case_count() {
  const char* env = std::getenv("VNPU_CONV16_CASES");
  return env != nullptr ? std::max(1, std::atoi(env)) : 320;
}

TEST(CodegenConv16, RandomOperatorsMatchTheCpuRuntimeByteForByte) {
  const std::vector<isa::AcceleratorConfig>& configs = isa::accelerator_configs();
  int on_npu = 0;
  const int cases = case_count();
  for (int i = 0; i < cases; ++i) {
    const uint64_t seed = 7000 + static_cast<uint64_t>(i);
    CaseRng r(seed);
    const int32_t kind = r.uniform(0, 2);
    const Case c = kind == 0   ? conv_case(r, seed, false)
                   : kind == 1 ? conv_case(r, seed, true)
                               : fc_case(r, seed);
    CompilerOptions options;
    options.accelerator_config =
        configs[static_cast<size_t>(r.uniform(0, static_cast<int32_t>(configs.size()) - 1))].name;
    const std::string what = c.label + " on " + options.accelerator_config;
    const std::string reason = testing::npu_refusal(c.model, options);
    if (reason.empty()) {
      ++on_npu;
    } else {
      // Only the accumulator bounds of the 16x8 rule may keep one on the CPU.
      EXPECT_NE(reason.find("weighted_16x8"), std::string::npos) << what << ": " << reason;
    }
    const std::vector<std::vector<uint8_t>> inputs =
        testing::random_inputs(c.model.main_graph(), seed);
    EXPECT_EQ(testing::compile_and_compare(c.model, options, inputs), "") << what;
  }
  std::printf("%d of %d 16x8 operators on the NPU\n", on_npu, cases);
  EXPECT_GE(on_npu, cases * 3 / 4);
}

// A 1x1 CONV_2D of `depth` int16 channels to one output with weights 127.
ir::Model one_by_one_conv(int32_t depth, float out_scale, Bias bias, int64_t bias_value) {
  models::GraphBuilder b("conv16", 1);
  const int32_t in = add_int16_activation(b, "in", {1, 2, 2, depth}, 1.0f);
  const int32_t out = add_int16_activation(b, "out", {1, 2, 2, 1}, out_scale);
  const int32_t filter = b.add_weights("filter", {1, 1, 1, depth}, 0, {1.0f});
  ir::Tensor& f = b.graph().tensors[static_cast<size_t>(filter)];
  std::fill(f.data.begin(), f.data.end(), uint8_t{127});
  std::vector<int32_t> inputs = {in, filter};
  if (bias == Bias::kInt64) inputs.push_back(add_int64_bias(b, {bias_value}, 1.0f));
  b.add_op(ir::OpType::kConv2d, inputs, {out},
           ir::Conv2dOptions{ir::Padding::kValid, 1, 1, 1, 1, ir::FusedActivation::kNone});
  b.set_io({in}, {out});
  return b.finish("t");
}

TEST(CodegenConv16, ABiasThatCanLeaveFortyBitsStaysOnTheCpu) {
  // 2^15 x 127 x 4 + (2^39 - 2^20) exceeds 2^39 - 1.
  testing::expect_stays_on_cpu(
      one_by_one_conv(4, static_cast<float>(int64_t{1} << 30), Bias::kInt64,
                      (int64_t{1} << 39) - (int64_t{1} << 20)),
      "bias near 2^39", "40-bit accumulator");
}

TEST(CodegenConv16, ABiasWithinFortyBitsRunsOnTheNpu) {
  // 2^15 x 127 x 4 + 2^38 stays below 2^39: exact in the 40-bit accumulator.
  const ir::Model model =
      one_by_one_conv(4, static_cast<float>(int64_t{1} << 30), Bias::kInt64, int64_t{1} << 38);
  CompilerOptions options;
  options.accelerator_config = "ethos-u55-128";
  EXPECT_EQ(testing::npu_refusal(model, options), "");
  EXPECT_EQ(
      testing::compile_and_compare(model, options, testing::random_inputs(model.main_graph(), 3)),
      "");
}

TEST(CodegenConv16, AScaleUnderWhichTheScaledSumCanLeaveThirtyTwoBitsStaysOnTheCpu) {
  // Ratio 64 (exponent 7): 2^15 x 127 x 16 x 64 is above 2^31.
  testing::expect_stays_on_cpu(one_by_one_conv(16, 1.0f / 64.0f, Bias::kNone, 0), "ratio 64",
                               "leave 32 bits");
}

TEST(CodegenConv16, OperandsOutsideTheSchemeAreRefusedWithAReason) {
  ir::Model model = one_by_one_conv(4, 1.0f, Bias::kNone, 0);
  ir::Graph& g = model.main_graph();
  const ir::Operator& op = g.operators[0];
  EXPECT_TRUE(check_16x8_operands(g, op));

  g.tensors[static_cast<size_t>(op.inputs[0])].quantization.zero_points = {5};
  const Status zero_point = check_16x8_operands(g, op);
  EXPECT_NE(zero_point.message().find("zero point 5"), std::string::npos) << zero_point.message();

  g.tensors[static_cast<size_t>(op.inputs[0])].quantization.zero_points = {0};
  g.tensors[static_cast<size_t>(op.outputs[0])].type = DataType::kInt8;
  const Status output_type = check_16x8_operands(g, op);
  EXPECT_NE(output_type.message().find("is not int16"), std::string::npos) << output_type.message();
}

}  // namespace
}  // namespace vnpu::compiler
