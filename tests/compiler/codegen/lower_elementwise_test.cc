// Checks of lower_elementwise (compiler/codegen/lower_op.h) for ADD with
// broadcasting, SUB and MUL: register values derived here from TFLite's
// formulas (QuantizeMultiplier: frexp, Q31 significand rounded half away from
// zero; NPU shift = 31 - exponent), NPU results computed by hand, refusals
// naming the operator, and random single-op graphs (shapes of rank 1..4,
// either operand broadcast along any expressible set of axes, zero points,
// scales, fused activations) lowered, run on the functional NPU and compared
// byte for byte with the CPU runtime over the whole arena.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

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

enum class CaseKind { kAddBroadcast, kSub, kMul, kMaximum, kMinimum, kSquaredDifference };

ir::OpType op_type(CaseKind kind) {
  switch (kind) {
    case CaseKind::kMul:
      return ir::OpType::kMul;
    case CaseKind::kSub:
      return ir::OpType::kSub;
    case CaseKind::kMaximum:
      return ir::OpType::kMaximum;
    case CaseKind::kMinimum:
      return ir::OpType::kMinimum;
    case CaseKind::kSquaredDifference:
      return ir::OpType::kSquaredDifference;
    default:
      return ir::OpType::kAdd;
  }
}

const char* kind_name(CaseKind kind) { return ir::op_type_name(op_type(kind)); }

// MAXIMUM/MINIMUM: one quantization on every operand (the support rule), no fused activation.
bool is_min_max(CaseKind kind) { return kind == CaseKind::kMaximum || kind == CaseKind::kMinimum; }
bool has_fused_activation(CaseKind kind) {
  return !is_min_max(kind) && kind != CaseKind::kSquaredDifference;
}

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

std::string shape_text(const ir::Shape& shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) s += (i ? "," : "") + std::to_string(shape[i]);
  return s + "]";
}

// The NPU has three axes (H, W, C) and broadcasts a whole axis: over the
// output dimensions of size > 1, the broadcast operand may switch between
// kept and broadcast dimensions at most twice (three runs).
bool expressible(const ir::Shape& out, const std::vector<bool>& kept) {
  int runs = 0;
  int previous = -1;
  for (size_t i = 0; i < out.size(); ++i) {
    if (out[i] == 1) continue;
    const int k = kept[i] ? 1 : 0;
    if (k != previous) ++runs;
    previous = k;
  }
  return runs <= 3;
}

struct CaseShapes {
  ir::Shape in1, in2, out;
};

ir::Shape random_output_shape(CaseRng& r) {
  switch (r.uniform(0, 3)) {
    case 0:
      return {r.uniform(1, 97)};
    case 1:
      return {r.uniform(1, 9), r.uniform(1, 40)};
    case 2:
      return {r.uniform(1, 13), r.uniform(1, 13), r.uniform(1, 40)};
    default:
      return {r.uniform(1, 3), r.uniform(1, 9), r.uniform(1, 9), r.uniform(1, 33)};
  }
}

// One operand has the output's shape, the other (either input) is broadcast
// along a random expressible set of dimensions, sometimes with a lower rank.
CaseShapes random_shapes(CaseRng& r, bool broadcast) {
  CaseShapes s;
  std::vector<bool> kept;
  bool any_broadcast = false;
  do {
    s.out = random_output_shape(r);
    kept.assign(s.out.size(), true);
    any_broadcast = false;
    for (size_t i = 0; broadcast && i < s.out.size(); ++i) {
      kept[i] = r.uniform(0, 1) == 0;
      any_broadcast = any_broadcast || (!kept[i] && s.out[i] > 1);
    }
  } while (broadcast && (!any_broadcast || !expressible(s.out, kept)));
  ir::Shape small = s.out;
  for (size_t i = 0; i < small.size(); ++i) small[i] = kept[i] ? small[i] : 1;
  while (small.size() > 1 && small.front() == 1 && r.uniform(0, 1) == 0) small.erase(small.begin());
  const bool first = r.uniform(0, 1) == 0;
  s.in1 = first ? small : s.out;
  s.in2 = first ? s.out : small;
  return s;
}

int32_t random_zero_point(CaseRng& r) {
  switch (r.uniform(0, 7)) {
    case 0:
      return -128;
    case 1:
      return 127;
    case 2:
      return 0;
    default:
      return r.uniform(-128, 127);
  }
}

struct CaseScales {
  float s1 = 0.0f, s2 = 0.0f, out = 0.0f;
};

