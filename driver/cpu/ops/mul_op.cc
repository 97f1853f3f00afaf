// MUL on int8 tensors with broadcasting (TFLM mul_common.cc CalculateOpDataMul,
// reference_integer_ops::Mul / BroadcastMul).
#include "driver/cpu/ops.h"
#include "driver/cpu/ops/elementwise_support.h"
#include "driver/cpu/ops/op_support.h"
#include "kernels/mul.h"

namespace vnpu::driver::cpu {

PrepareResult prepare_mul(const ir::Graph& graph, const ir::Operator& op,
                          const CpuOptions& /*cpu_options*/) {
  const Expected<BinaryQuantization> q = check_s8_binary_op(graph, op);
  if (!q) return q.status();
  kernels::MulParams params =
      kernels::make_s8_mul_params(q->input1.scale, q->input1.zero_point, q->input2.scale,
                                  q->input2.zero_point, q->output.scale, q->output.zero_point);
  if (Status s = check_multiplier_range(params.output_multiplier, "output"); !s) {
    return s.with_context("output " + describe_tensor(graph, op.outputs[0]));
  }
  const ActivationRange range = quantized_activation_range(
      elementwise_activation(op), ir::DataType::kInt8, q->output.scale, q->output.zero_point);
  params.activation_min = range.min;
  params.activation_max = range.max;
  return make_binary_kernel_op(graph, op, kernels::s8_mul, params);
}

}  // namespace vnpu::driver::cpu
