// HARD_SWISH on int8 tensors (TFLM hard_swish_common.cc HardSwishPrepare,
// reference_ops::HardSwish); the set-up is kernels/prepare/activation_support.h.
#include "driver/cpu/ops.h"
#include "driver/cpu/ops/kernel_ops.h"
#include "kernels/hard_swish.h"
#include "kernels/prepare/activation_support.h"

namespace vnpu::driver::cpu {

PrepareResult prepare_hard_swish(const ir::Graph& graph, const ir::Operator& op,
                                 const CpuOptions& /*cpu_options*/) {
  const Expected<kernels::HardSwishParams> params =
      kernels::prepare::s8_hard_swish_params(graph, op);
  if (!params) return params.status();
  return make_unary_kernel_op<kernels::HardSwishParams, int8_t, int8_t>(
      graph, op, kernels::s8_hard_swish, *params);
}

}  // namespace vnpu::driver::cpu
