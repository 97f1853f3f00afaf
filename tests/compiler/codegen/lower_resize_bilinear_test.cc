// RESIZE_BILINEAR (compiler/codegen/lower_resize_bilinear.cc: a 2x2 AVERAGE
// pool over the IFM's nearest 2x upscale), compiled whole and run on the
// functional NPU against the CPU runtime (compile_and_compare): every input
// size 1..12 per axis with outputs 2N and 2N - 1 and N + 1, under each of
// align_corners and half_pixel_centers; the 2x upscales (2N without
// align_corners, 2N - 1 with it, never half-pixel centers) run on the NPU,
// the rest stay on the CPU with the rule "resize_bilinear". Then 200 random
// 2x upscales (sizes, depths, quantization, align_corners, every U55
// configuration), each on the NPU and byte-identical.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/deterministic_rng.h"
#include "models/graph_builder.h"
#include "tests/compiler/compiler_testing.h"

namespace vnpu::compiler {
namespace {

ir::Model resize_model(int32_t in_h, int32_t in_w, int32_t out_h, int32_t out_w, int32_t depth,
                       ir::ResizeOptions options, models::QuantParams quant = {0.1f, 3}) {
  models::GraphBuilder b("resize_bilinear", 1);
  const int32_t in = b.add_activation("in", {1, in_h, in_w, depth}, quant);
  const int32_t out = b.add_activation("out", {1, out_h, out_w, depth}, quant);
  b.add_op(ir::OpType::kResizeBilinear, {in, b.add_int32_constant("size", {out_h, out_w})}, {out},
           options);
  b.set_io({in}, {out});
  return b.finish("t");
}

// The output size of `in` under `kind`: 0 = 2N, 1 = 2N - 1, 2 = N + 1.
int32_t out_size(int32_t in, int kind) {
  return kind == 0 ? 2 * in : (kind == 1 ? std::max(2 * in - 1, 1) : in + 1);
}

TEST(CodegenResizeBilinear, TwoTimesUpscalesRunOnTheNpuAndAllMatchTheCpu) {
  CompilerOptions options;
  options.accelerator_config = "ethos-u55-128";
  int on_npu = 0;
  int cases = 0;
  for (int32_t in = 1; in <= 12; ++in) {
    for (int kind = 0; kind < 3; ++kind) {
      for (int flags = 0; flags < 3; ++flags) {
        const ir::ResizeOptions resize{flags == 1, flags == 2};
        const int32_t other = (in * 7) % 12 + 1;  // the other axis, also of this kind
        const int32_t out_h = out_size(in, kind);
        const int32_t out_w = out_size(other, kind);
        const ir::Model model = resize_model(in, other, out_h, out_w, 1 + in % 5, resize);
        const std::string what = std::to_string(in) + "x" + std::to_string(other) + " -> " +
                                 std::to_string(out_h) + "x" + std::to_string(out_w) +
                                 (resize.align_corners ? " align_corners" : "") +
                                 (resize.half_pixel_centers ? " half_pixel_centers" : "");
        const std::string reason = testing::npu_refusal(model, options);
        // Same size on both axes: bilinear copies (kind 1 at N = 1 gives 1 -> 1).
        const bool same = out_h == in && out_w == other;
        const bool two_x = !resize.half_pixel_centers &&
                           ((kind == 0 && !resize.align_corners) ||
                            (kind == 1 && resize.align_corners && in > 1 && other > 1));
        if (two_x) {
          EXPECT_EQ(reason, "") << what;
        } else if (!same && !reason.empty()) {
          EXPECT_NE(reason.find("resize_bilinear"), std::string::npos) << what << ": " << reason;
        }
        on_npu += reason.empty() ? 1 : 0;
        ++cases;
        EXPECT_EQ(testing::compile_and_compare(model, options,
                                               testing::random_inputs(model.main_graph(), in)),
                  "")
            << what;
      }
    }
  }
  EXPECT_GE(on_npu, 20) << "of " << cases;
}

TEST(CodegenResizeBilinear, RandomTwoTimesUpscalesRunOnTheNpuByteForByte) {
  for (int i = 0; i < 200; ++i) {
    const auto seed = static_cast<uint64_t>(84000 + i);
    DeterministicRng rng(seed);
    const bool align = rng.uniform(0, 1) == 1;
    // align_corners doubles the gaps: N -> 2N - 1, which needs N >= 2 to be an upscale.
    const int32_t in_h = rng.uniform(align ? 2 : 1, 20), in_w = rng.uniform(align ? 2 : 1, 20);
    const int32_t out_h = align ? 2 * in_h - 1 : 2 * in_h;
    const int32_t out_w = align ? 2 * in_w - 1 : 2 * in_w;
    const models::QuantParams quant{0.002f + 0.001f * static_cast<float>(rng.uniform(0, 100)),
                                    rng.uniform(-128, 127)};
    const ir::Model model = resize_model(in_h, in_w, out_h, out_w, rng.uniform(1, 40),
                                         ir::ResizeOptions{align, false}, quant);
    CompilerOptions options;
    options.accelerator_config = testing::random_accelerator(rng);
    const std::string what = "seed " + std::to_string(seed) + " " + std::to_string(in_h) + "x" +
                             std::to_string(in_w) + (align ? " align_corners" : "") + " on " +
                             options.accelerator_config;
    EXPECT_EQ(testing::npu_refusal(model, options), "") << what;
    EXPECT_EQ(testing::compile_and_compare(model, options,
                                           testing::random_inputs(model.main_graph(), seed)),
              "")
        << what;
  }
}

TEST(CodegenResizeBilinear, HalfPixelCentersStayOnTheCpu) {
  testing::expect_stays_on_cpu(resize_model(4, 4, 8, 8, 3, ir::ResizeOptions{false, true}),
                               "4x4 -> 8x8 half_pixel_centers",
                               "is not a bilinear 2x upscale of both axes");
}

TEST(CodegenResizeBilinear, ALargeMapMatchesOnEveryConfiguration) {
  const ir::Model model = resize_model(17, 23, 34, 46, 19, ir::ResizeOptions{});
  for (const char* config : {"ethos-u55-32", "ethos-u55-64", "ethos-u55-128", "ethos-u55-256"}) {
    CompilerOptions options;
    options.accelerator_config = config;
    EXPECT_EQ(testing::npu_refusal(model, options), "") << config;
    EXPECT_EQ(
        testing::compile_and_compare(model, options, testing::random_inputs(model.main_graph(), 9)),
        "")
        << config;
  }
}

}  // namespace
}  // namespace vnpu::compiler
