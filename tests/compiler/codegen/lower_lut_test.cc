// Lookup-table lowering (lower_lut.cc): every int8 -> int8 activation the
// compiler runs through a 256-entry table, with random scales and zero points,
// compiled whole (table DMA'd into SHRAM, 1x1 MAX pool, ACTIVATION table 0)
// and run on the functional NPU: byte-identical to the CPU runtime. ABS
// (lower_abs.cc, the NPU's ABS elementwise mode) is checked with the same
// single-operator graphs.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "compiler/compile_model.h"
#include "core/deterministic_rng.h"
#include "isa/command_decoder.h"
#include "models/graph_builder.h"
#include "tests/compiler/compiler_testing.h"

namespace vnpu::compiler {
namespace {

struct LutCase {
  ir::OpType type;
  ir::OpOptions options;
  bool fixed_output_quantization;  // LOGISTIC/TANH outputs are fixed by TFLite
};

const std::vector<LutCase>& lut_cases() {
  static const std::vector<LutCase> kCases = {
      {ir::OpType::kLogistic, std::monostate{}, true},
      {ir::OpType::kTanh, std::monostate{}, true},
      {ir::OpType::kHardSwish, std::monostate{}, false},
      {ir::OpType::kLeakyRelu, ir::LeakyReluOptions{0.2f}, false},
      {ir::OpType::kRelu, std::monostate{}, false},
      {ir::OpType::kRelu6, std::monostate{}, false},
      {ir::OpType::kReluN1To1, std::monostate{}, false},
      {ir::OpType::kQuantize, std::monostate{}, false},
      {ir::OpType::kRsqrt, std::monostate{}, false},
  };
  return kCases;
}

ir::Model single_lut_op(const LutCase& c, uint64_t seed) {
  DeterministicRng rng(seed);
  const auto uniform = [&](double lo, double hi) { return lo + (hi - lo) * rng.unit(); };
  const auto h = static_cast<int32_t>(1 + rng.next() % 9);
  const auto w = static_cast<int32_t>(1 + rng.next() % 9);
  const auto d = static_cast<int32_t>(1 + rng.next() % 40);
  models::GraphBuilder b("lut", seed);
  const models::QuantParams in_q{static_cast<float>(uniform(0.005, 0.2)),
                                 static_cast<int32_t>(rng.next() % 256) - 128};
  models::QuantParams out_q{static_cast<float>(uniform(0.005, 0.2)),
                            static_cast<int32_t>(rng.next() % 256) - 128};
  if (c.type == ir::OpType::kLogistic) out_q = {1.0f / 256, -128};
  if (c.type == ir::OpType::kTanh) out_q = {1.0f / 128, 0};
  // TFLM's RELU6 and RELU_N1_TO_1 do not requantize.
  if (c.type == ir::OpType::kRelu6 || c.type == ir::OpType::kReluN1To1) out_q = in_q;
  // TFLM's ABS rescales only when the scales differ: both paths.
  if (c.type == ir::OpType::kAbs && rng.next() % 4 == 0) out_q.scale = in_q.scale;
  const int32_t in = b.add_activation("in", {1, h, w, d}, in_q);
  const int32_t out = b.add_activation("out", {1, h, w, d}, out_q);
  std::vector<int32_t> inputs = {in};
  // PRELU: one constant alpha (random int8, scale up to 0.02 so that alpha * x spans the range).
  if (c.type == ir::OpType::kPrelu) {
    inputs.push_back(b.add_weights("alpha", {1}, 0, {static_cast<float>(uniform(0.001, 0.02))}));
  }
  b.add_op(c.type, inputs, {out}, c.options);
  b.set_io({in}, {out});
  return b.finish("t");
}

int case_count() {
  const char* env = std::getenv("VNPU_LUT_CASES");
  return env != nullptr ? std::atoi(env) : 200;
}

TEST(CodegenLut, EveryLookupTableActivationMatchesTheCpuRuntime) {
  for (const LutCase& c : lut_cases()) {
    for (int i = 0; i < case_count(); ++i) {
      const auto seed = static_cast<uint64_t>(1000 * static_cast<int>(c.type) + i);
      const ir::Model model = single_lut_op(c, seed);
      CompilerOptions options;
      options.accelerator_config = i % 2 ? "ethos-u55-128" : "ethos-u55-256";
      auto compiled = compile_model(model, options);
      ASSERT_TRUE(compiled) << compiled.status().message();
      ASSERT_EQ(compiled->schedule.segments.size(), 1u)
          << ir::op_type_name(c.type) << " stayed on the CPU: "
          << compiled->front.partition.ops[0].reason;
      const std::string diff = testing::compile_and_compare(
          model, options, testing::random_inputs(model.main_graph(), seed));
      EXPECT_EQ(diff, "") << ir::op_type_name(c.type) << " seed " << seed;
    }
  }
}

// The same model with int16 tensors of zero point 0 (TFLite's 16x8 scheme).
ir::Model as_int16(ir::Model model) {
  for (ir::Tensor& t : model.main_graph().tensors) {
    t.type = ir::DataType::kInt16;
    t.quantization.zero_points = {0};
  }
  return model;
}

// `cases` random single-operator graphs of `type` (shapes, scales and zero
// points), each compiled whole onto the NPU and byte-identical to the CPU runtime.
void expect_npu_matches_cpu(const LutCase& c, int cases, bool int16 = false) {
  for (int i = 0; i < cases; ++i) {
    const auto seed = static_cast<uint64_t>(1000 * static_cast<int>(c.type) + 500 + i);
    const ir::Model model = int16 ? as_int16(single_lut_op(c, seed)) : single_lut_op(c, seed);
    CompilerOptions options;
    options.accelerator_config = i % 2 ? "ethos-u55-128" : "ethos-u55-256";
    auto compiled = compile_model(model, options);
    ASSERT_TRUE(compiled) << compiled.status().message();
    ASSERT_EQ(compiled->schedule.segments.size(), 1u)
        << ir::op_type_name(c.type) << " seed " << seed
        << " stayed on the CPU: " << compiled->front.partition.ops[0].reason;
    const std::string diff = testing::compile_and_compare(
        model, options, testing::random_inputs(model.main_graph(), seed));
    ASSERT_EQ(diff, "") << ir::op_type_name(c.type) << " seed " << seed;
  }
}

int many_case_count() {
  const char* env = std::getenv("VNPU_LUT_CASES");
  return env != nullptr ? std::atoi(env) : 200;
}

TEST(CodegenLut, RsqrtMatchesTheCpuRuntimeOnRandomCases) {
  expect_npu_matches_cpu({ir::OpType::kRsqrt, std::monostate{}, false}, many_case_count());
}

TEST(CodegenLut, ScalarAlphaPreluMatchesTheCpuRuntimeOnRandomCases) {
  expect_npu_matches_cpu({ir::OpType::kPrelu, std::monostate{}, false}, many_case_count());
}

// Per-channel alphas 0.5, 1.2 and 0.1: neither MAXIMUM nor MINIMUM of the
// two branches is PRELU and a table holds one alpha, so the pass
// decompose_prelu adds the branches of each half of the input on the NPU.
TEST(CodegenLut, PreluWhoseAlphasStraddleOneRunsAsTheSumOfItsHalves) {
  models::GraphBuilder b("prelu", 4);
  const int32_t in = b.add_activation("in", {1, 2, 2, 3}, {0.05f, 1});
  const int32_t alpha = b.add_weights("alpha", {3}, 0, {0.01f});
  b.graph().tensors[static_cast<size_t>(alpha)].data = {50, 120, 10};
  const int32_t out = b.add_activation("out", {1, 2, 2, 3}, {0.05f, 1});
  b.add_op(ir::OpType::kPrelu, {in, alpha}, {out});
  b.set_io({in}, {out});
  const ir::Model model = b.finish("t");
  CompilerOptions options;
  auto compiled = compile_model(model, options);
  ASSERT_TRUE(compiled) << compiled.status().message();
  EXPECT_EQ(testing::count_ops(compiled->front.model.main_graph(), ir::OpType::kAdd), 1u);
  EXPECT_EQ(testing::npu_refusal(model, options), "");
  EXPECT_EQ(testing::compile_and_compare(model, options,
                                         testing::random_inputs(model.main_graph(), 4)),
            "");
}

TEST(CodegenAbs, AbsMatchesTheCpuRuntimeOnRandomCases) {
  expect_npu_matches_cpu({ir::OpType::kAbs, std::monostate{}, false}, many_case_count());
}

TEST(CodegenAbs, Int16AbsMatchesTheCpuRuntimeOnRandomCases) {
  expect_npu_matches_cpu({ir::OpType::kAbs, std::monostate{}, false}, many_case_count(), true);
}

TEST(CodegenLut, TheTableIsDmaedIntoShramOnceForTwoEqualOperators) {
  models::GraphBuilder b("two_relu", 3);
  const int32_t in = b.add_activation("in", {1, 4, 4, 8}, {0.05f, 3});
  const int32_t mid = b.add_activation("mid", {1, 4, 4, 8}, {0.05f, 3});
  const int32_t out = b.add_activation("out", {1, 4, 4, 8}, {0.05f, 3});
  b.add_op(ir::OpType::kRelu6, {in}, {mid});
  b.add_op(ir::OpType::kRelu6, {mid}, {out});
  b.set_io({in}, {out});
  const ir::Model model = b.finish("t");
  CompilerOptions options;
  options.accelerator_config = "ethos-u55-256";
  auto compiled = compile_model(model, options);
  ASSERT_TRUE(compiled) << compiled.status().message();
  const SegmentStream& stream = compiled->streams.at(0);
  const isa::DecodedStream decoded = isa::decode_stream(stream.words.data(), stream.words.size());
  ASSERT_TRUE(decoded.status) << decoded.status.message();
  size_t lut_dmas = 0;
  for (const isa::Operation& op : decoded.operations) {
    if (op.kind == isa::OperationKind::kDmaStart) {
      ++lut_dmas;
      EXPECT_TRUE(op.state.dma.dst_internal);
      EXPECT_EQ(op.state.dma.dst, 48u * 1024 - 2048);
      EXPECT_EQ(op.state.dma.length, 256u);
    }
    if (op.kind == isa::OperationKind::kPool) {
      EXPECT_EQ(op.state.activation.function, 16);
    }
  }
  EXPECT_EQ(lut_dmas, 1u);
  EXPECT_EQ(testing::compile_and_compare(model, options,
                                         testing::random_inputs(model.main_graph(), 9)),
            "");
}

TEST(CodegenLut, RefusedOnASixteenKilobyteShram) {
  const ir::Model model = single_lut_op(lut_cases()[0], 5);
  CompilerOptions options;
  options.accelerator_config = "ethos-u55-32";
  auto compiled = compile_model(model, options);
  ASSERT_TRUE(compiled) << compiled.status().message();
  EXPECT_FALSE(compiled->front.partition.ops[0].on_npu);
  EXPECT_NE(compiled->front.partition.ops[0].reason.find("16 KB SHRAM"), std::string::npos)
      << compiled->front.partition.ops[0].reason;
  EXPECT_EQ(testing::compile_and_compare(model, options,
                                         testing::random_inputs(model.main_graph(), 5)),
            "");
}

}  // namespace
}  // namespace vnpu::compiler
