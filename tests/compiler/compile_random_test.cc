// The compiler's randomized acceptance test: random int8 graphs of 1-4 operators
// (tests/compiler/random_graphs.h) compiled by compile_model for a random
// accelerator (ethos-u55-32..256) and memory mode (Shared_Sram, Sram_Only,
// Dedicated_Sram), written as .tflite, read back and run on the functional NPU
// (compile_and_compare): every output byte-identical to the CPU runtime on the
// source graph. A third of the cases get an --arena-cache-size budget just
// above the feature maps' need (Dedicated_Sram: below the weight buffers'
// need), taken from a first compile without a budget, so the scheduler must
// cut weights into depth slices or read them in place. Each failure prints its seed
// and the graph; VNPU_COMPILE_CASES sets the count (default 600, 20000 under
// the `slow` ctest label), VNPU_COMPILE_SEED the first seed (default 1).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "compiler/compile_model.h"
#include "compiler/schedule/arena_plan.h"
#include "core/deterministic_rng.h"
#include "ir/verifier.h"
#include "perf/system_config.h"
#include "tests/compiler/compiler_testing.h"
#include "tests/compiler/random_graphs.h"

namespace vnpu::compiler {
namespace {

constexpr int kDefaultCases = 600;
constexpr uint64_t kDefaultFirstSeed = 1;
constexpr int kMaxReportedFailures = 20;
constexpr int kMinCasesForRatios = 100;
constexpr int kMaxOperatorsCounted = 4;  // random_graphs.cc builds 1-4 operators
const char* const kMemoryModes[] = {"Shared_Sram", "Sram_Only", "Dedicated_Sram"};

uint64_t env_or(const char* name, uint64_t fallback) {
  const char* text = std::getenv(name);
  if (text == nullptr || *text == '\0') return fallback;
  return std::strtoull(text, nullptr, 10);
}

struct CaseResult {
  std::string error;  // "" when the compiled model matched the CPU runtime
  bool budgeted = false;
  bool all_on_npu = false;
  bool sliced = false;  // some operator runs as more than one kick-off
  bool squeezed = false;   // the budget is below the whole feature maps' need
  bool cascaded = false;   // ... and the scheduler cascaded to fit it
  bool refused = false;    // ... and nothing could fit it (the budget error)
};

// Weight-buffer bytes the budget must squeeze (a random 20-80 % of what the
// unlimited compile used) on top of the feature maps (which must fit): the
// arena minus its feature maps, or the fast scratch when the buffers live there.
uint64_t tight_budget(const CompiledModel& unlimited, const CompilerOptions& options,
                      DeterministicRng& rng) {
  const ir::Graph& graph = unlimited.front.model.graphs.at(0);
  const int64_t feature_maps = plan_arena(graph, unlimited.schedule.aliases, {}).arena_bytes;
  const perf::MemoryMode& mode = options.memory_mode;
  const bool fast_scratch = mode.cache_area != mode.arena_area;
  const int64_t buffers = fast_scratch ? unlimited.schedule.fast_scratch_bytes
                                       : unlimited.schedule.arena.arena_bytes - feature_maps;
  const int64_t squeezed = std::max<int64_t>(16, buffers * rng.uniform(20, 80) / 100);
  return static_cast<uint64_t>((fast_scratch ? 0 : feature_maps) + squeezed);
}

bool all_operators_on_npu(const CompiledModel& compiled) {
  for (const CompiledOperator& op : compiled.operators) {
    if (op.segment < 0) return false;
  }
  return true;
}

bool any_operator_sliced(const CompiledModel& compiled) {
  for (const CompiledOperator& op : compiled.operators) {
    if (op.kick_offs > 1) return true;
  }
  return false;
}

CaseResult run_case(uint64_t seed) {
  const testing::RandomGraph graph = testing::random_graph(seed);
  DeterministicRng rng(seed ^ 0xC0FFEE1234567ULL);
  CompilerOptions options;
  options.accelerator_config = testing::random_accelerator(rng);
  const char* mode_name = kMemoryModes[rng.uniform(0, 2)];
  CaseResult result;
  result.budgeted = rng.uniform(0, 2) == 0;
  const std::string label =
      graph.description + " on " + options.accelerator_config + " " + mode_name;
  Expected<perf::MemoryMode> mode = perf::builtin_vela_ini().find_memory_mode(mode_name);
  if (!mode) {
    result.error = label + ": " + mode.status().message();
    return result;
  }
  options.memory_mode = *mode;
  if (result.budgeted) options.memory_mode.arena_cache_size_bytes.reset();

  Expected<CompiledModel> compiled = compile_model(graph.model, options);
  const bool arena_bounded = options.memory_mode.cache_area == options.memory_mode.arena_area;
  if (compiled && result.budgeted) {
    options.arena_cache_size = tight_budget(*compiled, options, rng);
    // Half the arena-bounded budgets squeeze the feature maps themselves
    // (50-95 % of their whole need): the scheduler must cascade or refuse.
    if (arena_bounded && rng.uniform(0, 1) == 0) {
      const ir::Graph& source = compiled->front.model.graphs.at(0);
      const int64_t feature_maps = plan_arena(source, compiled->schedule.aliases, {}).arena_bytes;
      options.arena_cache_size = static_cast<uint64_t>(feature_maps * rng.uniform(50, 95) / 100);
      result.squeezed = true;
    }
    compiled = compile_model(graph.model, options);
  }
  const std::string budget_text =
      options.arena_cache_size ? " budget " + std::to_string(*options.arena_cache_size) : "";
  if (!compiled && result.squeezed &&
      compiled.status().message().find("--arena-cache-size") != std::string::npos) {
    result.refused = true;  // the budget error, naming the tensor and the budget
    return result;
  }
  if (!compiled) {
    result.error = label + budget_text + ": compile failed: " + compiled.status().message();
    return result;
  }
  result.all_on_npu = all_operators_on_npu(*compiled);
  result.sliced = any_operator_sliced(*compiled);
  result.cascaded = !compiled->schedule.cascades.empty();
  if (options.arena_cache_size && arena_bounded &&
      compiled->schedule.arena.arena_bytes > static_cast<int64_t>(*options.arena_cache_size)) {
    result.error = label + budget_text + ": the arena exceeds the budget";
    return result;
  }

  const std::string diff = testing::compile_and_compare(
      graph.model, options, testing::random_inputs(graph.model.main_graph(), seed));
  if (!diff.empty()) result.error = label + budget_text + ": " + diff;
  return result;
}

TEST(CompileRandomTest, CompiledGraphsMatchTheCpuRuntimeByteForByte) {
  const auto cases = static_cast<int>(env_or("VNPU_COMPILE_CASES", kDefaultCases));
  const uint64_t first_seed = env_or("VNPU_COMPILE_SEED", kDefaultFirstSeed);
  int ran = 0, failures = 0, on_npu = 0, budgeted = 0, sliced = 0;
  int squeezed = 0, cascaded = 0, refused = 0;
  for (int i = 0; i < cases && failures < kMaxReportedFailures; ++i, ++ran) {
    const uint64_t seed = first_seed + static_cast<uint64_t>(i);
    const CaseResult result = run_case(seed);
    if (!result.error.empty()) {
      ++failures;
      ADD_FAILURE() << "FAIL with seed " << seed << ": " << result.error;
    }
    on_npu += result.all_on_npu ? 1 : 0;
    budgeted += result.budgeted ? 1 : 0;
    sliced += result.budgeted && result.sliced ? 1 : 0;
    squeezed += result.squeezed ? 1 : 0;
    cascaded += result.squeezed && result.cascaded ? 1 : 0;
    refused += result.refused ? 1 : 0;
  }
  EXPECT_EQ(failures, 0);
  // Not vacuous (checked on samples big enough for the ratios to hold): most
  // graphs run entirely on the NPU, and the tight budgets really make the
  // scheduler slice weights.
  if (ran >= kMinCasesForRatios) {
    EXPECT_GE(on_npu * 10, ran * 7) << on_npu << " of " << ran << " cases entirely on the NPU";
    // Weights streamed once are read in place and never sliced, and most
    // small graphs cannot fit below their whole feature maps (input and output
    // alone exceed it), so these floors are low but not zero.
    EXPECT_GE(sliced * 20, budgeted - squeezed)
        << sliced << " of " << budgeted - squeezed
        << " weight-budgeted cases have an operator with several kick-offs";
    EXPECT_GT(cascaded, 0) << "none of " << squeezed
                           << " cases with a budget below the feature maps cascaded";
  }
  std::printf("%d cases from seed %llu: %d entirely on the NPU, %d of %d budgeted cases sliced; "
              "%d budgets below the feature maps: %d cascaded, %d refused with the budget error\n",
              ran, static_cast<unsigned long long>(first_seed), on_npu, sliced, budgeted, squeezed,
              cascaded, refused);
}

// What the generator covers over the default run's seeds, counted on the
// graphs themselves (not on their descriptions).
struct Coverage {
  std::set<ir::OpType> types;
  std::set<ir::FusedActivation> activations;
  std::set<ir::Padding> paddings;
  std::set<int32_t> strides, dilations;
  int depth_multipliers = 0, per_channel = 0, per_tensor = 0, broadcasts = 0, joins = 0;
  int sizes[kMaxOperatorsCounted + 1] = {};
  int large = 0, multi_output = 0, multi_input = 0;
};

std::optional<ir::FusedActivation> activation_of(const ir::OpOptions& options) {
  if (const auto* o = std::get_if<ir::Conv2dOptions>(&options)) return o->activation;
  if (const auto* o = std::get_if<ir::DepthwiseConv2dOptions>(&options)) return o->activation;
  if (const auto* o = std::get_if<ir::Pool2dOptions>(&options)) return o->activation;
  if (const auto* o = std::get_if<ir::FullyConnectedOptions>(&options)) return o->activation;
  if (const auto* o = std::get_if<ir::ElementwiseOptions>(&options)) return o->activation;
  return std::nullopt;
}

void count_windowed(const ir::Operator& op, Coverage* c) {
  if (const auto* o = std::get_if<ir::Conv2dOptions>(&op.options)) {
    c->strides.insert(std::max(o->stride_h, o->stride_w));
    c->dilations.insert(std::max(o->dilation_h, o->dilation_w));
    c->paddings.insert(o->padding);
  } else if (const auto* d = std::get_if<ir::DepthwiseConv2dOptions>(&op.options)) {
    c->dilations.insert(std::max(d->dilation_h, d->dilation_w));
    c->paddings.insert(d->padding);
    c->depth_multipliers += d->depth_multiplier > 1 ? 1 : 0;
  }
}

void count_operator(const ir::Graph& g, const ir::Operator& op, Coverage* c) {
  c->types.insert(op.type);
  const std::optional<ir::FusedActivation> activation = activation_of(op.options);
  if (activation) c->activations.insert(*activation);
  count_windowed(op, c);
  if (op.type == ir::OpType::kAdd || op.type == ir::OpType::kSub || op.type == ir::OpType::kMul) {
    const ir::Tensor& a = g.tensor(op.inputs[0]);
    const ir::Tensor& b = g.tensor(op.inputs[1]);
    c->broadcasts += a.shape != b.shape ? 1 : 0;
    auto produced = [&](int32_t t) {
      return std::find(g.inputs.begin(), g.inputs.end(), t) == g.inputs.end();
    };
    c->joins += produced(op.inputs[0]) && produced(op.inputs[1]) ? 1 : 0;
  }
  if (op.inputs.size() > 1 && g.tensor(op.inputs[1]).is_constant()) {
    const bool per_channel = g.tensor(op.inputs[1]).quantization.scales.size() > 1;
    (per_channel ? c->per_channel : c->per_tensor) += 1;
  }
}

TEST(CompileRandomTest, GeneratorCoversTheOperatorsAndOptionsItPromises) {
  Coverage c;
  for (uint64_t seed = kDefaultFirstSeed; seed < kDefaultFirstSeed + kDefaultCases; ++seed) {
    const testing::RandomGraph graph = testing::random_graph(seed);
    const ir::Graph& g = graph.model.main_graph();
    const Status verified = ir::verify_graph(g);
    ASSERT_TRUE(verified.is_ok()) << "seed " << seed << ": " << verified.message();
    ASSERT_EQ(static_cast<size_t>(graph.operator_count), g.operators.size());
    ASSERT_LE(graph.operator_count, kMaxOperatorsCounted);
    ++c.sizes[graph.operator_count];
    for (const ir::Operator& op : g.operators) count_operator(g, op, &c);
    int64_t largest = 0;
    for (const ir::Tensor& t : g.tensors)
      largest = std::max(largest, t.is_constant() ? 0 : t.size_bytes());
    c.large += largest >= 16 * 1024 ? 1 : 0;
    c.multi_output += g.outputs.size() > 1 ? 1 : 0;
    c.multi_input += g.inputs.size() > 1 ? 1 : 0;
    if (seed == kDefaultFirstSeed) {
      EXPECT_EQ(testing::random_graph(seed).description, graph.description) << "not deterministic";
    }
  }
  const std::set<ir::OpType> promised = {ir::OpType::kConv2d,
                                         ir::OpType::kDepthwiseConv2d,
                                         ir::OpType::kFullyConnected,
                                         ir::OpType::kMaxPool2d,
                                         ir::OpType::kAveragePool2d,
                                         ir::OpType::kAdd,
                                         ir::OpType::kSub,
                                         ir::OpType::kMul};
  EXPECT_EQ(c.types, promised);
  EXPECT_EQ(c.activations,
            (std::set<ir::FusedActivation>{ir::FusedActivation::kNone, ir::FusedActivation::kRelu,
                                           ir::FusedActivation::kRelu6}));
  EXPECT_EQ(c.paddings.size(), 2u);
  EXPECT_EQ(c.strides, (std::set<int32_t>{1, 2, 3}));
  EXPECT_EQ(c.dilations, (std::set<int32_t>{1, 2}));
  for (int n = 1; n <= kMaxOperatorsCounted; ++n) EXPECT_GT(c.sizes[n], 0) << n << " operators";
  EXPECT_GT(c.depth_multipliers, 0);
  EXPECT_GT(c.per_channel, 0);
  EXPECT_GT(c.per_tensor, 0);
  EXPECT_GT(c.broadcasts, 0);
  EXPECT_GT(c.joins, 0);
  EXPECT_GT(c.large, 0);
  EXPECT_GT(c.multi_output, 0);
  EXPECT_GT(c.multi_input, 0);
}

}  // namespace
}  // namespace vnpu::compiler
