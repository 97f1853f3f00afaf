#include "verify/random_operations.h"

#include <cmath>
#include <vector>

#include "core/deterministic_rng.h"
#include "models/graph_builder.h"

namespace vnpu::verify {
namespace {

enum class Kind {
  kConv,
  kDepthwise,
  kFullyConnected,
  kMaxPool,
  kAveragePool,
  kAdd,
  kSub,
  kMul,
  kMaximum,
  kMinimum,
  kLogistic,
  kTanh,
  kSoftmax,
  kCount
};

std::string dims_text(const ir::Shape& shape) {
  std::string text;
  for (int32_t d : shape) text += (text.empty() ? "" : "x") + std::to_string(d);
  return text;
}

int32_t out_size(ir::Padding padding, int32_t in, int32_t kernel, int32_t dilation,
                 int32_t stride) {
  const int32_t effective = (kernel - 1) * dilation + 1;
  return padding == ir::Padding::kSame ? (in + stride - 1) / stride : (in - effective) / stride + 1;
}

class Generator {
 public:
  Generator(uint64_t seed, uint32_t index)
      : rng_(seed * 0x9E3779B97F4A7C15ULL + index * 0xD1B54A32D192ED03ULL + 1),
        builder_("verify_random", seed * 1000003u + index) {}

  RandomOperation generate();

 private:
  int32_t uniform(int32_t lo, int32_t hi) { return rng_.uniform(lo, hi); }
  float real(float lo, float hi) { return lo + (hi - lo) * static_cast<float>(rng_.unit()); }
  models::QuantParams quant() { return {real(0.01f, 0.1f), uniform(-128, 127)}; }
  ir::FusedActivation activation() {
    static constexpr ir::FusedActivation kChoices[] = {
        ir::FusedActivation::kNone, ir::FusedActivation::kRelu, ir::FusedActivation::kRelu6};
    return kChoices[uniform(0, 2)];
  }
  std::vector<float> scales(int32_t channels) {
    std::vector<float> s(1, real(0.002f, 0.02f));
    if (uniform(0, 3) != 0) {
      for (int32_t c = 1; c < channels; ++c) s.push_back(real(0.002f, 0.02f));
    }
    return s;
  }
  std::vector<float> per_channel(const std::vector<float>& s, int32_t channels) {
    return s.size() == 1 ? std::vector<float>(static_cast<size_t>(channels), s[0]) : s;
  }
  float output_scale(float in, const std::vector<float>& w, int32_t terms) {
    float max_w = 0;
    for (float v : w) max_w = std::max(max_w, v);
    return in * max_w * std::sqrt(static_cast<float>(terms)) * real(0.5f, 4.0f);
  }
  int32_t input(const ir::Shape& shape, models::QuantParams q, const std::string& name) {
    const int32_t t = builder_.add_activation(name, shape, q);
    inputs_.push_back(t);
    return t;
  }
  ir::Shape feature_map() { return {1, uniform(1, 12), uniform(1, 12), uniform(1, 24)}; }

  void windowed(Kind kind);
  void fully_connected();
  void binary(Kind kind);
  void unary(Kind kind);

