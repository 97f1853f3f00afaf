// Randomized check of compiler/codegen/lower_op.h: single-op graphs (CONV_2D,
// DEPTHWISE_CONV_2D, FULLY_CONNECTED) with random shapes (odd and prime sizes
// included), strides, dilations (also 3..5, spread into the kernel), paddings,
// zero points, per-channel scales and fused activations are lowered, run on
// the functional NPU, and their OFM is compared byte for byte with the CPU
// runtime on the same input.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "compiler/codegen/lower_op.h"
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

// Weight scales per output channel, and an output scale that keeps real
// multipliers mostly below 1 (up to 2 / sqrt(terms)): TFLite wraps
// acc << shift in int32 for multipliers >= 1, the NPU computes it exactly, so
// a huge multiplier on a huge accumulator could differ (never seen here).
struct Scales {
  float input = 0.0f;
  float output = 0.0f;
  std::vector<float> weights;
};

Scales random_scales(CaseRng& r, int32_t channels, int32_t accumulated_terms, bool per_channel) {
  Scales s;
  s.input = r.real(0.005f, 0.05f);
  s.weights.push_back(r.real(0.001f, 0.02f));
  for (int32_t c = 1; per_channel && c < channels; ++c) s.weights.push_back(r.real(0.001f, 0.02f));
  const float max_w = *std::max_element(s.weights.begin(), s.weights.end());
  s.output =
      s.input * max_w * std::sqrt(static_cast<float>(accumulated_terms)) * r.real(0.5f, 6.0f);
  return s;
}

// Dilations 1..2 (the NPU's field), or with `large_dilation` 3..5 along at
// least one axis (spread into the kernel by the lowering).
ir::Graph conv_graph(CaseRng& r, uint64_t seed, bool depthwise, std::string* label,
                     bool large_dilation = false) {
  models::GraphBuilder b("codegen_case", seed);
  const int32_t h = r.uniform(1, 13), w = r.uniform(1, 13), cin = r.uniform(1, 40);
  const int32_t cout = depthwise ? cin : r.uniform(1, 40);
  const int32_t kh = r.uniform(1, 5), kw = r.uniform(1, 5);
  const int32_t sy = r.uniform(1, 3), sx = r.uniform(1, 3);
  int32_t dy = r.uniform(1, 2), dx = r.uniform(1, 2);
  if (large_dilation) {
    dy = r.uniform(1, 5);
    dx = dy < 3 ? r.uniform(3, 5) : r.uniform(1, 5);
  }
  ir::Padding padding = r.uniform(0, 1) == 0 ? ir::Padding::kSame : ir::Padding::kValid;
  if ((kh - 1) * dy + 1 > h || (kw - 1) * dx + 1 > w) padding = ir::Padding::kSame;
  const int32_t oh =
      padding == ir::Padding::kSame ? (h + sy - 1) / sy : (h - (kh - 1) * dy - 1) / sy + 1;
  const int32_t ow =
      padding == ir::Padding::kSame ? (w + sx - 1) / sx : (w - (kw - 1) * dx - 1) / sx + 1;
  const Scales s = random_scales(r, cout, kh * kw * (depthwise ? 1 : cin), r.uniform(0, 3) != 0);
  const int32_t in = b.add_activation("in", {1, h, w, cin}, {s.input, r.uniform(-128, 127)});
  const int32_t out = b.add_activation("out", {1, oh, ow, cout}, {s.output, r.uniform(-128, 127)});
  const int32_t filter = depthwise ? b.add_weights("filter", {1, kh, kw, cout}, 3, s.weights)
                                   : b.add_weights("filter", {cout, kh, kw, cin}, 0, s.weights);
  std::vector<int32_t> inputs = {in, filter};
  if (r.uniform(0, 4) != 0) {
    const std::vector<float> bias_w =
        s.weights.size() == 1 ? std::vector<float>(static_cast<size_t>(cout), s.weights[0])
                              : s.weights;
    inputs.push_back(b.add_bias("bias", cout, s.input, bias_w, r.uniform(0, 1) ? 3000 : 200000));
  }
  const ir::FusedActivation act = random_activation(r);
  if (depthwise) {
    b.add_op(ir::OpType::kDepthwiseConv2d, inputs, {out},
             ir::DepthwiseConv2dOptions{padding, sx, sy, 1, dx, dy, act});
  } else {
    b.add_op(ir::OpType::kConv2d, inputs, {out}, ir::Conv2dOptions{padding, sx, sy, dx, dy, act});
  }
  b.set_io({in}, {out});
  *label = std::string(depthwise ? "DEPTHWISE" : "CONV") + " in " + std::to_string(h) + "x" +
           std::to_string(w) + "x" + std::to_string(cin) + " out " + std::to_string(oh) + "x" +
           std::to_string(ow) + "x" + std::to_string(cout) + " k " + std::to_string(kh) + "x" +
           std::to_string(kw) + " s " + std::to_string(sy) + "x" + std::to_string(sx) + " d " +
           std::to_string(dy) + "x" + std::to_string(dx) +
           (padding == ir::Padding::kSame ? " SAME" : " VALID") + " act " +
           ir::fused_activation_name(act);
  return b.graph();
}

