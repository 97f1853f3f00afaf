// lower_lut: an int8 -> int8 elementwise function of one input (LOGISTIC,
// TANH, HARD_SWISH, LEAKY_RELU, a standalone RELU/RELU6/RELU_N1_TO_1, an
// int8 QUANTIZE, RSQRT as Vela 3.10 runs it, a PRELU whose alpha is one
// constant value, which Vela turns into a LEAKY_RELU) as a 1x1 MAX pool whose output goes through a 256-entry
// lookup table. The pool passes every value through unchanged (IFM and OFM
// zero points 0, no scaling), the output stage indexes the table with
// value + 128 (docs/npu_semantics.md §4.4), and the table holds what the CPU
// reference kernel computes for each of the 256 inputs (called directly, with
// the params of kernels/prepare) — so the NPU result is the kernel's, bit for
// bit, whatever its fixed-point approximation.
#include <array>
#include <cstring>
#include <string>
#include <variant>

#include "compiler/codegen/lower_op.h"
#include "compiler/codegen/lowering_common.h"
#include "kernels/abs_rsqrt.h"
#include "kernels/activations.h"
#include "kernels/binary_arithmetic.h"
#include "kernels/hard_swish.h"
#include "kernels/logistic.h"
#include "kernels/prepare/activation_support.h"
#include "kernels/quantize.h"
#include "kernels/tanh.h"

