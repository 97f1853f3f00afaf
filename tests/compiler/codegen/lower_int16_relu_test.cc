// RELU and RELU6 on int16 (lower_requantize.cc: the rescaling 1x1 AVERAGE
// pool of an int16 QUANTIZE with the activation's clamp), compiled whole and
// run on the functional NPU against the CPU runtime (compile_and_compare),
// every one of the 65,536 int16 inputs per case:
//  - RELU at random scale ratios (right shifts, and left shifts up to the
//    largest TFLite's int32 allows) and zero points (VNPU_INT16_RELU_CASES,
//    default 200 across both operators); a ratio under which TFLite's int32
//    could wrap stays on the CPU with the reason;
//  - RELU6 (input and output quantized alike, as TFLM requires) at random
//    scales, where 6.0 falls inside, at or beyond the int16 range.
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

using ir::DataType;

struct Quant {
  float scale;
  int32_t zero_point;
};

ir::Model relu_model(ir::OpType type, Quant in_q, Quant out_q) {
  models::GraphBuilder b("int16_relu", 1);
  const ir::Shape shape = {1, 256, 256, 1};
  const int32_t in = b.add_activation("in", shape, {in_q.scale, in_q.zero_point});
  const int32_t out = b.add_activation("out", shape, {out_q.scale, out_q.zero_point});
  for (int32_t t : {in, out}) b.graph().tensors[static_cast<size_t>(t)].type = DataType::kInt16;
  b.add_op(type, {in}, {out}, std::monostate{});
  b.set_io({in}, {out});
  return b.finish("t");
}

int case_count() {
  const char* env = std::getenv("VNPU_INT16_RELU_CASES");
  return env != nullptr ? std::max(1, std::atoi(env)) : 200;
}

TEST(CodegenInt16Relu, EveryInputMatchesTheCpuRuntimeAtRandomScales) {
  const char* kConfigs[] = {"ethos-u55-32", "ethos-u55-64", "ethos-u55-128", "ethos-u55-256"};
  const std::vector<uint8_t> inputs = testing::every_int16();
  int on_the_npu = 0;
  for (int i = 0; i < case_count(); ++i) {
    const auto seed = static_cast<uint64_t>(4400 + i);
    DeterministicRng rng(seed);
    const bool relu6 = i % 2 == 1;
    const auto zero_point = [&] { return rng.uniform(0, 2) == 0 ? 0 : rng.uniform(-300, 300); };
    const Quant in_q{static_cast<float>(std::ldexp(0.5 + 0.5 * rng.unit(), rng.uniform(-16, -2))),
                     zero_point()};
    const Quant out_q =
        relu6 ? in_q
              : Quant{static_cast<float>(in_q.scale *
                                         std::ldexp(0.5 + 0.5 * rng.unit(), rng.uniform(-6, 18))),
                      zero_point()};
    const ir::Model model = relu_model(relu6 ? ir::OpType::kRelu6 : ir::OpType::kRelu, in_q, out_q);
    CompilerOptions options;
    options.accelerator_config = kConfigs[rng.uniform(0, 3)];
    const std::string what = std::string(relu6 ? "RELU6" : "RELU") + " seed " +
                             std::to_string(seed) + " in (" + std::to_string(in_q.scale) + ", " +
                             std::to_string(in_q.zero_point) + ") out (" +
                             std::to_string(out_q.scale) + ", " + std::to_string(out_q.zero_point) +
                             ") on " + options.accelerator_config;
    const std::string reason = testing::npu_refusal(model, options);
    if (reason.empty()) {
      ++on_the_npu;
    } else {
      // Only a left shift under which TFLite's int32 wraps keeps one on the CPU.
      EXPECT_NE(reason.find("and wraps"), std::string::npos) << what << ": " << reason;
    }
    EXPECT_EQ(testing::compile_and_compare(model, options, {inputs}), "") << what;
  }
  EXPECT_GE(on_the_npu, case_count() * 3 / 4);
}

TEST(CodegenInt16Relu, ALeftShiftUnderWhichTfliteWrapsStaysOnTheCpu) {
  // Ratio 2^16 * 0.75 with input zero point 300: (-32768 - 300) * 2^16 leaves int32.
  testing::expect_stays_on_cpu(
      relu_model(ir::OpType::kRelu, {1.0f, 300}, {1.0f / std::ldexp(0.75f, 16), 0}),
      "RELU ratio 2^16", "left shift of 16 bits");
}

}  // namespace
}  // namespace vnpu::compiler
