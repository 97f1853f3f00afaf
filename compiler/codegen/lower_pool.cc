// lower_pool: MAX_POOL_2D and AVERAGE_POOL_2D, int8 or int16, to one
// NPU_OP_POOL kick-off.
//
// TFLite requires equal input and output quantization; the NPU then works on
// the raw values (IFM and OFM zero points 0, as Vela writes for pooling
// without a fused quantize), so MAX is the window maximum and AVERAGE the
// window mean rounded half away from zero, both clamped to the fused
// activation's quantized range (docs/npu_semantics.md §6). An AVERAGE
// without padding uses global scaling with Vela's quantise_pooling_scale
// where, for the window size n and every sum of n input values, that scale
// with DBL rounding gives TFLite's rounded division (checked when lowering:
// every int8 window, int16 windows up to 64x64 in the tests, not 256x256); otherwise the NPU divides by the
// number of non-padding elements (per-channel mode, no OFM_SCALE), which Vela
// allows for kernels up to 8x8.
#include <algorithm>
#include <cmath>
#include <string>
#include <variant>

#include "compiler/codegen/lower_op.h"
#include "compiler/codegen/lowering_common.h"
#include "isa/output_scaling.h"
#include "kernels/prepare/op_support.h"

namespace vnpu::compiler {
namespace {

constexpr int32_t kMaxPaddedAverageKernel = 8;
constexpr int32_t kMaxPoolKernel = 256;

struct PoolGeometry {
  int32_t in_h = 1, in_w = 1, depth = 1, out_h = 1, out_w = 1;
  int32_t pad_top = 0, pad_left = 0, pad_bottom = 0, pad_right = 0;
  uint8_t bits = 8;  // of the IFM and OFM elements
  // AVERAGE through the per-channel division (else the global OFM_SCALE).
  bool divides = false;
  bool padded() const { return pad_top + pad_left + pad_bottom + pad_right > 0; }
};

// Vela's quantise_pooling_scale(n): (2^(31+k) + 2^k) / n with shift 31 + k,
// k the exponent of frexp(n - 1); with DBL rounding it is TFLite's rounded division.
isa::ScaleRegister pooling_scale(int32_t n) {
  int k = 0;
  std::frexp(static_cast<double>(n - 1), &k);
  const uint64_t numerator = (uint64_t{1} << (31 + k)) + (uint64_t{1} << k);
  return {static_cast<uint32_t>(numerator / static_cast<uint64_t>(n)),
          static_cast<uint8_t>(31 + k)};
}

// TFLite's rounded division of a window sum: (sum +- n / 2) / n, toward zero.
int64_t tflite_average(int64_t sum, int32_t n) {
  return sum > 0 ? (sum + n / 2) / n : (sum - n / 2) / n;
}

// The output stage's DBL rounding of sum * OFM_SCALE.
int64_t scaled_average(int64_t sum, const isa::ScaleRegister& scale) {
  return isa::scale_value(sum, scale.multiplier, scale.shift, isa::RoundMode::kDbl);
}

// Whether pooling_scale(n) gives TFLite's average for every sum of n values of
// `bits`. On each sign both sides are nondecreasing in the sum (the scale and
// TFLite's division are monotone), so they agree on a run of sums that TFLite
// maps to one quotient when they agree at its two ends: 4 checks per quotient.
bool pooling_scale_exact(int32_t n, int bits) {
  const isa::ScaleRegister scale = pooling_scale(n);
  const int64_t low = -(int64_t{1} << (bits - 1)) * n;
  const int64_t high = ((int64_t{1} << (bits - 1)) - 1) * n;
  const auto agree_on = [&](int64_t first, int64_t last) {
    return first > last || (scaled_average(first, scale) == tflite_average(first, n) &&
                            scaled_average(last, scale) == tflite_average(last, n));
  };
  if (!agree_on(0, 0)) return false;
  const int64_t half = n / 2;
  for (int64_t q = 0; q * n - half <= high || -(q * n - half) >= low; ++q) {
    // Positive sums with quotient q, and negative sums with quotient -q.
    const int64_t first = q * n - half;
    if (!agree_on(std::max<int64_t>(first, 1), std::min(first + n - 1, high))) return false;
    if (!agree_on(std::max(-(first + n - 1), low), std::min<int64_t>(-first, -1))) return false;
  }
  return true;
}

Status check_pool_operands(const ir::Graph& graph, const ir::Operator& op) {
  const std::string where = detail::op_prefix(op);
  if (op.inputs.empty() || op.outputs.empty())
    return Status::invalid_input(where + "missing operands");
  const ir::DataType type = graph.tensor(op.inputs[0]).type;
  for (int32_t index : {op.inputs[0], op.outputs[0]}) {
    const ir::Tensor& t = graph.tensor(index);
    if (t.type != type || (type != ir::DataType::kInt8 && type != ir::DataType::kInt16)) {
      return Status::unsupported(where + "tensor '" + t.name + "' is not int8 or int16 like " +
                                 "the input");
    }
  }
  const ir::Quantization& in_q = graph.tensor(op.inputs[0]).quantization;
  const ir::Quantization& out_q = graph.tensor(op.outputs[0]).quantization;
  if (in_q.scale() != out_q.scale() || in_q.zero_point() != out_q.zero_point()) {
    return Status::unsupported(where + "input and output quantization differ");
  }
  return Status::ok();
}

Expected<PoolGeometry> pool_geometry(const ir::Graph& graph, const ir::Operator& op,
                                     const ir::Pool2dOptions& o) {
  const std::string where = detail::op_prefix(op);
  const ir::Shape& in = graph.tensor(op.inputs[0]).shape;
  if (in.size() != 4 || in[0] != 1) return Status::unsupported(where + "input must be 1xHxWxC");
  for (int32_t s : {o.stride_h, o.stride_w}) {
    if (s < 1) return Status::invalid_input(where + "stride " + std::to_string(s));
  }
  for (int32_t f : {o.filter_h, o.filter_w}) {
    if (f < 1 || f > kMaxPoolKernel) {
      return Status::unsupported(where + "filter size " + std::to_string(f) + " (1..256)");
    }
  }
  PoolGeometry g;
  g.in_h = in[1];
  g.in_w = in[2];
  g.depth = in[3];
  g.bits = graph.tensor(op.inputs[0]).type == ir::DataType::kInt16 ? 16 : 8;
  g.out_h = kernels::prepare::compute_out_size(o.padding, g.in_h, o.filter_h, o.stride_h, 1);
  g.out_w = kernels::prepare::compute_out_size(o.padding, g.in_w, o.filter_w, o.stride_w, 1);
  if (g.out_h <= 0 || g.out_w <= 0) return Status::invalid_input(where + "empty output");
  // Along an axis with one output position the stride is never applied (the
  // support rule "stride_range" says so); the NPU then runs it with stride 1.
  for (int32_t s : {g.out_h == 1 ? 1 : o.stride_h, g.out_w == 1 ? 1 : o.stride_w}) {
    if (s > 3) return Status::unsupported(where + "stride " + std::to_string(s) + " (1..3)");
  }
  g.pad_top = kernels::prepare::compute_padding(o.stride_h, 1, g.in_h, o.filter_h, g.out_h);
  g.pad_left = kernels::prepare::compute_padding(o.stride_w, 1, g.in_w, o.filter_w, g.out_w);
  g.pad_bottom = std::max((g.out_h - 1) * o.stride_h + o.filter_h - g.in_h - g.pad_top, 0);
  g.pad_right = std::max((g.out_w - 1) * o.stride_w + o.filter_w - g.in_w - g.pad_left, 0);
  if (g.pad_top > 127 || g.pad_left > 127 || g.pad_bottom > 128 || g.pad_right > 128) {
    return Status::unsupported(where + "padding beyond 127 (top/left) or 128 (bottom/right)");
  }
  const int32_t window = o.filter_h * o.filter_w;
  g.divides = op.type == ir::OpType::kAveragePool2d &&
              (g.padded() || !pooling_scale_exact(window, g.bits));
  if (g.divides &&
      (o.filter_h > kMaxPaddedAverageKernel || o.filter_w > kMaxPaddedAverageKernel)) {
    return Status::unsupported(
        where + (g.padded() ? std::string("padded")
                            : "int" + std::to_string(g.bits) + " window of " +
                                  std::to_string(window) + " (the pooling scale is not exact)") +
        " average pool with a filter above 8x8");
  }
  return g;
}

isa::RegisterState pool_state(const ir::Graph& graph, const ir::Operator& op,
                              const ir::Pool2dOptions& o, const PoolGeometry& g,
                              const BlockConfig& block, const FeatureMapPlacement& placement) {
  isa::RegisterState s;
  static_cast<isa::FeatureMapState&>(s.ifm) =
      detail::nhwc_map(placement.ifm_offset, g.in_h, g.in_w, g.depth, 0, g.bits);
  s.ifm.depth_m1 = static_cast<uint32_t>(g.depth - 1);
  s.ifm.round_mode = isa::RoundMode::kDbl;
  s.ifm.pad_top = static_cast<uint8_t>(g.pad_top);
  s.ifm.pad_left = static_cast<uint8_t>(g.pad_left);
  s.ifm.pad_bottom = static_cast<uint8_t>(g.pad_bottom);
  s.ifm.pad_right = static_cast<uint8_t>(g.pad_right);
  static_cast<isa::FeatureMapState&>(s.ofm) =
      detail::nhwc_map(placement.ofm_offset, g.out_h, g.out_w, g.depth, 0, g.bits);
  detail::set_ofm_geometry(g.out_h, g.out_w, g.depth, block, &s);
  s.ofm.round_mode = isa::RoundMode::kDbl;
  s.ofm.global_scale = op.type == ir::OpType::kAveragePool2d && !g.divides;
  if (s.ofm.global_scale) s.ofm_scale = pooling_scale(o.filter_h * o.filter_w);
  s.kernel.height_m1 = static_cast<uint32_t>(o.filter_h - 1);
  s.kernel.width_m1 = static_cast<uint32_t>(o.filter_w - 1);
  s.kernel.stride_y = static_cast<uint8_t>(o.stride_h);
  s.kernel.stride_x = static_cast<uint8_t>(o.stride_w);
  const ir::Quantization& out_q = graph.tensor(op.outputs[0]).quantization;
  const kernels::prepare::ActivationRange clamp = kernels::prepare::quantized_activation_range(
      o.activation, graph.tensor(op.outputs[0]).type, out_q.scale(), out_q.zero_point());
  s.activation.min = clamp.min;
  s.activation.max = clamp.max;
  s.acc_format = isa::AccFormat::kInt32;
  return s;
}

}  // namespace

Expected<LoweredOp> lower_pool(const ir::Graph& graph, const ir::Operator& op,
                               const isa::AcceleratorConfig& config,
                               const FeatureMapPlacement& placement) {
  const std::string where = detail::op_prefix(op);
  if (op.type != ir::OpType::kMaxPool2d && op.type != ir::OpType::kAveragePool2d) {
    return Status::invalid_input(where + "not a MAX_POOL_2D or AVERAGE_POOL_2D");
  }
  if (Status s = check_pool_operands(graph, op); !s) return s;
  const auto* options = std::get_if<ir::Pool2dOptions>(&op.options);
  if (options == nullptr) return Status::invalid_input(where + "options are missing");
  Expected<PoolGeometry> geometry = pool_geometry(graph, op, *options);
  if (!geometry) return geometry.status();
  ir::Pool2dOptions effective = *options;
  if (geometry->out_h == 1) effective.stride_h = 1;
  if (geometry->out_w == 1) effective.stride_w = 1;
  options = &effective;

  BlockProblem problem;
  problem.ofm_height = geometry->out_h;
  problem.ofm_width = geometry->out_w;
  problem.ofm_depth = geometry->depth;
  problem.kernel_height = options->filter_h;
  problem.kernel_width = options->filter_w;
  problem.stride_y = options->stride_h;
  problem.stride_x = options->stride_w;
  problem.ifm_block_depth = 0;  // one IFM channel per OFM channel, as depthwise
  problem.kind = BlockProblem::Kind::kPooling;
  problem.ifm_element_bytes = geometry->bits / 8;
  Expected<BlockConfig> block = choose_block_config(problem, config);
  if (!block) return Status::unsupported(where + block.status().message());

  LoweredOp lowered;
  lowered.state = pool_state(graph, op, *options, *geometry, *block, placement);
  lowered.kick_off = isa::Cmd0::kOpPool;
  const isa::PoolingMode mode =
      op.type == ir::OpType::kMaxPool2d ? isa::PoolingMode::kMax : isa::PoolingMode::kAverage;
  detail::emit_single_kick_off(static_cast<uint16_t>(mode), &lowered);
  return lowered;
}

}  // namespace vnpu::compiler
