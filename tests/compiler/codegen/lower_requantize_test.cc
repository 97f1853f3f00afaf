// QUANTIZE with an int16 side or between uint8 and int8 (lower_requantize.cc: a rescaling 1x1
// AVERAGE pool with TFLite's multiplier as OFM_SCALE in DBL rounding), compiled whole and run on
// the functional NPU against the CPU runtime (compile_and_compare):
//  - every one of the 65,536 int16 inputs (256 int8 inputs for int8 -> int16)
//    at edge scales (multipliers next to 2^31 - 1, right shifts up to 31, the
//    largest allowed left shift, a multiplier flushed to 0) and random ones,
//    with zero points at both ends of their types;
//  - every uint8 and int8 input, uint8 <-> int8, at 200 random scales;
//  - random shapes, scales and zero points (VNPU_REQUANTIZE_CASES, default 240);
//    a scale the support rule "requantize_scale" refuses stays on the CPU.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "compiler/codegen/lower_op.h"
#include "compiler/compile_model.h"
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

ir::Model requantize_model(const ir::Shape& shape, DataType in_type, Quant in_q,
                           DataType out_type, Quant out_q) {
  models::GraphBuilder b("requantize", 1);
  const int32_t in = b.add_activation("in", shape, {in_q.scale, in_q.zero_point});
  const int32_t out = b.add_activation("out", shape, {out_q.scale, out_q.zero_point});
  b.graph().tensors[static_cast<size_t>(in)].type = in_type;
  b.graph().tensors[static_cast<size_t>(out)].type = out_type;
  b.add_op(ir::OpType::kQuantize, {in}, {out}, std::monostate{});
  b.set_io({in}, {out});
  return b.finish("t");
}

std::string label(DataType in_type, Quant in_q, DataType out_type, Quant out_q) {
  return std::string(ir::data_type_name(in_type)) + " (" + std::to_string(in_q.scale) + ", " +
         std::to_string(in_q.zero_point) + ") -> " + ir::data_type_name(out_type) + " (" +
         std::to_string(out_q.scale) + ", " + std::to_string(out_q.zero_point) + ")";
}

// Whether the compiled model runs its one QUANTIZE on the NPU.
bool on_npu(const ir::Model& model, const CompilerOptions& options, std::string* reason) {
  *reason = testing::npu_refusal(model, options);
  return reason->empty();
}

// Every value of the input type, as little-endian bytes.
std::vector<uint8_t> every_input(DataType type) {
  std::vector<uint8_t> bytes;
  if (type == DataType::kInt8) {
    for (int32_t v = -128; v <= 127; ++v) bytes.push_back(static_cast<uint8_t>(v));
  } else {
    for (int32_t v = -32768; v <= 32767; ++v) {
      const auto u = static_cast<uint16_t>(v);
      bytes.push_back(static_cast<uint8_t>(u & 0xFF));
      bytes.push_back(static_cast<uint8_t>(u >> 8));
    }
  }
  return bytes;
}

struct ScaleCase {
  float in_scale;
  float out_scale;
  const char* what;
};

// Scale pairs at the ends of TFLite's multiplier encoding.
std::vector<ScaleCase> edge_scales() {
  const float below_one = std::nextafter(1.0f, 0.0f);  // multiplier 2^31 - 128
  return {
      {below_one, 1.0f, "multiplier next to 2^31, shift 0"},
      {below_one, 256.0f, "multiplier next to 2^31, right shift 8"},
      {below_one, std::ldexp(1.0f, 15), "multiplier next to 2^31, right shift 15"},
      {1.0f, 1.0f, "ratio 1 (multiplier 2^30, left shift 1)"},
      {0.5f, 1.0f, "ratio 1/2 (multiplier 2^30, shift 0)"},
      {std::ldexp(0.75f, -20), std::ldexp(1.0f, 11), "right shift 31"},
      {std::ldexp(below_one, -20), std::ldexp(1.0f, 11), "right shift 31, multiplier next to 2^31"},
      {std::ldexp(1.0f, -20), std::ldexp(1.0f, 14), "multiplier flushed to 0"},
      {std::ldexp(below_one, 4), 1.0f, "multiplier next to 2^31, left shift 4"},
      {0.3f, 0.0117f, "left shift 5"},
      {0.0117f, 0.3f, "right shift 4"},
      {1.0f / 3.0f, 1.0f, "ratio 1/3"},
      {0.1f, 0.7f, "ratio 1/7"},
  };
}

const std::vector<int32_t>& zero_points(DataType type) {
  static const std::vector<int32_t> k8 = {-128, 0, 127};
  static const std::vector<int32_t> k16 = {-32768, 0, 32767};
  return type == DataType::kInt16 ? k16 : k8;
}

