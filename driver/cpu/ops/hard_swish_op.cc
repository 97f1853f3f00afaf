// HARD_SWISH on int8 tensors (TFLM hard_swish_common.cc HardSwishPrepare,
// reference_ops::HardSwish).
#include "driver/cpu/ops.h"
#include "driver/cpu/ops/kernel_ops.h"
#include "kernels/hard_swish.h"
#include "kernels/prepare/elementwise_support.h"
#include "kernels/prepare/op_support.h"

namespace vnpu::driver::cpu {

namespace prepare = kernels::prepare;

PrepareResult prepare_hard_swish(const ir::Graph& graph, const ir::Operator& op,
                                 const CpuOptions& /*cpu_options*/) {
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
  kernels::HardSwishParams params;
  if (!kernels::make_s8_hard_swish_params(input_q->scale, input_q->zero_point, output_q->scale,
                                          output_q->zero_point, &params)) {
    return Status::unsupported("output " + prepare::describe_tensor(graph, output) +
                               ": TFLM needs input scale / 128 < output scale and an input "
                               "scale below 2^24");
  }
  return make_unary_kernel_op<kernels::HardSwishParams, int8_t, int8_t>(
      graph, op, kernels::s8_hard_swish, params);
}

}  // namespace vnpu::driver::cpu
