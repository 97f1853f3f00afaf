// split_batches: convolutions and pools over a batch of N > 1 images become N
// per-image copies between SLICEs and a CONCATENATION. Random int8 and 16x8
// CONV_2D, DEPTHWISE_CONV_2D, MAX_POOL_2D and AVERAGE_POOL_2D with batches of
// 2-4 (shapes, strides, SAME/VALID, per-channel weights, activations, every
// U55 configuration): the pass keeps the CPU's outputs byte for byte
// (run_pass_and_compare), and compiled, every operator runs on the NPU with
// the CPU runtime's outputs (compile_and_compare). A batch above 16 stays whole.
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

Case random_case(DeterministicRng& rng, uint64_t seed, int32_t batch) {
  models::GraphBuilder b("batch", seed);
  const int32_t kind = rng.uniform(0, 3);
  const bool wide = kind < 2 && rng.uniform(0, 2) == 0;
  const int32_t h = rng.uniform(1, 9), w = rng.uniform(1, 9), c = rng.uniform(1, 12);
  const int32_t k = rng.uniform(1, 3), stride = rng.uniform(1, 2);
  const ir::Padding padding = ir::Padding::kSame;
  const int32_t oh = (h + stride - 1) / stride, ow = (w + stride - 1) / stride;
  const bool depthwise = kind == 1;
  const int32_t oc = kind == 0 ? rng.uniform(1, 12) : c;
  const float in_scale = wide ? 0.001f : 0.05f;
  const int32_t in_zp = wide ? 0 : rng.uniform(-50, 50);
  const bool pool = kind >= 2;
  const float out_scale = pool ? in_scale : in_scale * 0.02f * static_cast<float>(k * k) * 3.0f;
  const int32_t out_zp = pool ? in_zp : (wide ? 0 : rng.uniform(-50, 50));
  const int32_t in = b.add_activation("in", {batch, h, w, c}, {in_scale, in_zp});
  const int32_t out = b.add_activation("out", {batch, oh, ow, oc}, {out_scale, out_zp});
  if (wide) {
    for (int32_t t : {in, out})
      b.graph().tensors[static_cast<size_t>(t)].type = ir::DataType::kInt16;
  }
  const ir::FusedActivation act =
      rng.uniform(0, 1) == 0 ? ir::FusedActivation::kNone : ir::FusedActivation::kRelu;
  std::string what;
  if (pool) {
    const ir::OpType type = kind == 2 ? ir::OpType::kMaxPool2d : ir::OpType::kAveragePool2d;
    b.add_op(type, {in}, {out}, ir::Pool2dOptions{padding, stride, stride, k, k, act});
    what = ir::op_type_name(type);
  } else if (depthwise) {
    const int32_t filter = b.add_weights("w", {1, k, k, c}, 3, {0.02f});
    b.add_op(ir::OpType::kDepthwiseConv2d, {in, filter}, {out},
             ir::DepthwiseConv2dOptions{padding, stride, stride, 1, 1, 1, act});
    what = "DEPTHWISE_CONV_2D";
  } else {
    const int32_t filter = b.add_weights("w", {oc, k, k, c}, 0, {0.02f});
    b.add_op(ir::OpType::kConv2d, {in, filter}, {out},
             ir::Conv2dOptions{padding, stride, stride, 1, 1, act});
    what = "CONV_2D";
  }
  b.set_io({in}, {out});
  return {b.finish("t"), std::string(wide ? "int16 " : "int8 ") + what + " batch " +
                             std::to_string(batch) + " " + std::to_string(h) + "x" +
                             std::to_string(w) + "x" + std::to_string(c) + " k " +
                             std::to_string(k) + " s " + std::to_string(stride)};
}

TEST(SplitBatches, BatchedOperatorsRunOnTheNpuImageByImage) {
  constexpr int kCases = 200;
  int on_npu = 0;
  for (int i = 0; i < kCases; ++i) {
    const auto seed = static_cast<uint64_t>(33000 + i);
    DeterministicRng rng(seed);
    const Case c = random_case(rng, seed, rng.uniform(2, 4));
    testing::run_pass_and_compare(c.model, split_batches);
    CompilerOptions options;
    options.accelerator_config = testing::random_accelerator(rng);
    const std::string reason = testing::npu_refusal(c.model, options);
    on_npu += reason.empty() ? 1 : 0;
    EXPECT_EQ(testing::compile_and_compare(c.model, options,
                                           testing::random_inputs(c.model.main_graph(), seed)),
              "")
        << c.label << " on " << options.accelerator_config;
  }
  EXPECT_GE(on_npu, 190);
}

TEST(SplitBatches, ABatchAboveSixteenStaysWhole) {
  DeterministicRng rng(1);
  const Case c = random_case(rng, 1, 17);
  const ir::Model after = testing::run_pass_and_compare(c.model, split_batches);
  EXPECT_EQ(after.main_graph().operators.size(), 1u);
}

}  // namespace
}  // namespace vnpu::compiler
