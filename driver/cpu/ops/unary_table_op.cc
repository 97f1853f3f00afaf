// ELU, L2_NORMALIZATION, LOG_SOFTMAX and CUMSUM on int8, as TFLM elu.cc,
// l2norm.cc, log_softmax.cc and cumsum.cc prepare them: ELU builds its
// lookup table here; L2_NORMALIZATION and LOG_SOFTMAX need the output
// quantization their kernels produce (1/128 and 0; 16/256 and 127);
// CUMSUM takes a constant int32 axis. Eval runs kernels/elu_cumsum_l2.h and
// kernels/log_softmax.h.
#include <cstring>
#include <string>
#include <variant>

#include "driver/cpu/ops.h"
#include "driver/cpu/ops/compute_op.h"
#include "driver/cpu/ops/elementwise_op_support.h"
#include "kernels/elu_cumsum_l2.h"
#include "kernels/log_softmax.h"

namespace vnpu::driver::cpu {

namespace prepare = kernels::prepare;
namespace {

using ir::DataType;

struct UnaryOperands {
  kernels::Dims dims;
  prepare::TensorQuantization input;
  prepare::TensorQuantization output;
};

// `inputs` operands (the first an int8 tensor) and one int8 output of its shape.
Expected<UnaryOperands> check_s8_unary(const ir::Graph& graph, const ir::Operator& op,
                                       size_t inputs) {
  if (Status s = prepare::check_operand_counts(op, inputs, inputs, 1); !s) return s;
  if (Status s = prepare::check_type(graph, op.inputs[0], DataType::kInt8, "input"); !s) return s;
  if (Status s = prepare::check_type(graph, op.outputs[0], DataType::kInt8, "output"); !s) {
    return s;
  }
  if (Status s = prepare::check_same_shape(graph, op.inputs[0], op.outputs[0]); !s) return s;
  const auto dims = prepare::kernel_dims(graph, op.inputs[0], "input");
  if (!dims) return dims.status();
  const auto in_q = prepare::per_tensor_quantization(graph, op.inputs[0], "input");
  if (!in_q) return in_q.status();
  const auto out_q = prepare::per_tensor_quantization(graph, op.outputs[0], "output");
  if (!out_q) return out_q.status();
  return UnaryOperands{*dims, *in_q, *out_q};
}

Status check_rank_at_least_one(const ir::Graph& graph, int32_t index) {
  if (!graph.tensor(index).shape.empty()) return Status::ok();
  return Status::invalid_input("input " + prepare::describe_tensor(graph, index) +
                               ": needs rank 1 or more");
}

Expected<int> cumsum_axis(const ir::Graph& graph, const ir::Operator& op) {
  const int32_t axis_index = op.inputs[1];
  if (Status s = prepare::check_type(graph, axis_index, DataType::kInt32, "axis"); !s) return s;
  if (Status s = prepare::check_constant(graph, axis_index, "axis"); !s) return s;
  const ir::Tensor& axis = graph.tensor(axis_index);
  if (axis.element_count() != 1) {
    return Status::invalid_input("axis " + prepare::describe_tensor(graph, axis_index) +
                                 ": expected one value");
  }
  int32_t value = 0;
  std::memcpy(&value, axis.data.data(), sizeof(value));
  const auto rank = static_cast<int32_t>(graph.tensor(op.inputs[0]).shape.size());
  const int32_t resolved = value < 0 ? value + rank : value;
  if (resolved < 0 || resolved >= rank) {
    return Status::invalid_input("axis " + prepare::describe_tensor(graph, axis_index) +
                                 ": value " + std::to_string(value) + " is outside [-" +
                                 std::to_string(rank) + ", " + std::to_string(rank) + ")");
  }
  return resolved;
}

}  // namespace

PrepareResult prepare_elu(const ir::Graph& graph, const ir::Operator& op, const CpuOptions&) {
  const Expected<UnaryOperands> operands = check_s8_unary(graph, op, 1);
  if (!operands) return operands.status();
  const kernels::EluTable table =
      kernels::make_s8_elu_table(operands->input.scale, operands->input.zero_point,
                                 operands->output.scale, operands->output.zero_point);
  const int32_t in = op.inputs[0];
  const int32_t out = op.outputs[0];
  const kernels::Dims dims = operands->dims;
  return make_compute_op([=](const TensorMemory& m) {
    kernels::s8_elu(table, dims, m.get<const int8_t>(in), dims, m.get<int8_t>(out));
  });
}

PrepareResult prepare_l2_normalization(const ir::Graph& graph, const ir::Operator& op,
                                       const CpuOptions&) {
  const Expected<UnaryOperands> operands = check_s8_unary(graph, op, 1);
  if (!operands) return operands.status();
  if (Status s = check_rank_at_least_one(graph, op.inputs[0]); !s) return s;
  if (prepare::elementwise_activation(op) != ir::FusedActivation::kNone) {
    return Status::unsupported("fused activation " +
                               std::string(ir::fused_activation_name(
                                   prepare::elementwise_activation(op))) +
                               ": L2_NORMALIZATION supports none (as TFLM)");
  }
  if (Status s = prepare::check_fixed_quantization(graph, op.outputs[0], "output", 1.0f / 128,
                                                   0, 0.0f);
      !s) {
    return s;
  }
  const int32_t zero_point = operands->input.zero_point;
  const int32_t in = op.inputs[0];
  const int32_t out = op.outputs[0];
  const kernels::Dims dims = operands->dims;
  return make_compute_op([=](const TensorMemory& m) {
    kernels::s8_l2_normalization(zero_point, dims, m.get<const int8_t>(in), dims,
                                 m.get<int8_t>(out));
  });
}

PrepareResult prepare_log_softmax(const ir::Graph& graph, const ir::Operator& op,
                                  const CpuOptions&) {
  const Expected<UnaryOperands> operands = check_s8_unary(graph, op, 1);
  if (!operands) return operands.status();
  if (Status s = check_rank_at_least_one(graph, op.inputs[0]); !s) return s;
  if (Status s = prepare::check_fixed_quantization(graph, op.outputs[0], "output", 16.0f / 256,
                                                   127, 0.0f);
      !s) {
    return s;
  }
  kernels::LogSoftmaxParams params;
  if (!kernels::make_s8_log_softmax_params(operands->input.scale, &params)) {
    return Status::unsupported("input " + prepare::describe_tensor(graph, op.inputs[0]) +
                               ": scale too small (TFLM needs input_scale * 2^26 > 1)");
  }
  const int32_t in = op.inputs[0];
  const int32_t out = op.outputs[0];
  const kernels::Dims dims = operands->dims;
  return make_compute_op([=](const TensorMemory& m) {
    kernels::s8_log_softmax(params, dims, m.get<const int8_t>(in), dims, m.get<int8_t>(out));
  });
}

PrepareResult prepare_cumsum(const ir::Graph& graph, const ir::Operator& op, const CpuOptions&) {
  const Expected<UnaryOperands> operands = check_s8_unary(graph, op, 2);
  if (!operands) return operands.status();
  if (Status s = check_rank_at_least_one(graph, op.inputs[0]); !s) return s;
  const Expected<int> axis = cumsum_axis(graph, op);
  if (!axis) return axis.status();
  kernels::CumsumParams params =
      kernels::make_s8_cumsum_params(operands->input.scale, operands->input.zero_point,
                                     operands->output.scale, operands->output.zero_point);
  if (params.output_multiplier.shift > 0 || params.input_multiplier.shift > 0) {
    return Status::unsupported("output " + prepare::describe_tensor(graph, op.outputs[0]) +
                               ": scales TFLM cannot represent (it needs positive scales and "
                               "2 * in_scale < 2^20 * out_scale)");
  }
  params.axis = *axis;
  if (const auto* options = std::get_if<ir::CumsumOptions>(&op.options)) {
    params.exclusive = options->exclusive;
    params.reverse = options->reverse;
  }
  const int32_t in = op.inputs[0];
  const int32_t out = op.outputs[0];
  const kernels::Dims dims = operands->dims;
  return make_compute_op([=](const TensorMemory& m) {
    kernels::s8_cumsum(params, dims, m.get<const int8_t>(in), m.get<int8_t>(out));
  });
}

}  // namespace vnpu::driver::cpu