ir::Graph fc_graph(CaseRng& r, uint64_t seed, std::string* label) {
  models::GraphBuilder b("codegen_case", seed);
  const int32_t rows = r.uniform(1, 5), depth = r.uniform(1, 97), units = r.uniform(1, 41);
  const Scales s = random_scales(r, units, depth, r.uniform(0, 1) != 0);
  const int32_t in = b.add_activation("in", {rows, depth}, {s.input, r.uniform(-128, 127)});
  const int32_t out = b.add_activation("out", {rows, units}, {s.output, r.uniform(-128, 127)});
  const int32_t filter = b.add_weights("filter", {units, depth}, 0, s.weights);
  const std::vector<float> bias_w =
      s.weights.size() == 1 ? std::vector<float>(static_cast<size_t>(units), s.weights[0])
                            : s.weights;
  const int32_t bias = b.add_bias("bias", units, s.input, bias_w, 5000);
  const ir::FusedActivation act = random_activation(r);
  b.add_op(ir::OpType::kFullyConnected, {in, filter, bias}, {out},
           ir::FullyConnectedOptions{act, false});
  b.set_io({in}, {out});
  *label = "FC rows " + std::to_string(rows) + " in " + std::to_string(depth) + " out " +
           std::to_string(units) + (s.weights.size() > 1 ? " per-channel" : " per-tensor") +
           " act " + ir::fused_activation_name(act);
  return b.graph();
}

