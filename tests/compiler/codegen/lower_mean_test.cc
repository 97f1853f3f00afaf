// MEAN over height and/or width (compiler/codegen/lower_op.cc: a DEPTHWISE
// kernel of ones with TFLite's multiplier, 1/n folded in, in DBL rounding),
// compiled whole and run on the functional NPU against the CPU runtime
// (compile_and_compare):
//  - random int8 and int16 inputs [1,H,W,C], axes {1}, {2} or {1,2} (also
//    negative), keep_dims or not, random scales and zero points, on every U55
//    configuration (VNPU_MEAN_CASES, default 120);
//  - random int8 and int16 inputs of rank 1-4 with any non-empty set of axes
//    (VNPU_MEAN_ANY_CASES, default 240): on the NPU exactly when the reduced
//    axes (size-1 axes aside) are contiguous, a 4D input has batch 1 and the
//    window fits one depthwise kernel (a [1, kept before, reduced, kept
//    after] view reduced over the width), else on the CPU with the rule;
//  - the refusals: a window beyond one depthwise kernel (rule mean_area) and a
//    scale under which TFLite's int32 sum shifted left could wrap (rule
//    mean_requantize) stay on the CPU.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "isa/accelerator_config.h"
#include "models/graph_builder.h"
#include "tests/compiler/compiler_testing.h"

namespace vnpu::compiler {
namespace {

using ir::DataType;

class CaseRng {
 public:
  explicit CaseRng(uint64_t seed) : rng_(static_cast<std::mt19937::result_type>(seed)) {}
  int32_t uniform(int32_t lo, int32_t hi) {
    return std::uniform_int_distribution<int32_t>(lo, hi)(rng_);
  }
  float real(float lo, float hi) { return std::uniform_real_distribution<float>(lo, hi)(rng_); }

