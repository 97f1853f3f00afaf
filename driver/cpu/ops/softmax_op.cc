// SOFTMAX with int8 input and int8 or int16 output, or int16 input and output
// (TFLM softmax_common.cc SoftmaxPrepare / CalculateSoftmaxParams,
// reference_ops::Softmax and SoftmaxInt16).
#include <string>
#include <variant>

#include "driver/cpu/ops.h"
#include "driver/cpu/ops/kernel_ops.h"
#include "kernels/prepare/elementwise_support.h"
#include "kernels/prepare/op_support.h"
#include "kernels/softmax.h"
#include "kernels/softmax_s16.h"

namespace vnpu::driver::cpu {

namespace prepare = kernels::prepare;
namespace {

// TFLM: int8 output zp -128 and scale exactly 1/256; int16 output zp -32768
// and scale within 0.1 % of 1/65536.
Status check_softmax_output(const ir::Graph& graph, int32_t output) {
  const ir::DataType type = graph.tensor(output).type;
  if (type == ir::DataType::kInt8) {
    return prepare::check_fixed_quantization(graph, output, "output", 1.0f / 256, -128, 0.0f);
  }
  if (type == ir::DataType::kInt16) {
    return prepare::check_fixed_quantization(graph, output, "output", 1.0f / 65536, -32768,
                                             0.001f * 1.0f / 65536);
  }
  return Status::unsupported("output " + prepare::describe_tensor(graph, output) +
                             ": expected int8 or int16");
}

float softmax_beta(const ir::Operator& op) {
  const auto* options = std::get_if<ir::SoftmaxOptions>(&op.options);
  return options != nullptr ? options->beta : 1.0f;
}

// int16 -> int16 (TFLM SoftmaxInt16): zero points 0, output scale 1/32768
// within 0.1 %.
PrepareResult prepare_s16_softmax(const ir::Graph& graph, const ir::Operator& op) {
  const int32_t input = op.inputs[0];
  const int32_t output = op.outputs[0];
  if (Status s = prepare::check_type(graph, output, ir::DataType::kInt16, "output"); !s) return s;
  if (Status s = prepare::check_same_shape(graph, input, output); !s) return s;
  const ir::Shape& shape = graph.tensor(input).shape;
  if (shape.empty() || shape.back() > kernels::kSoftmax16MaxDepth) {
    return Status::unsupported("input " + prepare::describe_tensor(graph, input) +
                               ": needs rank 1 or more and a last dimension of at most " +
                               std::to_string(kernels::kSoftmax16MaxDepth));
  }
  const auto input_q = prepare::per_tensor_quantization(graph, input, "input");
  if (!input_q) return input_q.status();
  if (input_q->zero_point != 0) {
    return Status::unsupported("input " + prepare::describe_tensor(graph, input) +
                               ": zero point must be 0");
  }
  if (Status s = prepare::check_per_tensor_quantized(graph, output, "output"); !s) return s;
  if (Status s = prepare::check_fixed_quantization(graph, output, "output", 1.0f / 32768, 0,
                                                   0.001f * 1.0f / 32768);
      !s) {
    return s;
  }
  kernels::Softmax16Params params;
  if (!kernels::make_s16_softmax_params(input_q->scale, softmax_beta(op), &params)) {
    return Status::unsupported("input " + prepare::describe_tensor(graph, input) +
                               ": beta times input scale is too large for TFLM's multiplier");
  }
  return make_unary_kernel_op<kernels::Softmax16Params, int16_t, int16_t>(
      graph, op, kernels::s16_softmax, params);
}

}  // namespace

PrepareResult prepare_softmax(const ir::Graph& graph, const ir::Operator& op,
                              const CpuOptions& /*cpu_options*/) {
  if (Status s = prepare::check_operand_counts(op, 1, 1, 1); !s) return s;
  const int32_t input = op.inputs[0];
  const int32_t output = op.outputs[0];
  if (graph.tensor(input).type == ir::DataType::kInt16) return prepare_s16_softmax(graph, op);
  if (Status s = prepare::check_type(graph, input, ir::DataType::kInt8, "input"); !s) return s;
  if (Status s = prepare::check_same_shape(graph, input, output); !s) return s;
  const ir::Shape& shape = graph.tensor(input).shape;
  if (shape.empty()) {
    return Status::invalid_input("input " + prepare::describe_tensor(graph, input) +
                                 ": softmax needs rank 1 or more");
  }
  if (shape.back() > kernels::kSoftmaxMaxDepth) {
    return Status::unsupported("input " + prepare::describe_tensor(graph, input) +
                               ": last dimension above " +
                               std::to_string(kernels::kSoftmaxMaxDepth) +
                               " could overflow TFLM's Q12.19 sum of exponentials");
  }
  const auto input_q = prepare::per_tensor_quantization(graph, input, "input");
  if (!input_q) return input_q.status();
  if (Status s = prepare::check_per_tensor_quantized(graph, output, "output"); !s) return s;
  if (Status s = check_softmax_output(graph, output); !s) return s;

  const float beta = softmax_beta(op);
  kernels::SoftmaxParams params;
  if (!kernels::make_s8_softmax_params(input_q->scale, beta, &params)) {
    return Status::unsupported("input " + prepare::describe_tensor(graph, input) + ": beta " +
                               std::to_string(beta) + " times input scale " +
                               std::to_string(input_q->scale) +
                               " must exceed 2^-26 (TFLM's softmax input multiplier)");
  }
  if (graph.tensor(output).type == ir::DataType::kInt16) {
    return make_unary_kernel_op<kernels::SoftmaxParams, int8_t, int16_t>(
        graph, op, kernels::s8_softmax_s16, params);
  }
  return make_unary_kernel_op<kernels::SoftmaxParams, int8_t, int8_t>(graph, op,
                                                                      kernels::s8_softmax, params);
}

}  // namespace vnpu::driver::cpu
