#include "bench/mobilenet_v2_224.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "models/graph_builder.h"

namespace vnpu::bench {
namespace {

struct Activation {
  int32_t tensor = 0;
  float scale = 1.0f;
  int32_t height = 0;
  int32_t width = 0;
  int32_t depth = 0;
};

class Builder {
 public:
  Builder() : b_("mobilenet_v2_224_speed", 11) {}

  SyntheticModel build() {
    const int32_t input = b_.add_activation("input", {1, 224, 224, 3}, {1.0f / 128, 0});
    Activation x{input, 1.0f / 128, 224, 224, 3};
    x = conv(x, "stem", 3, 32, 2, true);
    // (expansion, output channels, repeats, stride of the first repeat)
    const int32_t stages[7][4] = {{1, 16, 1, 1}, {6, 24, 2, 2},  {6, 32, 3, 2}, {6, 64, 4, 2},
                                  {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1}};
    int block = 0;
    for (const auto& stage : stages) {
      for (int32_t r = 0; r < stage[2]; ++r) {
        x = bottleneck(x, "b" + std::to_string(block++), stage[0], stage[1], r == 0 ? stage[3] : 1);
      }
    }
    x = conv(x, "top", 1, 1280, 1, true);
    const int32_t logits = classifier(x);
    b_.set_io({input}, {logits});
    return {b_.finish("MobileNetV2-224-sized synthetic model (systemc_bench)"), macs_};
  }

 private:
  std::vector<float> weight_scales(int32_t channels) {
    std::vector<float> scales(static_cast<size_t>(channels));
    for (float& s : scales) s = static_cast<float>(0.003 + 0.002 * b_.rng().unit());
    return scales;
  }

  // Keeps the accumulator of `products` terms inside the int8 output range.
  static float next_scale(float input_scale, float weight_scale, int32_t products) {
    return static_cast<float>(60.0 * std::sqrt(static_cast<double>(products)) * input_scale *
                              weight_scale);
  }

  Activation conv(const Activation& in, const std::string& name, int32_t kernel, int32_t depth,
                  int32_t stride, bool relu6) {
    const std::vector<float> scales = weight_scales(depth);
    const int32_t products = kernel * kernel * in.depth;
    Activation out{0, next_scale(in.scale, scales[0], products), (in.height + stride - 1) / stride,
                   (in.width + stride - 1) / stride, depth};
    const int32_t weights = b_.add_weights(name + "/w", {depth, kernel, kernel, in.depth}, 0, scales);
    const int32_t bias = b_.add_bias(name + "/b", depth, in.scale, scales, 1000);
    out.tensor = b_.add_activation(name, {1, out.height, out.width, depth}, {out.scale, -128});
    ir::Conv2dOptions options;
    options.stride_h = stride;
    options.stride_w = stride;
    options.activation = relu6 ? ir::FusedActivation::kRelu6 : ir::FusedActivation::kNone;
    b_.add_op(ir::OpType::kConv2d, {in.tensor, weights, bias}, {out.tensor}, options);
    macs_ += int64_t{out.height} * out.width * depth * products;
    return out;
  }

  Activation depthwise(const Activation& in, const std::string& name, int32_t stride) {
    const std::vector<float> scales = weight_scales(in.depth);
    Activation out{0, next_scale(in.scale, scales[0], 9), (in.height + stride - 1) / stride,
                   (in.width + stride - 1) / stride, in.depth};
    const int32_t weights = b_.add_weights(name + "/w", {1, 3, 3, in.depth}, 3, scales);
    const int32_t bias = b_.add_bias(name + "/b", in.depth, in.scale, scales, 300);
    out.tensor = b_.add_activation(name, {1, out.height, out.width, in.depth}, {out.scale, -128});
    ir::DepthwiseConv2dOptions options;
    options.stride_h = stride;
    options.stride_w = stride;
    options.activation = ir::FusedActivation::kRelu6;
    b_.add_op(ir::OpType::kDepthwiseConv2d, {in.tensor, weights, bias}, {out.tensor}, options);
    macs_ += int64_t{out.height} * out.width * in.depth * 9;
    return out;
  }

  Activation bottleneck(const Activation& in, const std::string& name, int32_t expansion,
                        int32_t depth, int32_t stride) {
    Activation x = in;
    if (expansion > 1) x = conv(x, name + "/expand", 1, in.depth * expansion, 1, true);
    x = depthwise(x, name + "/dw", stride);
    x = conv(x, name + "/project", 1, depth, 1, false);
    if (stride != 1 || in.depth != depth) return x;
    Activation sum = x;
    sum.scale = 2.0f * std::max(x.scale, in.scale);
    sum.tensor = b_.add_activation(name + "/add", {1, x.height, x.width, depth}, {sum.scale, 0});
    b_.add_op(ir::OpType::kAdd, {in.tensor, x.tensor}, {sum.tensor}, ir::ElementwiseOptions{});
    return sum;
  }

  int32_t classifier(const Activation& in) {
    const int32_t pooled = b_.add_activation("pool", {1, 1, 1, in.depth}, {in.scale, -128});
    ir::Pool2dOptions pool;
    pool.padding = ir::Padding::kValid;
    pool.filter_h = in.height;
    pool.filter_w = in.width;
    b_.add_op(ir::OpType::kAveragePool2d, {in.tensor}, {pooled}, pool);
    const int32_t flat = b_.add_activation("flat", {1, in.depth}, {in.scale, -128});
    const int32_t shape = b_.add_int32_constant("flat/shape", {1, in.depth});
    ir::ReshapeOptions reshape;
    reshape.new_shape = {1, in.depth};
    b_.add_op(ir::OpType::kReshape, {pooled, shape}, {flat}, reshape);
    constexpr int32_t kClasses = 1000;
    const std::vector<float> scales(1, 0.002f);
    const int32_t weights = b_.add_weights("fc/w", {kClasses, in.depth}, 0, scales);
    const int32_t bias = b_.add_bias("fc/b", kClasses, in.scale, scales, 2000);
    const int32_t logits = b_.add_activation(
        "logits", {1, kClasses}, {next_scale(in.scale, scales[0], in.depth), 0});
    b_.add_op(ir::OpType::kFullyConnected, {flat, weights, bias}, {logits},
              ir::FullyConnectedOptions{});
    macs_ += int64_t{kClasses} * in.depth;
    return logits;
  }

  models::GraphBuilder b_;
  int64_t macs_ = 0;
};

}  // namespace

SyntheticModel build_mobilenet_v2_224() { return Builder().build(); }

}  // namespace vnpu::bench
