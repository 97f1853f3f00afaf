// TRANSPOSE_CONV on the NPU (compiler/codegen/lower_op.cc: a stride-1
// convolution with the filter turned by 180 degrees over the input upscaled
// by 2 with zeros, or not upscaled for stride 1; other strides through the
// pass convert_transpose_conv_strides: zero-point images, BATCH_TO_SPACE_ND,
// PAD and a stride-1 CONV_2D), compiled whole and run on the functional NPU
// against the CPU runtime (compile_and_compare):
//  - random int8 and 16x8 operators (int64, int16 or no bias), SAME and VALID,
//    every output size TFLite accepts for the input, strides 1 to 4 per axis,
//    per-tensor and per-channel weights, fused activations, every U55
//    configuration (VNPU_TCONV_CASES, default 480, over 200 of them through the pass): each lands
//    on the NPU unless the support rules give the 16x8 accumulator bound as the reason;
//  - a stride of 3 becomes the four operators, and its outputs stay TFLite's.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "compiler/passes/passes.h"
#include "core/deterministic_rng.h"
#include "isa/accelerator_config.h"
#include "models/graph_builder.h"
#include "tests/compiler/compiler_testing.h"

namespace vnpu::compiler {
namespace {

using ir::DataType;

// A real in [lo, hi).
float real(DeterministicRng& rng, float lo, float hi) {
  return lo + (hi - lo) * static_cast<float>(rng.unit());
}

struct Case {
  ir::Model model;
  std::string label;
  bool stride_fits = true;  // every axis with more than one input element: stride 1 or 2, alike
};

// The filter's bias operand for 16x8: int64 or int16 values (TFLite widens int16).
int32_t add_wide_bias(models::GraphBuilder& b, DeterministicRng& r, DataType type, int32_t channels,
                      float scale) {
  ir::Tensor t;
  t.name = "bias";
  t.type = type;
  t.shape = {channels};
  t.quantization.scales = {scale};
  t.quantization.zero_points = {0};
  const size_t size = type == DataType::kInt64 ? 8 : 2;
  t.data.resize(static_cast<size_t>(channels) * size);
  for (int32_t c = 0; c < channels; ++c) {
    const int64_t v =
        type == DataType::kInt64 ? r.uniform(-(1 << 24), 1 << 24) : r.uniform(-32768, 32767);
    const auto v16 = static_cast<int16_t>(v);
    std::memcpy(t.data.data() + static_cast<size_t>(c) * size,
                size == 8 ? static_cast<const void*>(&v) : static_cast<const void*>(&v16), size);
  }
  b.graph().tensors.push_back(std::move(t));
  return static_cast<int32_t>(b.graph().tensors.size() - 1);
}

// An output size TFLite's transpose_conv.cc accepts for `in` input elements:
// one whose ComputeOutSize (SAME: ceil(out / stride); VALID: (out - kernel +
// stride) / stride) gives back `in`.
int32_t output_size(DeterministicRng& r, ir::Padding padding, int32_t in, int32_t kernel,
                    int32_t stride) {
  if (padding == ir::Padding::kSame) return r.uniform((in - 1) * stride + 1, in * stride);
  return r.uniform((in - 1) * stride + kernel, in * stride + kernel - 1);
}

int32_t random_stride(DeterministicRng& r) {
  return r.uniform(0, 1) == 0 ? r.uniform(3, 4) : r.uniform(1, 2);
}

Case transpose_conv_case(DeterministicRng& r, uint64_t seed) {
  models::GraphBuilder b("tconv", seed);
  const bool wide = r.uniform(0, 2) == 0;
  const int32_t h = r.uniform(1, 9), w = r.uniform(1, 9), cin = r.uniform(1, 24);
  const int32_t cout = r.uniform(1, 24);
  const int32_t kh = r.uniform(1, 5), kw = r.uniform(1, 5);
  int32_t sy = random_stride(r);
  const int32_t sx = r.uniform(0, 3) == 0 ? random_stride(r) : sy;
  if (h > 1 && w > 1 && r.uniform(0, 1) == 0) sy = sx;
  const ir::Padding padding = r.uniform(0, 1) == 0 ? ir::Padding::kSame : ir::Padding::kValid;
  const int32_t oh = output_size(r, padding, h, kh, sy);
  const int32_t ow = output_size(r, padding, w, kw, sx);
  const float in_scale = wide ? real(r, 0.0001f, 0.01f) : real(r, 0.005f, 0.05f);
  std::vector<float> ws = {real(r, 0.001f, 0.02f)};
  if (r.uniform(0, 1) == 0) {
    for (int32_t c = 1; c < cout; ++c) ws.push_back(real(r, 0.001f, 0.02f));
  }
  const float max_w = *std::max_element(ws.begin(), ws.end());
  const float out_scale = in_scale * max_w * std::sqrt(static_cast<float>(kh * kw * cin)) *
                          real(r, 0.5f, wide ? 40.0f : 8.0f);
  const int32_t in_zp = wide ? 0 : r.uniform(-128, 127);
  const int32_t out_zp = wide ? 0 : r.uniform(-128, 127);
  const int32_t in = b.add_activation("in", {1, h, w, cin}, {in_scale, in_zp});
  const int32_t out = b.add_activation("out", {1, oh, ow, cout}, {out_scale, out_zp});
  if (wide) {
    b.graph().tensors[static_cast<size_t>(in)].type = DataType::kInt16;
    b.graph().tensors[static_cast<size_t>(out)].type = DataType::kInt16;
  }
  const int32_t shape = b.add_int32_constant("output_shape", {1, oh, ow, cout});
  const int32_t filter = b.add_weights("filter", {cout, kh, kw, cin}, 0, ws);
  std::vector<int32_t> inputs = {shape, filter, in};
  const int32_t pick = r.uniform(0, 2);
  std::string bias = "none";
  if (pick > 0) {
    std::vector<float> per_channel = ws;
    per_channel.resize(static_cast<size_t>(cout), ws[0]);
    if (!wide) {
      inputs.push_back(b.add_bias("bias", cout, in_scale, per_channel, 1 << 16));
      bias = "int32";
    } else {
      const DataType type = pick == 1 ? DataType::kInt64 : DataType::kInt16;
      inputs.push_back(add_wide_bias(b, r, type, cout, in_scale * ws[0]));
      bias = type == DataType::kInt64 ? "int64" : "int16";
    }
  }
  const ir::FusedActivation kinds[] = {ir::FusedActivation::kNone, ir::FusedActivation::kRelu,
                                       ir::FusedActivation::kRelu6,
                                       ir::FusedActivation::kReluN1To1};
  const ir::FusedActivation act = kinds[r.uniform(0, 3)];
  b.add_op(ir::OpType::kTransposeConv, inputs, {out},
           ir::TransposeConvOptions{padding, sx, sy, act});
  b.set_io({in}, {out});
  const int32_t need_y = h == 1 ? 0 : sy;
  const int32_t need_x = w == 1 ? 0 : sx;
  const int32_t factor = std::max({need_y, need_x, 1});
  Case c;
  c.stride_fits =
      factor <= 2 && (need_y == 0 || need_y == factor) && (need_x == 0 || need_x == factor);
  c.label = std::string(wide ? "16x8" : "int8") + " TRANSPOSE_CONV in " + std::to_string(h) + "x" +
            std::to_string(w) + "x" + std::to_string(cin) + " out " + std::to_string(oh) + "x" +
            std::to_string(ow) + "x" + std::to_string(cout) + " k " + std::to_string(kh) + "x" +
            std::to_string(kw) + " s " + std::to_string(sy) + "x" + std::to_string(sx) +
            (padding == ir::Padding::kSame ? " SAME" : " VALID") + " bias " + bias + " act " +
            ir::fused_activation_name(act) + (ws.size() > 1 ? " per-channel" : " per-tensor");
  c.model = b.finish("t");
  return c;
}

int case_count() {
  const char* env = std::getenv("VNPU_TCONV_CASES");
  return env != nullptr ? std::max(1, std::atoi(env)) : 480;
}

TEST(CodegenTransposeConv, RandomOperatorsMatchTheCpuRuntimeByteForByte) {
  const std::vector<isa::AcceleratorConfig>& configs = isa::accelerator_configs();
  int on_npu = 0;
  int fitting = 0;
  const int cases = case_count();
  for (int i = 0; i < cases; ++i) {
    const uint64_t seed = 9100 + static_cast<uint64_t>(i);
    DeterministicRng r(seed);
    const Case c = transpose_conv_case(r, seed);
    CompilerOptions options;
    options.accelerator_config =
        configs[static_cast<size_t>(r.uniform(0, static_cast<int32_t>(configs.size()) - 1))].name;
    const std::string what = c.label + " on " + options.accelerator_config;
    const std::string reason = testing::npu_refusal(c.model, options);
    fitting += c.stride_fits ? 1 : 0;
    if (reason.empty()) {
      ++on_npu;
    } else {
      // Only the 16x8 accumulator bounds may keep one on the CPU.
      EXPECT_NE(reason.find("weighted_16x8"), std::string::npos) << what << ": " << reason;
    }
    const std::vector<std::vector<uint8_t>> inputs =
        testing::random_inputs(c.model.main_graph(), seed);
    EXPECT_EQ(testing::compile_and_compare(c.model, options, inputs), "") << what;
  }
  std::printf("%d of %d TRANSPOSE_CONV operators on the NPU (%d with strides it upscales)\n",
              on_npu, cases, fitting);
  if (cases == 480) {
    EXPECT_GE(cases - fitting, 200);  // the conversion is exercised
    EXPECT_GE(on_npu, 440);
  }
}

TEST(CodegenTransposeConv, AStrideOfThreeBecomesZeroInsertionPadAndConvolution) {
  models::GraphBuilder b("tconv", 1);
  const int32_t in = b.add_activation("in", {1, 3, 3, 4}, {0.02f, 3});
  const int32_t out = b.add_activation("out", {1, 9, 9, 2}, {0.05f, -7});
  const int32_t shape = b.add_int32_constant("output_shape", {1, 9, 9, 2});
  const int32_t filter = b.add_weights("filter", {2, 3, 3, 4}, 0, {0.01f});
  b.add_op(ir::OpType::kTransposeConv, {shape, filter, in}, {out},
           ir::TransposeConvOptions{ir::Padding::kSame, 3, 3, ir::FusedActivation::kNone});
  b.set_io({in}, {out});
  const ir::Model model = b.finish("t");
  const ir::Model after = testing::run_pass_and_compare(model, convert_transpose_conv_strides);
  const ir::Graph& graph = after.main_graph();
  EXPECT_EQ(testing::count_ops(graph, ir::OpType::kTransposeConv), 0u);
  for (const ir::OpType type : {ir::OpType::kConcatenation, ir::OpType::kBatchToSpaceNd,
                                ir::OpType::kPad, ir::OpType::kConv2d}) {
    EXPECT_EQ(testing::count_ops(graph, type), 1u) << ir::op_type_name(type);
  }
  CompilerOptions options;
  EXPECT_EQ(testing::npu_refusal(model, options), "");
  EXPECT_EQ(testing::compile_and_compare(model, options, testing::random_inputs(graph, 1)), "");
}

// An output shape given at run time (a graph input, an int32 feature map) keeps
// a stride-2 operator on the CPU (rule activation_types); the pass leaves a
// stride-3 one whole too.
TEST(CodegenTransposeConv, AnOutputShapeGivenAtRunTimeKeepsTheStrideThreeOperatorWhole) {
  models::GraphBuilder b("tconv", 1);
  const int32_t in = b.add_activation("in", {1, 3, 3, 4}, {0.02f, 3});
  const int32_t out = b.add_activation("out", {1, 9, 9, 2}, {0.05f, -7});
  const int32_t shape = b.add_int32_constant("output_shape", {1, 9, 9, 2});
  b.graph().tensors[static_cast<size_t>(shape)].data.clear();  // now a graph input
  const int32_t filter = b.add_weights("filter", {2, 3, 3, 4}, 0, {0.01f});
  b.add_op(ir::OpType::kTransposeConv, {shape, filter, in}, {out},
           ir::TransposeConvOptions{ir::Padding::kSame, 3, 3, ir::FusedActivation::kNone});
  b.set_io({shape, in}, {out});
  ir::Model model = b.finish("t");
  CompilerOptions options;
  ir::Graph graph = model.main_graph();
  ASSERT_TRUE(convert_transpose_conv_strides(graph, options));
  EXPECT_EQ(testing::count_ops(graph, ir::OpType::kTransposeConv), 1u);
  EXPECT_EQ(graph.operators.size(), 1u);
}

}  // namespace
}  // namespace vnpu::compiler
