// The built-in DS-CNN keyword-spotting model.
//
// Output scales are chosen from the expected spread of each accumulator so
// activations use the int8 range without saturating: for an op with K
// products of weights w (uniform in +-127, std ~73 levels) and inputs of std
// ~kInputStdLevels levels, the accumulator std is sqrt(K) * 73 * that, and the
// output scale maps it to ~kOutputStdLevels levels.
#include <cmath>
#include <string>

#include "models/builtin_models.h"
#include "models/graph_builder.h"

namespace vnpu::models {
namespace {

constexpr int32_t kChannels = 64;
constexpr int32_t kClasses = 12;
constexpr double kWeightStdLevels = 73.0;
constexpr double kInputStdLevels = 40.0;
constexpr double kOutputStdLevels = 40.0;
constexpr double kLogitStd = 1.5;

std::vector<float> channel_scales(DeterministicRng& rng, int32_t channels) {
  std::vector<float> scales(static_cast<size_t>(channels));
  for (float& scale : scales) scale = static_cast<float>(0.004 * (0.75 + 0.5 * rng.unit()));
  return scales;
}

float output_scale(float input_scale, const std::vector<float>& weight_scales, int32_t products) {
  double mean = 0;
  for (float scale : weight_scales) mean += scale;
  mean /= static_cast<double>(weight_scales.size());
  const double spread = std::sqrt(static_cast<double>(products)) * kWeightStdLevels *
                        kInputStdLevels * input_scale * mean;
  return static_cast<float>(spread / kOutputStdLevels);
}

// A ReLU-activated layer's output: zero point -128 so the whole range is >= 0.
QuantParams relu_output(float scale) { return {scale, -128}; }

struct Layer {
  int32_t tensor;
  float scale;
};

Layer add_conv(GraphBuilder& b, const std::string& name, Layer input, ir::Shape out_shape,
               int32_t kh, int32_t kw, int32_t in_c, int32_t stride) {
  const std::vector<float> scales = channel_scales(b.rng(), kChannels);
  const float scale = output_scale(input.scale, scales, kh * kw * in_c);
  const int32_t weights = b.add_weights(name + "/weights", {kChannels, kh, kw, in_c}, 0, scales);
  const int32_t bias = b.add_bias(name + "/bias", kChannels, input.scale, scales, 2000);
  const int32_t output = b.add_activation(name + "/relu", out_shape, relu_output(scale));
  ir::Conv2dOptions options;
  options.stride_h = stride;
  options.stride_w = stride;
  options.activation = ir::FusedActivation::kRelu;
  b.add_op(ir::OpType::kConv2d, {input.tensor, weights, bias}, {output}, options);
  return {output, scale};
}

Layer add_depthwise(GraphBuilder& b, const std::string& name, Layer input, ir::Shape shape) {
  const std::vector<float> scales = channel_scales(b.rng(), kChannels);
  const float scale = output_scale(input.scale, scales, 9);
  const int32_t weights = b.add_weights(name + "/weights", {1, 3, 3, kChannels}, 3, scales);
  const int32_t bias = b.add_bias(name + "/bias", kChannels, input.scale, scales, 500);
  const int32_t output = b.add_activation(name + "/relu", shape, relu_output(scale));
  ir::DepthwiseConv2dOptions options;
  options.activation = ir::FusedActivation::kRelu;
  b.add_op(ir::OpType::kDepthwiseConv2d, {input.tensor, weights, bias}, {output}, options);
  return {output, scale};
}

}  // namespace

ir::Model build_kws_dscnn(uint64_t seed) {
  GraphBuilder b("kws_dscnn_builtin", seed);
  const ir::Shape feature_shape = {1, 25, 5, kChannels};
  const int32_t input = b.add_activation("input_mfcc", {1, 49, 10, 1}, {0.5f, 0});
  Layer x = add_conv(b, "conv_0", {input, 0.5f}, feature_shape, 10, 4, 1, 2);
  for (int block = 1; block <= 4; ++block) {
    const std::string prefix = "block_" + std::to_string(block);
    x = add_depthwise(b, prefix + "/depthwise", x, feature_shape);
    x = add_conv(b, prefix + "/pointwise", x, feature_shape, 1, 1, kChannels, 1);
  }
  const int32_t pooled = b.add_activation("avg_pool", {1, 1, 1, kChannels}, relu_output(x.scale));
  ir::Pool2dOptions pool;
  pool.padding = ir::Padding::kValid;
  pool.filter_h = 25;
  pool.filter_w = 5;
  b.add_op(ir::OpType::kAveragePool2d, {x.tensor}, {pooled}, pool);
  const int32_t flat = b.add_activation("flatten", {1, kChannels}, relu_output(x.scale));
  const int32_t new_shape = b.add_int32_constant("flatten/shape", {1, kChannels});
  ir::ReshapeOptions reshape;
  reshape.new_shape = {1, kChannels};
  b.add_op(ir::OpType::kReshape, {pooled, new_shape}, {flat}, reshape);
  // Logits with a real-valued spread of ~kLogitStd keep the softmax from saturating to one-hot.
  const std::vector<float> fc_scale = {static_cast<float>(
      kLogitStd / (std::sqrt(static_cast<double>(kChannels)) * kWeightStdLevels * kInputStdLevels *
                   static_cast<double>(x.scale)))};
  const float logit_scale = output_scale(x.scale, fc_scale, kChannels);
  const int32_t fc_weights = b.add_weights("dense/weights", {kClasses, kChannels}, 0, fc_scale);
  const int32_t fc_bias = b.add_bias("dense/bias", kClasses, x.scale, fc_scale, 3000);
  const int32_t logits = b.add_activation("dense/logits", {1, kClasses}, {logit_scale, 0});
  b.add_op(ir::OpType::kFullyConnected, {flat, fc_weights, fc_bias}, {logits},
           ir::FullyConnectedOptions{});
  const int32_t probabilities = b.add_activation("softmax", {1, kClasses}, {1.0f / 256, -128});
  b.add_op(ir::OpType::kSoftmax, {logits}, {probabilities}, ir::SoftmaxOptions{});
  b.set_io({input}, {probabilities});
  return b.finish("vnpu built-in DS-CNN keyword spotting model (synthetic weights, seed " +
                  std::to_string(seed) + ")");
}

std::vector<std::string> builtin_model_names() { return {"kws-dscnn"}; }

Expected<ir::Model> build_builtin_model(const std::string& name, uint64_t seed) {
  if (name == "kws-dscnn") return build_kws_dscnn(seed);
  return Status::invalid_input("unknown built-in model '" + name + "' (available: kws-dscnn)");
}

}  // namespace vnpu::models