 private:
  std::mt19937 rng_;
};

struct MeanSpec {
  ir::Shape input;
  std::vector<int32_t> axes;
  bool keep_dims = true;
  DataType type = DataType::kInt8;
  float in_scale = 0.1f, out_scale = 0.1f;
  int32_t in_zp = 0, out_zp = 0;
};

ir::Model mean_model(const MeanSpec& spec) {
  models::GraphBuilder b("mean", 1);
  bool height = false, width = false;
  for (int32_t axis : spec.axes) (axis == 1 || axis == -3 ? height : width) = true;
  ir::Shape out_shape;
  if (spec.keep_dims) {
    out_shape = {1, height ? 1 : spec.input[1], width ? 1 : spec.input[2], spec.input[3]};
  } else {
    out_shape = {1};
    if (!height) out_shape.push_back(spec.input[1]);
    if (!width) out_shape.push_back(spec.input[2]);
    out_shape.push_back(spec.input[3]);
  }
  const int32_t in = b.add_activation("in", spec.input, {spec.in_scale, spec.in_zp});
  const int32_t out = b.add_activation("out", out_shape, {spec.out_scale, spec.out_zp});
  b.graph().tensors[static_cast<size_t>(in)].type = spec.type;
  b.graph().tensors[static_cast<size_t>(out)].type = spec.type;
  b.add_op(ir::OpType::kMean, {in, b.add_int32_constant("axes", spec.axes)}, {out},
           ir::ReducerOptions{spec.keep_dims});
  b.set_io({in}, {out});
  return b.finish("t");
}

std::string label(const MeanSpec& s) {
  std::string axes;
  for (int32_t a : s.axes) axes += std::to_string(a) + " ";
  return std::string(ir::data_type_name(s.type)) + " [1," + std::to_string(s.input[1]) + "," +
         std::to_string(s.input[2]) + "," + std::to_string(s.input[3]) + "] axes " + axes +
         (s.keep_dims ? "keep_dims" : "dropped") + " scales " + std::to_string(s.in_scale) + "/" +
         std::to_string(s.out_scale) + " zero points " + std::to_string(s.in_zp) + "/" +
         std::to_string(s.out_zp);
}

MeanSpec random_spec(CaseRng& r) {
  MeanSpec s;
  s.type = r.uniform(0, 2) == 0 ? DataType::kInt16 : DataType::kInt8;
  s.input = {1, r.uniform(1, 20), r.uniform(1, 20), r.uniform(1, 40)};
  const std::vector<std::vector<int32_t>> axes = {{1, 2}, {2, 1}, {1}, {2}, {-3, -2}, {-2}};
  s.axes = axes[static_cast<size_t>(r.uniform(0, 5))];
  s.keep_dims = r.uniform(0, 1) == 1;
  s.in_scale = r.real(0.001f, 0.1f);
  // Output scales from a tenth to ten times the input's: multipliers on both sides of 1.
  s.out_scale = s.in_scale * r.real(0.1f, 10.0f);
  const int32_t zp_range = s.type == DataType::kInt16 ? 3000 : 127;
  s.in_zp = r.uniform(-zp_range, zp_range);
  s.out_zp = r.uniform(-zp_range, zp_range);
  return s;
}

int case_count() {
  const char* env = std::getenv("VNPU_MEAN_CASES");
  return env != nullptr ? std::max(1, std::atoi(env)) : 120;
}

TEST(CodegenMean, RandomMeansMatchTheCpuRuntimeByteForByte) {
  const std::vector<isa::AcceleratorConfig>& configs = isa::accelerator_configs();
  int on_npu = 0;
  const int cases = case_count();
  for (int i = 0; i < cases; ++i) {
    const uint64_t seed = 9100 + static_cast<uint64_t>(i);
    CaseRng r(seed);
    const MeanSpec spec = random_spec(r);
    const ir::Model model = mean_model(spec);
    CompilerOptions options;
    options.accelerator_config =
        configs[static_cast<size_t>(r.uniform(0, static_cast<int32_t>(configs.size()) - 1))].name;
    const std::string what = label(spec) + " on " + options.accelerator_config;
    const std::string reason = testing::npu_refusal(model, options);
    EXPECT_EQ(reason, "") << what;
    on_npu += reason.empty() ? 1 : 0;
    EXPECT_EQ(testing::compile_and_compare(model, options,
                                           testing::random_inputs(model.main_graph(), seed)),
              "")
        << what;
  }
  std::printf("%d of %d MEANs on the NPU\n", on_npu, cases);
}

// A MEAN of `input` over `axes` (distinct, resolved) with its TFLite output shape.
ir::Model any_mean_model(const MeanSpec& spec) {
  models::GraphBuilder b("mean", 1);
  ir::Shape out_shape;
  for (size_t d = 0; d < spec.input.size(); ++d) {
    const bool reduced =
        std::find(spec.axes.begin(), spec.axes.end(), static_cast<int32_t>(d)) != spec.axes.end();
    if (!reduced) out_shape.push_back(spec.input[d]);
    if (reduced && spec.keep_dims) out_shape.push_back(1);
  }
  const int32_t in = b.add_activation("in", spec.input, {spec.in_scale, spec.in_zp});
  const int32_t out = b.add_activation("out", out_shape, {spec.out_scale, spec.out_zp});
  b.graph().tensors[static_cast<size_t>(in)].type = spec.type;
  b.graph().tensors[static_cast<size_t>(out)].type = spec.type;
  b.add_op(ir::OpType::kMean, {in, b.add_int32_constant("axes", spec.axes)}, {out},
           ir::ReducerOptions{spec.keep_dims});
  b.set_io({in}, {out});
  return b.finish("t");
}

// Whether the reduced axes, size-1 axes aside, form one block.
bool reduced_axes_contiguous(const MeanSpec& s) {
  int part = 0;  // 0 before the block, 1 in it, 2 after it
  for (size_t d = 0; d < s.input.size(); ++d) {
    if (s.input[d] == 1) continue;
    const bool reduced =
        std::find(s.axes.begin(), s.axes.end(), static_cast<int32_t>(d)) != s.axes.end();
    if (reduced && part == 2) return false;
    if (reduced) part = 1;
    if (!reduced && part == 1) part = 2;
  }
  return true;
}

int any_case_count() {
  const char* env = std::getenv("VNPU_MEAN_ANY_CASES");
  return env != nullptr ? std::max(1, std::atoi(env)) : 240;
}

TEST(CodegenMean, AnyRankAndContiguousAxesMatchTheCpuRuntimeOnTheNpu) {
  const std::vector<isa::AcceleratorConfig>& configs = isa::accelerator_configs();
  int on_npu = 0;
  const int cases = any_case_count();
  for (int i = 0; i < cases; ++i) {
    const uint64_t seed = 12100 + static_cast<uint64_t>(i);
    CaseRng r(seed);
    MeanSpec spec = random_spec(r);
    spec.input.assign(static_cast<size_t>(r.uniform(1, 4)), 1);
    int64_t window = 1;
    for (int32_t& d : spec.input) d = r.uniform(0, 4) == 0 ? 1 : r.uniform(2, 12);
    if (spec.input.size() == 4 && r.uniform(0, 3) != 0) spec.input[0] = 1;
    spec.axes.clear();
    for (size_t d = 0; d < spec.input.size(); ++d) {
      if (r.uniform(0, 1) == 0) spec.axes.push_back(static_cast<int32_t>(d));
    }
    if (spec.axes.empty())
      spec.axes.push_back(r.uniform(0, static_cast<int32_t>(spec.input.size()) - 1));
    for (int32_t a : spec.axes) window *= spec.input[static_cast<size_t>(a)];
    const ir::Model model = any_mean_model(spec);
    CompilerOptions options;
    options.accelerator_config =
        configs[static_cast<size_t>(r.uniform(0, static_cast<int32_t>(configs.size()) - 1))].name;
    std::string shape;
    for (int32_t d : spec.input) shape += std::to_string(d) + " ";
    std::string axes;
    for (int32_t a : spec.axes) axes += std::to_string(a) + " ";
    const std::string what = std::string(ir::data_type_name(spec.type)) + " input " + shape +
                             "axes " + axes + (spec.keep_dims ? "keep_dims" : "dropped") + " on " +
                             options.accelerator_config;
    const std::string reason = testing::npu_refusal(model, options);
    const bool batch_one = spec.input.size() != 4 || spec.input[0] == 1;
    if (reduced_axes_contiguous(spec) && batch_one && window <= 4096) {
      EXPECT_TRUE(reason.empty() || reason.find("mean_requantize") != std::string::npos)
          << what << ": " << reason;
    } else {
      EXPECT_FALSE(reason.empty()) << what;
    }
    on_npu += reason.empty() ? 1 : 0;
    EXPECT_EQ(testing::compile_and_compare(model, options,
                                           testing::random_inputs(model.main_graph(), seed)),
              "")
        << what;
  }
  std::printf("%d of %d MEANs of any rank on the NPU\n", on_npu, cases);
  EXPECT_GE(on_npu, 200);
}

TEST(CodegenMean, EdgeZeroPointsAndTheLargestWindowMatch) {
  CompilerOptions options;
  options.accelerator_config = "ethos-u55-128";
  for (DataType type : {DataType::kInt8, DataType::kInt16}) {
    const int32_t edge = type == DataType::kInt16 ? 32767 : 127;
    for (const ir::Shape& shape : {ir::Shape{1, 64, 64, 3}, ir::Shape{1, 1, 4096, 2}}) {
      MeanSpec s;
      s.type = type;
      s.input = shape;
      s.axes = {1, 2};
      s.in_scale = 0.02f;
      s.out_scale = 0.5f;
      s.in_zp = -edge - 1;
      s.out_zp = edge;
      const ir::Model model = mean_model(s);
      EXPECT_EQ(testing::npu_refusal(model, options), "") << label(s);
      EXPECT_EQ(testing::compile_and_compare(model, options,
                                             testing::random_inputs(model.main_graph(), 5)),
                "")
          << label(s);
    }
  }
}

TEST(CodegenMean, AWindowBeyondOneDepthwiseKernelStaysOnTheCpu) {
  MeanSpec s;
  s.input = {1, 65, 2, 4};
  s.axes = {1, 2};
  s.out_scale = 0.3f;
  testing::expect_stays_on_cpu(mean_model(s), label(s), "one depthwise kernel is at most 64 high");
}

TEST(CodegenMean, AScaleUnderWhichTfliteWrapsStaysOnTheCpu) {
  // Ratio 2^24 over 2x2: TFLite shifts the int32 sum left by 23.
  MeanSpec s;
  s.input = {1, 2, 2, 4};
  s.axes = {1, 2};
  s.out_scale = 0.1f / 16777216.0f;
  testing::expect_stays_on_cpu(mean_model(s), label(s), "could wrap");
}

}  // namespace
}  // namespace vnpu::compiler
