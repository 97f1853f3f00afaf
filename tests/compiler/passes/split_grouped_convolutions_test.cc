// split_grouped_convolutions: a grouped CONV_2D becomes one CONV_2D per group
// between SLICEs of the input's channels and a CONCATENATION. Random int8
// and 16x8 grouped convolutions (2-6 groups, shapes, kernels, strides,
// dilations, SAME/VALID, per-tensor or per-channel weights, int32 or int64
// biases or none, activations, every U55 configuration): the pass keeps the
// CPU's outputs byte for byte (run_pass_and_compare), and compiled, every
// operator runs on the NPU with the CPU runtime's outputs (compile_and_compare).
// An ungrouped convolution is left alone.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "compiler/passes/passes.h"
#include "core/deterministic_rng.h"
#include "models/graph_builder.h"
#include "tests/compiler/compiler_testing.h"

namespace vnpu::compiler {
namespace {

struct Case {
  ir::Model model;
  std::string label;
};

// Rewrites the int32 bias `tensor` as int64 (the 16x8 scheme's usual bias).
void widen_bias(models::GraphBuilder& b, int32_t tensor) {
  ir::Tensor& t = b.graph().tensors[static_cast<size_t>(tensor)];
  std::vector<uint8_t> wide;
  for (size_t i = 0; i + 4 <= t.data.size(); i += 4) {
    const int32_t v = static_cast<int32_t>(
        static_cast<uint32_t>(t.data[i]) | static_cast<uint32_t>(t.data[i + 1]) << 8 |
        static_cast<uint32_t>(t.data[i + 2]) << 16 | static_cast<uint32_t>(t.data[i + 3]) << 24);
    const auto u = static_cast<uint64_t>(static_cast<int64_t>(v));
    for (int byte = 0; byte < 8; ++byte) wide.push_back(static_cast<uint8_t>(u >> (8 * byte)));
  }
  t.data = wide;
  t.type = ir::DataType::kInt64;
}

Case random_case(DeterministicRng& rng, uint64_t seed, int32_t groups) {
  models::GraphBuilder b("grouped", seed);
  const bool wide = rng.uniform(0, 2) == 0;
  const int32_t h = rng.uniform(1, 10), w = rng.uniform(1, 10);
  const int32_t depth = rng.uniform(1, 6), per_group = rng.uniform(1, 5);
  const int32_t kh = rng.uniform(1, 3), kw = rng.uniform(1, 3);
  const int32_t stride = rng.uniform(1, 2), dilation = rng.uniform(1, 2);
  const bool same = rng.uniform(0, 1) == 0;
  const int32_t span_h = (kh - 1) * dilation + 1, span_w = (kw - 1) * dilation + 1;
  const int32_t oh = same ? (h + stride - 1) / stride : (h - span_h) / stride + 1;
  const int32_t ow = same ? (w + stride - 1) / stride : (w - span_w) / stride + 1;
  if (!same && (h < span_h || w < span_w)) return random_case(rng, seed, groups);
  const int32_t channels = groups * per_group;
  const float in_scale = wide ? 0.001f : 0.05f;
  const int32_t in_zp = wide ? 0 : rng.uniform(-50, 50);
  const int32_t in = b.add_activation("in", {1, h, w, groups * depth}, {in_scale, in_zp});
  const float out_scale = in_scale * 0.02f * static_cast<float>(kh * kw * depth) * 2.0f;
  const int32_t out =
      b.add_activation("out", {1, oh, ow, channels}, {out_scale, wide ? 0 : rng.uniform(-50, 50)});
  if (wide) {
    for (int32_t t : {in, out})
      b.graph().tensors[static_cast<size_t>(t)].type = ir::DataType::kInt16;
  }
  std::vector<float> scales(rng.uniform(0, 1) == 0 ? 1 : static_cast<size_t>(channels));
  for (float& s : scales) s = 0.01f + 0.002f * static_cast<float>(rng.uniform(0, 10));
  const int32_t filter = b.add_weights("w", {channels, kh, kw, depth}, 0, scales);
  std::vector<int32_t> inputs = {in, filter};
  const int32_t bias_kind = rng.uniform(0, 2);  // 0 none, 1 int32, 2 int64 (int16 only)
  if (bias_kind > 0) {
    const int32_t bias = b.add_bias("b", channels, in_scale, scales, 2000);
    if (wide && bias_kind == 2) widen_bias(b, bias);
    inputs.push_back(bias);
  }
  const ir::FusedActivation act =
      rng.uniform(0, 1) == 0 ? ir::FusedActivation::kNone : ir::FusedActivation::kRelu;
  b.add_op(ir::OpType::kConv2d, inputs, {out},
           ir::Conv2dOptions{same ? ir::Padding::kSame : ir::Padding::kValid, stride, stride,
                             dilation, dilation, act});
  b.set_io({in}, {out});
  return {b.finish("t"), std::string(wide ? "int16" : "int8") + " " + std::to_string(groups) +
                             " groups of " + std::to_string(depth) + "->" +
                             std::to_string(per_group) + " " + std::to_string(h) + "x" +
                             std::to_string(w) + " k " + std::to_string(kh) + "x" +
                             std::to_string(kw) + " s " + std::to_string(stride) + " d " +
                             std::to_string(dilation) + (same ? " SAME" : " VALID")};
}

TEST(SplitGroupedConvolutions, EachGroupRunsOnTheNpu) {
  constexpr int kCases = 200;
  int on_npu = 0;
  for (int i = 0; i < kCases; ++i) {
    const auto seed = static_cast<uint64_t>(61000 + i);
    DeterministicRng rng(seed);
    const Case c = random_case(rng, seed, rng.uniform(2, 6));
    SCOPED_TRACE(c.label);
    const ir::Model after = testing::run_pass_and_compare(c.model, split_grouped_convolutions);
    EXPECT_GT(after.main_graph().operators.size(), 1u);
    CompilerOptions options;
    options.accelerator_config = testing::random_accelerator(rng);
    const std::string reason = testing::npu_refusal(c.model, options);
    on_npu += reason.empty() ? 1 : 0;
    EXPECT_EQ(reason, "") << " on " << options.accelerator_config;
    EXPECT_EQ(testing::compile_and_compare(c.model, options,
                                           testing::random_inputs(c.model.main_graph(), seed)),
              "")
        << " on " << options.accelerator_config;
  }
  EXPECT_EQ(on_npu, kCases);
}

TEST(SplitGroupedConvolutions, AConvolutionWithOneGroupIsLeftAlone) {
  DeterministicRng rng(1);
  const Case c = random_case(rng, 1, 1);
  const ir::Model after = testing::run_pass_and_compare(c.model, split_grouped_convolutions);
  EXPECT_EQ(after.main_graph().operators.size(), 1u);
}

// The fuzzer's input of depth 0 (regression-grouped_conv_depth0.tflite) once
// divided by its 0 groups: the pass now leaves such a convolution alone.
TEST(SplitGroupedConvolutions, AnInputOfDepthZeroIsLeftAlone) {
  DeterministicRng rng(1);
  Case c = random_case(rng, 1, 2);
  ir::Graph& graph = c.model.main_graph();
  graph.tensors[static_cast<size_t>(graph.operators[0].inputs[0])].shape[3] = 0;
  ir::Graph after = graph;
  ASSERT_TRUE(split_grouped_convolutions(after, CompilerOptions{}));
  EXPECT_EQ(after.operators.size(), 1u);
}

}  // namespace
}  // namespace vnpu::compiler
