// The scheduler and the command-stream writer on small graphs: weight
// buffering per memory mode, depth slices under a tight arena-cache budget,
// the budget error, CPU operators splitting segments, waits, BLOCKDEP,
// register elision and the report's word offsets. Every compiled model is
// also run on the functional NPU against the CPU runtime.
#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>

#include "compiler/compile_model.h"
#include "isa/command_decoder.h"
#include "models/graph_builder.h"
#include "perf/system_config.h"
#include "tests/compiler/compiler_testing.h"
#include "tflite/reader.h"

namespace vnpu::compiler {
namespace {

using models::GraphBuilder;
using models::QuantParams;

std::vector<float> channel_scales(int32_t channels) {
  std::vector<float> scales;
  for (int32_t c = 0; c < channels; ++c)
    scales.push_back(0.004f + 0.0005f * static_cast<float>(c % 7));
  return scales;
}

// in [1,h,w,cin] -> CONV 3x3 SAME (cout) -> CONV 1x1 (cout) -> out.
ir::Model two_convs(int32_t h, int32_t w, int32_t cin, int32_t cout) {
  GraphBuilder b("two_convs", 21);
  const int32_t in = b.add_activation("in", {1, h, w, cin}, {0.05f, 3});
  const int32_t mid = b.add_activation("mid", {1, h, w, cout}, {0.1f, -4});
  const int32_t out = b.add_activation("out", {1, h, w, cout}, {0.12f, 6});
  const std::vector<float> scales = channel_scales(cout);
  ir::Conv2dOptions options;
  options.activation = ir::FusedActivation::kRelu;
  b.add_op(ir::OpType::kConv2d,
           {in, b.add_weights("w1", {cout, 3, 3, cin}, 0, scales),
            b.add_bias("b1", cout, 0.05f, scales, 2000)},
           {mid}, options);
  b.add_op(ir::OpType::kConv2d,
           {mid, b.add_weights("w2", {cout, 1, 1, cout}, 0, scales),
            b.add_bias("b2", cout, 0.1f, scales, 2000)},
           {out}, ir::Conv2dOptions{});
  b.set_io({in}, {out});
  return b.finish("t");
}

CompilerOptions options_for(const std::string& mode, std::optional<uint64_t> budget = {}) {
  CompilerOptions options;
  options.accelerator_config = "ethos-u55-128";
  options.memory_mode = *perf::builtin_vela_ini().find_memory_mode(mode);
  options.arena_cache_size = budget;
  return options;
}

void expect_runs_like_the_cpu(const ir::Model& model, const CompilerOptions& options) {
  for (uint64_t seed = 1; seed <= 2; ++seed) {
    const std::string diff = testing::compile_and_compare(
        model, options, testing::random_inputs(model.main_graph(), seed));
    EXPECT_EQ(diff, "") << "seed " << seed;
  }
}

isa::DecodedStream decode(const SegmentStream& stream) {
  isa::DecodedStream decoded = isa::decode_stream(stream.words.data(), stream.words.size());
  EXPECT_TRUE(decoded.status) << decoded.status.message();
  return decoded;
}

size_t count_kind(const isa::DecodedStream& decoded, isa::OperationKind kind) {
  size_t count = 0;
  for (const isa::Operation& op : decoded.operations) count += op.kind == kind ? 1 : 0;
  return count;
}

TEST(Schedule, WeightsStreamedOnceAreReadInPlaceEvenWithSharedSram) {
  // 8x8 outputs fit one OFM block: each weight is streamed once, a copy in
  // SRAM would only cost a DMA and arena bytes.
  const ir::Model model = two_convs(8, 8, 16, 32);
  auto compiled = compile_model(model, options_for("Shared_Sram"));
  ASSERT_TRUE(compiled) << compiled.status().message();
  const isa::DecodedStream decoded = decode(compiled->streams[0]);
  EXPECT_EQ(count_kind(decoded, isa::OperationKind::kDmaStart), 0u);
  for (const CompiledOperator& op : compiled->operators) EXPECT_FALSE(op.weights_buffered);
  expect_runs_like_the_cpu(model, options_for("Shared_Sram"));
}

TEST(Schedule, SramOnlyReadsWeightsInPlace) {
  const ir::Model model = two_convs(8, 8, 16, 32);
  auto compiled = compile_model(model, options_for("Sram_Only"));
  ASSERT_TRUE(compiled) << compiled.status().message();
  ASSERT_EQ(compiled->streams.size(), 1u);
  const isa::DecodedStream decoded = decode(compiled->streams[0]);
  EXPECT_EQ(count_kind(decoded, isa::OperationKind::kDmaStart), 0u);
  for (const isa::Operation& op : decoded.operations) {
    if (op.kind == isa::OperationKind::kConv) {
      EXPECT_EQ(op.state.weights.region, 0);
    }
  }
  expect_runs_like_the_cpu(model, options_for("Sram_Only"));
}

TEST(Schedule, SharedSramDmasEachOperatorsWeightsIntoTheArenaAndWaitsForThem) {
  const ir::Model model = two_convs(40, 40, 16, 32);  // 40 rows: more than one OFM block;
  auto compiled = compile_model(model, options_for("Shared_Sram"));
  ASSERT_TRUE(compiled) << compiled.status().message();
  const isa::DecodedStream decoded = decode(compiled->streams[0]);
  EXPECT_EQ(count_kind(decoded, isa::OperationKind::kDmaStart), 2u);
  // Each convolution reads its weights from region 1 after a DMA_START into
  // exactly those bytes and a DMA_WAIT 0.
  std::optional<isa::DmaState> pending;
  bool waited = false;
  for (const isa::Operation& op : decoded.operations) {
    if (op.kind == isa::OperationKind::kDmaStart) {
      pending = op.state.dma;
      waited = false;
    } else if (op.kind == isa::OperationKind::kDmaWait) {
      EXPECT_EQ(op.param, 0);
      waited = true;
    } else if (op.kind == isa::OperationKind::kConv) {
      ASSERT_TRUE(pending.has_value());
      EXPECT_TRUE(waited);
      EXPECT_EQ(op.state.weights.region, 1);
      EXPECT_EQ(pending->dst_region, 1);
      EXPECT_GE(op.state.weights.base, pending->dst);
      EXPECT_LE(op.state.weights.base + op.state.weights.length, pending->dst + pending->length);
      EXPECT_GE(op.state.scales.base, pending->dst);
    }
  }
  for (const CompiledOperator& op : compiled->operators) EXPECT_TRUE(op.weights_buffered);
  expect_runs_like_the_cpu(model, options_for("Shared_Sram"));
}

TEST(Schedule, DedicatedSramBuffersWeightsInTheFastScratch) {
  const ir::Model model = two_convs(40, 40, 8, 24);
  auto compiled = compile_model(model, options_for("Dedicated_Sram"));
  ASSERT_TRUE(compiled) << compiled.status().message();
  EXPECT_GT(compiled->schedule.fast_scratch_bytes, 0);
  const isa::DecodedStream decoded = decode(compiled->streams[0]);
  for (const isa::Operation& op : decoded.operations) {
    if (op.kind == isa::OperationKind::kDmaStart) {
      EXPECT_EQ(op.state.dma.dst_region, 2);
    }
    if (op.kind == isa::OperationKind::kConv) {
      EXPECT_EQ(op.state.weights.region, 2);
    }
  }
  expect_runs_like_the_cpu(model, options_for("Dedicated_Sram"));
}

TEST(Schedule, ATightBudgetCutsWeightsIntoDoubleBufferedDepthSlices) {
  const ir::Model model =
      two_convs(40, 4, 64, 128);  // 73,728 + 16,384 weight bytes; 40 rows: several blocks
  auto unlimited = compile_model(model, options_for("Shared_Sram"));
  ASSERT_TRUE(unlimited) << unlimited.status().message();
  auto feature_maps_only = compile_model(model, options_for("Sram_Only"));
  ASSERT_TRUE(feature_maps_only) << feature_maps_only.status().message();
  const int64_t feature_maps = feature_maps_only->schedule.arena.arena_bytes;
  ASSERT_GT(unlimited->schedule.arena.arena_bytes, feature_maps + 40000);
  // Room for conv2's buffer and two slices of conv1's weights one block deep
  // (with a quarter to spare for the encoding), not for conv1's whole weights.
  const isa::DecodedStream whole = decode(unlimited->streams[0]);
  std::vector<uint64_t> lengths;
  uint32_t block_depth = 0;
  for (const isa::Operation& op : whole.operations) {
    if (op.kind == isa::OperationKind::kDmaStart) lengths.push_back(op.state.dma.length);
    if (op.kind == isa::OperationKind::kConv && block_depth == 0) {
      block_depth = op.state.ofm.block_depth_m1 + 1;
    }
  }
  ASSERT_EQ(lengths.size(), 2u);
  ASSERT_LE(block_depth, 32u) << "conv1 needs at least four slices";
  const auto budget = static_cast<uint64_t>(feature_maps) + lengths[1] +
                      2 * (lengths[0] * block_depth / 128) * 5 / 4 + 256;
  ASSERT_LT(budget, static_cast<uint64_t>(unlimited->schedule.arena.arena_bytes));
  auto sliced = compile_model(model, options_for("Shared_Sram", budget));
  ASSERT_TRUE(sliced) << sliced.status().message();
  EXPECT_LE(sliced->schedule.arena.arena_bytes, static_cast<int64_t>(budget));
  EXPECT_GT(sliced->operators[0].kick_offs, 1u);
  EXPECT_TRUE(sliced->operators[0].weights_buffered);
  // Two alternating buffers: consecutive DMAs of the sliced operator target different bytes,
  // and from the third DMA on a KERNEL_WAIT precedes each.
  const isa::DecodedStream decoded = decode(sliced->streams[0]);
  std::vector<uint64_t> destinations;
  bool kernel_wait_seen = false;
  for (const isa::Operation& op : decoded.operations) {
    if (op.kind == isa::OperationKind::kKernelWait) kernel_wait_seen = true;
    if (op.kind == isa::OperationKind::kDmaStart) destinations.push_back(op.state.dma.dst);
  }
  ASSERT_GE(destinations.size(), 3u);
  EXPECT_NE(destinations[0], destinations[1]);
  EXPECT_EQ(destinations[0], destinations[2]);
  EXPECT_TRUE(kernel_wait_seen);
  expect_runs_like_the_cpu(model, options_for("Shared_Sram", budget));
}

TEST(Schedule, FeatureMapsAboveTheBudgetAreAnErrorNamingTheTensor) {
  // 'in' 2,048 + 'mid' 8,192 + 'out' 8,192 bytes. Cascading the two convolutions
  // keeps only a ring of 'mid', but 'in' and 'out' alone exceed 10,000 bytes.
  const ir::Model model = two_convs(16, 16, 8, 32);
  auto compiled = compile_model(model, options_for("Shared_Sram", 10000));
  ASSERT_FALSE(compiled);
  EXPECT_EQ(compiled.status().code(), ErrorCode::kInvalidInput);
  const std::string message = compiled.status().message();
  EXPECT_NE(message.find("budget (--arena-cache-size) is 10,000 bytes"), std::string::npos)
      << message;
  EXPECT_NE(message.find("'out' [1,16,16,32], needs 8,192 bytes"), std::string::npos) << message;
}

TEST(Schedule, CascadingKeepsAnIntermediateInARingWhenTheBudgetIsTight) {
  const ir::Model model = two_convs(16, 16, 8, 32);
  const uint64_t budget = 14000;  // below the 18,432 bytes of whole feature maps
  auto compiled = compile_model(model, options_for("Sram_Only", budget));
  ASSERT_TRUE(compiled) << compiled.status().message();
  ASSERT_EQ(compiled->schedule.cascades.size(), 1u);
  EXPECT_EQ(compiled->schedule.cascades[0], (std::vector<int32_t>{0, 1}));
  EXPECT_LE(compiled->schedule.arena.arena_bytes, static_cast<int64_t>(budget));
  // Both convolutions run in interleaved stripes.
  EXPECT_GT(compiled->operators[0].kick_offs, 1u);
  EXPECT_GT(compiled->operators[1].kick_offs, 1u);
  expect_runs_like_the_cpu(model, options_for("Sram_Only", budget));
  expect_runs_like_the_cpu(model, options_for("Shared_Sram", budget + 3000));
}

// in [1,h,w,c] -> CONV 3x3 s2 SAME -> DEPTHWISE 3x3 SAME -> MAX_POOL 2x2 s2 VALID -> out.
ir::Model three_kernels(int32_t h, int32_t w, int32_t c) {
  GraphBuilder b("three", 31);
  const int32_t in = b.add_activation("in", {1, h, w, c}, {0.05f, 3});
  const int32_t h1 = (h + 1) / 2;
  const int32_t w1 = (w + 1) / 2;
  const int32_t a = b.add_activation("a", {1, h1, w1, 16}, {0.1f, -4});
  const int32_t d = b.add_activation("d", {1, h1, w1, 16}, {0.08f, 2});
  const int32_t out = b.add_activation("out", {1, h1 / 2, w1 / 2, 16}, {0.08f, 2});
  const std::vector<float> scales = channel_scales(16);
  ir::Conv2dOptions conv;
  conv.stride_h = conv.stride_w = 2;
  conv.activation = ir::FusedActivation::kRelu6;
  b.add_op(
      ir::OpType::kConv2d,
      {in, b.add_weights("w1", {16, 3, 3, c}, 0, scales), b.add_bias("b1", 16, 0.05f, scales, 900)},
      {a}, conv);
  ir::DepthwiseConv2dOptions depthwise;
  depthwise.depth_multiplier = 1;
  b.add_op(
      ir::OpType::kDepthwiseConv2d,
      {a, b.add_weights("w2", {1, 3, 3, 16}, 3, scales), b.add_bias("b2", 16, 0.1f, scales, 900)},
      {d}, depthwise);
  b.add_op(ir::OpType::kMaxPool2d, {d}, {out},
           ir::Pool2dOptions{ir::Padding::kValid, 2, 2, 2, 2, ir::FusedActivation::kNone});
  b.set_io({in}, {out});
  return b.finish("t");
}

TEST(Schedule, CascadesOfUpToThreeOperatorsWithStrideAndPaddingRunLikeTheCpu) {
  // Lower the budget step by step below the whole feature maps' need: every
  // budget that compiles fits, runs byte-identical to the CPU, and the
  // tightest ones cascade all three operators.
  const ir::Model model = three_kernels(29, 23, 3);
  auto whole = compile_model(model, options_for("Sram_Only"));
  ASSERT_TRUE(whole) << whole.status().message();
  size_t longest = 0;
  int compiled_budgets = 0;
  for (int64_t budget = whole->schedule.arena.arena_bytes - 16; budget > 0; budget -= 256) {
    auto compiled = compile_model(model, options_for("Sram_Only", static_cast<uint64_t>(budget)));
    if (!compiled) {
      EXPECT_NE(compiled.status().message().find("--arena-cache-size"), std::string::npos);
      break;
    }
    ++compiled_budgets;
    EXPECT_LE(compiled->schedule.arena.arena_bytes, budget);
    ASSERT_FALSE(compiled->schedule.cascades.empty()) << "budget " << budget;
    for (const auto& cascade : compiled->schedule.cascades)
      longest = std::max(longest, cascade.size());
    SCOPED_TRACE("budget " + std::to_string(budget));
    expect_runs_like_the_cpu(model, options_for("Sram_Only", static_cast<uint64_t>(budget)));
  }
  EXPECT_GE(compiled_budgets, 3);
  EXPECT_EQ(longest, 3u);
}

// A SUM over height and width of `in` into `out` ([1,1,1,C]): an operator
// the NPU does not run, so it stays on the CPU (rule operator_type).
void add_cpu_sum(GraphBuilder& b, int32_t in, int32_t out) {
  b.add_op(ir::OpType::kSum, {in, b.add_int32_constant("axes", {1, 2})}, {out},
           ir::ReducerOptions{true});
}

TEST(Schedule, ACpuOperatorSplitsTheGraphIntoTwoEthosUOperators) {
  GraphBuilder b("split", 5);
  const int32_t in = b.add_activation("in", {1, 6, 6, 8}, {0.05f, 0});
  const int32_t a = b.add_activation("a", {1, 6, 6, 8}, {0.05f, 1});
  const int32_t t = b.add_activation("t", {1, 1, 1, 8}, {0.05f, -3});
  const int32_t out = b.add_activation("out", {1, 1, 1, 8}, {0.07f, -2});
  const std::vector<float> scales = channel_scales(8);
  b.add_op(
      ir::OpType::kConv2d,
      {in, b.add_weights("w1", {8, 3, 3, 8}, 0, scales), b.add_bias("b1", 8, 0.05f, scales, 500)},
      {a}, ir::Conv2dOptions{});
  add_cpu_sum(b, a, t);
  b.add_op(
      ir::OpType::kConv2d,
      {t, b.add_weights("w2", {8, 1, 1, 8}, 0, scales), b.add_bias("b2", 8, 0.05f, scales, 500)},
      {out}, ir::Conv2dOptions{});
  b.set_io({in}, {out});
  const ir::Model model = b.finish("t");
  auto compiled = compile_model(model, options_for("Shared_Sram"));
  ASSERT_TRUE(compiled) << compiled.status().message();
  EXPECT_EQ(compiled->schedule.segments.size(), 2u);
  const ir::Graph& output = compiled->output.main_graph();
  ASSERT_EQ(output.operators.size(), 3u);
  EXPECT_EQ(output.operators[0].type, ir::OpType::kEthosU);
  EXPECT_EQ(output.operators[1].type, ir::OpType::kSum);
  EXPECT_EQ(output.operators[2].type, ir::OpType::kEthosU);
  EXPECT_EQ(compiled->front.partition.ops[1].rule, "operator_type");
  expect_runs_like_the_cpu(model, options_for("Shared_Sram"));
}

TEST(Schedule, ABinaryOperatorWithOneInputIsRefusedAtImport) {
  // The fuzzer's input: an ADD with one input reached the scheduler, which read
  // its missing second input past the end of the operand list. The graph
  // verifier now checks every operator's operand counts (ir::operand_arity).
  GraphBuilder b("one_input_add", 5);
  const int32_t in = b.add_activation("in", {1, 4, 4, 8}, {0.05f, 0});
  const int32_t out = b.add_activation("out", {1, 4, 4, 8}, {0.05f, 0});
  b.add_op(ir::OpType::kAdd, {in}, {out}, ir::ElementwiseOptions{});
  b.set_io({in}, {out});
  auto compiled = compile_model(b.finish("t"), options_for("Shared_Sram"));
  ASSERT_FALSE(compiled);
  EXPECT_EQ(compiled.status().code(), ErrorCode::kInvalidInput);
  EXPECT_NE(compiled.status().message().find("operator 0 (ADD): expects 2 inputs, has 1"),
            std::string::npos)
      << compiled.status().message();
}

TEST(Schedule, AModelWithoutOutputsIsRefusedBeforeItIsScheduled) {
  // The fuzzer's input: a CONV_2D whose graph lists no outputs compiled to an
  // ethos-u operator without outputs, a file every command then rejected.
  GraphBuilder b("no_outputs", 5);
  const int32_t in = b.add_activation("in", {1, 4, 4, 8}, {0.05f, 0});
  const int32_t out = b.add_activation("out", {1, 4, 4, 8}, {0.05f, 0});
  b.add_op(ir::OpType::kAdd, {in, in}, {out}, ir::ElementwiseOptions{});
  b.set_io({in}, {});
  auto compiled = compile_model(b.finish("t"), options_for("Shared_Sram"));
  ASSERT_FALSE(compiled);
  EXPECT_EQ(compiled.status().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(compiled.status().message(), "the main subgraph has no outputs; nothing to compile");
}

TEST(Schedule, AnNpuSegmentWhoseOutputsNothingReadsIsRefused) {
  // The fuzzer's input had a CONV_2D whose output nothing read compile to an
  // ethos-u operator without outputs. Here: the convolution's output is dead
  // and the graph's output comes from a CPU operator (SUM).
  GraphBuilder b("dead_segment", 5);
  const int32_t in = b.add_activation("in", {1, 6, 6, 8}, {0.05f, 0});
  const int32_t dead = b.add_activation("dead", {1, 6, 6, 8}, {0.05f, 1});
  const int32_t out = b.add_activation("out", {1, 1, 1, 8}, {0.05f, 3});
  const std::vector<float> scales = channel_scales(8);
  b.add_op(
      ir::OpType::kConv2d,
      {in, b.add_weights("w", {8, 3, 3, 8}, 0, scales), b.add_bias("b", 8, 0.05f, scales, 500)},
      {dead}, ir::Conv2dOptions{});
  add_cpu_sum(b, in, out);
  b.set_io({in}, {out});
  auto compiled = compile_model(b.finish("t"), options_for("Shared_Sram"));
  ASSERT_FALSE(compiled);
  EXPECT_EQ(compiled.status().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(compiled.status().message(),
            "operators 0..0 (one NPU segment) compute nothing the graph reads or outputs; nothing "
            "to compile them to");
}

TEST(Schedule, TheFuzzersDeadSegmentFileIsRefusedByTheReader) {
  // Its MAX_POOL_2D has no input: the operand check of the graph verifier.
  auto model = tflite::load_tflite(std::string(VNPU_SOURCE_DIR) +
                                   "/fuzz/corpus/fuzz_compile/regression-dead_npu_segment.tflite");
  ASSERT_FALSE(model);
  EXPECT_NE(model.status().message().find("(MAX_POOL_2D): expects 1 inputs, has 0"),
            std::string::npos)
      << model.status().message();
}

TEST(Schedule, BlockdepIsZeroOnlyWhenAKickOffDependsOnThePreviousOne) {
  // conv1 -> conv2 depends on it (BLOCKDEP 0); conv3 reads only the input and
  // writes a buffer of its own (every tensor is a graph output, so the arena
  // cannot reuse conv2's input for it), so it may overlap conv2 (BLOCKDEP 3).
  GraphBuilder b("branches", 8);
  const int32_t in = b.add_activation("in", {1, 5, 5, 8}, {0.05f, 0});
  const int32_t a = b.add_activation("a", {1, 5, 5, 8}, {0.05f, 1});
  const int32_t c = b.add_activation("c", {1, 5, 5, 8}, {0.05f, 2});
  const int32_t d = b.add_activation("d", {1, 5, 5, 8}, {0.05f, 3});
  const std::vector<float> scales = channel_scales(8);
  auto conv = [&](int32_t from, int32_t to, const char* name) {
    b.add_op(ir::OpType::kConv2d,
             {from, b.add_weights(std::string("w") + name, {8, 1, 1, 8}, 0, scales),
              b.add_bias(std::string("b") + name, 8, 0.05f, scales, 100)},
             {to}, ir::Conv2dOptions{});
  };
  conv(in, a, "1");
  conv(a, c, "2");
  conv(in, d, "3");
  b.set_io({in}, {c, d, a});
  const ir::Model model = b.finish("t");
  auto compiled = compile_model(model, options_for("Sram_Only"));
  ASSERT_TRUE(compiled) << compiled.status().message();
  const isa::DecodedStream decoded = decode(compiled->streams[0]);
  std::vector<uint8_t> blockdeps;
  for (const isa::Operation& op : decoded.operations) {
    if (op.kind == isa::OperationKind::kConv) blockdeps.push_back(op.state.blockdep);
  }
  EXPECT_EQ(blockdeps, (std::vector<uint8_t>{0, 0, 3}));
  expect_runs_like_the_cpu(model, options_for("Sram_Only"));
}

TEST(Schedule, BlockdepIsZeroWhenAKickOffOverwritesBytesThePreviousOneReads) {
  // Without `a` as an output, conv3's output may take `a`'s bytes once conv2
  // has read them: a write-after-read hazard, so no overlap.
  GraphBuilder b("reuse", 8);
  const int32_t in = b.add_activation("in", {1, 5, 5, 8}, {0.05f, 0});
  const int32_t a = b.add_activation("a", {1, 5, 5, 8}, {0.05f, 1});
  const int32_t c = b.add_activation("c", {1, 5, 5, 8}, {0.05f, 2});
  const int32_t d = b.add_activation("d", {1, 5, 5, 8}, {0.05f, 3});
  const std::vector<float> scales = channel_scales(8);
  int32_t n = 0;
  auto conv = [&](int32_t from, int32_t to) {
    const std::string name = std::to_string(++n);
    b.add_op(ir::OpType::kConv2d,
             {from, b.add_weights("w" + name, {8, 1, 1, 8}, 0, scales),
              b.add_bias("b" + name, 8, 0.05f, scales, 100)},
             {to}, ir::Conv2dOptions{});
  };
  conv(in, a);
  conv(a, c);
  conv(in, d);
  b.set_io({in}, {c, d});
  const ir::Model model = b.finish("t");
  auto compiled = compile_model(model, options_for("Sram_Only"));
  ASSERT_TRUE(compiled) << compiled.status().message();
  const std::vector<int64_t>& offsets = compiled->schedule.arena.tensor_offsets;
  ASSERT_EQ(offsets[static_cast<size_t>(d)], offsets[static_cast<size_t>(a)]) << "d reuses a";
  const isa::DecodedStream decoded = decode(compiled->streams[0]);
  EXPECT_EQ(decoded.operations.back().kind, isa::OperationKind::kStop);
  EXPECT_EQ(decoded.operations[2].state.blockdep, 0);
  expect_runs_like_the_cpu(model, options_for("Sram_Only"));
}

TEST(Schedule, NoRegisterIsWrittenWithTheValueItHolds) {
  const ir::Model model = two_convs(8, 8, 16, 16);
  auto compiled = compile_model(model, options_for("Shared_Sram"));
  ASSERT_TRUE(compiled) << compiled.status().message();
  const isa::DecodedStream decoded = decode(compiled->streams[0]);
  std::map<uint16_t, std::pair<uint16_t, uint32_t>> held;
  for (const isa::Command& command : decoded.commands) {
    if (!command.is_cmd1 && isa::operation_kind(command.opcode)) continue;
    const std::pair<uint16_t, uint32_t> value{command.param, command.payload};
    const auto key = static_cast<uint16_t>(command.opcode | (command.is_cmd1 ? 0x4000 : 0));
    auto found = held.find(key);
    EXPECT_TRUE(found == held.end() || found->second != value)
        << "word " << command.word_offset << " rewrites opcode 0x" << std::hex << command.opcode;
    held[key] = value;
  }
}

TEST(Schedule, TheReportPointsAtEachOperatorsCommands) {
  const ir::Model model = two_convs(40, 40, 16, 32);
  auto compiled = compile_model(model, options_for("Shared_Sram"));
  ASSERT_TRUE(compiled) << compiled.status().message();
  const isa::DecodedStream decoded = decode(compiled->streams[0]);
  for (const CompiledOperator& op : compiled->operators) {
    ASSERT_EQ(op.word_offsets.size(), 2u) << "a DMA and a kick-off";
    std::vector<isa::OperationKind> kinds;
    for (uint32_t offset : op.word_offsets) {
      for (const isa::Operation& operation : decoded.operations) {
        if (operation.word_offset == offset) kinds.push_back(operation.kind);
      }
    }
    EXPECT_EQ(kinds, (std::vector<isa::OperationKind>{isa::OperationKind::kDmaStart,
                                                      isa::OperationKind::kConv}));
  }
}

}  // namespace
}  // namespace vnpu::compiler
