#include "tests/compiler/random_graphs.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/deterministic_rng.h"
#include "models/graph_builder.h"

namespace vnpu::compiler::testing {
namespace {

constexpr int32_t kMaxOperators = 4;
// Multiply-accumulates of one convolution or FC: keeps a case (CPU runtime and
// functional NPU) within milliseconds.
constexpr int64_t kMaxMacs = 3000000;

// A feature map of the graph being built.
struct Value {
  int32_t tensor = 0;
  ir::Shape shape;
  models::QuantParams quant;
  std::string name;
};

std::string dims_text(const ir::Shape& shape) {
  std::string text;
  for (int32_t d : shape) text += (text.empty() ? "" : "x") + std::to_string(d);
  return text;
}

// " per-channel RELU6", " per-tensor NONE no-bias", ...
std::string weights_text(const std::vector<float>& scales, int32_t bias,
                         ir::FusedActivation activation) {
  return std::string(scales.size() > 1 ? " per-channel " : " per-tensor ") +
         ir::fused_activation_name(activation) + (bias == ir::kNoTensor ? " no-bias" : "");
}

// Kernel, stride, dilation and padding of a windowed operator, and its output size.
struct Window {
  int32_t kh = 1, kw = 1, sy = 1, sx = 1, dy = 1, dx = 1;
  ir::Padding padding = ir::Padding::kSame;
  int32_t oh = 1, ow = 1;

  std::string text() const {
    std::string s = std::to_string(kh) + "x" + std::to_string(kw) + " s" + std::to_string(sy) +
                    "x" + std::to_string(sx);
    if (dy > 1 || dx > 1) s += " d" + std::to_string(dy) + "x" + std::to_string(dx);
    return s + (padding == ir::Padding::kSame ? " SAME" : " VALID");
  }
};

// TFLite's output size along one axis.
int32_t out_size(ir::Padding padding, int32_t in, int32_t kernel, int32_t dilation,
                 int32_t stride) {
  const int32_t effective = (kernel - 1) * dilation + 1;
  return padding == ir::Padding::kSame ? (in + stride - 1) / stride : (in - effective) / stride + 1;
}

void finish_window(int32_t h, int32_t w, Window* win) {
  if ((win->kh - 1) * win->dy + 1 > h || (win->kw - 1) * win->dx + 1 > w) {
    win->padding = ir::Padding::kSame;  // VALID needs the dilated kernel inside the input
  }
  win->oh = out_size(win->padding, h, win->kh, win->dy, win->sy);
  win->ow = out_size(win->padding, w, win->kw, win->dx, win->sx);
}

class GraphGenerator {
 public:
  explicit GraphGenerator(uint64_t seed)
      : rng_(seed * 0x2545F4914F6CDD1DULL + 0x632BE59BD9B4E019ULL),
        builder_("compile_random", seed) {}

  RandomGraph generate();

 private:
  int32_t uniform(int32_t lo, int32_t hi) { return rng_.uniform(lo, hi); }
  float real(float lo, float hi) { return lo + (hi - lo) * static_cast<float>(rng_.unit()); }
  bool one_in(int32_t n) { return rng_.uniform(1, n) == 1; }
  // Output depths of convolutions and FC: a third above 48, deeper than most
  // OFM blocks, so a tight budget can cut their weights into depth slices.
  int32_t wide_depth() { return one_in(3) ? uniform(49, 128) : uniform(1, 48); }

  int32_t zero_point();
  ir::FusedActivation activation();
  Window window(const ir::Shape& in, int32_t max_kernel, bool dilate, bool keep_spatial);
  std::vector<float> weight_scales(int32_t channels);
  float output_scale(float input_scale, const std::vector<float>& weights, int64_t terms);
  int32_t maybe_bias(int32_t channels, float input_scale, const std::vector<float>& weights);

  Value add_value(const ir::Shape& shape, models::QuantParams quant);
  Value add_input(const ir::Shape& shape, models::QuantParams quant);
  ir::Shape input_shape();

  Value step(const Value& in, int32_t ops_left);
  Value conv(const Value& in, bool keep_spatial, int32_t cout);
  Value depthwise(const Value& in, bool keep_shape);
  Value fully_connected(const Value& in);
  Value pool(const Value& in, bool average, bool keep_shape);
  Value elementwise(const Value& in, int32_t ops_left);
  Value partner_for(const Value& in, int32_t ops_left, std::string* how);
  const Value* parallel_source(const Value& target);
  ir::Shape broadcast_shape(const ir::Shape& shape);