  DeterministicRng rng_;
  models::GraphBuilder builder_;
  std::vector<int32_t> inputs_;
  std::vector<int32_t> outputs_;
  std::string description_;
};

void Generator::windowed(Kind kind) {
  const ir::Shape in_shape = feature_map();
  const models::QuantParams in_q = quant();
  const int32_t in = input(in_shape, in_q, "ifm");
  const int32_t kh = uniform(1, 3), kw = uniform(1, 3), sy = uniform(1, 2), sx = uniform(1, 2);
  ir::Padding padding = uniform(0, 1) == 0 ? ir::Padding::kSame : ir::Padding::kValid;
  if (kh > in_shape[1] || kw > in_shape[2]) padding = ir::Padding::kSame;
  const int32_t oh = out_size(padding, in_shape[1], kh, 1, sy);
  const int32_t ow = out_size(padding, in_shape[2], kw, 1, sx);
  const int32_t ic = in_shape[3];
  const ir::FusedActivation act = activation();
  std::string name;
  int32_t oc = ic;
  if (kind == Kind::kConv || kind == Kind::kDepthwise) {
    const bool conv = kind == Kind::kConv;
    const int32_t multiplier =
        conv || ic > 1 ? 1 : uniform(1, 4);  // the NPU's depthwise multiplier is 1
    oc = conv ? uniform(1, 32) : ic * multiplier;
    const std::vector<float> w = scales(oc);
    const int32_t weights = conv ? builder_.add_weights("weights", {oc, kh, kw, ic}, 0, w)
                                 : builder_.add_weights("weights", {1, kh, kw, oc}, 3, w);
    const int32_t bias = builder_.add_bias("bias", oc, in_q.scale, per_channel(w, oc), 5000);
    const int32_t out = builder_.add_activation(
        "ofm", {1, oh, ow, oc},
        {output_scale(in_q.scale, w, kh * kw * (conv ? ic : 1)), uniform(-128, 127)});
    if (conv) {
      builder_.add_op(ir::OpType::kConv2d, {in, weights, bias}, {out},
                      ir::Conv2dOptions{padding, sx, sy, 1, 1, act});
    } else {
      builder_.add_op(ir::OpType::kDepthwiseConv2d, {in, weights, bias}, {out},
                      ir::DepthwiseConv2dOptions{padding, sx, sy, multiplier, 1, 1, act});
    }
    outputs_.push_back(out);
    name = conv ? "CONV_2D" : "DEPTHWISE_CONV_2D";
  } else {
    const bool average = kind == Kind::kAveragePool;
    const models::QuantParams out_q = in_q;  // the NPU pools without rescaling
    const int32_t out = builder_.add_activation("ofm", {1, oh, ow, ic}, out_q);
    builder_.add_op(average ? ir::OpType::kAveragePool2d : ir::OpType::kMaxPool2d, {in}, {out},
                    ir::Pool2dOptions{padding, sx, sy, kw, kh, act});
    outputs_.push_back(out);
    name = average ? "AVERAGE_POOL_2D" : "MAX_POOL_2D";
  }
  description_ = name + " " + dims_text(in_shape) + " -> " + dims_text({1, oh, ow, oc}) + " " +
                 std::to_string(kh) + "x" + std::to_string(kw) + " s" + std::to_string(sy) + "x" +
                 std::to_string(sx) + (padding == ir::Padding::kSame ? " SAME " : " VALID ") +
                 ir::fused_activation_name(act);
}

void Generator::fully_connected() {
  const int32_t batches = uniform(1, 3), depth = uniform(1, 64), units = uniform(1, 32);
  const models::QuantParams in_q = quant();
  const int32_t in = input({batches, depth}, in_q, "input");
  const std::vector<float> w(1, real(0.002f, 0.02f));
  const int32_t weights = builder_.add_weights("weights", {units, depth}, 0, w);
  const int32_t bias = builder_.add_bias("bias", units, in_q.scale, per_channel(w, units), 5000);
  const int32_t out = builder_.add_activation(
      "output", {batches, units}, {output_scale(in_q.scale, w, depth), uniform(-128, 127)});
  const ir::FusedActivation act = activation();
  builder_.add_op(ir::OpType::kFullyConnected, {in, weights, bias}, {out},
                  ir::FullyConnectedOptions{act, false});
  outputs_.push_back(out);
  description_ = "FULLY_CONNECTED " + dims_text({batches, depth}) + " -> " +
                 dims_text({batches, units}) + " " + ir::fused_activation_name(act);
}

void Generator::binary(Kind kind) {
  static const char* const kNames[] = {"ADD", "SUB", "MUL", "MAXIMUM", "MINIMUM"};
  static constexpr ir::OpType kTypes[] = {ir::OpType::kAdd, ir::OpType::kSub, ir::OpType::kMul,
                                          ir::OpType::kMaximum, ir::OpType::kMinimum};
  const auto which = static_cast<size_t>(kind) - static_cast<size_t>(Kind::kAdd);
  const ir::Shape shape = feature_map();
  ir::Shape other = shape;
  if (uniform(0, 1) == 0) {  // broadcast: some dimensions of one operand are 1
    for (size_t d = 1; d < 4; ++d) {
      if (uniform(0, 1) == 0) other[d] = 1;
    }
  }
  const bool min_max = kind == Kind::kMaximum || kind == Kind::kMinimum;
  const models::QuantParams q1 = quant();
  const models::QuantParams q2 = min_max ? q1 : quant();
  const models::QuantParams out_q = min_max ? q1 : quant();
  const bool swap = uniform(0, 1) == 0;
  const int32_t a = input(swap ? other : shape, q1, "a");
  const int32_t b = input(swap ? shape : other, q2, "b");
  const int32_t out = builder_.add_activation("out", shape, out_q);
  ir::OpOptions options = std::monostate{};
  ir::FusedActivation act = ir::FusedActivation::kNone;
  if (!min_max) {
    act = activation();
    options = ir::ElementwiseOptions{act};
  }
  builder_.add_op(kTypes[which], {a, b}, {out}, options);
  outputs_.push_back(out);
  description_ = std::string(kNames[which]) + " " + dims_text(swap ? other : shape) + " + " +
                 dims_text(swap ? shape : other) + (other != shape ? " (broadcast) " : " ") +
                 ir::fused_activation_name(act);
}

void Generator::unary(Kind kind) {
  const ir::Shape shape = feature_map();
  const int32_t in = input(shape, quant(), "input");
  ir::OpType type = ir::OpType::kSoftmax;
  models::QuantParams out_q{1.0f / 256.0f, -128};
  ir::OpOptions options = ir::SoftmaxOptions{1.0f};
  std::string name = "SOFTMAX";
  if (kind == Kind::kLogistic) {
    type = ir::OpType::kLogistic;
    options = std::monostate{};
    name = "LOGISTIC";
  } else if (kind == Kind::kTanh) {
    type = ir::OpType::kTanh;
    out_q = {1.0f / 128.0f, 0};
    options = std::monostate{};
    name = "TANH";
  }
  const int32_t out = builder_.add_activation("output", shape, out_q);
  builder_.add_op(type, {in}, {out}, options);
  outputs_.push_back(out);
  description_ = name + " " + dims_text(shape);
}

RandomOperation Generator::generate() {
  const auto kind = static_cast<Kind>(uniform(0, static_cast<int32_t>(Kind::kCount) - 1));
  switch (kind) {
    case Kind::kConv:
    case Kind::kDepthwise:
    case Kind::kMaxPool:
    case Kind::kAveragePool:
      windowed(kind);
      break;
    case Kind::kFullyConnected:
      fully_connected();
      break;
    case Kind::kLogistic:
    case Kind::kTanh:
    case Kind::kSoftmax:
      unary(kind);
      break;
    default:
      binary(kind);
      break;
  }
  builder_.set_io(inputs_, outputs_);
  return {builder_.finish(description_), description_};
}

}  // namespace

RandomOperation random_operation(uint64_t seed, uint32_t index) {
  return Generator(seed, index).generate();
}

}  // namespace vnpu::verify