// ADD/SUB: output scale from a third to four times the larger input scale
// (TFLite's output multiplier stays below 1). MUL: real multiplier
// s1 * s2 / s_out between 1/400 and 10 (above 1 included). SQUARED_DIFFERENCE:
// the output covers (max scale * 255)^2 times 1/16 to 2 (saturating cases
// included). int16 MUL: s1 * s2 / s_out between 2^-16 and 0.99 (TFLite's int32
// product of two int16 values leaves no room for a left shift).
CaseScales random_scales(CaseRng& r, CaseKind kind, bool int16) {
  CaseScales s;
  s.s1 = r.real(0.002f, 0.2f);
  s.s2 = r.uniform(0, 5) == 0 ? s.s1 : r.real(0.002f, 0.2f);
  if (kind == CaseKind::kSquaredDifference) {
    const float levels = int16 ? 32768.0f : 255.0f;
    const float range = std::max(s.s1, s.s2) * levels;
    s.out = range * range / levels * std::exp(r.real(std::log(1.0f / 16), std::log(2.0f)));
  } else if (kind == CaseKind::kMul && int16) {
    s.out = s.s1 * s.s2 * std::exp(r.real(std::log(1.0f / 0.99f), std::log(65536.0f)));
  } else if (kind == CaseKind::kMul) {
    s.out = s.s1 * s.s2 * std::exp(r.real(std::log(0.1f), std::log(400.0f)));
  } else {
    s.out = std::max(s.s1, s.s2) * r.real(0.3f, 4.0f);
  }
  return s;
}

// The random case in `b` (inputs a, b; output out): int8, or int16 with zero points 0.
void build_random_case(CaseRng& r, CaseKind kind, bool int16, models::GraphBuilder& b,
                       std::string* label) {
  const CaseShapes shapes = random_shapes(r, kind == CaseKind::kAddBroadcast || r.uniform(0, 2));
  CaseScales s = random_scales(r, kind, int16);
  const int32_t zp1 = int16 ? 0 : random_zero_point(r);
  const int32_t zp2 = is_min_max(kind) || int16 ? zp1 : random_zero_point(r);
  const int32_t zpo = is_min_max(kind) || int16 ? zp1 : random_zero_point(r);
  if (is_min_max(kind)) s.s2 = s.out = s.s1;
  const int32_t a = b.add_activation("a", shapes.in1, {s.s1, zp1});
  const int32_t c = b.add_activation("b", shapes.in2, {s.s2, zp2});
  const int32_t out = b.add_activation("out", shapes.out, {s.out, zpo});
  const ir::FusedActivation act =
      has_fused_activation(kind) ? random_activation(r) : ir::FusedActivation::kNone;
  const ir::OpOptions options =
      has_fused_activation(kind) ? ir::OpOptions{ir::ElementwiseOptions{act}} : ir::OpOptions{};
  for (int32_t t : {a, c, out}) {
    if (int16) b.graph().tensors[static_cast<size_t>(t)].type = ir::DataType::kInt16;
  }
  b.add_op(op_type(kind), {a, c}, {out}, options);
  b.set_io({a, c}, {out});
  *label = std::string(kind_name(kind)) + (int16 ? " int16 " : " ") + shape_text(shapes.in1) + " " +
           shape_text(shapes.in2) + " -> " + shape_text(shapes.out) + " scales " +
           std::to_string(s.s1) + " " + std::to_string(s.s2) + " " + std::to_string(s.out) +
           " zps " + std::to_string(zp1) + " " + std::to_string(zp2) + " " + std::to_string(zpo) +
           " act " + ir::fused_activation_name(act);
}

