#include "kernels/prepare/activation_support.h"

#include <cmath>
#include <string>
#include <variant>

#include "kernels/prepare/op_support.h"

namespace vnpu::kernels::prepare {

Expected<UnaryQuantization> check_unary_op(const ir::Graph& graph, const ir::Operator& op,
                                           ir::DataType type) {
  if (Status s = check_operand_counts(op, 1, 1, 1); !s) return s;
  const int32_t input = op.inputs[0];
  const int32_t output = op.outputs[0];
  if (Status s = check_type(graph, input, type, "input"); !s) return s;
  if (Status s = check_type(graph, output, type, "output"); !s) return s;
  if (Status s = check_same_shape(graph, input, output); !s) return s;
  const auto input_q = per_tensor_quantization(graph, input, "input");
  if (!input_q) return input_q.status();
  const auto output_q = per_tensor_quantization(graph, output, "output");
  if (!output_q) return output_q.status();
  return UnaryQuantization{*input_q, *output_q};
}

Expected<UnaryQuantization> check_s8_unary_op(const ir::Graph& graph, const ir::Operator& op) {
  return check_unary_op(graph, op, ir::DataType::kInt8);
}

Expected<kernels::ReluParams> s8_relu_params(const ir::Graph& graph, const ir::Operator& op) {
  const Expected<UnaryQuantization> q = check_s8_unary_op(graph, op);
  if (!q) return q.status();
  const bool n1_to_1 = op.type == ir::OpType::kReluN1To1;
  const kernels::ReluParams params =
      n1_to_1 ? kernels::make_s8_relu_n1_to_1_params(q->input.scale, q->input.zero_point,
                                                     q->output.scale, q->output.zero_point)
              : kernels::make_s8_relu_params(q->input.scale, q->input.zero_point, q->output.scale,
                                             q->output.zero_point);
  if (Status s = check_multiplier_range(params.output_multiplier, "output"); !s) {
    return s.with_context("output " + describe_tensor(graph, op.outputs[0]));
  }
  return params;
}

Expected<kernels::ReluParams> s16_relu_params(const ir::Graph& graph, const ir::Operator& op) {
  const Expected<UnaryQuantization> q = check_unary_op(graph, op, ir::DataType::kInt16);
  if (!q) return q.status();
  const kernels::ReluParams params = kernels::make_s16_relu_params(
      q->input.scale, q->input.zero_point, q->output.scale, q->output.zero_point);
  if (Status s = check_multiplier_range(params.output_multiplier, "output"); !s) {
    return s.with_context("output " + describe_tensor(graph, op.outputs[0]));
  }
  return params;
}

// TFLM's RELU6 clamps in the input quantization and never requantizes, so its
// result is only meaningful (and only reproduced here) when both sides match.
namespace {

Expected<kernels::Relu6Params> relu6_params(const ir::Graph& graph, const ir::Operator& op,
                                           ir::DataType type) {
  const Expected<UnaryQuantization> q = check_unary_op(graph, op, type);
  if (!q) return q.status();
  if (q->input.scale != q->output.scale || q->input.zero_point != q->output.zero_point) {
    return Status::unsupported(
        "output " + describe_tensor(graph, op.outputs[0]) +
        ": quantization differs from the input's; TFLM's RELU6 does not requantize");
  }
  return type == ir::DataType::kInt16
             ? kernels::make_s16_relu6_params(q->input.scale, q->input.zero_point)
             : kernels::make_s8_relu6_params(q->input.scale, q->input.zero_point);
}

}  // namespace

Expected<kernels::Relu6Params> s8_relu6_params(const ir::Graph& graph, const ir::Operator& op) {
  return relu6_params(graph, op, ir::DataType::kInt8);
}

Expected<kernels::Relu6Params> s16_relu6_params(const ir::Graph& graph, const ir::Operator& op) {
  return relu6_params(graph, op, ir::DataType::kInt16);
}

namespace {

Expected<kernels::LeakyReluParams> leaky_relu_params(const ir::Graph& graph,
                                                     const ir::Operator& op, ir::DataType type) {
  const Expected<UnaryQuantization> q = check_unary_op(graph, op, type);
  if (!q) return q.status();
  const auto* options = std::get_if<ir::LeakyReluOptions>(&op.options);
  const float alpha = options != nullptr ? options->alpha : 0.0f;
  if (!std::isfinite(q->input.scale * alpha / q->output.scale)) {
    return Status::invalid_input("LEAKY_RELU alpha " + std::to_string(alpha) +
                                 ": input scale * alpha / output scale is not a finite number");
  }
  const kernels::LeakyReluParams params = kernels::make_s8_leaky_relu_params(
      q->input.scale, q->input.zero_point, q->output.scale, q->output.zero_point, alpha);
  for (const auto* m : {&params.identity_multiplier, &params.alpha_multiplier}) {
    if (Status s = check_multiplier_range(*m, "output"); !s) {
      return s.with_context("output " + describe_tensor(graph, op.outputs[0]));
    }
  }
  return params;
}

}  // namespace

Expected<kernels::LeakyReluParams> s8_leaky_relu_params(const ir::Graph& graph,
                                                        const ir::Operator& op) {
  return leaky_relu_params(graph, op, ir::DataType::kInt8);
}

Expected<kernels::LeakyReluParams> s16_leaky_relu_params(const ir::Graph& graph,
                                                         const ir::Operator& op) {
  return leaky_relu_params(graph, op, ir::DataType::kInt16);
}

namespace {

// LOGISTIC and TANH: int8 in and out of one shape, the output quantization
// fixed at (output_scale, output_zero_point), the input scale in TFLM's range.
Expected<kernels::SigmoidLikeParams> sigmoid_like_params(const ir::Graph& graph,
                                                         const ir::Operator& op, float output_scale,
                                                         int32_t output_zero_point,
                                                         const char* op_name) {
  if (Status s = check_operand_counts(op, 1, 1, 1); !s) return s;
  const int32_t input = op.inputs[0];
  const int32_t output = op.outputs[0];
  if (Status s = check_type(graph, input, ir::DataType::kInt8, "input"); !s) return s;
  if (Status s = check_type(graph, output, ir::DataType::kInt8, "output"); !s) return s;
  if (Status s = check_same_shape(graph, input, output); !s) return s;
  const auto input_q = per_tensor_quantization(graph, input, "input");
  if (!input_q) return input_q.status();
  if (Status s = check_per_tensor_quantized(graph, output, "output"); !s) return s;
  if (Status s =
          check_fixed_quantization(graph, output, "output", output_scale, output_zero_point, 0.0f);
      !s) {
    return s;
  }
  kernels::SigmoidLikeParams params;
  if (!kernels::make_s8_sigmoid_like_params(input_q->scale, input_q->zero_point, &params)) {
    return Status::unsupported("input " + describe_tensor(graph, input) +
                               ": scale outside [2^-28, 16), TFLM's " + op_name + " input range");
  }
  return params;
}

}  // namespace

Expected<kernels::SigmoidLikeParams> s8_logistic_params(const ir::Graph& graph,
                                                        const ir::Operator& op) {
  // TFLM checks the zero point only; its kernel assumes the scale 1/256.
  return sigmoid_like_params(graph, op, 1.0f / 256, -128, "logistic");
}

Expected<kernels::SigmoidLikeParams> s8_tanh_params(const ir::Graph& graph,
                                                    const ir::Operator& op) {
  // TFLM does not check the int8 output quantization; its kernel assumes 1/128, zp 0.
  return sigmoid_like_params(graph, op, 1.0f / 128, 0, "tanh");
}

Expected<kernels::Sigmoid16Params> s16_sigmoid_like_params(const ir::Graph& graph,
                                                           const ir::Operator& op) {
  const Expected<UnaryQuantization> q = check_unary_op(graph, op, ir::DataType::kInt16);
  if (!q) return q.status();
  const char* roles[] = {"input", "output"};
  const int32_t zero_points[] = {q->input.zero_point, q->output.zero_point};
  for (int i = 0; i < 2; ++i) {
    if (zero_points[i] != 0) {
      return Status::unsupported(std::string(roles[i]) + " " +
                                 describe_tensor(graph, i == 0 ? op.inputs[0] : op.outputs[0]) +
                                 ": zero point " + std::to_string(zero_points[i]) +
                                 " (int16 tensors must have zero point 0)");
    }
  }
  const float log2_scale = std::log2(q->output.scale);
  if (std::abs(log2_scale + 15.0f) >= 1e-3f) {
    return Status::unsupported("output " + describe_tensor(graph, op.outputs[0]) + ": scale " +
                               std::to_string(q->output.scale) + " must be 2^-15");
  }
  const auto function = op.type == ir::OpType::kTanh ? kernels::Sigmoid16Function::kTanh
                                                     : kernels::Sigmoid16Function::kLogistic;
  kernels::Sigmoid16Params params;
  if (!kernels::make_s16_sigmoid_like_params(function, q->input.scale, &params)) {
    return Status::unsupported("input " + describe_tensor(graph, op.inputs[0]) + ": scale " +
                               std::to_string(q->input.scale) +
                               " is above TFLM's int16 range (32767 / 12288)");
  }
  return params;
}

Expected<kernels::HardSwishParams> s8_hard_swish_params(const ir::Graph& graph,
                                                        const ir::Operator& op) {
  const Expected<UnaryQuantization> q = check_s8_unary_op(graph, op);
  if (!q) return q.status();
  kernels::HardSwishParams params;
  if (!kernels::make_s8_hard_swish_params(q->input.scale, q->input.zero_point, q->output.scale,
                                          q->output.zero_point, &params)) {
    return Status::unsupported("output " + describe_tensor(graph, op.outputs[0]) +
                               ": TFLM needs input scale / 128 < output scale and an input "
                               "scale below 2^24");
  }
  return params;
}

Expected<kernels::RequantizeParams> requantize_params(const ir::Graph& graph,
                                                      const ir::Operator& op) {
  const auto output_q = per_tensor_quantization(graph, op.outputs[0], "output");
  if (!output_q) return output_q.status();
  const auto input_q = per_tensor_quantization(graph, op.inputs[0], "input");
  if (!input_q) return input_q.status();
  const kernels::RequantizeParams params = kernels::make_requantize_params(
      input_q->scale, input_q->zero_point, output_q->scale, output_q->zero_point);
  if (Status s = check_multiplier_range(params.multiplier, "requantization"); !s) {
    return s.with_context("output " + describe_tensor(graph, op.outputs[0]));
  }
  return params;
}

}  // namespace vnpu::kernels::prepare
