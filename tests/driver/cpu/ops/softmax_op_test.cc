// prepare_softmax: beta and the input scale reach the kernel, int8 and int16
// outputs, and TFLM's fixed output quantization and limits are enforced.
#include <gtest/gtest.h>

#include <vector>

#include "kernels/softmax.h"
#include "tests/driver/cpu/ops/elementwise_op_test_graph.h"

namespace vnpu::driver::cpu {
namespace {

using ir::DataType;
using testing::bytes_of;
using testing::expect_rejected;
using testing::OpGraph;

OpGraph softmax_graph(float beta, DataType output_type = DataType::kInt8) {
  OpGraph g(ir::OpType::kSoftmax);
  g.input(DataType::kInt8, {2, 5}, 0.17f, 24);
  if (output_type == DataType::kInt16) {
    g.output(DataType::kInt16, {2, 5}, 1.0f / 65536, -32768);
  } else {
    g.output(output_type, {2, 5}, 1.0f / 256, -128);
  }
  g.op.options = ir::SoftmaxOptions{beta};
  return g;
}

const std::vector<int8_t> kRows = {-128, 0, 30, 31, 127, 5, 5, 5, -20, 6};

TEST(PrepareSoftmax, Int8MatchesKernelWithBeta) {
  for (float beta : {1.0f, 0.5f, 2.5f}) {
    const std::vector<int8_t> got = softmax_graph(beta).run<int8_t>({bytes_of(kRows)});
    kernels::SoftmaxParams p;
    ASSERT_TRUE(kernels::make_s8_softmax_params(0.17f, beta, &p));
    std::vector<int8_t> want(10);
    kernels::s8_softmax(p, kernels::Dims{2, 5}, kRows.data(), kernels::Dims{2, 5}, want.data());
    EXPECT_EQ(got, want) << "beta " << beta;
  }
}

TEST(PrepareSoftmax, Int16Output) {
  const std::vector<int16_t> got =
      softmax_graph(1.0f, DataType::kInt16).run<int16_t>({bytes_of(kRows)});
  kernels::SoftmaxParams p;
  ASSERT_TRUE(kernels::make_s8_softmax_params(0.17f, 1.0f, &p));
  std::vector<int16_t> want(10);
  kernels::s8_softmax_s16(p, kernels::Dims{2, 5}, kRows.data(), kernels::Dims{2, 5}, want.data());
  // Row 1 holds 5, 5, 5, -20, 6 -> 6 is the largest.
  EXPECT_EQ(got, want);
  EXPECT_GT(got[9], got[5]);
}

TEST(PrepareSoftmax, EnforcesTflmOutputQuantization) {
  OpGraph g = softmax_graph(1.0f);
  g.tensor(g.op.outputs[0]).quantization.zero_points = {0};
  expect_rejected(g, ErrorCode::kUnsupported, "zero point -128");
  g = softmax_graph(1.0f);
  g.tensor(g.op.outputs[0]).quantization.scales = {1.0f / 255};
  expect_rejected(g, ErrorCode::kUnsupported, "quantization must be scale");
  // int16: within 0.1 % of 1/65536 passes, 1 % does not.
  g = softmax_graph(1.0f, DataType::kInt16);
  g.tensor(g.op.outputs[0]).quantization.scales = {1.0005f / 65536};
  EXPECT_TRUE(g.prepare()) << g.prepare().status().message();
  g.tensor(g.op.outputs[0]).quantization.scales = {1.01f / 65536};
  expect_rejected(g, ErrorCode::kUnsupported, "quantization must be scale");
  g = softmax_graph(1.0f, DataType::kInt32);
  expect_rejected(g, ErrorCode::kUnsupported, "expected int8 or int16");
}

TEST(PrepareSoftmax, RejectsBadInputs) {
  OpGraph g = softmax_graph(1.0f);
  g.tensor(g.op.inputs[0]).type = DataType::kUInt8;
  expect_rejected(g, ErrorCode::kUnsupported, "input 'in0'");
  g = softmax_graph(1.0f);
  g.tensor(g.op.inputs[0]).quantization = {};
  expect_rejected(g, ErrorCode::kUnsupported, "not quantized");
  g = softmax_graph(1.0f);
  g.tensor(g.op.outputs[0]).shape = {2, 4};
  expect_rejected(g, ErrorCode::kInvalidInput, "shape differs");
  g = softmax_graph(1.0f);
  g.tensor(g.op.inputs[0]).shape = {};
  g.tensor(g.op.outputs[0]).shape = {};
  expect_rejected(g, ErrorCode::kInvalidInput, "rank 1 or more");
  g = softmax_graph(1.0f);
  g.tensor(g.op.inputs[0]).shape = {1, 5000};
  g.tensor(g.op.outputs[0]).shape = {1, 5000};
  expect_rejected(g, ErrorCode::kUnsupported, "last dimension above 4095");
  g = softmax_graph(0.0f);
  expect_rejected(g, ErrorCode::kUnsupported, "must exceed 2^-26");
}

}  // namespace
}  // namespace vnpu::driver::cpu
