// DEPTHWISE_CONV_2D with depth multiplier M over C > 1 input channels
// (convert_depthwise_multiplier_to_conv: a CONV_2D whose filter for output
// channel o holds o's depthwise weights at input channel o / M and zeros
// elsewhere), compiled whole and run on the functional NPU against the CPU
// runtime (compile_and_compare): random int8 and 16x8 operators (shapes,
// multipliers, strides, dilations, SAME/VALID, per-tensor and per-channel
// weights, biases, fused activations, every U55 configuration), each on the
// NPU; and one the NPU cannot run (stride 4) stays a DEPTHWISE_CONV_2D on the CPU.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "compiler/compile_model.h"
#include "core/deterministic_rng.h"
#include "models/graph_builder.h"
#include "tests/compiler/compiler_testing.h"

namespace vnpu::compiler {
namespace {

struct Case {
  ir::Model model;
  std::string label;
};

int32_t out_size(ir::Padding padding, int32_t in, int32_t kernel, int32_t stride,
                 int32_t dilation) {
  const int32_t extent = (kernel - 1) * dilation + 1;
  return padding == ir::Padding::kSame ? (in + stride - 1) / stride : (in - extent) / stride + 1;
}

Case random_case(DeterministicRng& rng, uint64_t seed, int32_t stride_limit) {
  models::GraphBuilder b("dw_multiplier", seed);
  const bool wide = rng.uniform(0, 2) == 0;
  const int32_t h = rng.uniform(1, 10), w = rng.uniform(1, 10), c = rng.uniform(2, 9);
  const int32_t m = rng.uniform(2, 5), kh = rng.uniform(1, 4), kw = rng.uniform(1, 4);
  const int32_t sy = rng.uniform(1, stride_limit), sx = rng.uniform(1, stride_limit);
  const int32_t dy = rng.uniform(1, 2), dx = rng.uniform(1, 2);
  ir::Padding padding = rng.uniform(0, 1) == 0 ? ir::Padding::kSame : ir::Padding::kValid;
  if ((kh - 1) * dy + 1 > h || (kw - 1) * dx + 1 > w) padding = ir::Padding::kSame;
  const int32_t oh = out_size(padding, h, kh, sy, dy), ow = out_size(padding, w, kw, sx, dx);
  std::vector<float> scales = {0.004f + 0.01f * static_cast<float>(rng.unit())};
  if (rng.uniform(0, 1) == 0) {
    for (int32_t o = 1; o < c * m; ++o)
      scales.push_back(0.004f + 0.01f * static_cast<float>(rng.unit()));
  }
  const float in_scale = wide ? 0.0005f : 0.03f;
  const int32_t in =
      b.add_activation("in", {1, h, w, c}, {in_scale, wide ? 0 : rng.uniform(-50, 50)});
  const int32_t out =
      b.add_activation("out", {1, oh, ow, c * m},
                       {in_scale * 0.01f * static_cast<float>(kh * kw) * (wide ? 4.0f : 1.0f),
                        wide ? 0 : rng.uniform(-50, 50)});
  if (wide) {
    for (int32_t t : {in, out})
      b.graph().tensors[static_cast<size_t>(t)].type = ir::DataType::kInt16;
  }
  const int32_t filter = b.add_weights("w", {1, kh, kw, c * m}, 3, scales);
  std::vector<int32_t> inputs = {in, filter};
  if (!wide && rng.uniform(0, 1) == 0) {
    std::vector<float> per_channel = scales;
    per_channel.resize(static_cast<size_t>(c * m), scales[0]);
    inputs.push_back(b.add_bias("bias", c * m, in_scale, per_channel, 1000));
  }
  ir::DepthwiseConv2dOptions options;
  options.padding = padding;
  options.stride_h = sy;
  options.stride_w = sx;
  options.dilation_h = dy;
  options.dilation_w = dx;
  options.depth_multiplier = m;
  const ir::FusedActivation kinds[] = {ir::FusedActivation::kNone, ir::FusedActivation::kRelu,
                                       ir::FusedActivation::kRelu6};
  options.activation = kinds[rng.uniform(0, 2)];
  b.add_op(ir::OpType::kDepthwiseConv2d, inputs, {out}, options);
  b.set_io({in}, {out});
  return {b.finish("t"),
          std::string(wide ? "16x8" : "int8") + " DEPTHWISE in " + std::to_string(h) + "x" +
              std::to_string(w) + "x" + std::to_string(c) + " multiplier " + std::to_string(m) +
              " k " + std::to_string(kh) + "x" + std::to_string(kw) + " s " + std::to_string(sy) +
              "x" + std::to_string(sx) + " d " + std::to_string(dy) + "x" + std::to_string(dx) +
              (padding == ir::Padding::kSame ? " SAME" : " VALID") +
              (scales.size() > 1 ? " per-channel" : " per-tensor")};
}

TEST(DepthwiseMultiplier, OverSeveralChannelsRunsOnTheNpuAsAConvByteForByte) {
  constexpr int kCases = 220;
  int on_npu = 0;
  for (int i = 0; i < kCases; ++i) {
    const auto seed = static_cast<uint64_t>(17000 + i);
    DeterministicRng rng(seed);
    const Case c = random_case(rng, seed, 3);
    CompilerOptions options;
    options.accelerator_config = testing::random_accelerator(rng);
    const std::string reason = testing::npu_refusal(c.model, options);
    // Only the 16x8 accumulator bound may keep one on the CPU.
    if (!reason.empty()) {
      EXPECT_NE(reason.find("weighted_16x8"), std::string::npos) << c.label << ": " << reason;
    }
    on_npu += reason.empty() ? 1 : 0;
    EXPECT_EQ(testing::compile_and_compare(c.model, options,
                                           testing::random_inputs(c.model.main_graph(), seed)),
              "")
        << c.label << " on " << options.accelerator_config;
  }
  std::printf("%d of %d multiplier depthwise convolutions on the NPU\n", on_npu, kCases);
  EXPECT_GE(on_npu, 200);
}

TEST(DepthwiseMultiplier, OneTheNpuCannotRunStaysADepthwiseOnTheCpu) {
  DeterministicRng rng(5);
  Case c = random_case(rng, 5, 1);
  ir::Operator& op = c.model.main_graph().operators[0];
  auto& options = std::get<ir::DepthwiseConv2dOptions>(op.options);
  options.stride_h = options.stride_w = 4;
  options.padding = ir::Padding::kSame;
  ir::Tensor& out = c.model.main_graph().tensors[static_cast<size_t>(op.outputs[0])];
  const ir::Shape& in = c.model.main_graph().tensors[static_cast<size_t>(op.inputs[0])].shape;
  out.shape[1] = (in[1] + 3) / 4;
  out.shape[2] = (in[2] + 3) / 4;
  CompilerOptions compile_options;
  auto compiled = compile_model(c.model, compile_options);
  ASSERT_TRUE(compiled) << compiled.status().message();
  ASSERT_EQ(compiled->operators.size(), 1u);
  EXPECT_EQ(compiled->operators[0].type, ir::OpType::kDepthwiseConv2d);
  EXPECT_LT(compiled->operators[0].segment, 0);
  EXPECT_EQ(testing::compile_and_compare(c.model, compile_options,
                                         testing::random_inputs(c.model.main_graph(), 5)),
            "");
}

}  // namespace
}  // namespace vnpu::compiler
