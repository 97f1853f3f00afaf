// RELU, RELU6, RELU_N1_TO_1 and LEAKY_RELU on int8 tensors, RELU, RELU6 and
// LEAKY_RELU also on int16 (TFLM activations_common.cc ReluPrepare /
// Relu6Prepare, leaky_relu_common.cc);
// the set-up is kernels/prepare/activation_support.h.
#include <string>

#include "driver/cpu/ops.h"
#include "driver/cpu/ops/kernel_ops.h"
#include "kernels/activations.h"
#include "kernels/prepare/activation_support.h"

namespace vnpu::driver::cpu {

namespace prepare = kernels::prepare;

namespace {

bool is_int16(const ir::Graph& graph, const ir::Operator& op) {
  return !op.inputs.empty() && graph.tensor(op.inputs[0]).type == ir::DataType::kInt16;
}

PrepareResult prepare_s16_relu(const ir::Graph& graph, const ir::Operator& op) {
  if (op.type == ir::OpType::kRelu6) {
    const Expected<kernels::Relu6Params> params = prepare::s16_relu6_params(graph, op);
    if (!params) return params.status();
    return make_unary_kernel_op<kernels::Relu6Params, int16_t, int16_t>(
        graph, op, kernels::s16_relu6, *params);
  }
  if (op.type != ir::OpType::kRelu) {
    return Status::unsupported(std::string(ir::op_type_name(op.type)) +
                               " on int16 (TFLM has no such kernel)");
  }
  const Expected<kernels::ReluParams> params = prepare::s16_relu_params(graph, op);
  if (!params) return params.status();
  return make_unary_kernel_op<kernels::ReluParams, int16_t, int16_t>(graph, op, kernels::s16_relu,
                                                                     *params);
}

}  // namespace

PrepareResult prepare_relu(const ir::Graph& graph, const ir::Operator& op,
                           const CpuOptions& /*cpu_options*/) {
  if (is_int16(graph, op)) return prepare_s16_relu(graph, op);
  if (op.type == ir::OpType::kRelu6) {
    const Expected<kernels::Relu6Params> params = prepare::s8_relu6_params(graph, op);
    if (!params) return params.status();
    return make_unary_kernel_op<kernels::Relu6Params, int8_t, int8_t>(graph, op, kernels::s8_relu6,
                                                                      *params);
  }
  const Expected<kernels::ReluParams> params = prepare::s8_relu_params(graph, op);
  if (!params) return params.status();
  const bool n1_to_1 = op.type == ir::OpType::kReluN1To1;
  return make_unary_kernel_op<kernels::ReluParams, int8_t, int8_t>(
      graph, op, n1_to_1 ? kernels::s8_relu_n1_to_1 : kernels::s8_relu, *params);
}

PrepareResult prepare_leaky_relu(const ir::Graph& graph, const ir::Operator& op,
                                 const CpuOptions& /*cpu_options*/) {
  if (is_int16(graph, op)) {
    const Expected<kernels::LeakyReluParams> params = prepare::s16_leaky_relu_params(graph, op);
    if (!params) return params.status();
    return make_unary_kernel_op<kernels::LeakyReluParams, int16_t, int16_t>(
        graph, op, kernels::s16_leaky_relu, *params);
  }
  const Expected<kernels::LeakyReluParams> params = prepare::s8_leaky_relu_params(graph, op);
  if (!params) return params.status();
  return make_unary_kernel_op<kernels::LeakyReluParams, int8_t, int8_t>(
      graph, op, kernels::s8_leaky_relu, *params);
}

}  // namespace vnpu::driver::cpu
