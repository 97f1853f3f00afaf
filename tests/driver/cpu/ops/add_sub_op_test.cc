// prepare_add / prepare_sub / prepare_mul: TFLM's multipliers and fused
// activation ranges reach the kernels, broadcasting works end to end, and bad
// operands are rejected with a message that names them.
#include <gtest/gtest.h>

#include <vector>

#include "kernels/add_sub.h"
#include "kernels/mul.h"
#include "tests/driver/cpu/ops/elementwise_op_test_graph.h"

namespace vnpu::driver::cpu {
namespace {

using ir::DataType;
using testing::bytes_of;
using testing::expect_rejected;
using testing::OpGraph;

OpGraph binary_graph(ir::OpType type, ir::FusedActivation activation = ir::FusedActivation::kNone) {
  OpGraph g(type);
  g.input(DataType::kInt8, {1, 2, 3}, 0.05f, -128);
  g.input(DataType::kInt8, {1, 2, 3}, 0.11f, 7);
  g.output(DataType::kInt8, {1, 2, 3}, 0.08f, -20);
  g.op.options = ir::ElementwiseOptions{activation};
  return g;
}

const std::vector<int8_t> kA = {-128, -100, 0, 50, 127, 90};
const std::vector<int8_t> kB = {7, -128, 127, 30, -60, 100};

TEST(PrepareAddSub, AddMatchesKernelWithTflmParameters) {
  const OpGraph g = binary_graph(ir::OpType::kAdd);
  const std::vector<int8_t> got = g.run<int8_t>({bytes_of(kA), bytes_of(kB)});
  const kernels::AddSubParams p = kernels::make_s8_add_params(0.05f, -128, 0.11f, 7, 0.08f, -20);
  std::vector<int8_t> want(6);
  kernels::s8_add(p, kernels::Dims{1, 2, 3}, kA.data(), kernels::Dims{1, 2, 3}, kB.data(),
                  kernels::Dims{1, 2, 3}, want.data());
  EXPECT_EQ(got, want);
}

TEST(PrepareAddSub, SubUsesTheFloatMultipliers) {
  const OpGraph g = binary_graph(ir::OpType::kSub);
  const std::vector<int8_t> got = g.run<int8_t>({bytes_of(kA), bytes_of(kB)});
  const kernels::AddSubParams p = kernels::make_s8_sub_params(0.05f, -128, 0.11f, 7, 0.08f, -20);
  std::vector<int8_t> want(6);
  kernels::s8_sub(p, kernels::Dims{6}, kA.data(), kernels::Dims{6}, kB.data(), kernels::Dims{6},
                  want.data());
  EXPECT_EQ(got, want);
}

TEST(PrepareAddSub, FusedRelu6ClampsToSixInTheOutputScale) {
  // Output scale 0.08, zp -20: 0 -> -20, 6.0 -> -20 + 75 = 55.
  const OpGraph g = binary_graph(ir::OpType::kAdd, ir::FusedActivation::kRelu6);
  const std::vector<int8_t> a = {-128, 127, -128, 127, -28, 0};
  const std::vector<int8_t> b = {-128, 127, 7, 7, 7, 7};
  const std::vector<int8_t> got = g.run<int8_t>({bytes_of(a), bytes_of(b)});
  EXPECT_EQ(got[0], -20);  // -14.85 clamps to 0.0
  EXPECT_EQ(got[1], 55);   // 25.95 clamps to 6.0
  EXPECT_EQ(got[2], -20);  // 0.0 exactly
  for (int8_t v : got) {
    EXPECT_GE(v, -20);
    EXPECT_LE(v, 55);
  }
}

TEST(PrepareAddSub, BroadcastsAScalarAndAChannelVector) {
  OpGraph g(ir::OpType::kAdd);
  g.input(DataType::kInt8, {1}, 1.0f, 0);
  g.input(DataType::kInt8, {2, 1, 3}, 1.0f, 0);
  g.output(DataType::kInt8, {2, 1, 3}, 1.0f, 0);
  const std::vector<int8_t> scalar = {-5};
  const std::vector<int8_t> b = {1, 2, 3, 4, 5, 6};
  EXPECT_EQ(g.run<int8_t>({bytes_of(scalar), bytes_of(b)}),
            (std::vector<int8_t>{-4, -3, -2, -1, 0, 1}));

  OpGraph h(ir::OpType::kMul);
  h.input(DataType::kInt8, {2, 1}, 1.0f, 0);
  h.input(DataType::kInt8, {3}, 1.0f, 0);
  h.output(DataType::kInt8, {2, 3}, 1.0f, 0);
  const std::vector<int8_t> column = {2, -3};
  const std::vector<int8_t> row = {1, 5, -7};
  EXPECT_EQ(h.run<int8_t>({bytes_of(column), bytes_of(row)}),
            (std::vector<int8_t>{2, 10, -14, -3, -15, 21}));
}

TEST(PrepareAddSub, MulMatchesKernelWithTflmParameters) {
  const OpGraph g = binary_graph(ir::OpType::kMul, ir::FusedActivation::kRelu);
  const std::vector<int8_t> got = g.run<int8_t>({bytes_of(kA), bytes_of(kB)});
  kernels::MulParams p = kernels::make_s8_mul_params(0.05f, -128, 0.11f, 7, 0.08f, -20);
  p.activation_min = -20;  // RELU: max(-128, -20 + round(0 / 0.08))
  std::vector<int8_t> want(6);
  kernels::s8_mul(p, kernels::Dims{6}, kA.data(), kernels::Dims{6}, kB.data(), kernels::Dims{6},
                  want.data());
  EXPECT_EQ(got, want);
}

TEST(PrepareAddSub, RejectsBadOperands) {
  for (ir::OpType type : {ir::OpType::kAdd, ir::OpType::kSub, ir::OpType::kMul}) {
    OpGraph g = binary_graph(type);
    g.tensor(g.op.inputs[1]).type = DataType::kInt16;
    expect_rejected(g, ErrorCode::kUnsupported, "input 2 'in1'");

    g = binary_graph(type);
    g.tensor(g.op.outputs[0]).quantization = {};
    expect_rejected(g, ErrorCode::kUnsupported, "not quantized");

    g = binary_graph(type);
    g.tensor(g.op.inputs[0]).shape = {1, 2, 4};
    expect_rejected(g, ErrorCode::kInvalidInput, "do not broadcast");

    g = binary_graph(type);
    g.tensor(g.op.outputs[0]).shape = {2, 3};
    expect_rejected(g, ErrorCode::kInvalidInput, "broadcast shape [1,2,3]");

    g = binary_graph(type);
    g.op.inputs.pop_back();
    expect_rejected(g, ErrorCode::kInvalidInput, "expects 2 inputs");
  }
}

TEST(PrepareAddSub, RejectsScalesTflmCannotRepresent) {
  OpGraph g = binary_graph(ir::OpType::kAdd);
  g.tensor(g.op.outputs[0]).quantization.scales = {1e-9f};
  expect_rejected(g, ErrorCode::kUnsupported, "rescale multiplier below 1");
  // MUL: 100 * 100 / 1e-9 needs a left shift beyond 31 bits.
  OpGraph m = binary_graph(ir::OpType::kMul);
  m.tensor(m.op.inputs[0]).quantization.scales = {100.0f};
  m.tensor(m.op.inputs[1]).quantization.scales = {100.0f};
  m.tensor(m.op.outputs[0]).quantization.scales = {1e-9f};
  expect_rejected(m, ErrorCode::kUnsupported, "left shift");
}

}  // namespace
}  // namespace vnpu::driver::cpu