// Every input value at every edge scale and zero-point extreme; returns the number of cases.
int expect_exhaustive(DataType in_type, DataType out_type) {
  const ir::Shape shape = in_type == DataType::kInt16 ? ir::Shape{1, 64, 64, 16} : ir::Shape{1, 4, 4, 16};
  const std::vector<std::vector<uint8_t>> inputs = {every_input(in_type)};
  CompilerOptions options;
  options.accelerator_config = "ethos-u55-128";
  int checked = 0;
  for (const ScaleCase& sc : edge_scales()) {
    for (size_t z = 0; z < 3; ++z) {
      const Quant in_q{sc.in_scale, zero_points(in_type)[z]};
      const Quant out_q{sc.out_scale, zero_points(out_type)[2 - z]};
      const ir::Model model = requantize_model(shape, in_type, in_q, out_type, out_q);
      const std::string what = std::string(sc.what) + ": " + label(in_type, in_q, out_type, out_q);
      std::string reason;
      if (!on_npu(model, options, &reason)) {
        // Only a left shift under which TFLite's int32 wraps may stay on the CPU.
        EXPECT_NE(reason.find("requantize_scale"), std::string::npos) << what << ": " << reason;
      } else {
        ++checked;
      }
      EXPECT_EQ(testing::compile_and_compare(model, options, inputs), "") << what;
    }
  }
  return checked;
}

TEST(CodegenRequantize, EveryInt16InputToInt8MatchesTheCpuKernelAtEdgeScales) {
  EXPECT_GE(expect_exhaustive(DataType::kInt16, DataType::kInt8), 36);
}

TEST(CodegenRequantize, EveryInt16InputToInt16MatchesTheCpuKernelAtEdgeScales) {
  EXPECT_GE(expect_exhaustive(DataType::kInt16, DataType::kInt16), 36);
}

TEST(CodegenRequantize, EveryInt8InputToInt16MatchesTheCpuKernelAtEdgeScales) {
  EXPECT_GE(expect_exhaustive(DataType::kInt8, DataType::kInt16), 36);
}

TEST(CodegenRequantize, EveryInt16InputMatchesAtRandomScales) {
  DeterministicRng rng(77);
  const std::vector<std::vector<uint8_t>> inputs = {every_input(DataType::kInt16)};
  CompilerOptions options;
  options.accelerator_config = "ethos-u55-256";
  for (int i = 0; i < 8; ++i) {
    const DataType out_type = i % 2 ? DataType::kInt16 : DataType::kInt8;
    const Quant in_q{static_cast<float>(std::ldexp(0.5 + 0.5 * rng.unit(), rng.uniform(-20, 0))),
                     rng.uniform(-32768, 32767)};
    const Quant out_q{static_cast<float>(std::ldexp(0.5 + 0.5 * rng.unit(), rng.uniform(-14, 6))),
                      out_type == DataType::kInt8 ? rng.uniform(-128, 127)
                                                  : rng.uniform(-32768, 32767)};
    const ir::Model model =
        requantize_model({1, 16, 64, 64}, DataType::kInt16, in_q, out_type, out_q);
    const std::string what = label(DataType::kInt16, in_q, out_type, out_q);
    std::string reason;
    ASSERT_TRUE(on_npu(model, options, &reason)) << what << ": " << reason;
    EXPECT_EQ(testing::compile_and_compare(model, options, inputs), "") << what;
  }
}

TEST(CodegenRequantize, ALeftShiftUnderWhichTfliteWrapsStaysOnTheCpu) {
  // Ratio 2^16 * 0.75: (input - 32767) * 2^16 leaves int32 for inputs below 0.
  const Quant in_q{std::ldexp(0.75f, 16), 32767};
  const Quant out_q{1.0f, 0};
  const ir::Model model = requantize_model({1, 64, 64, 16}, DataType::kInt16, in_q,
                                           DataType::kInt8, out_q);
  CompilerOptions options;
  std::string reason;
  EXPECT_FALSE(on_npu(model, options, &reason));
  EXPECT_NE(reason.find("requantize_scale"), std::string::npos) << reason;
  EXPECT_NE(reason.find("left shift of 16 bits"), std::string::npos) << reason;
  EXPECT_EQ(testing::compile_and_compare(model, options, {every_input(DataType::kInt16)}), "");
}

