// int16 LOGISTIC and TANH lowering (lower_sigmoid16.cc: TFLite's table
// interpolation as a chain of int32 elementwise operations with two int32
// tables), compiled whole and run on the functional NPU against the CPU
// runtime, every one of the 65,536 int16 inputs per case: the power-of-two
// input scales TFLite's kernels special-case (2^-12; TANH also 2^-11) and
// random scales across TFLite's range (VNPU_SIGMOID16_CASES, default 200,
// both functions, U55-128 and U55-256).
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

ir::Model sigmoid_model(ir::OpType type, float input_scale) {
  models::GraphBuilder b("sigmoid16", 1);
  const ir::Shape shape = {1, 256, 256, 1};
  const int32_t in = b.add_activation("in", shape, {input_scale, 0});
  const int32_t out = b.add_activation("out", shape, {1.0f / 32768, 0});
  for (int32_t t : {in, out}) b.graph().tensors[static_cast<size_t>(t)].type = ir::DataType::kInt16;
  b.add_op(type, {in}, {out}, std::monostate{});
  b.set_io({in}, {out});
  return b.finish("t");
}

int case_count() {
  const char* env = std::getenv("VNPU_SIGMOID16_CASES");
  return env != nullptr ? std::max(1, std::atoi(env)) : 200;
}

void expect_exact(ir::OpType type, float scale, const char* accelerator,
                  const std::vector<uint8_t>& inputs) {
  const ir::Model model = sigmoid_model(type, scale);
  CompilerOptions options;
  options.accelerator_config = accelerator;
  const std::string what = std::string(ir::op_type_name(type)) + " input scale " +
                           std::to_string(scale) + " on " + accelerator;
  EXPECT_EQ(testing::npu_refusal(model, options), "") << what;
  EXPECT_EQ(testing::compile_and_compare(model, options, {inputs}), "") << what;
}

TEST(CodegenSigmoid16, PowerOfTwoScalesMatchTheCpuRuntimeOnEveryInput) {
  const std::vector<uint8_t> inputs = testing::every_int16();
  expect_exact(ir::OpType::kLogistic, std::ldexp(1.0f, -12), "ethos-u55-128", inputs);
  expect_exact(ir::OpType::kTanh, std::ldexp(1.0f, -12), "ethos-u55-128", inputs);
  expect_exact(ir::OpType::kTanh, std::ldexp(1.0f, -11), "ethos-u55-256", inputs);
}

TEST(CodegenSigmoid16, RandomScalesMatchTheCpuRuntimeOnEveryInput) {
  const std::vector<uint8_t> inputs = testing::every_int16();
  for (int i = 0; i < case_count(); ++i) {
    DeterministicRng rng(static_cast<uint64_t>(63000 + i));
    // 2^-20 .. 2^1 (TFLite takes input scales up to about 2.67).
    const auto scale = static_cast<float>(std::pow(2.0, -20.0 + 21.0 * rng.unit()));
    expect_exact(i % 2 == 0 ? ir::OpType::kLogistic : ir::OpType::kTanh, scale,
                 i % 4 < 2 ? "ethos-u55-128" : "ethos-u55-256", inputs);
  }
}

}  // namespace
}  // namespace vnpu::compiler
