// SOFTMAX lowering (lower_softmax.cc): int8 SOFTMAX (to int8 or int16) as
// Vela's chain of NPU operations with an exp table. Random graphs (depth 1..1000, any rank, random
// input scales, zero points and betas) compiled whole and run on the
// functional NPU must be byte-identical to the CPU reference kernel; the four
// shared models with a SOFTMAX now run it on the NPU and still match TFLite
// Micro's golden outputs; what the chain cannot reproduce is refused.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <string>

#include "compiler/codegen/lower_op.h"
#include "compiler/codegen/softmax_lut.h"
#include "compiler/compile_model.h"
#include "core/deterministic_rng.h"
#include "driver/npy.h"
#include "isa/accelerator_config.h"
#include "models/graph_builder.h"
#include "tests/compiler/compiler_testing.h"
#include "tests/golden/shared_models.h"
#include "tflite/reader.h"

namespace vnpu::compiler {
namespace {

struct SoftmaxCase {
  ir::Shape shape;
  models::QuantParams input;
  float beta = 1.0f;
};

// int8 -> int8, or int8 -> int16 (TFLite's output scale 1/65536, zero point -32768).
ir::Model softmax_model(const SoftmaxCase& c, uint64_t seed, bool int16_output = false) {
  models::GraphBuilder b("softmax", seed);
  const int32_t in = b.add_activation("in", c.shape, c.input);
  const int32_t out = b.add_activation("out", c.shape,
                                       int16_output ? models::QuantParams{1.0f / 65536, -32768}
                                                    : models::QuantParams{1.0f / 256, -128});
  if (int16_output) b.graph().tensors[static_cast<size_t>(out)].type = ir::DataType::kInt16;
  b.add_op(ir::OpType::kSoftmax, {in}, {out}, ir::SoftmaxOptions{c.beta});
  b.set_io({in}, {out});
  return b.finish("t");
}

// Depth 1..1000 (a third of the cases above 256), 1..4 dimensions, at most
// ~12k elements; input scales 2^-11..2^-1, any zero point; beta 1 or random.
SoftmaxCase random_case(uint64_t seed) {
  DeterministicRng rng(seed);
  SoftmaxCase c;
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
  c.input.scale = static_cast<float>(std::pow(2.0, -1.0 - 10.0 * rng.unit()));
  c.input.zero_point = rng.uniform(-128, 127);
  c.beta = rng.uniform(0, 3) == 0 ? static_cast<float>(0.25 + 2.0 * rng.unit()) : 1.0f;
  return c;
}

int case_count() {
  const char* env = std::getenv("VNPU_SOFTMAX_CASES");
  return env != nullptr ? std::atoi(env) : 200;
}

CompilerOptions options_for(const char* accelerator) {
  CompilerOptions options;
  options.accelerator_config = accelerator;
  return options;
}

// Compiles `model`, checks that the SOFTMAX runs on the NPU and that the
// compiled model computes what the CPU runtime computes for `input_seed`.
void expect_on_npu_and_exact(const ir::Model& model, const char* accelerator,
                             uint64_t input_seed, const std::string& what) {
  auto compiled = compile_model(model, options_for(accelerator));
  ASSERT_TRUE(compiled) << what << ": " << compiled.status().message();
  ASSERT_EQ(compiled->schedule.segments.size(), 1u)
      << what << ": SOFTMAX stayed on the CPU: " << compiled->front.partition.ops[0].reason;
  EXPECT_EQ(testing::compile_and_compare(model, options_for(accelerator),
                                         testing::random_inputs(model.main_graph(), input_seed)),
            "")
      << what;
}

TEST(CodegenSoftmax, RandomSoftmaxGraphsMatchTheCpuKernel) {
  for (int i = 0; i < case_count(); ++i) {
    const auto seed = static_cast<uint64_t>(4000 + i);
    const SoftmaxCase c = random_case(seed);
    const std::string what = "seed " + std::to_string(seed) + " shape " +
                             ir::shape_to_string(c.shape) + " scale " +
                             std::to_string(c.input.scale) + " zp " +
                             std::to_string(c.input.zero_point) + " beta " + std::to_string(c.beta);
    expect_on_npu_and_exact(softmax_model(c, seed), i % 2 ? "ethos-u55-128" : "ethos-u55-256",
                            seed, what);
    if (::testing::Test::HasFatalFailure()) return;
  }
}

TEST(CodegenSoftmax, RandomInt8ToInt16SoftmaxGraphsMatchTheCpuKernel) {
  for (int i = 0; i < case_count(); ++i) {
    const auto seed = static_cast<uint64_t>(4500 + i);
    const SoftmaxCase c = random_case(seed);
    const std::string what = "int16 output seed " + std::to_string(seed) + " shape " +
                             ir::shape_to_string(c.shape) + " scale " +
                             std::to_string(c.input.scale) + " zp " +
                             std::to_string(c.input.zero_point) + " beta " + std::to_string(c.beta);
    expect_on_npu_and_exact(softmax_model(c, seed, true), i % 2 ? "ethos-u55-128" : "ethos-u55-256",
                            seed, what);
    if (::testing::Test::HasFatalFailure()) return;
  }
}

TEST(CodegenSoftmax, EqualInputsInEveryRowAndTheExtremes) {
  // All elements at the row maximum: every exp is 1.0 and the sum exactly
  // depth * 2^19 (one output 256 / depth - 128 each, rounded).
  for (int32_t depth : {1, 2, 3, 7, 16, 255, 256, 511}) {
    const SoftmaxCase c{{2, depth}, {0.1f, 0}, 1.0f};
    const ir::Model model = softmax_model(c, 1);
    for (int8_t value : {int8_t{-128}, int8_t{0}, int8_t{127}}) {
      const std::vector<std::vector<uint8_t>> inputs = {
          std::vector<uint8_t>(static_cast<size_t>(2 * depth), static_cast<uint8_t>(value))};
      auto expected = testing::run_cpu(model.main_graph(), inputs);
      ASSERT_TRUE(expected) << expected.status().message();
      const int32_t want = std::min(127, static_cast<int32_t>(std::lround(256.0 / depth)) - 128);
      EXPECT_NEAR(static_cast<int8_t>(expected->at(0)[0]), want, 1) << "depth " << depth;
      EXPECT_EQ(testing::compile_and_compare(model, options_for("ethos-u55-256"), inputs), "")
          << "depth " << depth << " value " << int{value};
    }
  }
}

TEST(CodegenSoftmax, RowsOfMoreThan511NearMaximumElementsRoundToTheMinimum) {
  // With ~600 exps near 1.0 the sum reaches 2^28: TFLite's right shift is 32,
  // which rounds every output to 0 (-128); the NPU clamps shift amounts to 31,
  // so the chain zeroes the scale of such rows.
  const SoftmaxCase c{{3, 600}, {0.0005f, 0}, 1.0f};
  const ir::Model model = softmax_model(c, 2);
  std::vector<uint8_t> input(3 * 600);
  for (size_t i = 0; i < input.size(); ++i) input[i] = static_cast<uint8_t>(i < 600 ? 127 : i % 7);
  auto expected = testing::run_cpu(model.main_graph(), {input});
  ASSERT_TRUE(expected) << expected.status().message();
  EXPECT_EQ(static_cast<int8_t>(expected->at(0)[0]), -128);
  EXPECT_EQ(testing::compile_and_compare(model, options_for("ethos-u55-256"), {input}), "");
  expect_on_npu_and_exact(model, "ethos-u55-128", 17, "depth 600, small scale");
}

TEST(CodegenSoftmax, TheExpTableFollowsExpWithinItsFixedPointError) {
  for (float scale : {0.002f, 0.02f, 0.1f, 0.5f}) {
    kernels::SoftmaxParams params;
    ASSERT_TRUE(kernels::make_s8_softmax_params(scale, 1.0f, &params));
    EXPECT_EQ(softmax_exp_entry(params, 0), INT32_MAX);  // exp(0) = 1.0 in Q0.31, saturated
    for (int32_t d = -255; d <= 0; ++d) {
      const double want = std::exp(static_cast<double>(d) * scale) * 2147483648.0;
      const int32_t got = softmax_exp_entry(params, d);
      if (d < params.diff_min) {
        EXPECT_EQ(got, 0) << "d " << d;
      } else {
        EXPECT_NEAR(static_cast<double>(got), want, 2e-4 * 2147483648.0) << "d " << d;
      }
    }
    const std::vector<uint8_t> table = softmax_exp_table(params);
    ASSERT_EQ(table.size(), 1024u);
    EXPECT_EQ(table[1020], 0xFF);  // entry 255 (d = 0), little-endian INT32_MAX
    EXPECT_EQ(table[1023], 0x7F);
  }
}

TEST(CodegenSoftmax, ScratchAndChainOfTheLowering) {
  const ir::Model model = softmax_model({{1, 4, 10}, {0.05f, 3}, 1.0f}, 3);
  const ir::Graph& graph = model.main_graph();
  const ir::Operator& op = graph.operators[0];
  const int64_t scratch = lowering_scratch_bytes(graph, op);
  // 3 constants, 4 row maxima, 2 int32 maps of 4 x 10, 9 per-row int32 buffers (16-byte aligned).
  EXPECT_EQ(scratch, 16 + 16 + 2 * 160 + 9 * 16);
  auto config = isa::find_accelerator_config("ethos-u55-256");
  ASSERT_TRUE(config);
  FeatureMapPlacement placement;
  placement.ifm_offset = 0x100;
  placement.ofm_offset = 0x200;
  placement.scratch_offset = 0x400;
  auto lowered = lower_operator(graph, op, *config, placement);
  ASSERT_TRUE(lowered) << lowered.status().message();
  ASSERT_EQ(lowered->luts.size(), 1u);
  EXPECT_EQ(lowered->luts[0].before, 0u);
  EXPECT_EQ(lowered->luts[0].table.size(), 1024u);
  EXPECT_TRUE(lowered->weights.buffer.empty());
  // 3 constants, max, sub+exp, shr, sum, clz, 2 subs, shl, mul, add, 3 x 5, mul, mul, shr.
  ASSERT_EQ(lowered->chain.size(), 3u + 4 + 6 + 15 + 1 + 2);
  for (const ChainedKickOff& k : lowered->chain) {
    EXPECT_LE(k.state.ifm.ib_end, k.state.ab_start);
    EXPECT_LE(k.state.ab_start, 46u);  // the top 2 KB hold the table
  }
  const isa::RegisterState& exp_op = lowered->chain[4].state;
  EXPECT_EQ(exp_op.activation.function, 16);
  EXPECT_EQ(exp_op.ofm.zero_point, 127);
  EXPECT_EQ(exp_op.ofm.type.bits, 32);
  const isa::RegisterState& last = lowered->chain.back().state;
  EXPECT_EQ(last.ofm.tile_base[0], 0x200u);
  EXPECT_EQ(last.ofm.type.bits, 8);
  EXPECT_EQ(last.ofm.zero_point, -128);
  for (const ChainedKickOff& k : lowered->chain) {
    for (uint64_t base : {k.state.ifm.tile_base[0], k.state.ofm.tile_base[0]}) {
      EXPECT_TRUE(base == 0x100 || base == 0x200 ||
                  (base >= 0x400 && base < 0x400 + static_cast<uint64_t>(scratch)))
          << std::hex << base;
    }
  }
  // Depth 512 and more: four more operations zero the scale of rows whose
  // right shift would exceed 31.
  const ir::Model deep = softmax_model({{2, 512}, {0.05f, 3}, 1.0f}, 3);
  auto deep_lowered =
      lower_operator(deep.main_graph(), deep.main_graph().operators[0], *config, placement);
  ASSERT_TRUE(deep_lowered) << deep_lowered.status().message();
  EXPECT_EQ(deep_lowered->chain.size(), lowered->chain.size() + 4);
}

TEST(CodegenSoftmax, RefusedOnASixteenKilobyteShram) {
  const ir::Model model = softmax_model({{1, 10}, {0.05f, 3}, 1.0f}, 5);
  CompilerOptions options = options_for("ethos-u55-32");
  auto compiled = compile_model(model, options);
  ASSERT_TRUE(compiled) << compiled.status().message();
  EXPECT_EQ(compiled->schedule.segments.size(), 0u);
  ASSERT_FALSE(compiled->schedule.refusals.empty());
  EXPECT_NE(compiled->schedule.refusals[0].reason.find("16 KB SHRAM"), std::string::npos)
      << compiled->schedule.refusals[0].reason;
  EXPECT_EQ(testing::compile_and_compare(model, options,
                                         testing::random_inputs(model.main_graph(), 5)),
            "");
}

TEST(CodegenSoftmax, WhatTheChainCannotReproduceIsRefused) {
  auto config = isa::find_accelerator_config("ethos-u55-256");
  ASSERT_TRUE(config);
  const auto refusal = [&](ir::Model model) {
    const ir::Graph& graph = model.main_graph();
    EXPECT_EQ(lowering_scratch_bytes(graph, graph.operators[0]), 0);
    auto lowered = lower_operator(graph, graph.operators[0], *config, FeatureMapPlacement{});
    EXPECT_FALSE(lowered);
    return lowered ? std::string() : lowered.status().message();
  };
  EXPECT_NE(refusal(softmax_model({{1, 4096}, {0.05f, 0}, 1.0f}, 1)).find("depth 4096"),
            std::string::npos);
  // beta * scale * 2^26 must exceed 1 (TFLite's multiplier greater than one).
  EXPECT_NE(refusal(softmax_model({{1, 8}, {1e-9f, 0}, 1.0f}, 1)).find("beta"), std::string::npos);
  ir::Model wrong_output = softmax_model({{1, 8}, {0.05f, 0}, 1.0f}, 1);
  wrong_output.main_graph().tensors[1].quantization.zero_points = {0};
  EXPECT_NE(refusal(wrong_output).find("1/256"), std::string::npos);
  ir::Model int16_output = softmax_model({{1, 8}, {0.05f, 0}, 1.0f}, 1);
  int16_output.main_graph().tensors[1].type = ir::DataType::kInt16;  // scale 1/256, zero point -128
  EXPECT_NE(refusal(int16_output).find("output"), std::string::npos);
  ir::Model int16_input = softmax_model({{1, 8}, {0.05f, 0}, 1.0f}, 1);
  int16_input.main_graph().tensors[0].type = ir::DataType::kInt16;  // lower_softmax16's, refused
  EXPECT_NE(refusal(int16_input).find("zero point 0"), std::string::npos);
}

class SharedModelSoftmax : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (!vnpu::testing::shared_models_present()) {
      GTEST_SKIP() << "shared golden models not found at " << vnpu::testing::shared_models_dir();
    }
  }
};

