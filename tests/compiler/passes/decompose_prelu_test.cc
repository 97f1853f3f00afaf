// decompose_prelu: PRELU as MAXIMUM (or MINIMUM) of a QUANTIZE and a MUL.
// Random int8 and int16 PRELUs (shapes of rank 2-4, alpha per channel, per
// position or one value, alpha zero points, real alphas mostly in [0, 1),
// some above 1, every U55 configuration): the pass keeps the CPU's outputs
// byte for byte (run_pass_and_compare), and compiled, the outputs of the
// functional NPU are the CPU runtime's (compile_and_compare); only int8 on the
// 16 KB SHRAMs stays on the CPU (its lookup tables would overlap the
// accumulators). Alphas on both sides of 1 in one tensor (neither MAXIMUM
// nor MINIMUM is PRELU): 200 more random cases, each an ADD of the branches
// taken of MAXIMUM and MINIMUM of the input and its zero point, checked the same way.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "compiler/passes/passes.h"
#include "core/deterministic_rng.h"
#include "ir/graph_edit.h"
#include "models/graph_builder.h"
#include "tests/compiler/compiler_testing.h"

namespace vnpu::compiler {
namespace {

struct Case {
  ir::Model model;
  std::string label;
};

// Real alpha values in [low, high), quantized with `zero_point`.
std::vector<uint8_t> alpha_bytes(DeterministicRng& rng, int64_t count, float scale,
                                 int32_t zero_point, double low, double high) {
  std::vector<uint8_t> bytes;
  for (int64_t i = 0; i < count; ++i) {
    const double real = low + (high - low) * rng.unit();
    const auto q = static_cast<int32_t>(std::lround(real / scale)) + zero_point;
    bytes.push_back(static_cast<uint8_t>(static_cast<int8_t>(std::clamp(q, -128, 127))));
  }
  return bytes;
}

ir::Shape input_shape(DeterministicRng& rng) {
  const int32_t c = rng.uniform(1, 16);
  switch (rng.uniform(0, 2)) {
    case 0:
      return {1, rng.uniform(1, 8), rng.uniform(1, 8), c};
    case 1:
      return {rng.uniform(1, 6), c};
    default:
      return {1, rng.uniform(1, 8), c};
  }
}

// Alpha of one value, one per channel, or one per position past the batch.
ir::Shape alpha_shape(DeterministicRng& rng, const ir::Shape& input) {
  switch (rng.uniform(0, 2)) {
    case 0:
      return {1};
    case 1:
      return {input.back()};
    default:
      return ir::Shape(input.begin() + 1, input.end());
  }
}

// Alphas in [alpha_low, alpha_high); with `straddle`, at least two of them,
// the first below 1 and the second above.
Case random_case(DeterministicRng& rng, uint64_t seed, double alpha_low, double alpha_high,
                 bool straddle = false) {
  models::GraphBuilder b("prelu", seed);
  const bool wide = rng.uniform(0, 1) == 1;
  ir::Shape shape = input_shape(rng);
  while (straddle && shape.back() < 2) shape = input_shape(rng);
  const float in_scale = wide ? 0.0005f : 0.05f;
  const int32_t in_zp = wide ? 0 : rng.uniform(-100, 100);
  const float out_scale = in_scale * static_cast<float>(0.3 + 1.5 * rng.unit());
  const int32_t out_zp = wide ? 0 : rng.uniform(-100, 100);
  const int32_t in = b.add_activation("in", shape, {in_scale, in_zp});
  const int32_t out = b.add_activation("out", shape, {out_scale, out_zp});
  if (wide) {
    for (int32_t t : {in, out})
      b.graph().tensors[static_cast<size_t>(t)].type = ir::DataType::kInt16;
  }
  ir::Tensor alpha;
  alpha.name = "alpha";
  alpha.type = ir::DataType::kInt8;
  alpha.shape = alpha_shape(rng, shape);
  if (straddle && alpha.shape == ir::Shape{1}) alpha.shape = {shape.back()};
  const float alpha_scale = static_cast<float>(straddle ? 0.015 + 0.005 * rng.unit()
                                                        : 0.004 + 0.01 * rng.unit());
  const int32_t alpha_zp = rng.uniform(-20, 20);
  alpha.quantization = {{alpha_scale}, {alpha_zp}, 0};
  alpha.data =
      alpha_bytes(rng, alpha.element_count(), alpha_scale, alpha_zp, alpha_low, alpha_high);
  if (straddle) {
    alpha.data[0] = alpha_bytes(rng, 1, alpha_scale, alpha_zp, alpha_low, 0.9)[0];
    alpha.data[1] = alpha_bytes(rng, 1, alpha_scale, alpha_zp, 1.1, alpha_high)[0];
  }
  const int32_t alpha_index = ir::add_tensor(b.graph(), alpha);
  b.add_op(ir::OpType::kPrelu, {in, alpha_index}, {out}, std::monostate{});
  b.set_io({in}, {out});
  std::string dims;
  for (int32_t d : shape) dims += std::to_string(d) + "x";
  return {b.finish("t"), std::string(wide ? "int16" : "int8") + " PRELU " + dims + " alpha " +
                             std::to_string(alpha.element_count()) + " in [" +
                             std::to_string(alpha_low) + ", " + std::to_string(alpha_high) + ")"};
}

struct Tally {
  int rewritten = 0;  // cases whose rewrite has the expected form
  int on_npu = 0;     // cases that compile entirely onto the NPU
};

// One random case: the pass keeps the CPU's answer, the compiled model keeps it
// on the functional NPU, and only a 16 KB SHRAM keeps a case off the NPU.
// `rewritten_as` says whether the rewrite took the expected form.
template <typename RewrittenAs>
void check_case(const Case& c, DeterministicRng& rng, uint64_t seed, RewrittenAs rewritten_as,
                Tally& tally) {
  const ir::Model after = testing::run_pass_and_compare(c.model, decompose_prelu);
  tally.rewritten += rewritten_as(after.main_graph()) ? 1 : 0;
  CompilerOptions options;
  options.accelerator_config = testing::random_accelerator(rng);
  const std::string refusal = testing::npu_refusal(c.model, options);
  tally.on_npu += refusal.empty() ? 1 : 0;
  // Only an int8 lookup table (PRELU's own, or QUANTIZE's) cannot share a 16 KB SHRAM.
  if (!refusal.empty()) {
    EXPECT_NE(refusal.find("16 KB SHRAM"), std::string::npos) << c.label << ": " << refusal;
  }
  EXPECT_EQ(testing::compile_and_compare(c.model, options,
                                         testing::random_inputs(c.model.main_graph(), seed)),
            "")
      << c.label << " on " << options.accelerator_config;
}

TEST(DecomposePrelu, PreluRunsOnTheNpuAsTheLargerOrSmallerBranch) {
  Tally tally;
  for (int i = 0; i < 200; ++i) {
    const auto seed = static_cast<uint64_t>(47000 + i);
    DeterministicRng rng(seed);
    const bool above_one = i % 5 == 4;
    const Case c = random_case(rng, seed, above_one ? 1.05 : 0.0, above_one ? 1.5 : 0.95);
    check_case(
        c, rng, seed,
        [](const ir::Graph& g) { return testing::count_ops(g, ir::OpType::kPrelu) == 0; }, tally);
  }
  EXPECT_GE(tally.rewritten, 150);
  EXPECT_GE(tally.on_npu, 150);
}

TEST(DecomposePrelu, AlphasOnBothSidesOfOneAddTheBranchesOfEachHalf) {
  Tally tally;
  for (int i = 0; i < 200; ++i) {
    const auto seed = static_cast<uint64_t>(48000 + i);
    DeterministicRng rng(seed);
    const Case c = random_case(rng, seed, -0.5, 1.8, true);
    check_case(
        c, rng, seed,
        [](const ir::Graph& g) { return testing::count_ops(g, ir::OpType::kAdd) == 1; }, tally);
  }
  EXPECT_GE(tally.rewritten, 150);
  EXPECT_GE(tally.on_npu, 150);
}

}  // namespace
}  // namespace vnpu::compiler
