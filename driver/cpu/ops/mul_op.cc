// MUL on int8 or int16 (zero point 0) tensors with broadcasting (TFLM mul_common.cc CalculateOpDataMul,
// reference_integer_ops::Mul / BroadcastMul).
#include "driver/cpu/ops.h"
#include "driver/cpu/ops/s32_arithmetic_op.h"
#include "driver/cpu/ops/kernel_ops.h"
#include "kernels/mul.h"
#include "kernels/prepare/elementwise_support.h"
#include "kernels/prepare/op_support.h"

namespace vnpu::driver::cpu {

namespace prepare = kernels::prepare;

PrepareResult prepare_mul(const ir::Graph& graph, const ir::Operator& op,
                          const CpuOptions& /*cpu_options*/) {
  if (!op.inputs.empty() && graph.tensor(op.inputs[0]).type == ir::DataType::kInt32) {
    return prepare_s32_arithmetic(graph, op, kernels::S32Arithmetic::kMul);
  }
  const bool s16 = !op.inputs.empty() && graph.tensor(op.inputs[0]).type == ir::DataType::kInt16;
  const Expected<prepare::BinaryQuantization> q =
      s16 ? prepare::check_s16_binary_op(graph, op) : prepare::check_s8_binary_op(graph, op);
  if (!q) return q.status();
  kernels::MulParams params =
      kernels::make_s8_mul_params(q->input1.scale, q->input1.zero_point, q->input2.scale,
                                  q->input2.zero_point, q->output.scale, q->output.zero_point);
  if (Status s = prepare::check_multiplier_range(params.output_multiplier, "output"); !s) {
    return s.with_context("output " + prepare::describe_tensor(graph, op.outputs[0]));
  }
  const prepare::ActivationRange range = prepare::quantized_activation_range(
      prepare::elementwise_activation(op), s16 ? ir::DataType::kInt16 : ir::DataType::kInt8,
      q->output.scale, q->output.zero_point);
  params.activation_min = range.min;
  params.activation_max = range.max;
  if (s16) return make_binary_kernel_op<kernels::MulParams, int16_t>(graph, op, kernels::s16_mul, params);
  return make_binary_kernel_op(graph, op, kernels::s8_mul, params);
}

}  // namespace vnpu::driver::cpu