  DeterministicRng rng_;
  models::GraphBuilder builder_;
  bool large_ = false;
  std::vector<Value> values_;  // every feature map so far, inputs first
  std::vector<int32_t> inputs_;
  std::vector<std::string> parts_;
  int32_t operators_ = 0;
};

int32_t GraphGenerator::zero_point() {
  switch (uniform(0, 7)) {
    case 0:
      return -128;
    case 1:
      return 127;
    case 2:
      return 0;
    default:
      return uniform(-128, 127);
  }
}

ir::FusedActivation GraphGenerator::activation() {
  switch (uniform(0, 2)) {
    case 0:
      return ir::FusedActivation::kNone;
    case 1:
      return ir::FusedActivation::kRelu;
    default:
      return ir::FusedActivation::kRelu6;
  }
}

Window GraphGenerator::window(const ir::Shape& in, int32_t max_kernel, bool dilate,
                              bool keep_spatial) {
  Window w;
  w.kh = uniform(1, max_kernel);
  w.kw = uniform(1, max_kernel);
  if (dilate) {
    w.dy = uniform(1, 2);
    w.dx = uniform(1, 2);
  }
  if (!keep_spatial) {
    w.sy = uniform(1, 3);
    w.sx = uniform(1, 3);
    w.padding = one_in(2) ? ir::Padding::kSame : ir::Padding::kValid;
  }
  finish_window(in[1], in[2], &w);
  return w;
}

// Per-channel (three cases in four) or per-tensor weight scales.
std::vector<float> GraphGenerator::weight_scales(int32_t channels) {
  std::vector<float> scales(1, real(0.001f, 0.02f));
  if (!one_in(4)) {
    for (int32_t c = 1; c < channels; ++c) scales.push_back(real(0.001f, 0.02f));
  }
  return scales;
}

// Real multipliers mostly below 1: the accumulator's typical magnitude
// (sqrt(terms) products) maps to a fraction of the int8 range.
float GraphGenerator::output_scale(float input_scale, const std::vector<float>& weights,
                                   int64_t terms) {
  const float max_w = *std::max_element(weights.begin(), weights.end());
  return input_scale * max_w * std::sqrt(static_cast<float>(terms)) * real(0.5f, 6.0f);
}

// A bias in four cases out of five (kNoTensor otherwise), scaled per channel
// like TFLite's: input scale x weight scale.
int32_t GraphGenerator::maybe_bias(int32_t channels, float input_scale,
                                   const std::vector<float>& weights) {
  if (one_in(5)) return ir::kNoTensor;
  const std::vector<float> scales =
      weights.size() == 1 ? std::vector<float>(static_cast<size_t>(channels), weights[0]) : weights;
  const int32_t range = one_in(2) ? 3000 : 200000;
  return builder_.add_bias("b" + std::to_string(operators_), channels, input_scale, scales, range);
}

Value GraphGenerator::add_value(const ir::Shape& shape, models::QuantParams quant) {
  Value v;
  v.name = "t" + std::to_string(operators_);
  v.shape = shape;
  v.quant = quant;
  v.tensor = builder_.add_activation(v.name, shape, quant);
  values_.push_back(v);
  return v;
}

Value GraphGenerator::add_input(const ir::Shape& shape, models::QuantParams quant) {
  Value v;
  v.name = "in" + std::to_string(inputs_.size());
  v.shape = shape;
  v.quant = quant;
  v.tensor = builder_.add_activation(v.name, shape, quant);
  inputs_.push_back(v.tensor);
  values_.push_back(v);
  return v;
}

ir::Shape GraphGenerator::input_shape() {
  if (one_in(8)) {
    return large_ ? ir::Shape{uniform(1, 16), uniform(64, 256)}
                  : ir::Shape{uniform(1, 6), uniform(1, 96)};
  }
  if (large_) return {1, uniform(16, 40), uniform(16, 40), uniform(8, 32)};
  return {1, uniform(1, 14), uniform(1, 14), one_in(5) ? 1 : uniform(1, 40)};
}

Value GraphGenerator::step(const Value& in, int32_t ops_left) {
  if (in.shape.size() == 2) return one_in(2) ? fully_connected(in) : elementwise(in, ops_left);
  const bool keep = one_in(3);  // same shape out: a residual join becomes possible
  switch (uniform(0, 9)) {
    case 0:
    case 1:
    case 2:
      return conv(in, keep, keep ? in.shape[3] : 0);
    case 3:
    case 4:
      return depthwise(in, keep);
    case 5:
      return pool(in, false, keep);
    case 6:
      return pool(in, true, keep);
    case 7:
    case 8:
      return elementwise(in, ops_left);
    default:
      return fully_connected(in);
  }
}

// `cout` 0: a random output depth.
Value GraphGenerator::conv(const Value& in, bool keep_spatial, int32_t cout) {
  ++operators_;
  const int32_t cin = in.shape[3];
  Window w = window(in.shape, large_ ? 3 : 5, true, keep_spatial);
  const bool random_depth = cout == 0;
  if (random_depth) cout = wide_depth();
  auto macs = [&] { return int64_t{w.oh} * w.ow * cout * w.kh * w.kw * cin; };
  if (macs() > kMaxMacs) {
    w.kh = w.kw = 1;
    finish_window(in.shape[1], in.shape[2], &w);
  }
  while (random_depth && cout > 1 && macs() > kMaxMacs) cout /= 2;
  const std::vector<float> scales = weight_scales(cout);
  const int32_t filter =
      builder_.add_weights("w" + std::to_string(operators_), {cout, w.kh, w.kw, cin}, 0, scales);
  const int32_t bias = maybe_bias(cout, in.quant.scale, scales);
  const float out_scale = output_scale(in.quant.scale, scales, int64_t{w.kh} * w.kw * cin);
  const Value out = add_value({1, w.oh, w.ow, cout}, {out_scale, zero_point()});
  ir::Conv2dOptions options;
  options.padding = w.padding;
  options.stride_h = w.sy;
  options.stride_w = w.sx;
  options.dilation_h = w.dy;
  options.dilation_w = w.dx;
  options.activation = activation();
  std::vector<int32_t> operands = {in.tensor, filter};
  if (bias != ir::kNoTensor) operands.push_back(bias);
  builder_.add_op(ir::OpType::kConv2d, operands, {out.tensor}, options);
  parts_.push_back(out.name + " = conv " + w.text() + " " + in.name + " ->" + dims_text(out.shape) +
                   weights_text(scales, bias, options.activation));
  return out;
}

// Multiplier 1, or (input depth 1) a multiplier of 2..8.
Value GraphGenerator::depthwise(const Value& in, bool keep_shape) {
  ++operators_;
  const int32_t cin = in.shape[3];
  const int32_t multiplier = cin == 1 && !keep_shape && !one_in(3) ? uniform(2, 8) : 1;
  const int32_t cout = cin * multiplier;
  const Window w = window(in.shape, large_ ? 3 : 5, true, keep_shape);
  const std::vector<float> scales = weight_scales(cout);
  const int32_t filter =
      builder_.add_weights("w" + std::to_string(operators_), {1, w.kh, w.kw, cout}, 3, scales);
  const int32_t bias = maybe_bias(cout, in.quant.scale, scales);
  const float out_scale = output_scale(in.quant.scale, scales, int64_t{w.kh} * w.kw);
  const Value out = add_value({1, w.oh, w.ow, cout}, {out_scale, zero_point()});
  ir::DepthwiseConv2dOptions options;
  options.padding = w.padding;
  options.stride_h = w.sy;
  options.stride_w = w.sx;
  options.depth_multiplier = multiplier;
  options.dilation_h = w.dy;
  options.dilation_w = w.dx;
  options.activation = activation();
  std::vector<int32_t> operands = {in.tensor, filter};
  if (bias != ir::kNoTensor) operands.push_back(bias);
  builder_.add_op(ir::OpType::kDepthwiseConv2d, operands, {out.tensor}, options);
  parts_.push_back(out.name + " = depthwise x" + std::to_string(multiplier) + " " + w.text() + " " +
                   in.name + " ->" + dims_text(out.shape) +
                   weights_text(scales, bias, options.activation));
  return out;
}

// A rank-4 input is read as rows of its depth, or flattened into one row.
Value GraphGenerator::fully_connected(const Value& in) {
  ++operators_;
  const int64_t elements = ir::element_count(in.shape);
  int32_t depth = in.shape.back();
  if (in.shape.size() == 4 && elements <= 2048 && one_in(2)) depth = static_cast<int32_t>(elements);
  const auto rows = static_cast<int32_t>(elements / depth);
  int32_t units = wide_depth();
  while (units > 1 && int64_t{rows} * depth * units > kMaxMacs) units /= 2;
  const std::vector<float> scales = weight_scales(units);
  const int32_t filter =
      builder_.add_weights("w" + std::to_string(operators_), {units, depth}, 0, scales);
  const int32_t bias = maybe_bias(units, in.quant.scale, scales);
  const float out_scale = output_scale(in.quant.scale, scales, depth);
  const Value out = add_value({rows, units}, {out_scale, zero_point()});
  const ir::FusedActivation act = activation();
  std::vector<int32_t> operands = {in.tensor, filter};
  if (bias != ir::kNoTensor) operands.push_back(bias);
  builder_.add_op(ir::OpType::kFullyConnected, operands, {out.tensor},
                  ir::FullyConnectedOptions{act, false});
  parts_.push_back(out.name + " = fc " + in.name + " " + std::to_string(rows) + "x" +
                   std::to_string(depth) + " ->" + dims_text(out.shape) +
                   weights_text(scales, bias, act));
  return out;
}

// TFLite's int8 pooling needs the output quantized like the input.
Value GraphGenerator::pool(const Value& in, bool average, bool keep_shape) {
  ++operators_;
  Window w = window(in.shape, 8, false, keep_shape);
  if (!keep_shape && one_in(8)) {  // global pool
    w = Window{};
    w.kh = in.shape[1];
    w.kw = in.shape[2];
    w.padding = ir::Padding::kValid;
    finish_window(in.shape[1], in.shape[2], &w);
  }
  const Value out = add_value({1, w.oh, w.ow, in.shape[3]}, in.quant);
  ir::Pool2dOptions options;
  options.padding = w.padding;
  options.stride_h = w.sy;
  options.stride_w = w.sx;
  options.filter_h = w.kh;
  options.filter_w = w.kw;
  options.activation = activation();
  builder_.add_op(average ? ir::OpType::kAveragePool2d : ir::OpType::kMaxPool2d, {in.tensor},
                  {out.tensor}, options);
  parts_.push_back(out.name + (average ? " = avgpool " : " = maxpool ") + w.text() + " " + in.name +
                   " ->" + dims_text(out.shape) + " " +
                   ir::fused_activation_name(options.activation));
  return out;
}

// A shape `shape` broadcasts to: whole axes of size 1, or a lower rank.
ir::Shape GraphGenerator::broadcast_shape(const ir::Shape& shape) {
  if (shape.size() == 2) {
    switch (uniform(0, 3)) {
      case 0:
        return {1, shape[1]};
      case 1:
        return {shape[0], 1};
      case 2:
        return {shape[1]};
      default:
        return {1};
    }
  }
  switch (uniform(0, 5)) {
    case 0:
      return {1, 1, 1, shape[3]};
    case 1:
      return {1, shape[1], shape[2], 1};
    case 2:
      return {1, 1, shape[2], shape[3]};
    case 3:
      return {1, shape[1], 1, shape[3]};
    case 4:
      return {shape[3]};
    default:
      return {1, 1, 1, 1};
  }
}

// An earlier rank-4 feature map with the height and width of `target` (not
// `target` itself), or nullptr.
const Value* GraphGenerator::parallel_source(const Value& target) {
  std::vector<const Value*> candidates;
  for (const Value& v : values_) {
    if (v.tensor != target.tensor && v.shape.size() == 4 && v.shape[1] == target.shape[1] &&
        v.shape[2] == target.shape[2]) {
      candidates.push_back(&v);
    }
  }
  if (candidates.empty()) return nullptr;
  return candidates[static_cast<size_t>(uniform(0, static_cast<int32_t>(candidates.size()) - 1))];
}

// The second operand of an elementwise operator joining `in`: an earlier
// feature map of the same shape (residual), a parallel branch from an earlier
// feature map, or a new graph input of the same or a broadcast shape.
Value GraphGenerator::partner_for(const Value& in, int32_t ops_left, std::string* how) {
  std::vector<const Value*> same;
  for (const Value& v : values_) {
    if (v.tensor != in.tensor && v.shape == in.shape) same.push_back(&v);
  }
  const int32_t choice = uniform(0, 2);
  if (choice == 0 && !same.empty()) {
    *how = "residual";
    return *same[static_cast<size_t>(uniform(0, static_cast<int32_t>(same.size()) - 1))];
  }
  if (choice == 1 && ops_left >= 2 && in.shape.size() == 4) {
    const Value* source = parallel_source(in);
    if (source != nullptr) {
      *how = "branch";
      const Value from = *source;  // values_ grows below
      if (from.shape[3] != in.shape[3]) return conv(from, true, in.shape[3]);
      switch (uniform(0, 2)) {
        case 0:
          return conv(from, true, in.shape[3]);
        case 1:
          return depthwise(from, true);
        default:
          return pool(from, one_in(2), true);
      }
    }
  }
  const ir::Shape shape = one_in(3) ? in.shape : broadcast_shape(in.shape);
  *how = shape == in.shape ? "input" : "broadcast";
  return add_input(shape, {real(0.005f, 0.1f), zero_point()});
}

Value GraphGenerator::elementwise(const Value& in, int32_t ops_left) {
  std::string how;
  const Value partner = partner_for(in, ops_left, &how);
  ++operators_;
  const int32_t kind = uniform(0, 7);
  const ir::OpType type =
      kind < 3 ? ir::OpType::kAdd : (kind < 5 ? ir::OpType::kSub : ir::OpType::kMul);
  const bool swap = one_in(2);
  const Value& a = swap ? partner : in;
  const Value& b = swap ? in : partner;
  float out_scale = 0.0f;
  if (type == ir::OpType::kMul) {
    // Real multiplier s1 * s2 / s_out from 1/400 to 2.
    out_scale = a.quant.scale * b.quant.scale * std::exp(real(std::log(0.5f), std::log(400.0f)));
  } else {
    out_scale = std::max(a.quant.scale, b.quant.scale) * real(0.3f, 4.0f);
  }
  const Value out = add_value(in.shape, {out_scale, zero_point()});
  const ir::FusedActivation act = activation();
  builder_.add_op(type, {a.tensor, b.tensor}, {out.tensor}, ir::ElementwiseOptions{act});
  const char* symbol = type == ir::OpType::kAdd ? "+" : (type == ir::OpType::kSub ? "-" : "*");
  parts_.push_back(out.name + " = " + a.name + "[" + dims_text(a.shape) + "] " + symbol + " " +
                   b.name + "[" + dims_text(b.shape) + "] (" + how + ") " +
                   ir::fused_activation_name(act));
  return out;
}

RandomGraph GraphGenerator::generate() {
  large_ = one_in(6);
  const int32_t target = uniform(1, kMaxOperators);
  const ir::Shape shape = input_shape();
  Value v = add_input(shape, {real(0.005f, 0.1f), zero_point()});
  parts_.push_back(std::string(large_ ? "large " : "") + "in0 " + dims_text(shape) + " zp " +
                   std::to_string(v.quant.zero_point));
  while (operators_ < target) v = step(v, target - operators_);
  std::vector<int32_t> outputs = {v.tensor};
  // Now and then an intermediate feature map is a graph output as well.
  std::vector<const Value*> intermediates;
  for (const Value& candidate : values_) {
    if (candidate.name[0] == 't' && candidate.tensor != v.tensor)
      intermediates.push_back(&candidate);
  }
  if (!intermediates.empty() && one_in(6)) {
    const Value& extra = *intermediates[static_cast<size_t>(
        uniform(0, static_cast<int32_t>(intermediates.size()) - 1))];
    outputs.push_back(extra.tensor);
    parts_.push_back("also out " + extra.name);
  }
  builder_.set_io(inputs_, outputs);
  RandomGraph graph;
  graph.operator_count = operators_;
  for (const std::string& part : parts_) {
    graph.description += (graph.description.empty() ? "" : " | ") + part;
  }
  graph.model = builder_.finish(graph.description);
  return graph;
}

}  // namespace

RandomGraph random_graph(uint64_t seed) { return GraphGenerator(seed).generate(); }

}  // namespace vnpu::compiler::testing
