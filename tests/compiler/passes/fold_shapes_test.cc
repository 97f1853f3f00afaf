// fold_shapes: SHAPE becomes the constant shape it outputs. Random int8 and
// int16 inputs of rank 1 to 5 with int32 or int64 shapes, as a graph output
// and as the shape operand of a RESHAPE: the pass removes every SHAPE and
// keeps the CPU's outputs byte for byte (run_pass_and_compare), and the
// compiled model leaves no operator on the CPU. A scalar's SHAPE (an empty
// vector) stays an operator.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "compiler/passes/passes.h"
#include "core/deterministic_rng.h"
#include "models/graph_builder.h"
#include "tests/compiler/compiler_testing.h"

namespace vnpu::compiler {
namespace {

void set_type(models::GraphBuilder& b, int32_t tensor, ir::DataType type) {
  ir::Tensor& t = b.graph().tensors[static_cast<size_t>(tensor)];
  t.type = type;
  t.quantization = {};
}

ir::Model shape_model(DeterministicRng& rng, uint64_t seed, bool reshape) {
  models::GraphBuilder b("shape", seed);
  ir::Shape shape;
  const int32_t rank = rng.uniform(1, 5);
  for (int32_t axis = 0; axis < rank; ++axis) shape.push_back(rng.uniform(1, 6));
  const int32_t in = b.add_activation("in", shape, {0.01f, 0});
  if (rng.uniform(0, 1) == 0) set_type(b, in, ir::DataType::kInt16);
  const ir::DataType out_type =
      reshape || rng.uniform(0, 1) == 0 ? ir::DataType::kInt32 : ir::DataType::kInt64;
  const int32_t dims = b.add_activation("dims", {rank}, {1.0f, 0});
  set_type(b, dims, out_type);
  b.add_op(ir::OpType::kShape, {in}, {dims}, ir::ShapeOptions{out_type});
  if (!reshape) {
    b.set_io({in}, {dims});
    return b.finish("t");
  }
  // RESHAPE of a flat input to the input's shape, read from SHAPE.
  const int32_t flat =
      b.add_activation("flat", {static_cast<int32_t>(ir::element_count(shape))}, {0.01f, 0});
  const int32_t out = b.add_activation("out", shape, {0.01f, 0});
  b.add_op(ir::OpType::kReshape, {flat, dims}, {out}, ir::ReshapeOptions{shape});
  b.set_io({in, flat}, {out});
  return b.finish("t");
}

size_t shape_operators(const ir::Model& model) {
  size_t count = 0;
  for (const ir::Operator& op : model.graphs[0].operators) count += op.type == ir::OpType::kShape;
  return count;
}

TEST(FoldShapes, ShapeBecomesTheConstantItComputes) {
  constexpr int kCases = 200;
  for (int i = 0; i < kCases; ++i) {
    const auto seed = static_cast<uint64_t>(52000 + i);
    DeterministicRng rng(seed);
    const bool reshape = i % 2 == 1;
    const ir::Model model = shape_model(rng, seed, reshape);
    SCOPED_TRACE("case " + std::to_string(i) + (reshape ? " (RESHAPE operand)" : " (output)"));
    const ir::Model after = testing::run_pass_and_compare(model, fold_shapes);
    EXPECT_EQ(shape_operators(after), 0u);
    CompilerOptions options;
    options.accelerator_config = "ethos-u55-128";
    EXPECT_EQ(testing::npu_refusal(model, options), "");
  }
}

TEST(FoldShapes, TheShapeOfAScalarStaysAnOperator) {
  models::GraphBuilder b("scalar", 1);
  const int32_t in = b.add_activation("in", {}, {0.01f, 0});
  const int32_t dims = b.add_activation("dims", {0}, {1.0f, 0});
  set_type(b, dims, ir::DataType::kInt32);
  b.add_op(ir::OpType::kShape, {in}, {dims}, ir::ShapeOptions{ir::DataType::kInt32});
  b.set_io({in}, {dims});
  const ir::Model after = testing::run_pass_and_compare(b.finish("t"), fold_shapes);
  EXPECT_EQ(shape_operators(after), 1u);
}

}  // namespace
}  // namespace vnpu::compiler
