// ARG_MAX on int8 along the last axis (lower_arg_max.cc), compiled whole and
// run on the functional NPU against the CPU runtime (compile_and_compare):
// 200 random shapes of rank 1-4 with 1-256 values along the axis, int32 and
// int64 outputs, inputs drawn
// from narrow ranges so that ties (TFLite takes the first index) are common,
// on every U55 configuration (the 16 KB SHRAMs keep a chain on the CPU).
// Forms the lowering does not take stay on the CPU with the reason.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "compiler/codegen/lower_op.h"
#include "core/deterministic_rng.h"
#include "ir/graph_edit.h"
#include "isa/accelerator_config.h"
#include "models/graph_builder.h"
#include "tests/compiler/compiler_testing.h"

namespace vnpu::compiler {
namespace {

struct Case {
  ir::Model model;
  std::string label;
};

Case arg_max_model(const ir::Shape& shape, int64_t axis, ir::DataType output_type,
                   ir::DataType input_type = ir::DataType::kInt8) {
  models::GraphBuilder b("arg_max", 1);
  const int32_t in =
      b.add_activation("in", shape, {0.05f, input_type == ir::DataType::kInt8 ? 3 : 0});
  b.graph().tensors[static_cast<size_t>(in)].type = input_type;
  ir::Shape out_shape = shape;
  const auto rank = static_cast<int64_t>(shape.size());
  out_shape.erase(out_shape.begin() + (axis < 0 ? axis + rank : axis));
  ir::Tensor out_tensor;
  out_tensor.name = "out";
  out_tensor.type = output_type;
  out_tensor.shape = out_shape;
  const int32_t out = ir::add_tensor(b.graph(), out_tensor);
  const int32_t axis_tensor = ir::add_int32_constant(b.graph(), "axis", {axis});
  b.add_op(ir::OpType::kArgMax, {in, axis_tensor}, {out}, std::monostate{});
  b.set_io({in}, {out});
  return {b.finish("t"), "ARG_MAX " + ir::shape_to_string(shape) + " axis " + std::to_string(axis) +
                             " -> " + ir::data_type_name(output_type)};
}

ir::Shape random_shape(DeterministicRng& rng) {
  const int32_t rank = rng.uniform(1, 4);
  ir::Shape shape;
  for (int32_t d = 0; d + 1 < rank; ++d) shape.push_back(rng.uniform(1, d == 0 ? 2 : 9));
  const int32_t kind = rng.uniform(0, 3);
  shape.push_back(kind == 0 ? 256 : (kind == 1 ? rng.uniform(1, 8) : rng.uniform(1, 256)));
  return shape;
}

// int8 values in a random window of 1-256 levels: narrow windows give ties.
std::vector<uint8_t> random_values(DeterministicRng& rng, int64_t count) {
  const int32_t width = rng.uniform(0, 2) == 0 ? rng.uniform(1, 4) : rng.uniform(1, 256);
  const int32_t low = rng.uniform(-128, 128 - width);
  std::vector<uint8_t> bytes;
  for (int64_t i = 0; i < count; ++i) {
    bytes.push_back(static_cast<uint8_t>(static_cast<int8_t>(rng.uniform(low, low + width - 1))));
  }
  return bytes;
}

TEST(CodegenArgMax, RandomShapesAndTiesMatchTheCpuRuntime) {
  int on_npu = 0;
  for (int i = 0; i < 200; ++i) {
    const auto seed = static_cast<uint64_t>(61000 + i);
    DeterministicRng rng(seed);
    const ir::Shape shape = random_shape(rng);
    const int64_t axis = rng.uniform(0, 1) == 0 ? -1 : static_cast<int64_t>(shape.size()) - 1;
    const ir::DataType output =
        rng.uniform(0, 3) == 0 ? ir::DataType::kInt64 : ir::DataType::kInt32;
    const Case c = arg_max_model(shape, axis, output);
    CompilerOptions options;
    options.accelerator_config = testing::random_accelerator(rng);
    const std::string refusal = testing::npu_refusal(c.model, options);
    on_npu += refusal.empty() ? 1 : 0;
    if (!refusal.empty()) {
      EXPECT_NE(refusal.find("16 KB SHRAM"), std::string::npos) << c.label << ": " << refusal;
    }
    const std::vector<uint8_t> values = random_values(rng, ir::element_count(shape));
    EXPECT_EQ(testing::compile_and_compare(c.model, options, {values}), "")
        << c.label << " on " << options.accelerator_config;
  }
  EXPECT_GE(on_npu, 90);  // every case on ethos-u55-128 and -256 (half the draws)
}

// An int64 output may sit on bytes an earlier tensor left, so both words of
// every element are written: the index at +0 and 0 at +4, rows 8 bytes apart.
// (compile_and_compare's fresh arena is zero and could not tell.)
TEST(CodegenArgMax, Int64IndicesWriteBothWordsOfEachElement) {
  const Case c = arg_max_model({3, 5}, 1, ir::DataType::kInt64);
  const ir::Graph& graph = c.model.main_graph();
  FeatureMapPlacement placement;
  placement.ifm_offset = 0;
  placement.scratch_offset = 64;
  placement.ofm_offset = 1024;
  Expected<isa::AcceleratorConfig> config = isa::find_accelerator_config("ethos-u55-128");
  ASSERT_TRUE(config);
  Expected<LoweredOp> lowered = lower_operator(graph, graph.operators[0], *config, placement);
  ASSERT_TRUE(lowered) << lowered.status().message();
  std::vector<uint64_t> words;
  for (const ChainedKickOff& k : lowered->chain) {
    const uint64_t base = k.state.ofm.tile_base[0];
    if (base < placement.ofm_offset || base >= placement.ofm_offset + 3 * 8) continue;
    EXPECT_EQ(k.state.ofm.stride_y, 8u);
    EXPECT_EQ(k.state.ofm.type.bits, 32);
    words.push_back(base - placement.ofm_offset);
  }
  EXPECT_NE(std::find(words.begin(), words.end(), 0u), words.end()) << "no step writes the index";
  EXPECT_NE(std::find(words.begin(), words.end(), 4u), words.end())
      << "no step writes the high word";
}

TEST(CodegenArgMax, OtherFormsStayOnTheCpuWithTheReason) {
  testing::expect_stays_on_cpu(arg_max_model({1, 4, 6}, 1, ir::DataType::kInt32).model,
                               "a middle axis", "last axis");
  testing::expect_stays_on_cpu(arg_max_model({2, 257}, 1, ir::DataType::kInt32).model, "257 values",
                               "at most 256");
  testing::expect_stays_on_cpu(
      arg_max_model({2, 5}, 1, ir::DataType::kInt32, ir::DataType::kInt16).model, "an int16 input",
      "must be int8");
}

}  // namespace
}  // namespace vnpu::compiler
