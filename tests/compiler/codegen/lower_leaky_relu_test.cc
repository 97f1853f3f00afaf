// LEAKY_RELU on int16 (lower_leaky_relu.cc: MAX or MIN of the identity and
// alpha branches, each a MUL by 1 with TFLite's multiplier), compiled whole
// and run on the functional NPU against the CPU runtime
// (compile_and_compare), every one of the 65,536 int16 inputs per case, at
// random scale ratios, zero points and alphas in [0, 1] (MAX), above 1 (MIN)
// and exactly 0 (VNPU_INT16_LEAKY_RELU_CASES, default 200). Only the 16 KB
// SHRAMs (whose lookup-table area a chain keeps free) and a ratio under which
// TFLite's int32 wraps keep one on the CPU; a negative alpha stays there with
// the reason.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/deterministic_rng.h"
#include "models/graph_builder.h"
#include "tests/compiler/compiler_testing.h"

namespace vnpu::compiler {
namespace {

struct Quant {
  float scale;
  int32_t zero_point;
};

ir::Model leaky_relu_model(Quant in_q, Quant out_q, float alpha) {
  models::GraphBuilder b("int16_leaky_relu", 1);
  const ir::Shape shape = {1, 256, 256, 1};
  const int32_t in = b.add_activation("in", shape, {in_q.scale, in_q.zero_point});
  const int32_t out = b.add_activation("out", shape, {out_q.scale, out_q.zero_point});
  for (int32_t t : {in, out}) b.graph().tensors[static_cast<size_t>(t)].type = ir::DataType::kInt16;
  b.add_op(ir::OpType::kLeakyRelu, {in}, {out}, ir::LeakyReluOptions{alpha});
  b.set_io({in}, {out});
  return b.finish("t");
}

int case_count() {
  const char* env = std::getenv("VNPU_INT16_LEAKY_RELU_CASES");
  return env != nullptr ? std::max(1, std::atoi(env)) : 200;
}

float random_alpha(DeterministicRng& rng, int i) {
  if (i % 10 == 9) return 0.0f;
  if (i % 5 == 4) return static_cast<float>(1.0 + 2.0 * rng.unit());
  return static_cast<float>(rng.unit());
}

TEST(CodegenLeakyRelu, EveryInt16InputMatchesTheCpuRuntimeAtRandomScalesAndAlphas) {
  const std::vector<uint8_t> inputs = testing::every_int16();
  int on_the_npu = 0;
  for (int i = 0; i < case_count(); ++i) {
    const auto seed = static_cast<uint64_t>(52000 + i);
    DeterministicRng rng(seed);
    const auto zero_point = [&] { return rng.uniform(0, 2) == 0 ? 0 : rng.uniform(-300, 300); };
    const Quant in_q{static_cast<float>(std::ldexp(0.5 + 0.5 * rng.unit(), rng.uniform(-16, -2))),
                     zero_point()};
    const Quant out_q{
        static_cast<float>(in_q.scale * std::ldexp(0.5 + 0.5 * rng.unit(), rng.uniform(-6, 12))),
        zero_point()};
    const float alpha = random_alpha(rng, i);
    const ir::Model model = leaky_relu_model(in_q, out_q, alpha);
    CompilerOptions options;
    options.accelerator_config = testing::random_accelerator(rng);
    const std::string what = "seed " + std::to_string(seed) + " alpha " + std::to_string(alpha) +
                             " in (" + std::to_string(in_q.scale) + ", " +
                             std::to_string(in_q.zero_point) + ") out (" +
                             std::to_string(out_q.scale) + ", " + std::to_string(out_q.zero_point) +
                             ") on " + options.accelerator_config;
    const std::string reason = testing::npu_refusal(model, options);
    if (reason.empty()) {
      ++on_the_npu;
    } else {
      EXPECT_TRUE(reason.find("16 KB SHRAM") != std::string::npos ||
                  reason.find("TFLite's int32 wraps") != std::string::npos)
          << what << ": " << reason;
    }
    EXPECT_EQ(testing::compile_and_compare(model, options, {inputs}), "") << what;
  }
  EXPECT_GE(on_the_npu, case_count() / 3);
}

TEST(CodegenLeakyRelu, ANegativeAlphaStaysOnTheCpu) {
  testing::expect_stays_on_cpu(leaky_relu_model({0.001f, 0}, {0.001f, 0}, -0.5f),
                               "LEAKY_RELU alpha -0.5", "negative alpha");
}

}  // namespace
}  // namespace vnpu::compiler