// Every one of the 256 inputs, uint8 -> int8 and int8 -> uint8, at random
// scales and zero points: a rescaling pool over unsigned 8-bit maps.
TEST(CodegenRequantize, EveryUint8AndInt8InputMatchesAtRandomScales) {
  std::vector<uint8_t> every_byte;
  for (int32_t v = 0; v < 256; ++v) every_byte.push_back(static_cast<uint8_t>(v));
  int on_the_npu = 0;
  constexpr int kCases = 200;
  for (int i = 0; i < kCases; ++i) {
    const auto seed = static_cast<uint64_t>(25000 + i);
    DeterministicRng rng(seed);
    const bool from_uint8 = i % 2 == 0;
    const DataType in_type = from_uint8 ? DataType::kUInt8 : DataType::kInt8;
    const DataType out_type = from_uint8 ? DataType::kInt8 : DataType::kUInt8;
    const auto zero_point = [&](DataType type) {
      return type == DataType::kUInt8 ? rng.uniform(0, 255) : rng.uniform(-128, 127);
    };
    // Equal scales now and then (the zero-point shift of 128 among them).
    const Quant in_q{static_cast<float>(std::ldexp(0.5 + 0.5 * rng.unit(), rng.uniform(-12, 0))),
                     zero_point(in_type)};
    const bool same_scale = rng.uniform(0, 3) == 0;
    const Quant out_q{
        same_scale ? in_q.scale
                   : static_cast<float>(in_q.scale *
                                        std::ldexp(0.5 + 0.5 * rng.unit(), rng.uniform(-4, 6))),
        same_scale && rng.uniform(0, 1) == 0 ? in_q.zero_point + (from_uint8 ? -128 : 128)
                                             : zero_point(out_type)};
    const ir::Model model = requantize_model({1, 16, 16, 1}, in_type, in_q, out_type, out_q);
    CompilerOptions options;
    const std::string what =
        "seed " + std::to_string(seed) + " " + label(in_type, in_q, out_type, out_q);
    std::string reason;
    on_the_npu += on_npu(model, options, &reason) ? 1 : 0;
    EXPECT_EQ(testing::compile_and_compare(model, options, {every_byte}), "") << what;
  }
  EXPECT_GE(on_the_npu, kCases * 3 / 4);
}

ir::Shape random_shape(DeterministicRng& rng) {
  ir::Shape shape(static_cast<size_t>(rng.uniform(1, 4)));
  for (int32_t& d : shape) d = rng.uniform(1, rng.uniform(0, 3) == 0 ? 40 : 9);
  if (shape.size() == 4) shape[0] = 1;
  return shape;
}

int case_count() {
  const char* env = std::getenv("VNPU_REQUANTIZE_CASES");
  return env != nullptr ? std::max(1, std::atoi(env)) : 240;
}

TEST(CodegenRequantize, RandomQuantizesMatchTheCpuRuntimeOnTheNpu) {
  const DataType kPairs[3][2] = {{DataType::kInt16, DataType::kInt8},
                                 {DataType::kInt16, DataType::kInt16},
                                 {DataType::kInt8, DataType::kInt16}};
  const char* kConfigs[] = {"ethos-u55-32", "ethos-u55-64", "ethos-u55-128", "ethos-u55-256"};
  int on_the_npu = 0;
  for (int i = 0; i < case_count(); ++i) {
    const auto seed = static_cast<uint64_t>(9100 + i);
    DeterministicRng rng(seed);
    const DataType in_type = kPairs[i % 3][0];
    const DataType out_type = kPairs[i % 3][1];
    const auto zero_point = [&](DataType type) {
      const int32_t bound = type == DataType::kInt16 ? 32767 : 127;
      return rng.uniform(0, 3) == 0 ? (rng.uniform(0, 1) ? bound : -bound - 1)
                                    : rng.uniform(-bound - 1, bound);
    };
    const Quant in_q{static_cast<float>(std::ldexp(0.5 + 0.5 * rng.unit(), rng.uniform(-24, 0))),
                     zero_point(in_type)};
    const Quant out_q{static_cast<float>(std::ldexp(0.5 + 0.5 * rng.unit(), rng.uniform(-24, 8))),
                      zero_point(out_type)};
    const ir::Model model = requantize_model(random_shape(rng), in_type, in_q, out_type, out_q);
    CompilerOptions options;
    options.accelerator_config = kConfigs[rng.uniform(0, 3)];
    const std::string what = "seed " + std::to_string(seed) + " " +
                             label(in_type, in_q, out_type, out_q) + " on " +
                             options.accelerator_config;
    const ir::Graph& graph = model.main_graph();
    const bool exact = static_cast<bool>(requantize_ofm_scale(graph, graph.operators[0]));
    std::string reason;
    EXPECT_EQ(on_npu(model, options, &reason), exact) << what << ": " << reason;
    if (!exact) {
      EXPECT_NE(reason.find("requantize_scale"), std::string::npos) << what << reason;
    }
    on_the_npu += exact ? 1 : 0;
    EXPECT_EQ(testing::compile_and_compare(model, options, testing::random_inputs(graph, seed)),
              "")
        << what;
  }
  EXPECT_GE(on_the_npu, case_count() * 3 / 4);
}

}  // namespace
}  // namespace vnpu::compiler
