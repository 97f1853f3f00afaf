// int16 SOFTMAX lowering (lower_softmax16.cc): TFLite's algorithm as a chain
// whose exp and 1 / (1 + x) tables run in the NPU's 16-bit lookup table, the
// second loaded part-way. Random graphs (depth 1..1000, rank 1..4, input
// scales 2^-16..2^-6, betas) compiled whole and run on the functional NPU are
// byte-identical to the CPU reference kernel (VNPU_SOFTMAX16_CASES, default
// 200); rows of equal values and the int16 extremes too; the chain's stream
// loads both tables.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

#include "compiler/codegen/lower_op.h"
#include "compiler/compile_model.h"
#include "core/deterministic_rng.h"
#include "models/graph_builder.h"
#include "tests/compiler/compiler_testing.h"

namespace vnpu::compiler {
namespace {

struct Softmax16Case {
  ir::Shape shape;
  float input_scale = 0.001f;
  float beta = 1.0f;
};

ir::Model softmax_model(const Softmax16Case& c, uint64_t seed) {
  models::GraphBuilder b("softmax16", seed);
  const int32_t in = b.add_activation("in", c.shape, {c.input_scale, 0});
  const int32_t out = b.add_activation("out", c.shape, {1.0f / 32768, 0});
  for (int32_t t : {in, out}) b.graph().tensors[static_cast<size_t>(t)].type = ir::DataType::kInt16;
  b.add_op(ir::OpType::kSoftmax, {in}, {out}, ir::SoftmaxOptions{c.beta});
  b.set_io({in}, {out});
  return b.finish("t");
}

Softmax16Case random_case(uint64_t seed) {
  DeterministicRng rng(seed);
  Softmax16Case c;
  const int32_t depth = rng.uniform(0, 2) == 0 ? rng.uniform(257, 1000) : rng.uniform(1, 256);
  const int32_t rank = rng.uniform(1, 4);
  const int32_t max_rows = std::max(1, 12000 / depth);
  c.shape.assign(static_cast<size_t>(rank), 1);
  c.shape.back() = depth;
  int32_t rows = 1;
  for (int32_t i = 0; i + 1 < rank; ++i) {
    const int32_t limit = std::max(1, std::min(7, max_rows / rows));
    c.shape[static_cast<size_t>(i)] = rng.uniform(1, limit);
    rows *= c.shape[static_cast<size_t>(i)];
  }
  c.input_scale = static_cast<float>(std::pow(2.0, -6.0 - 10.0 * rng.unit()));
  c.beta = rng.uniform(0, 3) == 0 ? static_cast<float>(0.25 + 2.0 * rng.unit()) : 1.0f;
  return c;
}

int case_count() {
  const char* env = std::getenv("VNPU_SOFTMAX16_CASES");
  return env != nullptr ? std::max(1, std::atoi(env)) : 200;
}

void expect_on_npu_and_exact(const ir::Model& model, const std::string& accelerator,
                             const std::vector<std::vector<uint8_t>>& inputs,
                             const std::string& what) {
  CompilerOptions options;
  options.accelerator_config = accelerator;
  EXPECT_EQ(testing::npu_refusal(model, options), "") << what;
  EXPECT_EQ(testing::compile_and_compare(model, options, inputs), "") << what;
}

TEST(CodegenSoftmax16, RandomSoftmaxGraphsMatchTheCpuKernel) {
  // (The 16 KB SHRAMs keep their LUT area for the accumulators, as for int8.)
  const char* kConfigs[] = {"ethos-u55-128", "ethos-u55-256"};
  for (int i = 0; i < case_count(); ++i) {
    const auto seed = static_cast<uint64_t>(61000 + i);
    const Softmax16Case c = random_case(seed);
    const ir::Model model = softmax_model(c, seed);
    const std::string what = "seed " + std::to_string(seed) + " shape " +
                             ir::shape_to_string(c.shape) + " scale " +
                             std::to_string(c.input_scale) + " beta " + std::to_string(c.beta);
    expect_on_npu_and_exact(model, kConfigs[i % 2],
                            testing::random_inputs(model.main_graph(), seed), what);
  }
}

TEST(CodegenSoftmax16, EqualRowsAndTheInt16Extremes) {
  for (int32_t depth : {1, 2, 3, 255, 256, 1000}) {
    const Softmax16Case c{{3, depth}, 0.0005f, 1.0f};
    const ir::Model model = softmax_model(c, 1);
    // Row 0 all -32768, row 1 all 32767, row 2 alternating the two.
    std::vector<uint8_t> bytes;
    for (int32_t row = 0; row < 3; ++row) {
      for (int32_t i = 0; i < depth; ++i) {
        const bool high = row == 1 || (row == 2 && i % 2 == 1);
        bytes.push_back(high ? 0xFF : 0x00);
        bytes.push_back(high ? 0x7F : 0x80);
      }
    }
    expect_on_npu_and_exact(model, "ethos-u55-128", {bytes}, "depth " + std::to_string(depth));
  }
}

TEST(CodegenSoftmax16, TheChainLoadsTheExpTableThenTheReciprocalTable) {
  const ir::Model model = softmax_model({{2, 8}, 0.001f, 1.0f}, 1);
  const ir::Graph& graph = model.main_graph();
  auto config = isa::find_accelerator_config("ethos-u55-128");
  ASSERT_TRUE(config);
  FeatureMapPlacement placement;
  placement.scratch_offset = 0x1000;
  auto lowered = lower_operator(graph, graph.operators[0], *config, placement);
  ASSERT_TRUE(lowered) << lowered.status().message();
  ASSERT_EQ(lowered->luts.size(), 2u);
  EXPECT_LT(lowered->luts[0].before, lowered->luts[1].before);
  EXPECT_LT(lowered->luts[1].before, lowered->chain.size());
  for (const TableLoad& load : lowered->luts) EXPECT_EQ(load.table.size(), 2048u);
  EXPECT_NE(lowered->luts[0].table, lowered->luts[1].table);
}

}  // namespace
}  // namespace vnpu::compiler
