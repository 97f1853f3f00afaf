// Randomized check of lower_pool and lower_add (compiler/codegen/lower_op.h):
// single MAX_POOL_2D, AVERAGE_POOL_2D (int8, and int16 with zero point 0) and
// ADD graphs with random shapes (odd
// and prime sizes included), strides, filters (global pools included), SAME/
// VALID padding, zero points, scales and fused activations are lowered, run
// on the functional NPU, and their OFM is compared byte for byte with the CPU
// runtime on the same inputs (the whole arena: nothing outside the OFM may
// change). A few hand-derived register checks and refusals follow.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>
#include <utility>

#include "compiler/codegen/lower_op.h"
#include "compiler/compile_model.h"
#include "isa/accelerator_config.h"
#include "models/graph_builder.h"
#include "sim/functional/functional_npu.h"
#include "tests/compiler/compiler_testing.h"

namespace vnpu::compiler {
namespace {

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

enum class CaseKind { kMaxPool, kAveragePool, kMaxPool16, kAveragePool16, kAdd };

ir::FusedActivation random_activation(CaseRng& r) {
  switch (r.uniform(0, 3)) {
    case 0:
      return ir::FusedActivation::kNone;
    case 1:
      return ir::FusedActivation::kRelu;
    case 2:
      return ir::FusedActivation::kRelu6;
    default:
      return ir::FusedActivation::kReluN1To1;
  }
}

std::string dims(int32_t h, int32_t w, int32_t c) {
  return std::to_string(h) + "x" + std::to_string(w) + "x" + std::to_string(c);
}

ir::Graph pool_graph(CaseRng& r, uint64_t seed, bool average, bool wide, std::string* label) {
  models::GraphBuilder b("codegen_pool_case", seed);
  const int32_t h = r.uniform(1, 13), w = r.uniform(1, 13), c = r.uniform(1, 40);
  const int32_t sy = r.uniform(1, 3), sx = r.uniform(1, 3);
  ir::Padding padding = r.uniform(0, 1) == 0 ? ir::Padding::kSame : ir::Padding::kValid;
  int32_t fh = r.uniform(1, 8), fw = r.uniform(1, 8);
  if (r.uniform(0, 7) == 0) {  // global pool
    fh = h;
    fw = w;
    padding = ir::Padding::kValid;
  }
  if (padding == ir::Padding::kValid && (fh > h || fw > w)) padding = ir::Padding::kSame;
  const int32_t oh = padding == ir::Padding::kSame ? (h + sy - 1) / sy : (h - fh) / sy + 1;
  const int32_t ow = padding == ir::Padding::kSame ? (w + sx - 1) / sx : (w - fw) / sx + 1;
  // TFLite requires equal input and output quantization for pooling.
  const models::QuantParams q{r.real(0.005f, 0.2f), wide ? 0 : r.uniform(-128, 127)};
  const int32_t in = b.add_activation("in", {1, h, w, c}, q);
  const int32_t out = b.add_activation("out", {1, oh, ow, c}, q);
  if (wide) {
    for (int32_t t : {in, out})
      b.graph().tensors[static_cast<size_t>(t)].type = ir::DataType::kInt16;
  }
  const ir::FusedActivation act = random_activation(r);
  b.add_op(average ? ir::OpType::kAveragePool2d : ir::OpType::kMaxPool2d, {in}, {out},
           ir::Pool2dOptions{padding, sx, sy, fw, fh, act});
  b.set_io({in}, {out});
  *label = std::string(wide ? "int16 " : "") + (average ? "AVERAGE_POOL" : "MAX_POOL") + " in " +
           dims(h, w, c) + " out " + dims(oh, ow, c) + " filter " + std::to_string(fh) + "x" +
           std::to_string(fw) + " s " + std::to_string(sy) + "x" + std::to_string(sx) +
           (padding == ir::Padding::kSame ? " SAME" : " VALID") + " zp " +
           std::to_string(q.zero_point) + " act " + ir::fused_activation_name(act);
  return b.graph();
}

ir::Shape random_add_shape(CaseRng& r) {
  switch (r.uniform(0, 3)) {
    case 0:
      return {r.uniform(1, 97)};
    case 1:
      return {r.uniform(1, 9), r.uniform(1, 40)};
    case 2:
      return {r.uniform(1, 13), r.uniform(1, 13), r.uniform(1, 40)};
    default:
      return {r.uniform(1, 2), r.uniform(1, 13), r.uniform(1, 13), r.uniform(1, 40)};
  }
}

ir::Graph add_graph(CaseRng& r, uint64_t seed, std::string* label) {
  models::GraphBuilder b("codegen_add_case", seed);
  const ir::Shape shape = random_add_shape(r);
  const float s1 = r.real(0.002f, 0.2f);
  // Equal input scales now and then (both operands then have multiplier 1/2).
  const float s2 = r.uniform(0, 5) == 0 ? s1 : r.real(0.002f, 0.2f);
  const float so = std::max(s1, s2) * r.real(0.3f, 4.0f);
  const int32_t a = b.add_activation("a", shape, {s1, r.uniform(-128, 127)});
  const int32_t c = b.add_activation("b", shape, {s2, r.uniform(-128, 127)});
  const int32_t out = b.add_activation("out", shape, {so, r.uniform(-128, 127)});
  const ir::FusedActivation act = random_activation(r);
  b.add_op(ir::OpType::kAdd, {a, c}, {out}, ir::ElementwiseOptions{act});
  b.set_io({a, c}, {out});
  std::string s;
  for (int32_t d : shape) s += (s.empty() ? "" : "x") + std::to_string(d);
  *label = "ADD " + s + " scales " + std::to_string(s1) + " " + std::to_string(s2) + " " +
           std::to_string(so) + " act " + ir::fused_activation_name(act);
  return b.graph();
}

// The arena after the NPU run must hold the CPU's OFM and nothing else changed.
std::string compare_arena(const std::vector<uint8_t>& arena, const std::vector<uint8_t>& before,
                          const std::vector<uint8_t>& ofm, uint64_t ofm_offset) {
  for (size_t i = 0; i < arena.size(); ++i) {
    const bool in_ofm = i >= ofm_offset && i < ofm_offset + ofm.size();
    const uint8_t want = in_ofm ? ofm[i - ofm_offset] : before[i];
    if (arena[i] != want) {
      return "arena byte " + std::to_string(i) +
             (in_ofm ? " (OFM byte " + std::to_string(i - ofm_offset) + ")"
                     : " (outside the OFM)") +
             " is " + std::to_string(static_cast<int8_t>(arena[i])) + ", expected " +
             std::to_string(static_cast<int8_t>(want));
    }
  }
  return "";
}

// Runs one case; an empty string on success, else what differed.
std::string run_case(CaseKind kind, uint64_t seed) {
  CaseRng r(seed);
  const std::vector<isa::AcceleratorConfig>& configs = isa::accelerator_configs();
  const isa::AcceleratorConfig& config =
      configs[static_cast<size_t>(r.uniform(0, static_cast<int32_t>(configs.size()) - 1))];
  std::string label;
  const bool average = kind == CaseKind::kAveragePool || kind == CaseKind::kAveragePool16;
  const bool wide = kind == CaseKind::kMaxPool16 || kind == CaseKind::kAveragePool16;
  const ir::Graph graph = kind == CaseKind::kAdd ? add_graph(r, seed, &label)
                                                 : pool_graph(r, seed, average, wide, &label);
  label += std::string(" on ") + config.name;

  const std::vector<std::vector<uint8_t>> inputs = testing::random_inputs(graph, seed);
  Expected<std::vector<std::vector<uint8_t>>> expected = testing::run_cpu(graph, inputs);
  if (!expected) return label + ": CPU runtime failed: " + expected.status().message();

  FeatureMapPlacement placement;
  placement.ifm_offset = static_cast<uint64_t>(r.uniform(0, 40));
  uint64_t next = placement.ifm_offset + inputs[0].size() + static_cast<uint64_t>(r.uniform(0, 40));
  if (inputs.size() > 1) {
    placement.ifm2_offset = next;
    next += inputs[1].size() + static_cast<uint64_t>(r.uniform(0, 40));
  }
  placement.ofm_offset = next;
  Expected<LoweredOp> lowered = lower_operator(graph, graph.operators[0], config, placement);
  if (!lowered) return label + ": lowering failed: " + lowered.status().message();
  if (!lowered->weights.buffer.empty()) return label + ": unexpected weight buffer";

  const std::vector<uint8_t>& ofm = (*expected)[0];
  constexpr uint8_t kGuard = 0x5A;
  std::vector<uint8_t> arena(placement.ofm_offset + ofm.size() + 32, kGuard);
  std::copy(inputs[0].begin(), inputs[0].end(),
            arena.begin() + static_cast<std::ptrdiff_t>(placement.ifm_offset));
  if (inputs.size() > 1) {
    std::copy(inputs[1].begin(), inputs[1].end(),
              arena.begin() + static_cast<std::ptrdiff_t>(placement.ifm2_offset));
  }
  const std::vector<uint8_t> arena_before = arena;

  sim::FunctionalNpu npu(config);
  npu.set_base_pointer(kArenaRegion, {arena.data(), arena.size()});
  const sim::NpuRunResult result = npu.run(lowered->commands.data(), lowered->commands.size());
  if (!result.ok()) return label + ": NPU fault: " + result.message;
  if (result.operations != 1)
    return label + ": expected one kick-off, ran " + std::to_string(result.operations);
  const std::string diff = compare_arena(arena, arena_before, ofm, placement.ofm_offset);
  return diff.empty() ? "" : label + ": " + diff;
}

int case_count() {
  const char* env = std::getenv("VNPU_CODEGEN_CASES");
  return env != nullptr ? std::max(1, std::atoi(env)) : 200;
}

void run_cases(CaseKind kind, uint64_t first_seed, int cases = case_count()) {
  int failures = 0;
  for (int i = 0; i < cases; ++i) {
    const uint64_t seed = first_seed + static_cast<uint64_t>(i);
    const std::string error = run_case(kind, seed);
    if (!error.empty()) {
      ++failures;
      ADD_FAILURE() << "seed " << seed << ": " << error;
      if (failures >= 20) break;
    }
  }
  EXPECT_EQ(failures, 0);
}

TEST(CodegenPoolElementwiseTest, MaxPoolMatchesTheCpuRuntimeByteForByte) {
  run_cases(CaseKind::kMaxPool, 5000);
}

TEST(CodegenPoolElementwiseTest, AveragePoolMatchesTheCpuRuntimeByteForByte) {
  run_cases(CaseKind::kAveragePool, 6000);
}

TEST(CodegenPoolElementwiseTest, Int16MaxPoolMatchesTheCpuRuntimeByteForByte) {
  run_cases(CaseKind::kMaxPool16, 6500, std::max(200, case_count()));
}

TEST(CodegenPoolElementwiseTest, Int16AveragePoolMatchesTheCpuRuntimeByteForByte) {
  run_cases(CaseKind::kAveragePool16, 6800, std::max(200, case_count()));
}

// The window sums of channel c: one at an edge of a run of sums TFLite's
// (sum +- n/2) / n maps to one quotient, quotients spread over the int16 range.
int64_t edge_sum(int32_t c, int32_t channels, int32_t n) {
  const int64_t q = -32768 + int64_t{c} * 65535 / (channels - 1);
  const int64_t first = q * n - n / 2;
  const int64_t sums[4] = {first - 1, first, -first, -first + 1};
  return std::clamp<int64_t>(sums[c % 4], int64_t{-32768} * n, int64_t{32767} * n);
}

// Window sizes above 8x8 without padding use the global pooling scale: at an
// edge of every quotient's run of sums the NPU's int16 average is TFLite's.
TEST(CodegenPoolElementwiseTest, Int16AverageOfLargeWindowsRoundsLikeTfliteAtEveryQuotientEdge) {
  constexpr int32_t kChannels = 512;
  for (const auto& [kh, kw] : std::vector<std::pair<int32_t, int32_t>>{
           {11, 5}, {9, 9}, {16, 16}, {12, 30}, {64, 64}}) {
    const int32_t n = kh * kw;
    models::GraphBuilder b("int16_average_edges", 1);
    const int32_t in = b.add_activation("in", {1, kh, kw, kChannels}, {0.001f, 0});
    const int32_t out = b.add_activation("out", {1, 1, 1, kChannels}, {0.001f, 0});
    for (int32_t t : {in, out}) b.graph().tensors[static_cast<size_t>(t)].type = ir::DataType::kInt16;
    b.add_op(ir::OpType::kAveragePool2d, {in}, {out},
             ir::Pool2dOptions{ir::Padding::kValid, 1, 1, kw, kh, ir::FusedActivation::kNone});
    b.set_io({in}, {out});
    std::vector<uint8_t> bytes(static_cast<size_t>(n) * kChannels * 2);
    for (int32_t c = 0; c < kChannels; ++c) {
      const int64_t sum = edge_sum(c, kChannels, n);
      const int64_t base = sum >= 0 ? sum / n : -((-sum + n - 1) / n);  // floor
      const int64_t extra = sum - base * n;  // elements that hold base + 1
      for (int32_t k = 0; k < n; ++k) {
        const auto v = static_cast<uint16_t>(static_cast<int16_t>(base + (k < extra ? 1 : 0)));
        const size_t at = (static_cast<size_t>(k) * kChannels + static_cast<size_t>(c)) * 2;
        bytes[at] = static_cast<uint8_t>(v & 0xFF);
        bytes[at + 1] = static_cast<uint8_t>(v >> 8);
      }
    }
    CompilerOptions options;
    options.accelerator_config = "ethos-u55-128";
    const ir::Model model = b.finish("t");
    EXPECT_EQ(testing::npu_refusal(model, options), "") << kh << "x" << kw;
    EXPECT_EQ(testing::compile_and_compare(model, options, {bytes}), "") << kh << "x" << kw;
  }
}

TEST(CodegenPoolElementwiseTest, AddMatchesTheCpuRuntimeByteForByte) {
  run_cases(CaseKind::kAdd, 7000);
}

// Hand-derived cases.

ir::Graph single_pool(ir::OpType type, const ir::Shape& in_shape, const ir::Shape& out_shape,
                      ir::Pool2dOptions options, models::QuantParams in_q,
                      models::QuantParams out_q) {
  models::GraphBuilder b("pool", 1);
  const int32_t in = b.add_activation("in", in_shape, in_q);
  const int32_t out = b.add_activation("out", out_shape, out_q);
  b.add_op(type, {in}, {out}, options);
  b.set_io({in}, {out});
  return b.graph();
}

ir::Graph single_add(const ir::Shape& a_shape, const ir::Shape& b_shape, float s1, float s2,
                     float so, ir::FusedActivation act) {
  models::GraphBuilder b("add", 1);
  const int32_t a = b.add_activation("a", a_shape, {s1, 0});
  const int32_t c = b.add_activation("b", b_shape, {s2, 0});
  const int32_t out = b.add_activation("out", a_shape, {so, 0});
  b.add_op(ir::OpType::kAdd, {a, c}, {out}, ir::ElementwiseOptions{act});
  b.set_io({a, c}, {out});
  return b.graph();
}

const isa::AcceleratorConfig& u55_128() {
  for (const isa::AcceleratorConfig& c : isa::accelerator_configs()) {
    if (std::string(c.name) == "ethos-u55-128") return c;
  }
  return isa::accelerator_configs().front();
}

// Runs a lowered single-input op on the NPU: the OFM bytes.
std::vector<int8_t> run_on_npu(const LoweredOp& lowered, const std::vector<int8_t>& ifm,
                               size_t ofm_bytes) {
  std::vector<uint8_t> arena(256 + ofm_bytes, 0);
  std::copy(ifm.begin(), ifm.end(), reinterpret_cast<int8_t*>(arena.data()));
  sim::FunctionalNpu npu(u55_128());
  npu.set_base_pointer(kArenaRegion, {arena.data(), arena.size()});
  const sim::NpuRunResult result = npu.run(lowered.commands.data(), lowered.commands.size());
  EXPECT_TRUE(result.ok()) << result.message;
  return std::vector<int8_t>(reinterpret_cast<const int8_t*>(arena.data()) + 256,
                             reinterpret_cast<const int8_t*>(arena.data()) + 256 + ofm_bytes);
}

TEST(CodegenPoolElementwiseTest, ValidAveragePoolUsesVelasGlobalScaleOnRawValues) {
  // 2x2 window over 1x2x2x2, zero point 7 (ignored: TFLite averages the raw values).
  const ir::Graph g =
      single_pool(ir::OpType::kAveragePool2d, {1, 2, 2, 2}, {1, 1, 1, 2},
                  ir::Pool2dOptions{ir::Padding::kValid, 1, 1, 2, 2, ir::FusedActivation::kNone},
                  {0.5f, 7}, {0.5f, 7});
  FeatureMapPlacement placement;
  placement.ofm_offset = 256;
  Expected<LoweredOp> l = lower_operator(g, g.operators[0], u55_128(), placement);
  ASSERT_TRUE(l.has_value()) << l.status().message();
  EXPECT_EQ(l->kick_off, isa::Cmd0::kOpPool);
  EXPECT_TRUE(l->state.ofm.global_scale);
  // n = 4: k = exponent of frexp(3) = 2, shift 33, (2^33 + 4) / 4 = 2^31 + 1.
  EXPECT_EQ(l->state.ofm_scale.shift, 33);
  EXPECT_EQ(l->state.ofm_scale.multiplier, (1u << 31) + 1u);
  EXPECT_EQ(l->state.ifm.zero_point, 0);
  EXPECT_EQ(l->state.ofm.zero_point, 0);
  EXPECT_TRUE(l->weights.buffer.empty());
  // Channel 0: 1 + 2 + 3 + 5 = 11, 11 / 4 = 2.75 -> 3. Channel 1: -6 / 4 = -1.5 -> -2 (half
  // away from zero).
  const std::vector<int8_t> out = run_on_npu(*l, {1, -1, 2, -2, 3, -1, 5, -2}, 2);
  EXPECT_EQ(out, (std::vector<int8_t>{3, -2}));
}

TEST(CodegenPoolElementwiseTest, SameAveragePoolDividesByTheValidCount) {
  // 3x3 SAME over 1x2x2x1: pads 1 on every side; every window sees the 4 inputs.
  const ir::Graph g =
      single_pool(ir::OpType::kAveragePool2d, {1, 2, 2, 1}, {1, 2, 2, 1},
                  ir::Pool2dOptions{ir::Padding::kSame, 1, 1, 3, 3, ir::FusedActivation::kNone},
                  {0.5f, -3}, {0.5f, -3});
  FeatureMapPlacement placement;
  placement.ofm_offset = 256;
  Expected<LoweredOp> l = lower_operator(g, g.operators[0], u55_128(), placement);
  ASSERT_TRUE(l.has_value()) << l.status().message();
  EXPECT_FALSE(l->state.ofm.global_scale);
  EXPECT_EQ(l->state.ifm.pad_top, 1);
  EXPECT_EQ(l->state.ifm.pad_left, 1);
  EXPECT_EQ(l->state.ifm.pad_bottom, 1);
  EXPECT_EQ(l->state.ifm.pad_right, 1);
  // (10 + 20 + 30 + 41) / 4 = 25.25 -> 25 in every position (padding is not counted).
  EXPECT_EQ(run_on_npu(*l, {10, 20, 30, 41}, 4), (std::vector<int8_t>{25, 25, 25, 25}));
}

TEST(CodegenPoolElementwiseTest, MaxPoolClampsToTheQuantizedRelu) {
  // RELU with zero point -10: the clamp is [-10, 127] in raw values.
  const ir::Graph g =
      single_pool(ir::OpType::kMaxPool2d, {1, 1, 4, 1}, {1, 1, 2, 1},
                  ir::Pool2dOptions{ir::Padding::kValid, 2, 1, 2, 1, ir::FusedActivation::kRelu},
                  {0.5f, -10}, {0.5f, -10});
  FeatureMapPlacement placement;
  placement.ofm_offset = 256;
  Expected<LoweredOp> l = lower_operator(g, g.operators[0], u55_128(), placement);
  ASSERT_TRUE(l.has_value()) << l.status().message();
  EXPECT_EQ(l->state.activation.min, -10);
  EXPECT_EQ(l->state.activation.max, 127);
  EXPECT_EQ(run_on_npu(*l, {-100, -20, 5, -7}, 2), (std::vector<int8_t>{-10, 5}));
}

TEST(CodegenPoolElementwiseTest, AddRescalesTheSmallerScaleOperandThroughOpa) {
  // s1 = 0.25, s2 = 1, so = 1: input1's real multiplier 0.25 / 2 = 2^-3 = 0.5 * 2^-2 -> Q31
  // 2^30, TFLite shift -2, NPU shift 31 + 2 - 20 = 13; output 2 / 2^20 = 0.5 * 2^-18 -> 2^30,
  // shift 31 + 18 = 49.
  ir::Graph g =
      single_add({1, 2, 2, 3}, {1, 2, 2, 3}, 0.25f, 1.0f, 1.0f, ir::FusedActivation::kNone);
  Expected<LoweredOp> l = lower_operator(g, g.operators[0], u55_128(), {});
  ASSERT_TRUE(l.has_value()) << l.status().message();
  EXPECT_EQ(l->kick_off, isa::Cmd0::kOpElementwise);
  EXPECT_EQ(l->state.ifm.scale_mode, isa::IfmScaleMode::kOpa32);
  EXPECT_EQ(l->state.opa_scale.multiplier, 1u << 30);
  EXPECT_EQ(l->state.opa_scale.shift, 13);
  EXPECT_EQ(l->state.ofm_scale.multiplier, 1u << 30);
  EXPECT_EQ(l->state.ofm_scale.shift, 49);
  EXPECT_TRUE(l->state.ofm.global_scale);

  g = single_add({5, 7}, {5, 7}, 1.0f, 0.25f, 1.0f, ir::FusedActivation::kNone);
  l = lower_operator(g, g.operators[0], u55_128(), {});
  ASSERT_TRUE(l.has_value()) << l.status().message();
  EXPECT_EQ(l->state.ifm.scale_mode, isa::IfmScaleMode::kOpb32);
  EXPECT_EQ(l->state.opa_scale.shift, 13);
  EXPECT_EQ(l->state.ofm.height_m1, 0u);
  EXPECT_EQ(l->state.ofm.width_m1, 4u);
  EXPECT_EQ(l->state.ofm.depth_m1, 6u);
}

TEST(CodegenPoolElementwiseTest, RefusesWhatIsNotLoweredNamingTheOperator) {
  const ir::Pool2dOptions same3{ir::Padding::kSame, 1, 1, 3, 3, ir::FusedActivation::kNone};
  ir::Graph g =
      single_pool(ir::OpType::kMaxPool2d, {1, 4, 4, 2}, {1, 4, 4, 2}, same3, {0.5f, 0}, {0.5f, 1});
  Expected<LoweredOp> l = lower_operator(g, g.operators[0], u55_128(), {});
  ASSERT_FALSE(l.has_value());
  EXPECT_NE(l.status().message().find("MAX_POOL_2D: input and output quantization differ"),
            std::string::npos)
      << l.status().message();

  // A padded average pool is accepted at 8x8 and refused at 9x9.
  const ir::Pool2dOptions same8{ir::Padding::kSame, 1, 1, 8, 8, ir::FusedActivation::kNone};
  g = single_pool(ir::OpType::kAveragePool2d, {1, 9, 9, 2}, {1, 9, 9, 2}, same8, {0.5f, 0},
                  {0.5f, 0});
  EXPECT_TRUE(lower_operator(g, g.operators[0], u55_128(), {}).has_value());
  const ir::Pool2dOptions same9{ir::Padding::kSame, 1, 1, 9, 9, ir::FusedActivation::kNone};
  g = single_pool(ir::OpType::kAveragePool2d, {1, 9, 9, 2}, {1, 9, 9, 2}, same9, {0.5f, 0},
                  {0.5f, 0});
  l = lower_operator(g, g.operators[0], u55_128(), {});
  ASSERT_FALSE(l.has_value());
  EXPECT_NE(l.status().message().find("above 8x8"), std::string::npos) << l.status().message();

  // An int16 average pool over 256x256 values: the pooling scale of 65536
  // misrounds some int16 sums and the per-window division takes at most 8x8.
  const ir::Pool2dOptions valid256{ir::Padding::kValid, 1, 1, 256, 256,
                                   ir::FusedActivation::kNone};
  g = single_pool(ir::OpType::kAveragePool2d, {1, 256, 256, 1}, {1, 1, 1, 1}, valid256,
                  {0.5f, 0}, {0.5f, 0});
  for (ir::Tensor& t : g.tensors) t.type = ir::DataType::kInt16;
  l = lower_operator(g, g.operators[0], u55_128(), {});
  ASSERT_FALSE(l.has_value());
  EXPECT_NE(l.status().message().find("int16 window of 65536 (the pooling scale is not exact)"),
            std::string::npos)
      << l.status().message();

  const ir::Pool2dOptions stride4{ir::Padding::kValid, 4, 1, 1, 1, ir::FusedActivation::kNone};
  g = single_pool(ir::OpType::kMaxPool2d, {1, 4, 8, 2}, {1, 4, 2, 2}, stride4, {0.5f, 0},
                  {0.5f, 0});
  l = lower_operator(g, g.operators[0], u55_128(), {});
  ASSERT_FALSE(l.has_value());
  EXPECT_NE(l.status().message().find("stride 4"), std::string::npos) << l.status().message();

  g = single_add({2, 3, 4, 5}, {2, 1, 4, 1}, 0.5f, 0.5f, 1.0f, ir::FusedActivation::kNone);
  l = lower_operator(g, g.operators[0], u55_128(), {});
  ASSERT_FALSE(l.has_value());
  EXPECT_NE(l.status().message().find("ADD: broadcasting [2,1,4,1]"), std::string::npos)
      << l.status().message();
  EXPECT_NE(l.status().message().find("broadcast"), std::string::npos) << l.status().message();
}

}  // namespace
}  // namespace vnpu::compiler