TEST_P(SharedModelSoftmax, RunsOnTheNpuByteIdenticalToTflm) {
  const std::string& name = GetParam();
  auto model = tflite::load_tflite(vnpu::testing::model_file(name, "model.tflite"));
  ASSERT_TRUE(model) << model.status().message();
  for (const char* accelerator : {"ethos-u55-128", "ethos-u55-256"}) {
    auto compiled = compile_model(*model, options_for(accelerator));
    ASSERT_TRUE(compiled) << compiled.status().message();
    size_t softmaxes = 0;
    for (const CompiledOperator& op : compiled->operators) {
      if (op.type != ir::OpType::kSoftmax) continue;
      ++softmaxes;
      EXPECT_GE(op.segment, 0) << accelerator << ": SOFTMAX " << op.op_index
                               << " stayed on the CPU";
    }
    EXPECT_EQ(softmaxes, 1u) << accelerator;
    for (int seed = 1; seed <= 3; ++seed) {
      const std::string suffix = std::to_string(seed) + "_0.npy";
      auto input = driver::load_npy(vnpu::testing::model_file(name, "input_" + suffix));
      ASSERT_TRUE(input) << input.status().message();
      auto outputs = testing::run_compiled(compiled->output, accelerator, {input->data});
      ASSERT_TRUE(outputs) << outputs.status().message();
      auto expected = driver::load_npy(vnpu::testing::model_file(name, "output_" + suffix));
      ASSERT_TRUE(expected) << expected.status().message();
      EXPECT_EQ(outputs->at(0), expected->data) << accelerator << " seed " << seed;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Models, SharedModelSoftmax,
                         ::testing::Values("kws_dscnn", "ic_resnet8", "vww_mobilenetv1",
                                           "person_detect"));

}  // namespace
}  // namespace vnpu::compiler
