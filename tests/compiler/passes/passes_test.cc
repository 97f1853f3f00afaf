// Each graph pass on small graphs: does it rewrite what it should, leave
// alone what it must, and compute byte-identical outputs (CPU oracle)?
#include <gtest/gtest.h>

#include "compiler/passes/passes.h"
#include "models/graph_builder.h"
#include "tests/compiler/compiler_testing.h"

namespace vnpu::compiler {
namespace {

using models::GraphBuilder;
using models::QuantParams;
using testing::count_ops;
using testing::run_pass_and_compare;

// input [1,8,8,3] -> CONV 3x3 (options) -> t -> [activation op] -> out.
ir::Model conv_then(ir::OpType activation, QuantParams mid_q, QuantParams out_q,
                    ir::FusedActivation existing = ir::FusedActivation::kNone) {
  GraphBuilder b("conv_relu", 11);
  const int32_t in = b.add_activation("in", {1, 8, 8, 3}, {0.05f, 3});
  const std::vector<float> scales = {0.01f, 0.02f, 0.015f, 0.03f};
  const int32_t w = b.add_weights("w", {4, 3, 3, 3}, 0, scales);
  const int32_t bias = b.add_bias("b", 4, 0.05f, scales, 2000);
  const int32_t mid = b.add_activation("mid", {1, 8, 8, 4}, mid_q);
  const int32_t out = b.add_activation("out", {1, 8, 8, 4}, out_q);
  ir::Conv2dOptions options;
  options.activation = existing;
  b.add_op(ir::OpType::kConv2d, {in, w, bias}, {mid}, options);
  b.add_op(activation, {mid}, {out});
  b.set_io({in}, {out});
  return b.finish("test");
}

TEST(FuseActivations, FusesReluRelu6AndReluN1To1WithEqualQuantization) {
  for (ir::OpType type : {ir::OpType::kRelu, ir::OpType::kRelu6, ir::OpType::kReluN1To1}) {
    for (QuantParams q : {QuantParams{0.04f, -20}, QuantParams{0.01f, 100}, QuantParams{0.1f, -128}}) {
      const ir::Model after = run_pass_and_compare(conv_then(type, q, q), fuse_activations);
      EXPECT_EQ(after.main_graph().operators.size(), 1u) << ir::op_type_name(type);
    }
  }
}

TEST(FuseActivations, AbsorbsAnExistingFusedActivation) {
  const QuantParams q{0.04f, -20};
  const ir::Model after = run_pass_and_compare(
      conv_then(ir::OpType::kRelu6, q, q, ir::FusedActivation::kRelu), fuse_activations);
  ASSERT_EQ(after.main_graph().operators.size(), 1u);
  EXPECT_EQ(std::get<ir::Conv2dOptions>(after.main_graph().operators[0].options).activation,
            ir::FusedActivation::kRelu6);
}

TEST(FuseActivations, KeepsARequantizingRelu) {
  const ir::Model after = run_pass_and_compare(
      conv_then(ir::OpType::kRelu, {0.04f, -20}, {0.02f, -128}), fuse_activations);
  EXPECT_EQ(after.main_graph().operators.size(), 2u);
}

TEST(FuseActivations, KeepsReluWhenTheIntermediateHasAnotherReader) {
  GraphBuilder b("two_readers", 3);
  const int32_t x = b.add_activation("x", {1, 4, 4, 2}, {0.05f, 0});
  const int32_t y = b.add_activation("y", {1, 4, 4, 2}, {0.05f, 0});
  const int32_t mid = b.add_activation("mid", {1, 4, 4, 2}, {0.08f, 5});
  const int32_t r = b.add_activation("r", {1, 4, 4, 2}, {0.08f, 5});
  const int32_t s = b.add_activation("s", {1, 4, 4, 2}, {0.1f, 0});
  b.add_op(ir::OpType::kAdd, {x, y}, {mid}, ir::ElementwiseOptions{});
  b.add_op(ir::OpType::kRelu, {mid}, {r});
  b.add_op(ir::OpType::kAdd, {r, mid}, {s}, ir::ElementwiseOptions{});
  b.set_io({x, y}, {s});
  const ir::Model after = run_pass_and_compare(b.finish("t"), fuse_activations);
  EXPECT_EQ(count_ops(after.main_graph(), ir::OpType::kRelu), 1u);
}

// in [1,h,w,4] -> PAD (pt,pb,pl,pr) -> consumer (3x3 conv / depthwise / 3x3 max pool, VALID).
ir::Model pad_then(ir::OpType consumer, int32_t h, int32_t w, std::vector<int32_t> pads,
                   int32_t stride, int32_t zero_point) {
  GraphBuilder b("pad", 5);
  const QuantParams q{0.05f, zero_point};
  const int32_t in = b.add_activation("in", {1, h, w, 4}, q);
  const int32_t paddings = b.add_int32_constant("paddings", {0, 0, pads[0], pads[1], pads[2], pads[3], 0, 0});
  b.graph().tensors[static_cast<size_t>(paddings)].shape = {4, 2};
  const int32_t ph = h + pads[0] + pads[1];
  const int32_t pw = w + pads[2] + pads[3];
  const int32_t padded = b.add_activation("padded", {1, ph, pw, 4}, q);
  b.add_op(ir::OpType::kPad, {in, paddings}, {padded});
  const int32_t oh = (ph - 3) / stride + 1;
  const int32_t ow = (pw - 3) / stride + 1;
  const std::vector<float> scales = {0.01f, 0.02f, 0.015f, 0.03f};
  if (consumer == ir::OpType::kMaxPool2d) {
    const int32_t out = b.add_activation("out", {1, oh, ow, 4}, q);
    ir::Pool2dOptions options{ir::Padding::kValid, stride, stride, 3, 3, ir::FusedActivation::kNone};
    b.add_op(consumer, {padded}, {out}, options);
    b.set_io({in}, {out});
  } else if (consumer == ir::OpType::kConv2d) {
    const int32_t wt = b.add_weights("w", {4, 3, 3, 4}, 0, scales);
    const int32_t bias = b.add_bias("b", 4, 0.05f, scales, 1000);
    const int32_t out = b.add_activation("out", {1, oh, ow, 4}, {0.1f, -3});
    ir::Conv2dOptions options;
    options.padding = ir::Padding::kValid;
    options.stride_h = options.stride_w = stride;
    b.add_op(consumer, {padded, wt, bias}, {out}, options);
    b.set_io({in}, {out});
  } else {
    const int32_t wt = b.add_weights("w", {1, 3, 3, 4}, 3, scales);
    const int32_t bias = b.add_bias("b", 4, 0.05f, scales, 1000);
    const int32_t out = b.add_activation("out", {1, oh, ow, 4}, {0.1f, -3});
    ir::DepthwiseConv2dOptions options;
    options.padding = ir::Padding::kValid;
    options.stride_h = options.stride_w = stride;
    b.add_op(consumer, {padded, wt, bias}, {out}, options);
    b.set_io({in}, {out});
  }
  return b.finish("t");
}

TEST(FoldPadIntoConvolution, FoldsSameEquivalentPaddingIntoConvAndDepthwise) {
  for (ir::OpType type : {ir::OpType::kConv2d, ir::OpType::kDepthwiseConv2d}) {
    // Stride 1: SAME pads (1,1). Stride 2 on 8: SAME output 4 needs total 1, split (0,1).
    const ir::Model a = run_pass_and_compare(pad_then(type, 7, 9, {1, 1, 1, 1}, 1, -7),
                                             fold_pad_into_convolution);
    EXPECT_EQ(a.main_graph().operators.size(), 1u) << ir::op_type_name(type);
    const ir::Model b = run_pass_and_compare(pad_then(type, 8, 8, {0, 1, 0, 1}, 2, 12),
                                             fold_pad_into_convolution);
    EXPECT_EQ(b.main_graph().operators.size(), 1u) << ir::op_type_name(type);
  }
}

TEST(FoldPadIntoConvolution, KeepsPaddingSameCannotExpress) {
  // (1,0) on stride 2: SAME would pad (0,1); (2,2) on a 3x3 stride 1: more than SAME.
  for (auto pads : {std::vector<int32_t>{1, 0, 1, 0}, std::vector<int32_t>{2, 2, 2, 2}}) {
    const int32_t stride = pads[0] == 1 ? 2 : 1;
    const ir::Model after = run_pass_and_compare(
        pad_then(ir::OpType::kConv2d, 8, 8, pads, stride, 0), fold_pad_into_convolution);
    EXPECT_EQ(after.main_graph().operators.size(), 2u);
  }
}

TEST(FoldPadIntoConvolution, FoldsIntoMaxPoolOnlyWhenThePadValueIsMinus128) {
  const ir::Model folded = run_pass_and_compare(
      pad_then(ir::OpType::kMaxPool2d, 6, 6, {1, 1, 1, 1}, 1, -128), fold_pad_into_convolution);
  EXPECT_EQ(folded.main_graph().operators.size(), 1u);
  const ir::Model kept = run_pass_and_compare(
      pad_then(ir::OpType::kMaxPool2d, 6, 6, {1, 1, 1, 1}, 1, 0), fold_pad_into_convolution);
  EXPECT_EQ(kept.main_graph().operators.size(), 2u);
}

TEST(FoldPadIntoConvolution, RemovesAZeroPad) {
  const ir::Model after = run_pass_and_compare(
      pad_then(ir::OpType::kMaxPool2d, 6, 6, {0, 0, 0, 0}, 1, 0), fold_pad_into_convolution);
  EXPECT_EQ(after.main_graph().operators.size(), 1u);
}

ir::Model fully_connected(ir::Shape input_shape, int32_t rows_out, bool bias, bool per_channel) {
  GraphBuilder b("fc", 9);
  const int32_t in = b.add_activation("in", input_shape, {0.03f, -4});
  const int32_t depth = input_shape.back();
  const int64_t rows = ir::element_count(input_shape) / depth;
  std::vector<float> scales(per_channel ? static_cast<size_t>(rows_out) : 1, 0.02f);
  for (size_t i = 0; i < scales.size(); ++i) scales[i] += 0.001f * static_cast<float>(i);
  const int32_t w = b.add_weights("w", {rows_out, depth}, 0, scales);
  const int32_t out = b.add_activation("out", {static_cast<int32_t>(rows), rows_out}, {0.2f, 9});
  std::vector<int32_t> inputs = {in, w};
  if (bias) inputs.push_back(b.add_bias("b", rows_out, 0.03f, scales, 3000));
  b.add_op(ir::OpType::kFullyConnected, inputs, {out},
           ir::FullyConnectedOptions{ir::FusedActivation::kRelu, false});
  b.set_io({in}, {out});
  return b.finish("t");
}

TEST(ConvertFullyConnectedToConv, RewritesAsOneByOneConvWithIdenticalOutputs) {
  for (bool bias : {true, false}) {
    for (bool per_channel : {true, false}) {
      const ir::Model after = run_pass_and_compare(
          fully_connected({3, 20}, 7, bias, per_channel), convert_fully_connected_to_conv);
      EXPECT_EQ(count_ops(after.main_graph(), ir::OpType::kFullyConnected), 0u);
      EXPECT_EQ(count_ops(after.main_graph(), ir::OpType::kConv2d), 1u);
    }
  }
  const ir::Model flattened = run_pass_and_compare(fully_connected({1, 2, 2, 5}, 4, true, false),
                                                   convert_fully_connected_to_conv);
  EXPECT_EQ(count_ops(flattened.main_graph(), ir::OpType::kConv2d), 1u);
}

TEST(ConvertFullyConnectedToConv, LeavesAnFcTheNpuCannotRun) {
  ir::Model model = fully_connected({2, 16}, 3, true, false);
  // Weight zero point 5 (supported by neither the NPU rule nor the CPU per-channel path,
  // but the CPU runs per-tensor weights with it): weight_quantization refuses it.
  model.main_graph().tensors[1].quantization.zero_points = {5};
  ir::Model after = model;
  ASSERT_TRUE(convert_fully_connected_to_conv(after.main_graph(), CompilerOptions{}).is_ok());
  EXPECT_EQ(count_ops(after.main_graph(), ir::OpType::kFullyConnected), 1u);
}

ir::Model mean_model(int32_t h, int32_t w, bool keep_dims) {
  GraphBuilder b("mean", 2);
  const int32_t in = b.add_activation("in", {1, h, w, 6}, {0.05f, 2});
  const int32_t axes = b.add_int32_constant("axes", {1, 2});
  const ir::Shape out_shape = keep_dims ? ir::Shape{1, 1, 1, 6} : ir::Shape{1, 6};
  const int32_t out = b.add_activation("out", out_shape, {0.05f, 2});
  b.add_op(ir::OpType::kMean, {in, axes}, {out}, ir::ReducerOptions{keep_dims});
  b.set_io({in}, {out});
  return b.finish("t");
}

TEST(LowerMeanToAveragePool, LowersOnlyWhereRoundingAgrees) {
  // One element per window: MEAN and AVERAGE_POOL_2D both copy it, so the MEAN is lowered.
  for (bool keep : {true, false}) {
    const ir::Model after = run_pass_and_compare(mean_model(1, 1, keep), lower_mean_to_average_pool);
    EXPECT_EQ(count_ops(after.main_graph(), ir::OpType::kMean), 0u);
    EXPECT_EQ(count_ops(after.main_graph(), ir::OpType::kAveragePool2d), 1u);
  }
  // 2x2 with zero point 2: MEAN rounds (sum - 8) / 4 half away from zero, AVERAGE_POOL_2D
  // rounds sum / 4; at sum 2 (-1.5 -> -2, + 2 = 0 against 0.5 -> 1) they differ: not lowered.
  const ir::Model kept = run_pass_and_compare(mean_model(2, 2, true), lower_mean_to_average_pool);
  EXPECT_EQ(count_ops(kept.main_graph(), ir::OpType::kMean), 1u);
}

TEST(RemoveReshapes, RemovesReshapeBeforeFullyConnectedAndKeepsGraphOutputs) {
  GraphBuilder b("reshape", 4);
  const int32_t in = b.add_activation("in", {1, 1, 1, 16}, {0.05f, 0});
  const int32_t flat = b.add_activation("flat", {1, 16}, {0.05f, 0});
  b.add_op(ir::OpType::kReshape, {in}, {flat}, ir::ReshapeOptions{{1, 16}});
  const std::vector<float> scales = {0.02f};
  const int32_t w = b.add_weights("w", {5, 16}, 0, scales);
  const int32_t fc_out = b.add_activation("fc_out", {1, 5}, {0.1f, 1});
  b.add_op(ir::OpType::kFullyConnected, {flat, w}, {fc_out},
           ir::FullyConnectedOptions{});
  const int32_t out = b.add_activation("out", {5}, {0.1f, 1});
  b.add_op(ir::OpType::kSqueeze, {fc_out}, {out}, ir::SqueezeOptions{{0}});
  b.set_io({in}, {out});
  const ir::Model after = run_pass_and_compare(b.finish("t"), remove_reshapes);
  EXPECT_EQ(count_ops(after.main_graph(), ir::OpType::kReshape), 0u);
  EXPECT_EQ(count_ops(after.main_graph(), ir::OpType::kSqueeze), 1u);  // writes the graph output
}

TEST(RemoveReshapes, KeepsReshapeWhoseReaderNeedsItsShape) {
  GraphBuilder b("reshape_add", 4);
  const int32_t in = b.add_activation("in", {1, 4, 4, 2}, {0.05f, 0});
  const int32_t other = b.add_activation("other", {1, 32}, {0.05f, 0});
  const int32_t flat = b.add_activation("flat", {1, 32}, {0.05f, 0});
  b.add_op(ir::OpType::kReshape, {in}, {flat}, ir::ReshapeOptions{{1, 32}});
  const int32_t out = b.add_activation("out", {1, 32}, {0.1f, 0});
  b.add_op(ir::OpType::kAdd, {flat, other}, {out}, ir::ElementwiseOptions{});
  b.set_io({in, other}, {out});
  const ir::Model after = run_pass_and_compare(b.finish("t"), remove_reshapes);
  EXPECT_EQ(count_ops(after.main_graph(), ir::OpType::kReshape), 1u);
}

TEST(RemoveReshapes, KeepsReshapeThatChangesQuantization) {
  GraphBuilder b("reshape_q", 4);
  const int32_t in = b.add_activation("in", {1, 1, 1, 16}, {0.05f, 0});
  const int32_t flat = b.add_activation("flat", {1, 16}, {0.07f, 3});
  b.add_op(ir::OpType::kReshape, {in}, {flat}, ir::ReshapeOptions{{1, 16}});
  const int32_t w = b.add_weights("w", {5, 16}, 0, {0.02f});
  const int32_t out = b.add_activation("out", {1, 5}, {0.1f, 1});
  b.add_op(ir::OpType::kFullyConnected, {flat, w}, {out}, ir::FullyConnectedOptions{});
  b.set_io({in}, {out});
  const ir::Model after = run_pass_and_compare(b.finish("t"), remove_reshapes);
  EXPECT_EQ(count_ops(after.main_graph(), ir::OpType::kReshape), 1u);
}

}  // namespace
}  // namespace vnpu::compiler