namespace vnpu::compiler {
namespace {

constexpr int32_t kLutEntries = 256;
constexpr uint8_t kLutActivationBase = 16;  // ACTIVATION function 16 + table

using S8Table = std::vector<uint8_t>;

template <typename Params>
using S8UnaryKernel = void (*)(const Params&, const kernels::Dims&, const int8_t*,
                               const kernels::Dims&, int8_t*);

// `kernel` on the inputs -128..127 (as the 256 bytes of the table).
template <typename Params>
Expected<S8Table> run_on_every_input(const Expected<Params>& params, S8UnaryKernel<Params> kernel) {
  if (!params) return params.status();
  std::array<int8_t, kLutEntries> inputs{};
  for (int32_t i = 0; i < kLutEntries; ++i) {
    inputs[static_cast<size_t>(i)] = static_cast<int8_t>(i - 128);
  }
  std::array<int8_t, kLutEntries> outputs{};
  const kernels::Dims dims = kernels::Dims::from({1, kLutEntries});
  kernel(*params, dims, inputs.data(), dims, outputs.data());
  S8Table table(kLutEntries);
  std::memcpy(table.data(), outputs.data(), table.size());
  return table;
}

void s8_requantize(const kernels::RequantizeParams& params, const kernels::Dims& dims,
                   const int8_t* input, const kernels::Dims& /*output_dims*/, int8_t* output) {
  kernels::requantize(params, dims, input, output);
}

// RSQRT's params with the CPU runtime's refusals (driver/cpu/ops/abs_rsqrt_op.cc).
Expected<kernels::AbsRsqrtParams> s8_rsqrt_params(const ir::Graph& graph, const ir::Operator& op) {
  const Expected<kernels::prepare::UnaryQuantization> q = kernels::prepare::check_s8_unary_op(graph, op);
  if (!q) return q.status();
  const kernels::AbsRsqrtParams params = kernels::make_rsqrt_params(
      q->input.scale, q->input.zero_point, q->output.scale, q->output.zero_point);
  if (Status s = kernels::prepare::check_multiplier_range(params.multiplier, "output"); !s) return s;
  if (params.multiplier.shift - kernels::kRsqrtExtraShift < -31) {
    return Status::unsupported("1 / (sqrt(input scale) * output scale) is below 2^-12");
  }
  return params;
}

void s8_rsqrt(const kernels::AbsRsqrtParams& params, const kernels::Dims& dims,
              const int8_t* input, const kernels::Dims& output_dims, int8_t* output) {
  kernels::quantized_rsqrt<int8_t>(params, dims, input, output_dims, output);
}

// PRELU with a one-element constant alpha: a function of the input alone.
struct ScalarAlphaPrelu {
  kernels::PreluParams params;
  int8_t alpha = 0;
};

Expected<ScalarAlphaPrelu> s8_scalar_alpha_prelu_params(const ir::Graph& graph,
                                                        const ir::Operator& op) {
  if (op.inputs.size() != 2 || op.inputs[1] == ir::kNoTensor) {
    return Status::invalid_input("PRELU needs an input and an alpha");
  }
  const ir::Tensor& alpha = graph.tensor(op.inputs[1]);
  if (alpha.type != ir::DataType::kInt8 || !alpha.is_constant() || alpha.element_count() != 1 ||
      alpha.data.size() != 1 || alpha.quantization.scales.size() != 1) {
    return Status::unsupported("alpha " + ir::shape_to_string(alpha.shape) +
                               " is not one constant per-tensor int8 value (only a single alpha "
                               "is lowered, through a lookup table)");
  }
  // The output has the input's elements in order (a one-element alpha broadcasts to any rank).
  const ir::Tensor& in = graph.tensor(op.inputs[0]);
  const ir::Tensor& out = graph.tensor(op.outputs[0]);
  if (in.element_count() != out.element_count() || in.quantization.scales.size() != 1 ||
      out.quantization.scales.size() != 1) {
    return Status::unsupported("input and output differ in size or are not per-tensor quantized");
  }
  ScalarAlphaPrelu prelu;
  prelu.params = kernels::make_prelu_params(
      in.quantization.scale(), in.quantization.zero_point(), alpha.quantization.scale(),
      alpha.quantization.zero_point(), out.quantization.scale(), out.quantization.zero_point());
  for (const auto& m : {prelu.params.positive_multiplier, prelu.params.negative_multiplier}) {
    if (Status s = kernels::prepare::check_multiplier_range(m, "output"); !s) return s;
  }
  prelu.alpha = static_cast<int8_t>(alpha.data[0]);
  return prelu;
}

void s8_scalar_alpha_prelu(const ScalarAlphaPrelu& p, const kernels::Dims& dims,
                           const int8_t* input, const kernels::Dims& output_dims, int8_t* output) {
  kernels::quantized_prelu<int8_t>(p.params, dims, input, kernels::Dims::from({1}), &p.alpha,
                                   output_dims, output);
}

// The 256 outputs of `op` for inputs -128..127: the reference kernel with the
// params the CPU runtime's prepare computes (kernels/prepare/activation_support.h).
Expected<S8Table> tabulate(const ir::Graph& graph, const ir::Operator& op) {
  namespace prepare = kernels::prepare;
  switch (op.type) {
    case ir::OpType::kLogistic:
      return run_on_every_input(prepare::s8_logistic_params(graph, op), kernels::s8_logistic);
    case ir::OpType::kTanh:
      return run_on_every_input(prepare::s8_tanh_params(graph, op), kernels::s8_tanh);
    case ir::OpType::kHardSwish:
      return run_on_every_input(prepare::s8_hard_swish_params(graph, op), kernels::s8_hard_swish);
    case ir::OpType::kLeakyRelu:
      return run_on_every_input(prepare::s8_leaky_relu_params(graph, op), kernels::s8_leaky_relu);
    case ir::OpType::kRelu:
      return run_on_every_input(prepare::s8_relu_params(graph, op), kernels::s8_relu);
    case ir::OpType::kReluN1To1:
      return run_on_every_input(prepare::s8_relu_params(graph, op), kernels::s8_relu_n1_to_1);
    case ir::OpType::kRelu6:
      return run_on_every_input(prepare::s8_relu6_params(graph, op), kernels::s8_relu6);
    case ir::OpType::kQuantize:
      return run_on_every_input(prepare::requantize_params(graph, op), s8_requantize);
    case ir::OpType::kRsqrt:
      return run_on_every_input(s8_rsqrt_params(graph, op), s8_rsqrt);
    case ir::OpType::kPrelu:
      return run_on_every_input(s8_scalar_alpha_prelu_params(graph, op), s8_scalar_alpha_prelu);
    default:
      return Status::invalid_input("not a lookup-table operator");
  }
}

}  // namespace

bool is_lut_operator(ir::OpType type) {
  switch (type) {
    case ir::OpType::kLogistic:
    case ir::OpType::kTanh:
    case ir::OpType::kHardSwish:
    case ir::OpType::kLeakyRelu:
    case ir::OpType::kRelu:
    case ir::OpType::kRelu6:
    case ir::OpType::kReluN1To1:
    case ir::OpType::kQuantize:
    case ir::OpType::kRsqrt:
    case ir::OpType::kPrelu:
      return true;
    default:
      return false;
  }
}

Expected<LoweredOp> lower_lut(const ir::Graph& graph, const ir::Operator& op,
                              const isa::AcceleratorConfig& config,
                              const FeatureMapPlacement& placement) {
  const std::string where = detail::op_prefix(op);
  if (!is_lut_operator(op.type)) return Status::invalid_input(where + "not a lookup-table operator");
  if (op.inputs.empty() || op.outputs.size() != 1) return Status::invalid_input(where + "operands");
  for (int32_t tensor : {op.inputs[0], op.outputs[0]}) {
    if (Status s = detail::check_int8(graph, op, tensor); !s) return s;
    if (graph.tensor(tensor).quantization.is_per_channel()) {
      return Status::unsupported(where + "per-channel quantized feature map");
    }
  }
  if (config.shram_kb <= 16) {
    return Status::unsupported(where + "the lookup table would overlap the accumulators in the " +
                               std::to_string(config.shram_kb) + " KB SHRAM of " + config.name);
  }
  Expected<ir::Shape> shape = detail::as_nhwc(graph.tensor(op.inputs[0]).shape, where);
  if (!shape) return shape.status();
  Expected<std::vector<uint8_t>> lut = tabulate(graph, op);
  if (!lut) return lut.status().with_context(where + "tabulating the lookup table");

  // A 1x1 MAX pool over the same bytes with identical quantization on both sides.
  ir::Graph pool_graph;
  ir::Tensor in = graph.tensor(op.inputs[0]);
  in.shape = *shape;
  in.quantization.scales = {1.0f};
  in.quantization.zero_points = {0};
  ir::Tensor out = in;
  pool_graph.tensors = {in, out};
  ir::Pool2dOptions pool;
  pool.padding = ir::Padding::kValid;
  pool.filter_h = pool.filter_w = 1;
  pool.stride_h = pool.stride_w = 1;
  pool_graph.operators.push_back({ir::OpType::kMaxPool2d, {0}, {1}, pool});
  pool_graph.inputs = {0};
  pool_graph.outputs = {1};
  Expected<LoweredOp> lowered = lower_pool(pool_graph, pool_graph.operators[0], config, placement);
  if (!lowered) return lowered.status().with_context(where);
  lowered->state.activation.function = kLutActivationBase;  // table 0
  lowered->state.activation.min = -128;
  lowered->state.activation.max = 127;
  lowered->luts = {{0, std::move(*lut)}};
  detail::emit_single_kick_off(lowered->param, &*lowered);
  return lowered;
}

}  // namespace vnpu::compiler
