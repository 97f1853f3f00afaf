// RELU, RELU6, RELU_N1_TO_1 and LEAKY_RELU on int8 tensors (TFLM
// activations_common.cc ReluPrepare / Relu6Prepare, leaky_relu_common.cc).
#include <variant>

#include "driver/cpu/ops.h"
#include "driver/cpu/ops/kernel_ops.h"
#include "kernels/activations.h"
#include "kernels/prepare/elementwise_support.h"
#include "kernels/prepare/op_support.h"

namespace vnpu::driver::cpu {

namespace prepare = kernels::prepare;
namespace {

struct UnaryQuantization {
  prepare::TensorQuantization input;
  prepare::TensorQuantization output;
};

// One int8 input, one int8 output of the same shape, both per-tensor quantized.
Expected<UnaryQuantization> check_s8_unary_op(const ir::Graph& graph, const ir::Operator& op) {
  if (Status s = prepare::check_operand_counts(op, 1, 1, 1); !s) return s;
  const int32_t input = op.inputs[0];
  const int32_t output = op.outputs[0];
  if (Status s = prepare::check_type(graph, input, ir::DataType::kInt8, "input"); !s) return s;
  if (Status s = prepare::check_type(graph, output, ir::DataType::kInt8, "output"); !s) return s;
  if (Status s = prepare::check_same_shape(graph, input, output); !s) return s;
  const auto input_q = prepare::per_tensor_quantization(graph, input, "input");
  if (!input_q) return input_q.status();
  const auto output_q = prepare::per_tensor_quantization(graph, output, "output");
  if (!output_q) return output_q.status();
  return UnaryQuantization{*input_q, *output_q};
}

// TFLM's RELU6 clamps in the input quantization and never requantizes, so its
// result is only meaningful (and only reproduced here) when both sides match.
PrepareResult prepare_relu6(const ir::Graph& graph, const ir::Operator& op,
                            const UnaryQuantization& q) {
  if (q.input.scale != q.output.scale || q.input.zero_point != q.output.zero_point) {
    return Status::unsupported(
        "output " + prepare::describe_tensor(graph, op.outputs[0]) +
        ": quantization differs from the input's; TFLM's int8 RELU6 does not requantize");
  }
  const kernels::Relu6Params params =
      kernels::make_s8_relu6_params(q.input.scale, q.input.zero_point);
  return make_unary_kernel_op<kernels::Relu6Params, int8_t, int8_t>(graph, op, kernels::s8_relu6,
                                                                    params);
}

}  // namespace

PrepareResult prepare_relu(const ir::Graph& graph, const ir::Operator& op,
                           const CpuOptions& /*cpu_options*/) {
  const Expected<UnaryQuantization> q = check_s8_unary_op(graph, op);
  if (!q) return q.status();
  if (op.type == ir::OpType::kRelu6) return prepare_relu6(graph, op, *q);
  const bool n1_to_1 = op.type == ir::OpType::kReluN1To1;
  const kernels::ReluParams params =
      n1_to_1 ? kernels::make_s8_relu_n1_to_1_params(q->input.scale, q->input.zero_point,
                                                     q->output.scale, q->output.zero_point)
              : kernels::make_s8_relu_params(q->input.scale, q->input.zero_point,
                                             q->output.scale, q->output.zero_point);
  if (Status s = prepare::check_multiplier_range(params.output_multiplier, "output"); !s) {
    return s.with_context("output " + prepare::describe_tensor(graph, op.outputs[0]));
  }
  return make_unary_kernel_op<kernels::ReluParams, int8_t, int8_t>(
      graph, op, n1_to_1 ? kernels::s8_relu_n1_to_1 : kernels::s8_relu, params);
}

PrepareResult prepare_leaky_relu(const ir::Graph& graph, const ir::Operator& op,
                                 const CpuOptions& /*cpu_options*/) {
  const Expected<UnaryQuantization> q = check_s8_unary_op(graph, op);
  if (!q) return q.status();
  const auto* options = std::get_if<ir::LeakyReluOptions>(&op.options);
  const float alpha = options != nullptr ? options->alpha : 0.0f;
  const kernels::LeakyReluParams params = kernels::make_s8_leaky_relu_params(
      q->input.scale, q->input.zero_point, q->output.scale, q->output.zero_point, alpha);
  for (const auto* m : {&params.identity_multiplier, &params.alpha_multiplier}) {
    if (Status s = prepare::check_multiplier_range(*m, "output"); !s) {
      return s.with_context("output " + prepare::describe_tensor(graph, op.outputs[0]));
    }
  }
  return make_unary_kernel_op<kernels::LeakyReluParams, int8_t, int8_t>(
      graph, op, kernels::s8_leaky_relu, params);
}

}  // namespace vnpu::driver::cpu