namespace vnpu::compiler {
namespace {

// in [1,h,w,1] -> DEPTHWISE_CONV_2D (3x3, multiplier m, stride s, SAME) -> [1,oh,ow,m].
ir::Model depthwise_multiplier(int32_t h, int32_t w, int32_t m, int32_t stride) {
  models::GraphBuilder b("dw_multiplier", 6);
  const int32_t in = b.add_activation("in", {1, h, w, 1}, {0.05f, 7});
  std::vector<float> scales;
  for (int32_t c = 0; c < m; ++c) scales.push_back(0.01f + 0.003f * static_cast<float>(c));
  const int32_t wt = b.add_weights("w", {1, 3, 3, m}, 3, scales);
  const int32_t bias = b.add_bias("b", m, 0.05f, scales, 500);
  const int32_t oh = (h + stride - 1) / stride;
  const int32_t ow = (w + stride - 1) / stride;
  const int32_t out = b.add_activation("out", {1, oh, ow, m}, {0.08f, -5});
  ir::DepthwiseConv2dOptions options;
  options.padding = ir::Padding::kSame;
  options.stride_h = options.stride_w = stride;
  options.depth_multiplier = m;
  options.activation = ir::FusedActivation::kRelu;
  b.add_op(ir::OpType::kDepthwiseConv2d, {in, wt, bias}, {out}, options);
  b.set_io({in}, {out});
  return b.finish("t");
}

TEST(ConvertDepthwiseMultiplierToConv, RewritesAsConvWithIdenticalOutputs) {
  for (int32_t m : {2, 8, 17}) {
    for (int32_t stride : {1, 2}) {
      const ir::Model after = testing::run_pass_and_compare(depthwise_multiplier(9, 7, m, stride),
                                                            convert_depthwise_multiplier_to_conv);
      const ir::Graph& g = after.main_graph();
      ASSERT_EQ(g.operators[0].type, ir::OpType::kConv2d) << "multiplier " << m;
      EXPECT_EQ(g.tensor(g.operators[0].inputs[1]).shape, (ir::Shape{m, 3, 3, 1}));
      EXPECT_EQ(g.tensor(g.operators[0].inputs[1]).quantization.axis, 0);
    }
  }
}

TEST(ConvertDepthwiseMultiplierToConv, LeavesMultiplierOne) {
  const ir::Model after = testing::run_pass_and_compare(
      pad_then(ir::OpType::kDepthwiseConv2d, 6, 6, {0, 0, 0, 0}, 1, 0),
      convert_depthwise_multiplier_to_conv);
  EXPECT_EQ(testing::count_ops(after.main_graph(), ir::OpType::kDepthwiseConv2d), 1u);
}

// in -> SPLIT_V (sizes {3, -1, 2} along the depth) or UNPACK (axis 0) -> outputs.
ir::Model split_model(ir::OpType type, ir::DataType data_type) {
  models::GraphBuilder b("split", 5);
  const ir::Shape in_shape = type == ir::OpType::kUnpack ? ir::Shape{3, 5, 2} : ir::Shape{1, 4, 6, 10};
  const int32_t in = b.add_activation("in", in_shape, {0.1f, 2});
  std::vector<ir::Shape> out_shapes = {{5, 2}, {5, 2}, {5, 2}};
  if (type == ir::OpType::kSplitV) out_shapes = {{1, 4, 6, 3}, {1, 4, 6, 5}, {1, 4, 6, 2}};
  std::vector<int32_t> outs;
  for (size_t k = 0; k < out_shapes.size(); ++k) {
    outs.push_back(b.add_activation("out" + std::to_string(k), out_shapes[k], {0.1f, 2}));
  }
  for (int32_t t : outs) b.graph().tensors[static_cast<size_t>(t)].type = data_type;
  b.graph().tensors[static_cast<size_t>(in)].type = data_type;
  if (type == ir::OpType::kSplitV) {
    const int32_t sizes = b.add_int32_constant("sizes", {3, -1, 2});
    const int32_t axis = b.add_int32_constant("axis", {-1});
    b.add_op(type, {in, sizes, axis}, outs, ir::SplitOptions{3});
  } else {
    b.add_op(type, {in}, outs, ir::PackOptions{3, 0});
  }
  b.set_io({in}, outs);
  return b.finish("t");
}

TEST(ConvertSplitsToSlices, SplitVBecomesOneSlicePerOutput) {
  const ir::Model after = testing::run_pass_and_compare(
      split_model(ir::OpType::kSplitV, ir::DataType::kInt8), convert_splits_to_slices);
  EXPECT_EQ(testing::count_ops(after.main_graph(), ir::OpType::kSplitV), 0u);
  EXPECT_EQ(testing::count_ops(after.main_graph(), ir::OpType::kSlice), 3u);
}

TEST(ConvertSplitsToSlices, UnpackBecomesStridedSlicesThatShrinkTheAxis) {
  const ir::Model after = testing::run_pass_and_compare(
      split_model(ir::OpType::kUnpack, ir::DataType::kInt16), convert_splits_to_slices);
  EXPECT_EQ(testing::count_ops(after.main_graph(), ir::OpType::kUnpack), 0u);
  EXPECT_EQ(testing::count_ops(after.main_graph(), ir::OpType::kStridedSlice), 3u);
}

TEST(ConvertSplitsToSlices, LeavesASplitWhoseSlicesWouldStayOnTheCpu) {
  const ir::Model model = split_model(ir::OpType::kSplitV, ir::DataType::kInt32);
  const ir::Model after = testing::run_pass_and_compare(model, convert_splits_to_slices);
  EXPECT_EQ(testing::count_ops(after.main_graph(), ir::OpType::kSplitV), 1u);
  EXPECT_EQ(after.main_graph().tensors.size(), model.main_graph().tensors.size());
}

}  // namespace
}  // namespace vnpu::compiler