ir::Graph random_graph(CaseRng& r, CaseKind kind, bool int16, uint64_t seed, std::string* label) {
  models::GraphBuilder b("codegen_elementwise_case", seed);
  build_random_case(r, kind, int16, b, label);
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

void copy_to(const std::vector<uint8_t>& bytes, uint64_t offset, std::vector<uint8_t>* arena) {
  std::copy(bytes.begin(), bytes.end(), arena->begin() + static_cast<std::ptrdiff_t>(offset));
}

// Runs one case; an empty string on success, else what differed.
std::string run_case(CaseKind kind, bool int16, uint64_t seed) {
  CaseRng r(seed);
  const std::vector<isa::AcceleratorConfig>& configs = isa::accelerator_configs();
  const isa::AcceleratorConfig& config =
      configs[static_cast<size_t>(r.uniform(0, static_cast<int32_t>(configs.size()) - 1))];
  std::string label;
  const ir::Graph graph = random_graph(r, kind, int16, seed, &label);
  label += std::string(" on ") + config.name;

  const std::vector<std::vector<uint8_t>> inputs = testing::random_inputs(graph, seed);
  Expected<std::vector<std::vector<uint8_t>>> expected = testing::run_cpu(graph, inputs);
  if (!expected) return label + ": CPU runtime failed: " + expected.status().message();

  // Either input first in the arena, with random gaps.
  const bool second_first = r.uniform(0, 1) == 0;
  const size_t first = second_first ? 1 : 0;
  uint64_t next = static_cast<uint64_t>(r.uniform(0, 40));
  std::vector<uint64_t> offsets(2);
  for (size_t i : {first, 1 - first}) {
    offsets[i] = next;
    next += inputs[i].size() + static_cast<uint64_t>(r.uniform(0, 40));
  }
  FeatureMapPlacement placement;
  placement.ifm_offset = offsets[0];
  placement.ifm2_offset = offsets[1];
  placement.ofm_offset = next;
  Expected<LoweredOp> lowered = lower_operator(graph, graph.operators[0], config, placement);
  if (!lowered) return label + ": lowering failed: " + lowered.status().message();
  if (!lowered->weights.buffer.empty()) return label + ": unexpected weight buffer";

  const std::vector<uint8_t>& ofm = (*expected)[0];
  std::vector<uint8_t> arena(placement.ofm_offset + ofm.size() + 32, 0x5A);
  copy_to(inputs[0], offsets[0], &arena);
  copy_to(inputs[1], offsets[1], &arena);
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

void run_cases(CaseKind kind, uint64_t first_seed, bool int16 = false) {
  const int cases = case_count();
  int failures = 0;
  for (int i = 0; i < cases; ++i) {
    const uint64_t seed = first_seed + static_cast<uint64_t>(i);
    const std::string error = run_case(kind, int16, seed);
    if (!error.empty()) {
      ++failures;
      ADD_FAILURE() << "seed " << seed << ": " << error;
      if (failures >= 20) break;
    }
  }
  EXPECT_EQ(failures, 0);
}

TEST(CodegenElementwiseTest, BroadcastAddMatchesTheCpuRuntimeByteForByte) {
  run_cases(CaseKind::kAddBroadcast, 11000);
}

TEST(CodegenElementwiseTest, SubMatchesTheCpuRuntimeByteForByte) {
  run_cases(CaseKind::kSub, 12000);
}

TEST(CodegenElementwiseTest, MulMatchesTheCpuRuntimeByteForByte) {
  run_cases(CaseKind::kMul, 13000);
}

// SQUARED_DIFFERENCE lowers to a chain over a scratch buffer: each case is
// compiled whole and run as `vnpu run --backend functional` runs it.
void run_compiled_cases(CaseKind kind, uint64_t first_seed, bool int16 = false) {
  const int cases = case_count();
  int failures = 0;
  for (int i = 0; i < cases && failures < 20; ++i) {
    const uint64_t seed = first_seed + static_cast<uint64_t>(i);
    CaseRng r(seed);
    CompilerOptions options;
    options.accelerator_config = r.uniform(0, 1) ? "ethos-u55-128" : "ethos-u55-256";
    models::GraphBuilder b("codegen_elementwise_case", seed);
    std::string label;
    build_random_case(r, kind, int16, b, &label);
    const ir::Model model = b.finish("t");
    Expected<CompiledModel> compiled = compile_model(model, options);
    std::string error = compiled ? "" : compiled.status().message();
    if (compiled && compiled->schedule.segments.size() != 1) {
      error = "stayed on the CPU: " + compiled->front.partition.ops[0].reason;
    }
    if (error.empty()) {
      error = testing::compile_and_compare(model, options,
                                           testing::random_inputs(model.main_graph(), seed));
    }
    if (!error.empty()) {
      ++failures;
      ADD_FAILURE() << "seed " << seed << ": " << label << " on " << options.accelerator_config
                    << ": " << error;
    }
  }
  EXPECT_EQ(failures, 0);
}

TEST(CodegenElementwiseTest, SquaredDifferenceMatchesTheCpuRuntimeByteForByte) {
  run_compiled_cases(CaseKind::kSquaredDifference, 16000);
}

TEST(CodegenElementwiseTest, Int16SquaredDifferenceMatchesTheCpuRuntimeByteForByte) {
  run_compiled_cases(CaseKind::kSquaredDifference, 26000, true);
}

TEST(CodegenElementwiseTest, Int16SquaredDifferenceOfTheExtremesDoesNotSaturate) {
  // Equal scales 1: s = x / 2, so 32767 - (-32768) gives s_1 - s_2 = 16384 + 16384 = 2^15, one
  // past int16; squared and scaled by 2^-16: 16384 (16383 if the difference saturated).
  models::GraphBuilder b("squared_difference_extremes", 1);
  const int32_t a = b.add_activation("a", {2}, {1.0f, 0});
  const int32_t c = b.add_activation("b", {2}, {1.0f, 0});
  const int32_t out = b.add_activation("out", {2}, {262144.0f, 0});
  for (int32_t t : {a, c, out}) b.graph().tensors[static_cast<size_t>(t)].type = ir::DataType::kInt16;
  b.add_op(ir::OpType::kSquaredDifference, {a, c}, {out});
  b.set_io({a, c}, {out});
  const ir::Model model = b.finish("t");
  const std::vector<int16_t> x1 = {32767, -32768}, x2 = {-32768, 32767};
  const auto bytes = [](const std::vector<int16_t>& v) {
    const auto* p = reinterpret_cast<const uint8_t*>(v.data());
    return std::vector<uint8_t>(p, p + v.size() * sizeof(int16_t));
  };
  CompilerOptions options;
  Expected<std::vector<std::vector<uint8_t>>> cpu =
      testing::run_cpu(model.main_graph(), {bytes(x1), bytes(x2)});
  ASSERT_TRUE(cpu) << cpu.status().message();
  EXPECT_EQ((*cpu)[0], bytes({16384, 16384}));
  EXPECT_EQ(testing::compile_and_compare(model, options, {bytes(x1), bytes(x2)}), "");
}

TEST(CodegenElementwiseTest, Int16AddMatchesTheCpuRuntimeByteForByte) {
  run_cases(CaseKind::kAddBroadcast, 21000, true);
}

TEST(CodegenElementwiseTest, Int16SubMatchesTheCpuRuntimeByteForByte) {
  run_cases(CaseKind::kSub, 22000, true);
}

TEST(CodegenElementwiseTest, Int16MulMatchesTheCpuRuntimeByteForByte) {
  run_cases(CaseKind::kMul, 23000, true);
}

TEST(CodegenElementwiseTest, Int16MaximumAndMinimumMatchTheCpuRuntimeByteForByte) {
  run_cases(CaseKind::kMaximum, 24000, true);
  run_cases(CaseKind::kMinimum, 25000, true);
}

TEST(CodegenElementwiseTest, MaximumMatchesTheCpuRuntimeByteForByte) {
  run_cases(CaseKind::kMaximum, 14000);
}

TEST(CodegenElementwiseTest, MinimumMatchesTheCpuRuntimeByteForByte) {
  run_cases(CaseKind::kMinimum, 15000);
}

// Hand-derived cases.

struct Operand {
  ir::Shape shape;
  float scale = 1.0f;
  int32_t zero_point = 0;
};

ir::Graph single_op(ir::OpType type, const Operand& a, const Operand& b, const Operand& out,
                    ir::FusedActivation act = ir::FusedActivation::kNone) {
  models::GraphBuilder builder("elementwise", 1);
  const int32_t in1 = builder.add_activation("a", a.shape, {a.scale, a.zero_point});
  const int32_t in2 = builder.add_activation("b", b.shape, {b.scale, b.zero_point});
  const int32_t o = builder.add_activation("out", out.shape, {out.scale, out.zero_point});
  builder.add_op(type, {in1, in2}, {o}, ir::ElementwiseOptions{act});
  builder.set_io({in1, in2}, {o});
  return builder.graph();
}

const isa::AcceleratorConfig& u55_128() {
  for (const isa::AcceleratorConfig& c : isa::accelerator_configs()) {
    if (std::string(c.name) == "ethos-u55-128") return c;
  }
  return isa::accelerator_configs().front();
}

// TFLite's QuantizeMultiplier, written out here: significand in [0.5, 1)
// rounded half away from zero to Q31; the NPU register shift is 31 - exponent.
struct NpuScale {
  uint32_t multiplier = 0;
  int32_t shift = 0;
};

NpuScale tflite_scale(double real) {
  int exponent = 0;
  const double fraction = std::frexp(real, &exponent);
  int64_t q = std::llround(fraction * 2147483648.0);
  if (q == (int64_t{1} << 31)) {
    q /= 2;
    ++exponent;
  }
  return {static_cast<uint32_t>(q), 31 - exponent};
}

constexpr uint64_t kIfm2Offset = 128;
constexpr uint64_t kOfmOffset = 256;

FeatureMapPlacement hand_placement() {
  FeatureMapPlacement p;
  p.ifm_offset = 0;
  p.ifm2_offset = kIfm2Offset;
  p.ofm_offset = kOfmOffset;
  return p;
}

// Runs a lowered two-input op placed by hand_placement(): the OFM bytes.
std::vector<int8_t> run_on_npu(const LoweredOp& lowered, const std::vector<int8_t>& in1,
                               const std::vector<int8_t>& in2, size_t ofm_bytes) {
  std::vector<int8_t> arena(kOfmOffset + ofm_bytes, 0);
  std::copy(in1.begin(), in1.end(), arena.begin());
  std::copy(in2.begin(), in2.end(), arena.begin() + static_cast<std::ptrdiff_t>(kIfm2Offset));
  sim::FunctionalNpu npu(u55_128());
  npu.set_base_pointer(kArenaRegion, {reinterpret_cast<uint8_t*>(arena.data()), arena.size()});
  const sim::NpuRunResult result = npu.run(lowered.commands.data(), lowered.commands.size());
  EXPECT_TRUE(result.ok()) << result.message;
  return std::vector<int8_t>(arena.begin() + static_cast<std::ptrdiff_t>(kOfmOffset), arena.end());
}

Expected<LoweredOp> lower(const ir::Graph& g) {
  return lower_operator(g, g.operators[0], u55_128(), hand_placement());
}

TEST(CodegenElementwiseTest, TflitesMultiplierFormulaAsWrittenHere) {
  EXPECT_EQ(tflite_scale(1.0).multiplier, 1u << 30);
  EXPECT_EQ(tflite_scale(1.0).shift, 30);
  EXPECT_EQ(tflite_scale(0.75).multiplier, 3u << 29);
  EXPECT_EQ(tflite_scale(0.75).shift, 31);
  // 1 - 2^-40 rounds up to 2^31 in Q31: the significand is halved, the exponent raised.
  EXPECT_EQ(tflite_scale(1.0 - std::ldexp(1.0, -40)).multiplier, 1u << 30);
  EXPECT_EQ(tflite_scale(1.0 - std::ldexp(1.0, -40)).shift, 30);
}

TEST(CodegenElementwiseTest, MulScalesTheProductByS1S2OverSoutWithoutIfmScaling) {
  // s1 * s2 / s_out = 0.5 * 0.25 / 0.125 = 1: Q31 2^30, exponent 1, NPU shift 30.
  const ir::Graph g = single_op(ir::OpType::kMul, {{1, 2, 3}, 0.5f, 1}, {{1, 2, 3}, 0.25f, -2},
                                {{1, 2, 3}, 0.125f, 3});
  Expected<LoweredOp> l = lower(g);
  ASSERT_TRUE(l.has_value()) << l.status().message();
  EXPECT_EQ(l->kick_off, isa::Cmd0::kOpElementwise);
  EXPECT_TRUE(l->state.ofm.global_scale);
  EXPECT_EQ(l->state.ofm_scale.multiplier, 1u << 30);
  EXPECT_EQ(l->state.ofm_scale.shift, 30);
  EXPECT_EQ(l->state.opa_scale.multiplier, 0u);
  EXPECT_EQ(l->state.ifm.zero_point, 1);
  EXPECT_EQ(l->state.ifm2.zero_point, -2);
  EXPECT_EQ(l->state.ofm.zero_point, 3);
  EXPECT_FALSE(l->state.ifm2.operand_swap);
  EXPECT_TRUE(l->weights.buffer.empty());
  // out = (x1 - 1) * (x2 + 2) + 3: 0*1+3, 2*(-3)+3, 10*12+3, -9*4+3, 4*(-4)+3, 12*12+3 -> 127.
  const std::vector<int8_t> out = run_on_npu(*l, {1, 3, 11, -8, 5, 13}, {-1, -5, 10, 2, -6, 10}, 6);
  EXPECT_EQ(out, (std::vector<int8_t>{3, -3, 123, -33, -13, 127}));
}

TEST(CodegenElementwiseTest, MulRegistersFollowTflitesFormulaAndTheRelu6Clamp) {
  const float s1 = 0.02f, s2 = 0.03f, so = 0.1f;
  const ir::Graph g = single_op(ir::OpType::kMul, {{4, 5}, s1, 7}, {{4, 5}, s2, -9},
                                {{4, 5}, so, -5}, ir::FusedActivation::kRelu6);
  Expected<LoweredOp> l = lower(g);
  ASSERT_TRUE(l.has_value()) << l.status().message();
  const NpuScale want =
      tflite_scale(static_cast<double>(s1) * static_cast<double>(s2) / static_cast<double>(so));
  EXPECT_EQ(l->state.ofm_scale.multiplier, want.multiplier);
  EXPECT_EQ(l->state.ofm_scale.shift, want.shift);
  EXPECT_EQ(want.shift, 38);  // 0.006 = 0.768 * 2^-7
  // RELU6: [zp + round(0 / so), zp + round(6 / so)] = [-5, 55].
  EXPECT_EQ(l->state.activation.min, -5);
  EXPECT_EQ(l->state.activation.max, -5 + static_cast<int32_t>(std::lround(6.0f / so)));
  EXPECT_EQ(l->state.ofm.height_m1, 0u);
  EXPECT_EQ(l->state.ofm.width_m1, 3u);
  EXPECT_EQ(l->state.ofm.depth_m1, 4u);
}

TEST(CodegenElementwiseTest, SubRescalesTheSmallerScaleOperandAndRoundsHalfAwayFromZero) {
  // s1 = 1, s2 = 0.25, s_out = 1. input2 is the smaller: 0.25 / (2 * 1) = 0.5 * 2^-2 -> Q31
  // 2^30, TFLite exponent -2, OPA shift 31 + 2 - 20 = 13, mode OPB_32 (B = input2). Output
  // 2 / (2^20 * 1) = 0.5 * 2^-18 -> 2^30, shift 49. So out = x1 - x2 / 4.
  const ir::Graph g =
      single_op(ir::OpType::kSub, {{2, 2}, 1.0f, 0}, {{2, 2}, 0.25f, 0}, {{2, 2}, 1.0f, 0});
  Expected<LoweredOp> l = lower(g);
  ASSERT_TRUE(l.has_value()) << l.status().message();
  EXPECT_EQ(l->state.ifm.scale_mode, isa::IfmScaleMode::kOpb32);
  EXPECT_EQ(l->state.opa_scale.multiplier, 1u << 30);
  EXPECT_EQ(l->state.opa_scale.shift, 13);
  EXPECT_EQ(l->state.ofm_scale.multiplier, 1u << 30);
  EXPECT_EQ(l->state.ofm_scale.shift, 49);
  // 10 - 2 = 8; 0 + 1.5 -> 2; 0 - 1.5 -> -2; -3 - 0.5 = -3.5 -> -4.
  EXPECT_EQ(run_on_npu(*l, {10, 0, 0, -3}, {8, -6, 6, 2}, 4), (std::vector<int8_t>{8, 2, -2, -4}));
}

TEST(CodegenElementwiseTest, SubWithTheFirstOperandBroadcastSwapsTheOperands) {
  // input1 [1, 3] is broadcast over the 2 rows of input2 [2, 3]: IFM = input2, IFM2 = input1
  // broadcast along W (the rows of a rank-2 view), operand_order puts input1 first.
  // s1 = 0.25 < s2 = 1: OPA_32 rescales A = input1, shift 13. out = (x1 - 4) / 4 - (x2 + 1).
  const ir::Graph g =
      single_op(ir::OpType::kSub, {{1, 3}, 0.25f, 4}, {{2, 3}, 1.0f, -1}, {{2, 3}, 1.0f, 0});
  Expected<LoweredOp> l = lower(g);
  ASSERT_TRUE(l.has_value()) << l.status().message();
  const isa::RegisterState& s = l->state;
  EXPECT_TRUE(s.ifm2.operand_swap);
  EXPECT_TRUE(s.ifm2.broadcast_w);
  EXPECT_FALSE(s.ifm2.broadcast_h);
  EXPECT_FALSE(s.ifm2.broadcast_c);
  EXPECT_EQ(s.ifm.tile_base[0], kIfm2Offset);  // input2 is read as the IFM
  EXPECT_EQ(s.ifm2.tile_base[0], 0u);
  EXPECT_EQ(s.ifm.zero_point, -1);
  EXPECT_EQ(s.ifm2.zero_point, 4);
  EXPECT_EQ(s.ifm.scale_mode, isa::IfmScaleMode::kOpa32);
  EXPECT_EQ(s.opa_scale.shift, 13);
  // a = (x1 - 4) / 4 = {0, 0.5, 2.5}; b = x2 + 1 = {0, 1, 3 | 2, -2, -3}.
  // Row 0: 0, -0.5 -> -1, -0.5 -> -1. Row 1: -2, 2.5 -> 3, 5.5 -> 6.
  EXPECT_EQ(run_on_npu(*l, {4, 6, 14}, {-1, 0, 2, 1, -3, -4}, 6),
            (std::vector<int8_t>{0, -1, -1, -2, 3, 6}));
}

TEST(CodegenElementwiseTest, BroadcastAxesFollowTheOperandsShape) {
  // [2,3,4,5] + [2,1,1,5]: batch whole, H and W broadcast, C whole -> the NPU view
  // H = 2, W = 3 * 4, C = 5 with IFM2 2 x 1 x 5 broadcast along W only.
  ir::Graph g = single_op(ir::OpType::kAdd, {{2, 3, 4, 5}, 0.5f, 0}, {{2, 1, 1, 5}, 0.5f, 0},
                          {{2, 3, 4, 5}, 1.0f, 0});
  Expected<LoweredOp> l = lower(g);
  ASSERT_TRUE(l.has_value()) << l.status().message();
  EXPECT_EQ(l->state.ofm.height_m1, 1u);
  EXPECT_EQ(l->state.ofm.width_m1, 11u);
  EXPECT_EQ(l->state.ofm.depth_m1, 4u);
  EXPECT_EQ(l->state.ifm.depth_m1, 4u);
  EXPECT_FALSE(l->state.ifm2.broadcast_h);
  EXPECT_TRUE(l->state.ifm2.broadcast_w);
  EXPECT_FALSE(l->state.ifm2.broadcast_c);
  EXPECT_EQ(l->state.ifm2.stride_x, 5u);
  EXPECT_EQ(l->state.ifm2.stride_y, 5u);
  EXPECT_EQ(l->state.ifm2.height0_m1, 1u);
  EXPECT_EQ(l->state.ifm2.width0_m1, 0u);

  // [3,4,5] * [5]: one channel vector over H and W.
  g = single_op(ir::OpType::kMul, {{3, 4, 5}, 0.5f, 0}, {{5}, 0.5f, 0}, {{3, 4, 5}, 1.0f, 0});
  l = lower(g);
  ASSERT_TRUE(l.has_value()) << l.status().message();
  EXPECT_TRUE(l->state.ifm2.broadcast_h);
  EXPECT_TRUE(l->state.ifm2.broadcast_w);
  EXPECT_FALSE(l->state.ifm2.broadcast_c);
  EXPECT_FALSE(l->state.ifm2.operand_swap);

  // [4,1] - [4,5]: the first operand broadcast along C.
  g = single_op(ir::OpType::kSub, {{4, 1}, 0.5f, 0}, {{4, 5}, 0.5f, 0}, {{4, 5}, 1.0f, 0});
  l = lower(g);
  ASSERT_TRUE(l.has_value()) << l.status().message();
  EXPECT_FALSE(l->state.ifm2.broadcast_h);
  EXPECT_FALSE(l->state.ifm2.broadcast_w);
  EXPECT_TRUE(l->state.ifm2.broadcast_c);
  EXPECT_TRUE(l->state.ifm2.operand_swap);

  // A one-element operand is broadcast along every axis of size > 1.
  g = single_op(ir::OpType::kAdd, {{2, 3, 4}, 0.5f, 0}, {{1}, 0.5f, 0}, {{2, 3, 4}, 1.0f, 0});
  l = lower(g);
  ASSERT_TRUE(l.has_value()) << l.status().message();
  EXPECT_TRUE(l->state.ifm2.broadcast_h && l->state.ifm2.broadcast_w && l->state.ifm2.broadcast_c);
}

TEST(CodegenElementwiseTest, BroadcastAddValuesByHand) {
  // [2,2] + [1,1] (scalar) with s1 = s2 = 1, s_out = 2: out = round((x1 + x2) / 2), ties away.
  const ir::Graph g = single_op(ir::OpType::kAdd, {{2, 2}, 1.0f, 0}, {{1, 1}, 1.0f, 0},
                                {{2, 2}, 2.0f, 0}, ir::FusedActivation::kRelu);
  Expected<LoweredOp> l = lower(g);
  ASSERT_TRUE(l.has_value()) << l.status().message();
  EXPECT_EQ(l->state.activation.min, 0);  // RELU with output zero point 0
  // x2 = 3: (1+3)/2 = 2, (-2+3)/2 = 0.5 -> 1, (-8+3)/2 = -2.5 -> -3 -> RELU 0, (100+3)/2 -> 52.
  EXPECT_EQ(run_on_npu(*l, {1, -2, -8, 100}, {3}, 4), (std::vector<int8_t>{2, 1, 0, 52}));
}

void expect_refused(const ir::Graph& g, const std::string& text) {
  Expected<LoweredOp> l = lower(g);
  ASSERT_FALSE(l.has_value()) << "expected a refusal containing '" << text << "'";
  EXPECT_NE(l.status().message().find(text), std::string::npos) << l.status().message();
}

TEST(CodegenElementwiseTest, RefusesWhatTheNpuCannotComputeExactly) {
  // Both operands broadcast: the NPU broadcasts IFM2 only.
  expect_refused(
      single_op(ir::OpType::kAdd, {{1, 3}, 0.5f, 0}, {{2, 1}, 0.5f, 0}, {{2, 3}, 1.0f, 0}),
      "ADD: both operands are broadcast");
  // Whole, broadcast, whole, broadcast: four runs for three axes.
  expect_refused(single_op(ir::OpType::kMul, {{2, 3, 4, 5}, 0.5f, 0}, {{2, 1, 4, 1}, 0.5f, 0},
                           {{2, 3, 4, 5}, 1.0f, 0}),
                 "MUL: broadcasting [2,1,4,1]");
  // Shapes that do not broadcast.
  expect_refused(
      single_op(ir::OpType::kSub, {{2, 3}, 0.5f, 0}, {{3, 3}, 0.5f, 0}, {{2, 3}, 1.0f, 0}),
      "SUB: inputs");
  // ADD whose output multiplier is not below 1 (2 * 1 / (2^20 * 2^-20) = 2): TFLite refuses.
  expect_refused(
      single_op(ir::OpType::kAdd, {{4}, 1.0f, 0}, {{4}, 1.0f, 0}, {{4}, std::ldexp(1.0f, -20), 0}),
      "ADD: output scale too small");
}

TEST(CodegenElementwiseTest, MulRefusesAMultiplierWhoseLeftShiftOverflowsInt32) {
  // Zero points 0: |x - zp| <= 128, products up to 2^14. Multiplier 2^15 = 0.5 * 2^16 shifts
  // left by 16 (2^30 fits); 2^16 shifts by 17 (2^31 does not fit int32).
  ir::Graph g =
      single_op(ir::OpType::kMul, {{4}, 1.0f, 0}, {{4}, 1.0f, 0}, {{4}, std::ldexp(1.0f, -15), 0});
  Expected<LoweredOp> l = lower(g);
  ASSERT_TRUE(l.has_value()) << l.status().message();
  EXPECT_EQ(l->state.ofm_scale.multiplier, 1u << 30);
  EXPECT_EQ(l->state.ofm_scale.shift, 31 - 16);
  g = single_op(ir::OpType::kMul, {{4}, 1.0f, 0}, {{4}, 1.0f, 0}, {{4}, std::ldexp(1.0f, -16), 0});
  expect_refused(g, "MUL: output multiplier 2^17 overflows");
  // Zero point 127 on one input: |x - zp| reaches 255, 255 * 128 * 2^16 = 2139095040 still fits;
  // on both inputs 255 * 255 * 2^16 does not.
  g = single_op(ir::OpType::kMul, {{4}, 1.0f, 127}, {{4}, 1.0f, 0},
                {{4}, std::ldexp(1.0f, -15), 0});
  EXPECT_TRUE(lower(g).has_value());
  g = single_op(ir::OpType::kMul, {{4}, 1.0f, 127}, {{4}, 1.0f, 127},
                {{4}, std::ldexp(1.0f, -15), 0});
  expect_refused(g, "MUL: output multiplier 2^16 overflows");
}

TEST(CodegenElementwiseTest, RefusesOtherTypesAndOperators) {
  ir::Graph g = single_op(ir::OpType::kSub, {{4}, 1.0f, 0}, {{4}, 1.0f, 0}, {{4}, 1.0f, 0});
  g.tensors[static_cast<size_t>(g.operators[0].inputs[1])].type = ir::DataType::kInt16;
  expect_refused(g, "SUB: tensor 'b' is not int8");

  g = single_op(ir::OpType::kAdd, {{4}, 1.0f, 0}, {{4}, 1.0f, 0}, {{4}, 1.0f, 3});
  for (ir::Tensor& t : g.tensors) t.type = ir::DataType::kInt16;
  expect_refused(g, "ADD: int16 tensor 'out' has a zero point");

  g = single_op(ir::OpType::kMaxPool2d, {{4}, 1.0f, 0}, {{4}, 1.0f, 0}, {{4}, 1.0f, 0});
  Expected<LoweredOp> l = lower_elementwise(g, g.operators[0], u55_128(), hand_placement());
  ASSERT_FALSE(l.has_value());
  EXPECT_NE(l.status().message().find("not an ADD, SUB, MUL, MAXIMUM or MINIMUM"),
            std::string::npos)
      << l.status().message();
}

TEST(CodegenElementwiseTest, MaximumAndMinimumCompareTheStoredBytesWithoutRescaling) {
  // Zero point -5 on every operand: the NPU compares x - zp and adds zp back.
  ir::Graph g = single_op(ir::OpType::kMaximum, {{4}, 0.5f, -5}, {{1}, 0.5f, -5}, {{4}, 0.5f, -5});
  Expected<LoweredOp> l = lower(g);
  ASSERT_TRUE(l.has_value()) << l.status().message();
  EXPECT_FALSE(l->state.ofm.global_scale);  // Vela: OFM_SCALE 1 >> 0, per-channel mode
  EXPECT_EQ(l->state.ofm_scale.multiplier, 1u);
  EXPECT_EQ(l->state.ofm_scale.shift, 0);
  EXPECT_EQ(run_on_npu(*l, {-128, -6, 3, 127}, {-5}, 4), (std::vector<int8_t>{-5, -5, 3, 127}));
  g = single_op(ir::OpType::kMinimum, {{4}, 0.5f, -5}, {{1}, 0.5f, -5}, {{4}, 0.5f, -5});
  l = lower(g);
  ASSERT_TRUE(l.has_value()) << l.status().message();
  EXPECT_EQ(run_on_npu(*l, {-128, -6, 3, 127}, {-5}, 4), (std::vector<int8_t>{-128, -6, -5, -5}));
  // A different zero point or scale on any operand would need a rescale the NPU's MAX lacks.
  expect_refused(
      single_op(ir::OpType::kMaximum, {{4}, 0.5f, -5}, {{4}, 0.5f, 0}, {{4}, 0.5f, -5}),
      "MAXIMUM: inputs quantized unlike the output");
  expect_refused(
      single_op(ir::OpType::kMinimum, {{4}, 0.5f, 0}, {{4}, 0.5f, 0}, {{4}, 0.25f, 0}),
      "MINIMUM: inputs quantized unlike the output");
}

}  // namespace
}  // namespace vnpu::compiler