// Runs one case; an empty string on success, else what differed.
std::string run_case(uint64_t seed, bool large_dilation = false) {
  CaseRng r(seed);
  const std::vector<isa::AcceleratorConfig>& configs = isa::accelerator_configs();
  const isa::AcceleratorConfig& config =
      configs[static_cast<size_t>(r.uniform(0, static_cast<int32_t>(configs.size()) - 1))];
  std::string label;
  const int32_t kind = large_dilation ? r.uniform(0, 7) : r.uniform(0, 9);
  const ir::Graph graph = kind < 4   ? conv_graph(r, seed, false, &label, large_dilation)
                          : kind < 8 ? conv_graph(r, seed, true, &label, large_dilation)
                                     : fc_graph(r, seed, &label);
  label += std::string(" on ") + config.name;

  const std::vector<std::vector<uint8_t>> inputs = testing::random_inputs(graph, seed);
  Expected<std::vector<std::vector<uint8_t>>> expected = testing::run_cpu(graph, inputs);
  if (!expected) return label + ": CPU runtime failed: " + expected.status().message();

  const size_t ifm_bytes = inputs[0].size();
  const size_t ofm_bytes = (*expected)[0].size();
  FeatureMapPlacement placement;
  placement.ifm_offset = static_cast<uint64_t>(r.uniform(0, 40));
  placement.ofm_offset = placement.ifm_offset + ifm_bytes + static_cast<uint64_t>(r.uniform(0, 40));
  placement.weights_offset = static_cast<uint64_t>(r.uniform(0, 4)) * 16;
  Expected<LoweredOp> lowered = lower_operator(graph, graph.operators[0], config, placement);
  if (!lowered) return label + ": lowering failed: " + lowered.status().message();

  std::vector<uint8_t> flash(placement.weights_offset + lowered->weights.buffer.size(), 0xA5);
  std::copy(lowered->weights.buffer.begin(), lowered->weights.buffer.end(),
            flash.begin() + static_cast<std::ptrdiff_t>(placement.weights_offset));
  constexpr uint8_t kGuard = 0x5A;
  std::vector<uint8_t> arena(placement.ofm_offset + ofm_bytes + 32, kGuard);
  std::copy(inputs[0].begin(), inputs[0].end(),
            arena.begin() + static_cast<std::ptrdiff_t>(placement.ifm_offset));
  const std::vector<uint8_t> arena_before = arena;

  sim::FunctionalNpu npu(config);
  npu.set_base_pointer(kConstantRegion, {flash.data(), flash.size()});
  npu.set_base_pointer(kArenaRegion, {arena.data(), arena.size()});
  const sim::NpuRunResult result = npu.run(lowered->commands.data(), lowered->commands.size());
  if (!result.ok()) return label + ": NPU fault: " + result.message;
  if (result.operations != 1)
    return label + ": expected one kick-off, ran " + std::to_string(result.operations);

  for (size_t i = 0; i < arena.size(); ++i) {
    const bool in_ofm = i >= placement.ofm_offset && i < placement.ofm_offset + ofm_bytes;
    const uint8_t want = in_ofm ? (*expected)[0][i - placement.ofm_offset] : arena_before[i];
    if (arena[i] != want) {
      return label + ": arena byte " + std::to_string(i) +
             (in_ofm ? " (OFM byte " + std::to_string(i - placement.ofm_offset) + ")"
                     : " (outside the OFM)") +
             " is " + std::to_string(static_cast<int8_t>(arena[i])) + ", expected " +
             std::to_string(static_cast<int8_t>(want));
    }
  }
  return "";
}

int case_count() {
  const char* env = std::getenv("VNPU_CODEGEN_CASES");
  return env != nullptr ? std::max(1, std::atoi(env)) : 600;
}

TEST(CodegenRandomTest, LoweredOperatorsMatchTheCpuRuntimeByteForByte) {
  const int cases = case_count();
  int failures = 0;
  for (int i = 0; i < cases; ++i) {
    const uint64_t seed = 1000 + static_cast<uint64_t>(i);
    const std::string error = run_case(seed);
    if (!error.empty()) {
      ++failures;
      ADD_FAILURE() << "seed " << seed << ": " << error;
      if (failures >= 20) break;
    }
  }
  EXPECT_EQ(failures, 0);
}

// Dilations 3..5, beyond the NPU's field, spread into the kernel with zeros
// between the taps and run with dilation 1.
TEST(CodegenRandomTest, LargeDilationsSpreadIntoTheKernelMatchByteForByte) {
  int failures = 0;
  for (int i = 0; i < 200; ++i) {
    const uint64_t seed = 21000 + static_cast<uint64_t>(i);
    const std::string error = run_case(seed, true);
    if (!error.empty()) {
      ++failures;
      ADD_FAILURE() << "seed " << seed << ": " << error;
      if (failures >= 20) break;
    }
  }
  EXPECT_EQ(failures, 0);
}

}  // namespace
}  // namespace vnpu::compiler
