// The builtin options of the data-movement operators survive write_tflite ->
// read_tflite with every field set away from its default, and the reader
// rejects values the kernels cannot take with the operator and field named.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/tflite/ir_compare.h"
#include "tflite/reader.h"
#include "tflite/writer.h"

namespace vnpu::tflite {
namespace {

// One operator of `type` reading a [4] int8 tensor (and, when `extra` > 0, that
// many further [1] int32 operands) into a [4] int8 tensor. The reader checks
// operand counts and options, not whether the shapes make sense for the op.
ir::Model one_op_model(ir::OpType type, ir::OpOptions options, size_t inputs, size_t outputs) {
  ir::Model model;
  ir::Graph& g = model.graphs.emplace_back();
  auto add = [&g](const std::string& name) {
    ir::Tensor t;
    t.name = name;
    t.shape = {4};
    g.tensors.push_back(t);
    return static_cast<int32_t>(g.tensors.size() - 1);
  };
  ir::Operator op{type, {}, {}, std::move(options)};
  for (size_t i = 0; i < inputs; ++i) op.inputs.push_back(add("in" + std::to_string(i)));
  for (size_t i = 0; i < outputs; ++i) op.outputs.push_back(add("out" + std::to_string(i)));
  g.inputs = op.inputs;
  g.outputs = op.outputs;
  g.operators.push_back(std::move(op));
  return model;
}

Expected<ir::Model> round_trip(const ir::Model& model) {
  auto bytes = write_tflite(model);
  if (!bytes) return bytes.status();
  return read_tflite(bytes->data(), bytes->size(), "test.tflite");
}

TEST(DataOptionsRoundTrip, EveryFieldSurvives) {
  using ir::OpType;
  struct Case {
    OpType type;
    ir::OpOptions options;
    size_t inputs, outputs;
  };
  const std::vector<Case> cases = {
      {OpType::kStridedSlice, ir::StridedSliceOptions{1, 2, 4, 8, 16, true}, 4, 1},
      {OpType::kPack, ir::PackOptions{2, -1}, 2, 1},
      {OpType::kUnpack, ir::PackOptions{3, 1}, 1, 3},
      {OpType::kSplit, ir::SplitOptions{2}, 2, 2},
      {OpType::kSplitV, ir::SplitOptions{3}, 3, 3},
      {OpType::kGather, ir::GatherOptions{-2, 1}, 2, 1},
      {OpType::kDepthToSpace, ir::BlockSizeOptions{3}, 1, 1},
      {OpType::kSpaceToDepth, ir::BlockSizeOptions{2}, 1, 1},
      {OpType::kMirrorPad, ir::MirrorPadOptions{ir::MirrorPadMode::kSymmetric}, 2, 1},
      {OpType::kResizeBilinear, ir::ResizeOptions{true, false}, 2, 1},
      {OpType::kResizeNearestNeighbor, ir::ResizeOptions{false, true}, 2, 1},
      {OpType::kShape, ir::ShapeOptions{ir::DataType::kInt64}, 1, 1},
      {OpType::kTranspose, std::monostate{}, 2, 1},
      {OpType::kCast, std::monostate{}, 1, 1},
      {OpType::kEmbeddingLookup, std::monostate{}, 2, 1},
      {OpType::kBroadcastArgs, std::monostate{}, 2, 1},
      {OpType::kDynamicUpdateSlice, std::monostate{}, 3, 1},
  };
  for (const Case& c : cases) {
    const ir::Model model = one_op_model(c.type, c.options, c.inputs, c.outputs);
    auto reread = round_trip(model);
    ASSERT_TRUE(reread) << ir::op_type_name(c.type) << ": " << reread.status().message();
    EXPECT_TRUE(testing::models_equal(model, *reread)) << ir::op_type_name(c.type);
  }
}

TEST(DataOptionsRoundTrip, BadValuesAreRejectedWithTheField) {
  struct Case {
    ir::OpType type;
    ir::OpOptions options;
    size_t inputs, outputs;
    const char* fragment;
  };
  const std::vector<Case> cases = {
      {ir::OpType::kDepthToSpace, ir::BlockSizeOptions{0}, 1, 1, "block_size 0 must be at least 1"},
      {ir::OpType::kSplit, ir::SplitOptions{0}, 2, 1, "num_splits 0 must be at least 1"},
      {ir::OpType::kPack, ir::PackOptions{0, 0}, 1, 1, "values_count 0 must be at least 1"},
  };
  for (const Case& c : cases) {
    auto reread = round_trip(one_op_model(c.type, c.options, c.inputs, c.outputs));
    ASSERT_FALSE(reread) << c.fragment;
    EXPECT_EQ(reread.status().code(), ErrorCode::kInvalidInput);
    EXPECT_NE(reread.status().message().find(c.fragment), std::string::npos)
        << reread.status().message();
    EXPECT_NE(reread.status().message().find(ir::op_type_name(c.type)), std::string::npos)
        << reread.status().message();
  }
}

}  // namespace
}  // namespace vnpu::tflite
