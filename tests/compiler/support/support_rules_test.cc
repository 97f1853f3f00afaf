// One test per support rule: accepted at its limit, refused just past it,
// with the reason text checked; plus the table and partition themselves.
#include <gtest/gtest.h>

#include <cstring>

#include "compiler/support/partition.h"
#include "compiler/support/support_rules.h"

namespace vnpu::compiler {
namespace {

const isa::AcceleratorConfig& u55_128() {
  static const isa::AcceleratorConfig config = *isa::find_accelerator_config("ethos-u55-128");
  return config;
}

int32_t add(ir::Graph& g, ir::Shape shape, ir::DataType type = ir::DataType::kInt8,
            std::vector<float> scales = {0.1f}) {
  ir::Tensor t;
  t.name = "t" + std::to_string(g.tensors.size());
  t.type = type;
  t.shape = std::move(shape);
  t.quantization.scales = scales;
  t.quantization.zero_points.assign(scales.size(), 0);
  g.tensors.push_back(std::move(t));
  return static_cast<int32_t>(g.tensors.size() - 1);
}

// A constant: every element `value` (int8 / int32 / int64 by type).
int32_t add_constant(ir::Graph& g, ir::Shape shape, ir::DataType type, int64_t value,
                     std::vector<float> scales = {0.1f}) {
  const int32_t index = add(g, std::move(shape), type, std::move(scales));
  ir::Tensor& t = g.tensors[static_cast<size_t>(index)];
  const size_t size = ir::element_size(type);
  t.data.resize(static_cast<size_t>(t.element_count()) * size);
  for (size_t i = 0; i < t.data.size(); i += size) std::memcpy(t.data.data() + i, &value, size);
  return index;
}

int32_t add_int32_values(ir::Graph& g, const std::vector<int32_t>& values, ir::Shape shape) {
  const int32_t index = add(g, std::move(shape), ir::DataType::kInt32, {});
  ir::Tensor& t = g.tensors[static_cast<size_t>(index)];
  t.data.resize(values.size() * 4);
  std::memcpy(t.data.data(), values.data(), t.data.size());
  return index;
}

RuleResult check(const char* rule, const ir::Graph& g, size_t op = 0) {
  const SupportRule* found = find_support_rule(rule);
  EXPECT_NE(found, nullptr) << rule;
  if (found == nullptr) return RuleResult::fail("no rule");
  EXPECT_TRUE(rule_applies(*found, g.operators[op].type)) << rule;
  return found->check(g.operators[op], g, u55_128());
}

void expect_pass(const char* rule, const ir::Graph& g) {
  const RuleResult r = check(rule, g);
  EXPECT_TRUE(r.ok) << rule << ": " << r.reason;
}

void expect_fail(const char* rule, const ir::Graph& g, const std::string& reason) {
  const RuleResult r = check(rule, g);
  EXPECT_FALSE(r.ok) << rule;
  EXPECT_NE(r.reason.find(reason), std::string::npos) << rule << ": " << r.reason;
}

// CONV_2D [1,h,w,c] with an OxKhxKwxC int8 filter of `weight`, SAME padding.
ir::Graph conv(int32_t kh, int32_t kw, ir::Conv2dOptions options = {}, int32_t in_h = 8,
               int32_t in_w = 8, int32_t in_c = 2, int32_t out_c = 2, int64_t weight = 1) {
  ir::Graph g;
  const int32_t in = add(g, {1, in_h, in_w, in_c});
  const int32_t w = add_constant(g, {out_c, kh, kw, in_c}, ir::DataType::kInt8, weight);
  const int32_t b = add_constant(g, {out_c}, ir::DataType::kInt32, 0);
  const int32_t out = add(g, {1, in_h, in_w, out_c});
  g.operators.push_back({ir::OpType::kConv2d, {in, w, b}, {out}, options});
  return g;
}

ir::Graph pool(ir::OpType type, int32_t kh, int32_t kw, ir::Padding padding, int32_t stride = 1) {
  ir::Graph g;
  const int32_t in = add(g, {1, 300, 300, 1});
  const int32_t out = add(g, {1, 2, 2, 1});
  g.operators.push_back(
      {type, {in}, {out}, ir::Pool2dOptions{padding, stride, stride, kw, kh, ir::FusedActivation::kNone}});
  return g;
}

ir::Graph fully_connected(int32_t depth, int64_t weight) {
  ir::Graph g;
  const int32_t in = add(g, {1, depth});
  const int32_t w = add_constant(g, {2, depth}, ir::DataType::kInt8, weight);
  const int32_t out = add(g, {1, 2});
  g.operators.push_back({ir::OpType::kFullyConnected, {in, w}, {out}, ir::FullyConnectedOptions{}});
  return g;
}

TEST(SupportRules, OperatorType) {
  ir::Graph g;
  const int32_t a = add(g, {1, 4});
  const int32_t b = add(g, {1, 4});
  g.operators.push_back({ir::OpType::kQuantize, {a}, {b}, {}});
  expect_pass("operator_type", g);
  g.operators[0].type = ir::OpType::kDequantize;
  expect_fail("operator_type", g, "DEQUANTIZE is not an operator ethos-u55-128 runs");
}

TEST(SupportRules, ActivationTypes) {
  ir::Graph g;
  const int32_t a = add(g, {1, 4}, ir::DataType::kInt16);
  const int32_t b = add(g, {1, 4}, ir::DataType::kUInt8);
  g.operators.push_back({ir::OpType::kQuantize, {a}, {b}, {}});
  expect_pass("activation_types", g);
  g.tensors[0].type = ir::DataType::kFloat32;
  expect_fail("activation_types", g, "'t0' [1,4] float32: feature maps must be int8, uint8 or int16");
}

TEST(SupportRules, PerTensorActivations) {
  ir::Graph g;
  const int32_t a = add(g, {1, 2});
  const int32_t b = add(g, {1, 2});
  g.operators.push_back({ir::OpType::kRelu, {a}, {b}, {}});
  expect_pass("per_tensor_activations", g);
  g.tensors[1].quantization.scales = {0.1f, 0.2f};
  g.tensors[1].quantization.zero_points = {0, 0};
  expect_fail("per_tensor_activations", g, "has 2 quantization scales; feature maps need exactly one");
}

TEST(SupportRules, TensorDims) {
  ir::Graph g;
  const int32_t a = add(g, {1, 65535});
  const int32_t b = add(g, {1, 65535});
  g.operators.push_back({ir::OpType::kRelu, {a}, {b}, {}});
  expect_pass("tensor_dims", g);
  g.tensors[1].shape = {1, 65536};
  expect_fail("tensor_dims", g, "dimension 1 is 65536, the NPU supports 1..65535");
  g.tensors[1].shape = {0, 4};
  expect_fail("tensor_dims", g, "dimension 0 is 0");
}

TEST(SupportRules, BatchSize) {
  ir::Graph g = conv(1, 1);
  expect_pass("batch_size", g);
  g.tensors[0].shape[0] = 2;
  expect_fail("batch_size", g, "batch 2, the NPU supports batch 1");
}

TEST(SupportRules, StrideRange) {
  ir::Conv2dOptions options;
  options.stride_w = 3;
  options.stride_h = 3;
  expect_pass("stride_range", conv(3, 3, options));
  options.stride_h = 4;
  expect_fail("stride_range", conv(3, 3, options), "stride 3x4 (WxH): the NPU supports strides 1..3");
  // Global pooling: one output position, the stride is never applied.
  ir::Graph global = pool(ir::OpType::kAveragePool2d, 8, 8, ir::Padding::kValid, 8);
  global.tensors[0].shape = {1, 8, 8, 1};
  global.tensors[1].shape = {1, 1, 1, 1};
  expect_pass("stride_range", global);
}

TEST(SupportRules, DilatedKernelHeight) {
  ir::Conv2dOptions options;
  options.dilation_h = 3;  // above 2: decomposed, still within the height limit
  expect_pass("dilated_kernel_height", conv(22, 1, options));  // (22-1)*3+1 = 64
  expect_fail("dilated_kernel_height", conv(23, 1, options),
              "dilated kernel height 67 (kernel 23, dilation 3) exceeds 64");
}

TEST(SupportRules, DilatedKernelArea) {
  ir::Conv2dOptions options;
  options.dilation_w = 2;
  expect_pass("dilated_kernel_area", conv(64, 32, options));  // 63 x 64 = 4032
  expect_pass("dilated_kernel_area", conv(64, 64));            // 64 x 64 = 4096
  expect_fail("dilated_kernel_area", conv(64, 33, options),
              "dilated kernel 65x64 (WxH) has area 4160, above 4096");
}

TEST(SupportRules, PoolKernelHeight) {
  expect_pass("pool_kernel_height", pool(ir::OpType::kMaxPool2d, 256, 1, ir::Padding::kValid));
  expect_fail("pool_kernel_height", pool(ir::OpType::kMaxPool2d, 257, 1, ir::Padding::kValid),
              "pooling kernel height 257 exceeds 256");
}

TEST(SupportRules, PoolKernelArea) {
  expect_pass("pool_kernel_area", pool(ir::OpType::kAveragePool2d, 256, 256, ir::Padding::kValid));
  expect_fail("pool_kernel_area", pool(ir::OpType::kAveragePool2d, 256, 257, ir::Padding::kValid),
              "pooling kernel 257x256 (WxH) has area 65792, above 65536");
}

TEST(SupportRules, SameAveragePoolKernel) {
  expect_pass("same_average_pool_kernel", pool(ir::OpType::kAveragePool2d, 8, 8, ir::Padding::kSame));
  expect_pass("same_average_pool_kernel", pool(ir::OpType::kAveragePool2d, 9, 9, ir::Padding::kValid));
  expect_fail("same_average_pool_kernel", pool(ir::OpType::kAveragePool2d, 9, 8, ir::Padding::kSame),
              "AVERAGE_POOL_2D with SAME padding has kernel 8x9 (WxH); at most 8x8");
}

TEST(SupportRules, ConstantWeights) {
  ir::Graph g = conv(1, 1);
  expect_pass("constant_weights", g);
  g.tensors[1].data.clear();
  expect_fail("constant_weights", g, "are not constant");
  ir::Graph wide = conv(1, 1);
  wide.tensors[1].type = ir::DataType::kInt16;
  wide.tensors[1].data.resize(wide.tensors[1].data.size() * 2);
  expect_fail("constant_weights", wide, "the NPU needs 8-bit weights");
}

TEST(SupportRules, WeightQuantization) {
  ir::Graph g = conv(1, 1);
  g.tensors[1].quantization.scales = {0.1f, 0.2f};
  g.tensors[1].quantization.zero_points = {0, 0};
  expect_pass("weight_quantization", g);  // one scale per output channel along axis 0
  g.tensors[1].quantization.axis = 3;
  expect_fail("weight_quantization", g, "2 scales along axis 3; per-channel scales must be one per output channel along axis 0");
  ir::Graph zp = conv(1, 1);
  zp.tensors[1].quantization.zero_points = {1};
  expect_fail("weight_quantization", zp, "zero point 1, the NPU needs symmetric weights (0)");
}

TEST(SupportRules, WeightSum) {
  expect_pass("weight_sum", fully_connected(65536, 127));  // 127 * 65536 = 8,323,072
  ir::Graph past = fully_connected(65537, 127);
  // Each channel: 65536 weights of 127 and one of 1 -> limit + 1.
  past.tensors[1].data[65536] = 1;
  past.tensors[1].data.back() = 1;
  expect_fail("weight_sum", past, "output channel 0 sums |w| to 8323073, above 8323072");
  // Negative weights count by magnitude.
  ir::Graph negative = fully_connected(65537, -127);
  expect_fail("weight_sum", negative, "output channel 0 sums |w| to 8323199");
}

TEST(SupportRules, BiasRange) {
  ir::Graph g = conv(1, 1);
  g.tensors[2] = ir::Tensor{};
  g.tensors[2].type = ir::DataType::kInt64;
  g.tensors[2].shape = {2};
  const int64_t values[2] = {(int64_t{1} << 40) - 1, -((int64_t{1} << 40) - 1)};
  g.tensors[2].data.resize(16);
  std::memcpy(g.tensors[2].data.data(), values, 16);
  expect_pass("bias_range", g);
  const int64_t past = int64_t{1} << 40;
  std::memcpy(g.tensors[2].data.data() + 8, &past, 8);
  expect_fail("bias_range", g, "value 1099511627776 at index 1 does not fit in 40 bits");
  g.tensors[2].type = ir::DataType::kInt8;
  expect_fail("bias_range", g, "must be a constant int32 or int64");
}

TEST(SupportRules, Weighted16x8) {
  // A 1x1 conv of 2 int16 channels with weights 127 and an int64 bias.
  ir::Graph g = conv(1, 1, {}, 8, 8, 2, 2, 127);
  for (int32_t t : {0, 3}) g.tensors[static_cast<size_t>(t)].type = ir::DataType::kInt16;
  g.tensors[3].quantization.scales = {1000.0f};  // ratio 1e-5: no scaled value nears 2^31
  g.tensors[2] = ir::Tensor{};
  g.tensors[2].type = ir::DataType::kInt64;
  g.tensors[2].shape = {2};
  g.tensors[2].quantization.scales = {0.01f};
  // 2^15 x 254 + bias must stay below 2^39.
  const int64_t fits = (int64_t{1} << 39) - 1 - 32768 * 254;
  const int64_t values[2] = {fits, -fits};
  g.tensors[2].data.resize(16);
  std::memcpy(g.tensors[2].data.data(), values, 16);
  expect_pass("weighted_16x8", g);
  const int64_t past = fits + 1;
  std::memcpy(g.tensors[2].data.data() + 8, &past, 8);
  expect_fail("weighted_16x8", g, "channel 1: bias 549747490816 plus 2^15 x sum |weight| (254)");
  // An int32 bias accumulates in 32 bits as TFLite's does: no bound.
  g.tensors[2] = g.tensors[static_cast<size_t>(add_constant(g, {2}, ir::DataType::kInt32, 1 << 30))];
  expect_pass("weighted_16x8", g);
  g.tensors[0].quantization.zero_points = {3};
  expect_fail("weighted_16x8", g, "int16 tensor 't0' has zero point 3 (16x8 needs 0)");
  g.tensors[0].quantization.zero_points = {0};
  g.tensors[3].type = ir::DataType::kInt8;
  expect_fail("weighted_16x8", g, "tensor 't3' is not int16");
  // An int8 operator is not the rule's business.
  expect_pass("weighted_16x8", conv(1, 1));
}

// TRANSPOSE_CONV [1,h,w,2] -> [1,oh,ow,3] with a 3x3 filter of ones, VALID,
// operands (output_shape, filter, input, bias).
ir::Graph transpose_conv(int32_t h, int32_t w, int32_t stride_h, int32_t stride_w,
                         ir::DataType bias_type = ir::DataType::kInt32) {
  ir::Graph g;
  const int32_t oh = (h - 1) * stride_h + 3;
  const int32_t ow = (w - 1) * stride_w + 3;
  const int32_t shape = add_int32_values(g, {1, oh, ow, 3}, {4});
  const int32_t filter = add_constant(g, {3, 3, 3, 2}, ir::DataType::kInt8, 1);
  const int32_t in = add(g, {1, h, w, 2});
  const int32_t bias = add_constant(g, {3}, bias_type, 5);
  const int32_t out = add(g, {1, oh, ow, 3});
  g.operators.push_back({ir::OpType::kTransposeConv,
                         {shape, filter, in, bias},
                         {out},
                         ir::TransposeConvOptions{ir::Padding::kValid, stride_w, stride_h,
                                                  ir::FusedActivation::kNone}});
  return g;
}

TEST(SupportRules, TransposeConv) {
  expect_pass("transpose_conv", transpose_conv(4, 5, 2, 2));
  expect_pass("transpose_conv", transpose_conv(4, 5, 1, 1));
  // Along an axis with one input element any stride reads the same.
  expect_pass("transpose_conv", transpose_conv(1, 5, 3, 2));
  expect_fail("transpose_conv", transpose_conv(4, 5, 2, 1),
              "stride 1x2 (WxH): the NPU upscales both axes by 2 or neither");
  expect_fail("transpose_conv", transpose_conv(4, 5, 3, 3),
              "stride 3x3 (WxH): the NPU upscales both axes by 2 or neither");
  // A malformed stride is refused before any padding arithmetic divides by it.
  expect_fail("transpose_conv", transpose_conv(1, 5, 0, 2), "stride 2x0 (WxH) below 1");
  // Its bias is the fourth operand: an int8 bias is refused by bias_range,
  // an int16 one (16x8) accepted.
  expect_pass("bias_range", transpose_conv(4, 5, 2, 2));
  expect_fail("bias_range", transpose_conv(4, 5, 2, 2, ir::DataType::kInt8),
              "must be a constant int32 or int64 (or int16)");
  expect_pass("bias_range", transpose_conv(4, 5, 2, 2, ir::DataType::kInt16));
}

ir::Graph depthwise(int32_t in_c, int32_t multiplier, int32_t out_c) {
  ir::Graph g;
  const int32_t in = add(g, {1, 4, 4, in_c});
  const int32_t w = add_constant(g, {1, 3, 3, out_c}, ir::DataType::kInt8, 1);
  const int32_t out = add(g, {1, 4, 4, out_c});
  ir::DepthwiseConv2dOptions options;
  options.depth_multiplier = multiplier;
  g.operators.push_back({ir::OpType::kDepthwiseConv2d, {in, w, ir::kNoTensor}, {out}, options});
  return g;
}

TEST(SupportRules, DepthMultiplier) {
  expect_pass("depth_multiplier", depthwise(8, 1, 8));
  expect_pass("depth_multiplier", depthwise(1, 4, 4));
  expect_fail("depth_multiplier", depthwise(2, 2, 4),
              "depth multiplier 2 with input depth 2; a multiplier above 1 needs input depth 1");
}

ir::Graph pad(const std::vector<int32_t>& paddings) {
  ir::Graph g;
  const int32_t in = add(g, {1, 4, 4, 2});
  const int32_t p = add_int32_values(g, paddings, {4, 2});
  const int32_t out = add(g, {1, 4 + paddings[2] + paddings[3], 4 + paddings[4] + paddings[5],
                              2 + paddings[6] + paddings[7]});
  g.operators.push_back({ir::OpType::kPad, {in, p}, {out}, {}});
  return g;
}

TEST(SupportRules, PadBoxes) {
  // Any axis may be padded: the borders are up to two boxes per axis.
  expect_pass("pad_boxes", pad({0, 0, 1, 2, 3, 4, 0, 1}));
  expect_pass("pad_boxes", pad({0, 0, 200, 0, 0, 0, 5, 5}));
  ir::Graph four_axes = pad({0, 0, 1, 1, 1, 1, 1, 1});
  four_axes.tensors[0].shape[0] = 2;  // four partial axes in the input's box
  four_axes.tensors[2].shape[0] = 2;
  expect_fail("pad_boxes", four_axes, "PAD: the input's box: the slice spans 4 non-contiguous axes");
  ir::Graph requantized = pad({0, 0, 1, 1, 1, 1, 0, 0});
  requantized.tensors[2].quantization.zero_points = {5};  // the copy cannot requantize
  expect_fail("pad_boxes", requantized, "PAD: input and output are quantized differently");
  ir::Graph wide = pad({0, 0, 1, 1, 1, 1, 0, 0});
  wide.tensors[0].type = wide.tensors[2].type = ir::DataType::kInt32;
  expect_fail("pad_boxes", wide, "PAD: the output is neither int8 nor int16");
  ir::Graph dynamic = pad({0, 0, 1, 1, 1, 1, 0, 0});
  dynamic.tensors[1].data.clear();
  expect_fail("pad_boxes", dynamic, "PAD: paddings are not a constant [4,2] integer tensor");
  // The fuzzer's input: a PAD without inputs was read at inputs[0].
  ir::Graph no_inputs = pad({0, 0, 1, 1, 1, 1, 0, 0});
  no_inputs.operators[0].inputs.clear();
  expect_fail("pad_boxes", no_inputs, "PAD: missing operands");
}

ir::Graph mean(ir::Shape shape, const std::vector<int32_t>& axes) {
  ir::Graph g;
  const int32_t in = add(g, shape);
  const int32_t a = add_int32_values(g, axes, {static_cast<int32_t>(axes.size())});
  const int32_t out = add(g, {1, 1, 1, shape.back()});
  g.operators.push_back({ir::OpType::kMean, {in, a}, {out}, ir::ReducerOptions{true}});
  return g;
}

TEST(SupportRules, MirrorPadBoxes) {
  auto mirror = [](ir::Shape in, const std::vector<int32_t>& paddings, ir::MirrorPadMode mode) {
    ir::Graph g;
    const int32_t input = add(g, in);
    const int32_t p = add_int32_values(g, paddings, {static_cast<int32_t>(in.size()), 2});
    ir::Shape out = in;
    for (size_t d = 0; d < in.size(); ++d) out[d] += paddings[d * 2] + paddings[d * 2 + 1];
    g.operators.push_back(
        {ir::OpType::kMirrorPad, {input, p}, {add(g, out)}, ir::MirrorPadOptions{mode}});
    return g;
  };
  expect_pass("mirror_pad_boxes",
              mirror({1, 4, 5, 3}, {0, 0, 3, 2, 1, 0, 0, 2}, ir::MirrorPadMode::kReflect));
  expect_pass("mirror_pad_boxes", mirror({4}, {4, 4}, ir::MirrorPadMode::kSymmetric));
  expect_fail("mirror_pad_boxes", mirror({4}, {4, 0}, ir::MirrorPadMode::kReflect),
              "MIRROR_PAD: axis 0 pads beyond what REFLECT mirrors");
  expect_fail("mirror_pad_boxes",
              mirror({2, 3, 4, 5}, {1, 1, 1, 1, 1, 1, 1, 1}, ir::MirrorPadMode::kReflect),
              "non-contiguous axes");
}

TEST(SupportRules, RearrangeBoxes) {
  auto one = [](ir::OpType type, ir::Shape in, ir::Shape out, ir::OpOptions options,
                std::vector<int32_t> axes = {}) {
    ir::Graph g;
    std::vector<int32_t> inputs = {add(g, std::move(in))};
    if (!axes.empty()) {
      inputs.push_back(add_int32_values(g, axes, {static_cast<int32_t>(axes.size())}));
    }
    g.operators.push_back({type, inputs, {add(g, std::move(out))}, std::move(options)});
    return g;
  };
  expect_pass("rearrange_boxes", one(ir::OpType::kDepthToSpace, {2, 3, 4, 18}, {2, 9, 12, 2},
                                     ir::BlockSizeOptions{3}));
  expect_pass("rearrange_boxes",
              one(ir::OpType::kSpaceToDepth, {1, 4, 6, 2}, {1, 2, 3, 8}, ir::BlockSizeOptions{2}));
  expect_fail("rearrange_boxes",
              one(ir::OpType::kDepthToSpace, {1, 3, 4, 18}, {1, 9, 12, 3}, ir::BlockSizeOptions{3}),
              "block size 3 does not map [1,3,4,18] to [1,9,12,3]");
  expect_fail(
      "rearrange_boxes",
      one(ir::OpType::kDepthToSpace, {1, 1, 1, 289}, {1, 17, 17, 1}, ir::BlockSizeOptions{17}),
      "block size 17: one copy per block position, at most 256");
  expect_pass("rearrange_boxes",
              one(ir::OpType::kReverseV2, {4, 5, 6}, {4, 5, 6}, std::monostate{}, {1, 2}));
  expect_fail("rearrange_boxes",
              one(ir::OpType::kReverseV2, {4, 5, 6}, {4, 5, 6}, std::monostate{}, {0, 2}),
              "reverses axes that are not contiguous");
  expect_fail("rearrange_boxes",
              one(ir::OpType::kReverseV2, {2, 257}, {2, 257}, std::monostate{}, {1}),
              "reverses 257 slabs");
  expect_pass("rearrange_boxes",
              one(ir::OpType::kBroadcastTo, {1, 8}, {16, 16, 8}, std::monostate{}, {16, 16, 8}));
  expect_fail("rearrange_boxes",
              one(ir::OpType::kBroadcastTo, {1, 8}, {16, 17, 8}, std::monostate{}, {16, 17, 8}),
              "broadcasts 272 copies of the input (at most 256)");
  expect_pass("rearrange_boxes", one(ir::OpType::kZerosLike, {3, 4}, {3, 4}, std::monostate{}));
  ir::Graph to_batch =
      one(ir::OpType::kSpaceToBatchNd, {1, 4, 6, 2}, {4, 2, 4, 2}, std::monostate{}, {2, 2});
  to_batch.operators[0].inputs.push_back(add_int32_values(to_batch, {0, 0, 1, 1}, {2, 2}));
  expect_pass("rearrange_boxes", to_batch);
  to_batch.tensors[static_cast<size_t>(to_batch.operators[0].outputs[0])].shape = {4, 2, 3, 2};
  expect_fail("rearrange_boxes", to_batch,
              "block_shape and paddings/crops do not map [1,4,6,2] to [4,2,3,2]");
}

TEST(SupportRules, MeanAxes) {
  expect_pass("mean_axes", mean({1, 4, 4, 3}, {1, 2}));
  expect_pass("mean_axes", mean({1, 4, 4, 3}, {-3}));
  // Other contiguous reduced axes are a [1, before, reduced, after] view over the width.
  expect_pass("mean_axes", mean({1, 4, 4, 3}, {2, 3}));
  expect_pass("mean_axes", mean({4, 3}, {0}));
  expect_pass("mean_axes", mean({4, 1, 3}, {0, 2}));  // contiguous once the size-1 axis is aside
  expect_fail("mean_axes", mean({1, 4, 4, 3}, {1, 3}),
              "MEAN: reduces axes that are not contiguous in [1,4,4,3]");
  expect_fail("mean_axes", mean({4, 3}, {2}), "MEAN: axis 2 is outside the input's rank 2");
  ir::Graph dynamic = mean({4, 3}, {0});
  dynamic.tensors[1].data.clear();
  expect_fail("mean_axes", dynamic, "MEAN: axes are not constant");
}

TEST(SupportRules, MeanArea) {
  expect_pass("mean_area", mean({1, 64, 64, 1}, {1, 2}));
  expect_pass("mean_area", mean({1, 300, 4096, 1}, {2}));  // a 4096x1 window
  expect_fail("mean_area", mean({1, 65, 2, 1}, {1, 2}),
              "MEAN reduces a 2x65 (WxH) window; one depthwise kernel is at most 64 high and "
              "4096 elements");
  expect_fail("mean_area", mean({1, 2, 4097, 1}, {2}), "MEAN reduces a 4097x1 (WxH) window");
}

TEST(SupportRules, MeanRequantize) {
  // mean() quantizes input and output alike: ratio 1, n = 4.
  expect_pass("mean_requantize", mean({1, 2, 2, 3}, {1, 2}));
  ir::Graph wide = mean({1, 2, 2, 3}, {1, 2});
  wide.tensors[0].type = ir::DataType::kInt16;
  expect_fail("mean_requantize", wide, "input and output must both be int8 or both int16");
  wide.tensors[2].type = ir::DataType::kInt16;
  expect_pass("mean_requantize", wide);
  // Ratio 2^24 over 4 elements: exponent 24 + 1 - 2 = 23; 255 x 4 x 2^23 is above 2^31.
  ir::Graph steep = mean({1, 2, 2, 3}, {1, 2});
  steep.tensors[2].quantization.scales = {0.1f / 16777216.0f};
  expect_fail("mean_requantize", steep, "could wrap");
}

TEST(SupportRules, ArgMax) {
  ir::Graph g;
  const int32_t in = add(g, {2, 3, 256});
  const int32_t out = add(g, {2, 3}, ir::DataType::kInt32, {});
  const int32_t axis = add_int32_values(g, {2}, {1});
  g.operators.push_back({ir::OpType::kArgMax, {in, axis}, {out}, {}});
  expect_pass("arg_max", g);
  g.tensors[static_cast<size_t>(out)].type = ir::DataType::kInt64;
  expect_pass("arg_max", g);
  g.tensors[static_cast<size_t>(axis)].data = {1, 0, 0, 0};
  expect_fail("arg_max", g, "naming the last axis");
  g.tensors[static_cast<size_t>(axis)].data = {0xFF, 0xFF, 0xFF, 0xFF};  // -1
  expect_pass("arg_max", g);
  g.tensors[static_cast<size_t>(in)].shape = {2, 3, 257};
  expect_fail("arg_max", g, "at most 256");
  g.tensors[static_cast<size_t>(in)].shape = {2, 0, 256};  // no element: no row to lower
  g.tensors[static_cast<size_t>(out)].shape = {2, 0};
  expect_fail("arg_max", g, "0 rows");
  g.tensors[static_cast<size_t>(in)].shape = {2, 3, 256};
  g.tensors[static_cast<size_t>(out)].shape = {2, 3};
  g.tensors[static_cast<size_t>(in)].type = ir::DataType::kInt16;
  expect_fail("arg_max", g, "must be int8");
}

TEST(SupportRules, SoftmaxBeta) {
  ir::Graph g;
  const int32_t a = add(g, {1, 10});
  const int32_t b = add(g, {1, 10});
  g.operators.push_back({ir::OpType::kSoftmax, {a}, {b}, ir::SoftmaxOptions{1.0e-6f}});
  expect_pass("softmax_beta", g);
  g.operators[0].options = ir::SoftmaxOptions{0.0f};
  expect_fail("softmax_beta", g, "SOFTMAX beta 0.000000 is not positive");
  g.operators[0].options = ir::SoftmaxOptions{1.0f};
  g.tensors[1].shape = {10};
  expect_fail("softmax_beta", g, "differ in shape");
}

// `type` of inputs `a` (and `b` when not empty) to an output of `out`, int8 scale 0.1 zero point 0.
ir::Graph elementwise(ir::OpType type, ir::Shape a, ir::Shape b, ir::Shape out) {
  ir::Graph g;
  std::vector<int32_t> inputs = {add(g, std::move(a))};
  if (!b.empty()) inputs.push_back(add(g, std::move(b)));
  g.operators.push_back({type, inputs, {add(g, std::move(out))}, {}});
  return g;
}

TEST(SupportRules, MatchingTypes) {
  ir::Graph g = elementwise(ir::OpType::kMaximum, {2, 3}, {1, 3}, {2, 3});
  expect_pass("matching_types", g);
  g.tensors[1].type = ir::DataType::kInt16;
  expect_fail("matching_types", g, "input 't1' [1,3] int16 and output 't2' [2,3] int8 differ");
  g = elementwise(ir::OpType::kAbs, {4}, {}, {4});
  g.tensors[1].type = ir::DataType::kUInt8;
  expect_fail("matching_types", g, "differ in type");
}

TEST(SupportRules, OfmShapedInput) {
  expect_pass("ofm_shaped_input", elementwise(ir::OpType::kMinimum, {1, 3}, {2, 3}, {2, 3}));
  expect_fail("ofm_shaped_input", elementwise(ir::OpType::kMinimum, {1, 3}, {2, 1}, {2, 3}),
              "no input has the output's shape [2,3]");
}

TEST(SupportRules, MinMaxQuantization) {
  ir::Graph g = elementwise(ir::OpType::kMaximum, {2, 3}, {2, 3}, {2, 3});
  expect_pass("min_max_quantization", g);
  g.tensors[1].quantization.zero_points = {1};
  expect_fail("min_max_quantization", g, "input 't1' [2,3] int8 is quantized unlike the output");
  g.tensors[1].quantization.zero_points = {0};
  g.tensors[2].quantization.scales = {0.2f};
  expect_fail("min_max_quantization", g, "input 't0' [2,3] int8 is quantized unlike the output");
}

TEST(SupportRules, Int8LookupInput) {
  ir::Graph g = elementwise(ir::OpType::kRsqrt, {4}, {}, {4});
  expect_pass("int8_lookup_input", g);
  g.tensors[0].type = ir::DataType::kInt16;
  expect_fail("int8_lookup_input", g, "input 't0' [4] int16 is not int8");
}

TEST(SupportRules, PreluLookup) {
  ir::Graph g = elementwise(ir::OpType::kPrelu, {2, 3}, {1}, {2, 3});
  expect_pass("prelu_lookup", g);
  g.tensors[1].shape = {3};
  expect_fail("prelu_lookup", g,
              "input 't0' [2,3] int8 with 3 alpha values: a lookup table needs int8 and one alpha");
  g.tensors[1].shape = {1};
  g.tensors[0].type = g.tensors[2].type = ir::DataType::kInt16;
  expect_fail("prelu_lookup", g, "input 't0' [2,3] int16 with 1 alpha values");
}

TEST(SupportRules, RequantizeScale) {
  ir::Graph g = elementwise(ir::OpType::kQuantize, {4}, {}, {4});
  g.tensors[0].type = ir::DataType::kInt16;
  expect_pass("requantize_scale", g);  // int16 -> int8, ratio 1
  // Ratio 0.75 * 2^16 from zero point 32767: (input - 32767) * 2^16 leaves int32.
  g.tensors[0].quantization.scales = {0.1f * 49152.0f};
  g.tensors[0].quantization.zero_points = {32767};
  expect_fail("requantize_scale", g, "left shift of 16 bits");
  g.tensors[0].quantization.scales = {0.1f * 24576.0f};  // left shift 15: 32768 * 2^15 fits
  g.tensors[0].quantization.zero_points = {0};
  expect_pass("requantize_scale", g);
  g.tensors[0].quantization.scales = {0.1f};
  g.tensors[1].quantization.zero_points = {40000};
  g.tensors[1].type = ir::DataType::kInt16;
  expect_fail("requantize_scale", g, "output zero point 40000");
}

// STRIDED_SLICE of `in` with begin, end and strides (one value per axis).
ir::Graph strided_slice(const ir::Shape& in, const std::vector<int32_t>& begin,
                        const std::vector<int32_t>& end, const std::vector<int32_t>& strides,
                        const ir::Shape& out) {
  ir::Graph g;
  const int32_t input = add(g, in);
  const auto rank = static_cast<int32_t>(in.size());
  const int32_t b = add_int32_values(g, begin, {rank});
  const int32_t e = add_int32_values(g, end, {rank});
  const int32_t s = add_int32_values(g, strides, {rank});
  g.operators.push_back(
      {ir::OpType::kStridedSlice, {input, b, e, s}, {add(g, out)}, ir::StridedSliceOptions{}});
  return g;
}

TEST(SupportRules, SliceBox) {
  expect_pass("slice_box", strided_slice({1, 6, 6, 4}, {0, 1, 0, 0}, {1, 5, 6, 4}, {1, 1, 1, 1},
                                         {1, 4, 6, 4}));
  expect_pass("slice_box",
              strided_slice({1, 6, 6, 4}, {0, 0, 0, 0}, {1, 6, 6, 4}, {1, 2, 1, 3}, {1, 3, 6, 2}));
  expect_fail("slice_box",
              strided_slice({1, 6, 6, 4}, {0, 5, 0, 0}, {1, 0, 6, 4}, {1, -2, 1, 1}, {1, 3, 6, 4}),
              "axis 1 has stride -2 (the NPU steps forward through memory: strides from 1)");
  ir::Graph masked =
      strided_slice({1, 6, 6, 4}, {0, 0, 0, 0}, {1, 6, 6, 4}, {1, 1, 1, 1}, {1, 6, 6, 4});
  masked.operators[0].options = ir::StridedSliceOptions{0, 0, 1, 0, 0, false};
  expect_fail("slice_box", masked, "ellipsis_mask or new_axis_mask is set");
  ir::Graph variable_begin = masked;
  variable_begin.operators[0].options = ir::StridedSliceOptions{};
  variable_begin.operators[0].inputs[1] = add(variable_begin, {4}, ir::DataType::kInt32);
  expect_fail("slice_box", variable_begin, "begin, end and strides are not constant");
}

TEST(SupportRules, SliceNpuAxes) {
  // Four partial axes need four NPU axes; a whole inner axis merges with its neighbour.
  expect_fail("slice_npu_axes",
              strided_slice({3, 4, 5, 6}, {1, 1, 1, 1}, {3, 4, 5, 6}, {1, 1, 1, 1}, {2, 3, 4, 5}),
              "the slice spans 4 non-contiguous axes; the NPU addresses three");
  expect_pass("slice_npu_axes",
              strided_slice({3, 4, 5, 6}, {1, 1, 1, 0}, {3, 4, 5, 6}, {1, 1, 1, 1}, {2, 3, 4, 6}));
  expect_fail("slice_npu_axes",
              strided_slice({1, 1, 70000}, {0, 0, 0}, {1, 1, 70000}, {1, 1, 1}, {1, 1, 70000}),
              "exceeds 65535");
}

TEST(SupportRules, ConcatenationInputs) {
  ir::Graph g;
  const int32_t a = add(g, {1, 4, 4, 3});
  const int32_t b = add(g, {1, 4, 4, 5});
  const int32_t out = add(g, {1, 4, 4, 8});
  g.operators.push_back({ir::OpType::kConcatenation, {a, b}, {out}, ir::ConcatenationOptions{3}});
  expect_pass("concatenation_inputs", g);
  // A constant input is copied from the operator's constants.
  ir::Graph constant = g;
  constant.operators[0].inputs[1] = add_constant(constant, {1, 4, 4, 5}, ir::DataType::kInt8, 1);
  expect_pass("concatenation_inputs", constant);
  ir::Graph deep = g;
  deep.tensors[static_cast<size_t>(a)].shape = {1, 1, 1, 70000};
  deep.tensors[static_cast<size_t>(b)].shape = {1, 1, 1, 5};
  deep.tensors[static_cast<size_t>(out)].shape = {1, 1, 1, 70005};
  expect_fail("concatenation_inputs", deep, "exceeds 65535");
}

// RESIZE_NEAREST_NEIGHBOR of [1,h,w,8] to [1,oh,ow,8].
ir::Graph resize_nearest(int32_t h, int32_t w, int32_t oh, int32_t ow, ir::ResizeOptions options) {
  ir::Graph g;
  const int32_t in = add(g, {1, h, w, 8});
  const int32_t size = add_int32_values(g, {oh, ow}, {2});
  g.operators.push_back(
      {ir::OpType::kResizeNearestNeighbor, {in, size}, {add(g, {1, oh, ow, 8})}, options});
  return g;
}

TEST(SupportRules, ResizeNearest) {
  expect_pass("resize_nearest", resize_nearest(4, 5, 8, 10, {}));
  expect_pass("resize_nearest", resize_nearest(8, 10, 15, 20, {}));  // retinaface's second resize
  expect_pass("resize_nearest", resize_nearest(4, 5, 4, 5, {}));
  expect_fail("resize_nearest", resize_nearest(4, 4, 7, 7, {false, true}),
              "is not the same size nor a nearest 2x upscale of both axes");
  expect_fail("resize_nearest", resize_nearest(4, 4, 8, 4, {}), "nor a nearest 2x upscale");
}

TEST(SupportRules, ResizeBilinear) {
  auto bilinear = [](int32_t h, int32_t w, int32_t oh, int32_t ow, ir::ResizeOptions options) {
    ir::Graph g = resize_nearest(h, w, oh, ow, options);
    g.operators[0].type = ir::OpType::kResizeBilinear;
    return g;
  };
  expect_pass("resize_bilinear", bilinear(4, 5, 8, 10, {}));
  expect_pass("resize_bilinear", bilinear(4, 5, 7, 9, {true, false}));  // align_corners: 2N - 1
  expect_fail("resize_bilinear", bilinear(4, 5, 7, 9, {}),
              "resizing 4x5 to 7x9 is not a bilinear 2x upscale of both axes");
  expect_fail("resize_bilinear", bilinear(4, 5, 8, 10, {false, true}),
              "with half-pixel centers is not a bilinear 2x upscale");
  ir::Graph wide = bilinear(4, 5, 8, 10, {});
  wide.tensors[0].type = ir::DataType::kInt16;
  expect_fail("resize_bilinear", wide, "input and output must be int8");
}

TEST(SupportRules, TransposePermutation) {
  auto transpose = [](const ir::Shape& in, const std::vector<int32_t>& perm) {
    ir::Graph g;
    const int32_t input = add(g, in);
    const int32_t p = add_int32_values(g, perm, {static_cast<int32_t>(perm.size())});
    ir::Shape out;
    for (int32_t axis : perm) out.push_back(in[static_cast<size_t>(axis)]);
    g.operators.push_back({ir::OpType::kTranspose, {input, p}, {add(g, out)}, {}});
    return g;
  };
  expect_pass("transpose_permutation", transpose({1, 4, 5, 6}, {0, 2, 1, 3}));
  expect_pass("transpose_permutation", transpose({1, 4, 1, 6}, {0, 3, 2, 1}));
  expect_pass("transpose_permutation", transpose({7, 9}, {1, 0}));
  // NHWC -> NCHW: [20, 6] -> [6, 20], one swap of two blocks.
  expect_pass("transpose_permutation", transpose({1, 4, 5, 6}, {0, 3, 1, 2}));
  expect_fail("transpose_permutation", transpose({2, 4, 5, 6}, {0, 2, 1, 3}),
              "the permutation of this shape moves 4 blocks of axes; one NPU copy swaps two "
              "blocks in front of an unchanged innermost block");
  expect_fail("transpose_permutation", transpose({1, 70000, 2}, {0, 2, 1}),
              "a block of axes exceeds 65535");
}

TEST(SupportRules, NpuLowering) {
  // The limit is the list of lowered types: an EXP (which the rule
  // operator_type refuses first) would stay on the CPU with the reason;
  // RESHAPE runs as an alias.
  ir::Graph g;
  const int32_t a = add(g, {1, 10});
  const int32_t b = add(g, {1, 10});
  g.operators.push_back({ir::OpType::kExp, {a}, {b}, {}});
  expect_fail("npu_lowering", g, "vnpu does not lower EXP to NPU commands yet");
  g.operators[0] = {ir::OpType::kReshape, {a}, {b}, ir::ReshapeOptions{{1, 10}}};
  expect_pass("npu_lowering", g);
}

TEST(SupportRules, EveryRuleHasATestAndADistinctName) {
  // The tests above name every rule of the table; a new rule needs a new test here.
  const std::vector<std::string> tested = {"operator_type",
                                           "activation_types",
                                           "per_tensor_activations",
                                           "tensor_dims",
                                           "batch_size",
                                           "stride_range",
                                           "dilated_kernel_height",
                                           "dilated_kernel_area",
                                           "pool_kernel_height",
                                           "pool_kernel_area",
                                           "same_average_pool_kernel",
                                           "constant_weights",
                                           "weight_quantization",
                                           "weight_sum",
                                           "bias_range",
                                           "weighted_16x8",
                                           "depth_multiplier",
                                           "transpose_conv",
                                           "mean_axes",
                                           "mean_area",
                                           "mean_requantize",
                                           "arg_max",
                                           "softmax_beta",
                                           "matching_types",
                                           "ofm_shaped_input",
                                           "min_max_quantization",
                                           "int8_lookup_input",
                                           "prelu_lookup",
                                           "requantize_scale",
                                           "slice_box",
                                           "slice_npu_axes",
                                           "concatenation_inputs",
                                           "resize_nearest",
                                           "resize_bilinear",
                                           "transpose_permutation",
                                           "pad_boxes",
                                           "mirror_pad_boxes",
                                           "rearrange_boxes",
                                           "npu_lowering"};
  std::vector<std::string> names;
  for (const SupportRule& rule : support_rules()) names.emplace_back(rule.name);
  EXPECT_EQ(names, tested);
}

TEST(Partition, PlacesEachOperatorWithTheFirstFailingRule) {
  ir::Graph g = conv(3, 3);
  const int32_t q_out = add(g, {1, 8, 8, 2}, ir::DataType::kFloat32, {});
  g.operators.push_back({ir::OpType::kDequantize, {3}, {q_out}, {}});
  ir::Conv2dOptions options;
  options.stride_h = 4;
  g.operators.push_back({ir::OpType::kConv2d, {0, 1, 2}, {add(g, {1, 2, 8, 2})}, options});
  const Partition partition = partition_graph(g, u55_128());
  ASSERT_EQ(partition.ops.size(), 3u);
  EXPECT_TRUE(partition.ops[0].on_npu);
  EXPECT_EQ(partition.ops[0].rule, "all");
  EXPECT_FALSE(partition.ops[1].on_npu);
  EXPECT_EQ(partition.ops[1].rule, "operator_type");
  EXPECT_FALSE(partition.ops[2].on_npu);
  EXPECT_EQ(partition.ops[2].rule, "stride_range");
  EXPECT_EQ(partition.npu_count(), 1u);
  EXPECT_EQ(partition.cpu_count(), 2u);
}

}  // namespace
}  // namespace vnpu::compiler
