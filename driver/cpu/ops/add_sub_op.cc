// ADD and SUB on int8 or int16 (zero point 0, left shift 15) tensors with
// broadcasting (TFLM add_common.cc / sub_common.cc Prepare,
// reference_integer_ops::Add / reference_ops::Add and Sub).
#include "driver/cpu/ops.h"
#include "driver/cpu/ops/s32_arithmetic_op.h"
#include "driver/cpu/ops/kernel_ops.h"
#include "kernels/add_sub.h"
#include "kernels/prepare/elementwise_support.h"
#include "kernels/prepare/op_support.h"

namespace vnpu::driver::cpu {

namespace prepare = kernels::prepare;
namespace {

PrepareResult prepare_add_sub(const ir::Graph& graph, const ir::Operator& op, bool subtract) {
  const bool s16 = !op.inputs.empty() && graph.tensor(op.inputs[0]).type == ir::DataType::kInt16;
  const Expected<prepare::BinaryQuantization> q =
      s16 ? prepare::check_s16_binary_op(graph, op) : prepare::check_s8_binary_op(graph, op);
  if (!q) return q.status();
  kernels::AddSubParams params;
  if (s16) {
    const auto make = subtract ? kernels::make_s16_sub_params : kernels::make_s16_add_params;
    params = make(q->input1.scale, q->input2.scale, q->output.scale);
  } else {
    const auto make = subtract ? kernels::make_s8_sub_params : kernels::make_s8_add_params;
    params = make(q->input1.scale, q->input1.zero_point, q->input2.scale, q->input2.zero_point,
                  q->output.scale, q->output.zero_point);
  }
  if (!kernels::add_sub_multipliers_valid(params)) {
    return Status::unsupported("output " + prepare::describe_tensor(graph, op.outputs[0]) +
                               ": scale too small for the input scales (TFLM needs a rescale "
                               "multiplier below 1: 2 * max input scale < 2^20 * output scale)");
  }
  const prepare::ActivationRange range = prepare::quantized_activation_range(
      prepare::elementwise_activation(op), s16 ? ir::DataType::kInt16 : ir::DataType::kInt8,
      q->output.scale, q->output.zero_point);
  params.activation_min = range.min;
  params.activation_max = range.max;
  if (s16) {
    return make_binary_kernel_op<kernels::AddSubParams, int16_t>(
        graph, op, subtract ? kernels::s16_sub : kernels::s16_add, params);
  }
  return make_binary_kernel_op(graph, op, subtract ? kernels::s8_sub : kernels::s8_add, params);
}

}  // namespace

PrepareResult prepare_add(const ir::Graph& graph, const ir::Operator& op,
                          const CpuOptions& /*cpu_options*/) {
  if (!op.inputs.empty() && graph.tensor(op.inputs[0]).type == ir::DataType::kInt32) {
    return prepare_s32_arithmetic(graph, op, kernels::S32Arithmetic::kAdd);
  }
  return prepare_add_sub(graph, op, false);
}

PrepareResult prepare_sub(const ir::Graph& graph, const ir::Operator& op,
                          const CpuOptions& /*cpu_options*/) {
  return prepare_add_sub(graph, op, true);
}

}  // namespace vnpu::driver::cpu
