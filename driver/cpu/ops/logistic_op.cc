// LOGISTIC on int8 and int16 tensors (TFLM logistic_common.cc
// CalculateArithmeticOpDataLogistic, reference_integer_ops::Logistic); the
// set-up is kernels/prepare/activation_support.h.
#include "driver/cpu/ops.h"
#include "driver/cpu/ops/kernel_ops.h"
#include "kernels/logistic.h"
#include "kernels/prepare/activation_support.h"

namespace vnpu::driver::cpu {

PrepareResult prepare_logistic(const ir::Graph& graph, const ir::Operator& op,
                               const CpuOptions& /*cpu_options*/) {
  if (!op.inputs.empty() && graph.tensor(op.inputs[0]).type == ir::DataType::kInt16) {
    const Expected<kernels::Sigmoid16Params> params =
        kernels::prepare::s16_sigmoid_like_params(graph, op);
    if (!params) return params.status();
    return make_unary_kernel_op<kernels::Sigmoid16Params, int16_t, int16_t>(
        graph, op, kernels::s16_logistic, *params);
  }
  const Expected<kernels::SigmoidLikeParams> params =
      kernels::prepare::s8_logistic_params(graph, op);
  if (!params) return params.status();
  return make_unary_kernel_op<kernels::SigmoidLikeParams, int8_t, int8_t>(
      graph, op, kernels::s8_logistic, *params);
}

}  // namespace vnpu::driver::cpu
