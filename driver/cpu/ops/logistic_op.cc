// LOGISTIC on int8 tensors (TFLM logistic_common.cc
// CalculateArithmeticOpDataLogistic, reference_integer_ops::Logistic).
#include "driver/cpu/ops.h"
#include "driver/cpu/ops/kernel_ops.h"
#include "kernels/logistic.h"
#include "kernels/prepare/elementwise_support.h"
#include "kernels/prepare/op_support.h"

namespace vnpu::driver::cpu {

namespace prepare = kernels::prepare;

PrepareResult prepare_logistic(const ir::Graph& graph, const ir::Operator& op,
                               const CpuOptions& /*cpu_options*/) {
  if (Status s = prepare::check_operand_counts(op, 1, 1, 1); !s) return s;
  const int32_t input = op.inputs[0];
  const int32_t output = op.outputs[0];
  if (Status s = prepare::check_type(graph, input, ir::DataType::kInt8, "input"); !s) return s;
  if (Status s = prepare::check_type(graph, output, ir::DataType::kInt8, "output"); !s) return s;
  if (Status s = prepare::check_same_shape(graph, input, output); !s) return s;
  const auto input_q = prepare::per_tensor_quantization(graph, input, "input");
  if (!input_q) return input_q.status();
  if (Status s = prepare::check_per_tensor_quantized(graph, output, "output"); !s) return s;
  // TFLM checks the zero point only; its kernel assumes the scale 1/256.
  if (Status s = prepare::check_fixed_quantization(graph, output, "output", 1.0f / 256, -128, 0.0f);
      !s) {
    return s;
  }
  kernels::SigmoidLikeParams params;
  if (!kernels::make_s8_sigmoid_like_params(input_q->scale, input_q->zero_point, &params)) {
    return Status::unsupported("input " + prepare::describe_tensor(graph, input) +
                               ": scale outside [2^-28, 16), TFLM's logistic input range");
  }
  return make_unary_kernel_op<kernels::SigmoidLikeParams, int8_t, int8_t>(
      graph, op, kernels::s8_logistic, params);
}

}  // namespace vnpu::driver::cpu
