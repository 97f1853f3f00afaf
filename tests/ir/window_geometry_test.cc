#include "ir/window_geometry.h"

#include <gtest/gtest.h>

#include <limits>

#include "ir/verifier.h"

namespace vnpu::ir {
namespace {

constexpr int32_t kInt32Max = std::numeric_limits<int32_t>::max();

Tensor int8_tensor(const std::string& name, Shape shape) {
  Tensor tensor;
  tensor.name = name;
  tensor.shape = std::move(shape);
  tensor.quantization.scales = {0.5f};
  tensor.quantization.zero_points = {0};
  return tensor;
}

// input [1,32,32,3] -> CONV_2D (filter [16,3,3,3], VALID) -> output [1,30,30,16]
Graph conv_graph(int32_t dilation_h, int32_t dilation_w) {
  Graph graph;
  graph.tensors = {int8_tensor("in", {1, 32, 32, 3}), int8_tensor("filter", {16, 3, 3, 3}),
                   int8_tensor("out", {1, 30, 30, 16})};
  graph.tensors[1].data.assign(16 * 3 * 3 * 3, 1);
  Conv2dOptions options;
  options.padding = Padding::kValid;
  options.dilation_h = dilation_h;
  options.dilation_w = dilation_w;
  graph.operators.push_back({OpType::kConv2d, {0, 1}, {2}, options});
  graph.inputs = {0};
  graph.outputs = {2};
  return graph;
}

TEST(WindowGeometry, EffectiveExtentIsComputedIn64Bits) {
  EXPECT_EQ(effective_filter_extent(3, 1), 3);
  EXPECT_EQ(effective_filter_extent(3, 2), 5);
  EXPECT_EQ(effective_filter_extent(1, kInt32Max), 1);
  EXPECT_EQ(effective_filter_extent(3, kInt32Max), 4294967295LL);
  EXPECT_EQ(effective_filter_extent(kInt32Max, kInt32Max),
            (int64_t{kInt32Max} - 1) * kInt32Max + 1);
}

TEST(WindowGeometry, AxisLimitIsTheInputPlusTheExtent) {
  // Extent + input == INT32_MAX is the largest accepted.
  EXPECT_TRUE(check_window_axis("height", "dilation", 1, 32, kInt32Max - 32, 1).is_ok());
  const Status status = check_window_axis("height", "dilation", 1, 32, kInt32Max - 31, 1);
  ASSERT_FALSE(status.is_ok());
  EXPECT_EQ(status.code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(status.message(),
            "dilation 1 makes the effective filter height 2147483616 exceed 2147483615 "
            "(2^31 - 1 less the input height 32)");
}

TEST(WindowGeometry, VerifierRejectsAnOverflowingDilationNamingOperatorAndValue) {
  EXPECT_TRUE(verify_graph(conv_graph(1, 1)).is_ok());
  EXPECT_TRUE(verify_graph(conv_graph(2, 2)).is_ok());  // geometry the prepare rejects later
  const Status status = verify_graph(conv_graph(kInt32Max, 1));
  ASSERT_FALSE(status.is_ok());
  EXPECT_EQ(status.message(),
            "operator 0 (CONV_2D): dilation 2147483647 makes the effective filter height "
            "4294967295 exceed 2147483615 (2^31 - 1 less the input height 32)");
  const Status width = verify_graph(conv_graph(1, 1073741824));
  ASSERT_FALSE(width.is_ok());
  EXPECT_NE(width.message().find("dilation 1073741824 makes the effective filter width "
                                 "2147483649"),
            std::string::npos)
      << width.message();
}

TEST(WindowGeometry, DepthwiseAndPoolingAreChecked) {
  Graph depthwise = conv_graph(1, 1);
  depthwise.tensors[1] = int8_tensor("filter", {1, 3, 3, 3});
  depthwise.tensors[1].data.assign(27, 1);
  DepthwiseConv2dOptions depthwise_options;
  depthwise_options.dilation_w = kInt32Max;
  depthwise.operators[0] = {OpType::kDepthwiseConv2d, {0, 1}, {2}, depthwise_options};
  EXPECT_NE(verify_graph(depthwise).message().find("(DEPTHWISE_CONV_2D): dilation 2147483647"),
            std::string::npos);

  Graph pool = conv_graph(1, 1);
  Pool2dOptions pool_options;
  pool_options.filter_h = kInt32Max;
  pool.operators[0] = {OpType::kMaxPool2d, {0}, {2}, pool_options};
  EXPECT_NE(verify_graph(pool).message().find(
                "(MAX_POOL_2D): filter size 2147483647 makes the effective filter height"),
            std::string::npos)
      << verify_graph(pool).message();
}

TEST(WindowGeometry, MalformedOperandsAreLeftToPrepare) {
  Graph graph = conv_graph(kInt32Max, 1);
  graph.tensors[1].shape = {16, 27};  // wrong rank: CONV_2D's prepare names it
  graph.tensors[1].data.assign(16 * 27, 1);
  EXPECT_TRUE(check_window_geometry(graph, graph.operators[0]).is_ok());
  Graph zero = conv_graph(0, 1);  // dilation 0: prepare's ">= 1" message
  EXPECT_TRUE(check_window_geometry(zero, zero.operators[0]).is_ok());
}

// input [1,128,4,8] -> TRANSPOSE_CONV (filter [8,3,3,8]) with stride_h `stride`.
Graph transpose_conv_graph(int32_t stride) {
  Graph graph;
  Tensor shape = int8_tensor("output_shape", {4});
  shape.type = DataType::kInt32;
  shape.quantization = {};
  shape.data.assign(16, 0);
  graph.tensors = {shape, int8_tensor("filter", {8, 3, 3, 8}), int8_tensor("in", {1, 128, 4, 8}),
                   int8_tensor("out", {1, 128, 4, 8})};
  graph.tensors[1].data.assign(8 * 3 * 3 * 8, 1);
  TransposeConvOptions options;
  options.stride_h = stride;
  graph.operators.push_back({OpType::kTransposeConv, {0, 1, 2}, {3}, options});
  graph.inputs = {2};
  graph.outputs = {3};
  return graph;
}

TEST(WindowGeometry, TransposeConvStridedInputMustFitInt32) {
  EXPECT_TRUE(verify_graph(transpose_conv_graph(2)).is_ok());
  // (128 - 1) * 16909320 + 3 = 2147483643: the largest that fits.
  EXPECT_TRUE(verify_graph(transpose_conv_graph(16909320)).is_ok());
  const Status status = verify_graph(transpose_conv_graph(16909321));
  ASSERT_FALSE(status.is_ok());
  EXPECT_NE(status.message().find("stride 16909321 makes the transposed height 2147483770 exceed"),
            std::string::npos)
      << status.message();
}

}  // namespace
}  // namespace vnpu::ir
