// PRELU (int8, int16 with int8 alpha), SQUARED_DIFFERENCE (int8, int16), DIV
// (int8) with broadcasting, and ADD_N (int8), as TFLM prelu_common.cc,
// squared_difference.cc, div.cc and add_n.cc prepare them; eval runs the
// kernels of kernels/binary_arithmetic.h and kernels/add_n.h.
#include <string>
#include <variant>
#include <vector>

#include "driver/cpu/ops.h"
#include "driver/cpu/ops/s32_arithmetic_op.h"
#include "driver/cpu/ops/compute_op.h"
#include "driver/cpu/ops/elementwise_op_support.h"
#include "kernels/add_n.h"
#include "kernels/binary_arithmetic.h"

namespace vnpu::driver::cpu {

namespace prepare = kernels::prepare;
namespace {

using ir::DataType;

struct Quantizations {
  prepare::TensorQuantization input1;
  prepare::TensorQuantization input2;
  prepare::TensorQuantization output;
};

Expected<Quantizations> binary_quantizations(const ir::Graph& graph, const ir::Operator& op,
                                             const char* role2) {
  const auto q1 = prepare::per_tensor_quantization(graph, op.inputs[0], "input 1");
  if (!q1) return q1.status();
  const auto q2 = prepare::per_tensor_quantization(graph, op.inputs[1], role2);
  if (!q2) return q2.status();
  const auto qo = prepare::per_tensor_quantization(graph, op.outputs[0], "output");
  if (!qo) return qo.status();
  return Quantizations{*q1, *q2, *qo};
}

Status check_int16_zero_points(const ir::Graph& graph, const ir::Operator& op,
                               const Quantizations& q, bool include_input2) {
  if (q.input1.zero_point == 0 && q.output.zero_point == 0 &&
      (!include_input2 || q.input2.zero_point == 0)) {
    return Status::ok();
  }
  return Status::unsupported("output " + prepare::describe_tensor(graph, op.outputs[0]) +
                             ": int16 needs zero points 0");
}

template <typename T>
PrepareResult prelu_op(const ir::Operator& op, const BinaryDims& dims,
                       const kernels::PreluParams& params) {
  const int32_t in = op.inputs[0];
  const int32_t alpha = op.inputs[1];
  const int32_t out = op.outputs[0];
  return make_compute_op([=](const TensorMemory& m) {
    kernels::quantized_prelu(params, dims.input1, m.get<const T>(in), dims.input2,
                             m.get<const int8_t>(alpha), dims.output, m.get<T>(out));
  });
}

template <typename T>
PrepareResult squared_difference_op(const ir::Operator& op, const BinaryDims& dims,
                                    const kernels::SquaredDifferenceParams& params) {
  const int32_t in1 = op.inputs[0];
  const int32_t in2 = op.inputs[1];
  const int32_t out = op.outputs[0];
  return make_compute_op([=](const TensorMemory& m) {
    kernels::quantized_squared_difference(params, dims.input1, m.get<const T>(in1), dims.input2,
                                          m.get<const T>(in2), dims.output, m.get<T>(out));
  });
}

}  // namespace

PrepareResult prepare_prelu(const ir::Graph& graph, const ir::Operator& op, const CpuOptions&) {
  if (Status s = prepare::check_operand_counts(op, 2, 2, 1); !s) return s;
  if (Status s = check_type_like(graph, op.outputs[0], "output", op.inputs[0]); !s) return s;
  if (Status s = prepare::check_type(graph, op.inputs[1], DataType::kInt8, "alpha"); !s) return s;
  const DataType type = graph.tensor(op.inputs[0]).type;
  if (type != DataType::kInt8 && type != DataType::kInt16) {
    return unsupported_type(graph, op.inputs[0], "input", "PRELU", "int8 and int16");
  }
  const Expected<BinaryDims> dims = binary_dims(graph, op);
  if (!dims) return dims.status();
  const Expected<Quantizations> q = binary_quantizations(graph, op, "alpha");
  if (!q) return q.status();
  if (type == DataType::kInt16) {
    if (Status s = check_int16_zero_points(graph, op, *q, false); !s) return s;
  }
  const kernels::PreluParams params =
      kernels::make_prelu_params(q->input1.scale, q->input1.zero_point, q->input2.scale,
                                 q->input2.zero_point, q->output.scale, q->output.zero_point);
  for (const auto& m : {params.positive_multiplier, params.negative_multiplier}) {
    if (Status s = prepare::check_multiplier_range(m, "output"); !s) return s;
  }
  if (type == DataType::kInt8) return prelu_op<int8_t>(op, *dims, params);
  return prelu_op<int16_t>(op, *dims, params);
}

PrepareResult prepare_squared_difference(const ir::Graph& graph, const ir::Operator& op,
                                         const CpuOptions&) {
  if (Status s = prepare::check_operand_counts(op, 2, 2, 1); !s) return s;
  if (Status s = check_type_like(graph, op.inputs[1], "input 2", op.inputs[0]); !s) return s;
  if (Status s = check_type_like(graph, op.outputs[0], "output", op.inputs[0]); !s) return s;
  const DataType type = graph.tensor(op.inputs[0]).type;
  if (type != DataType::kInt8 && type != DataType::kInt16) {
    return unsupported_type(graph, op.inputs[0], "input 1", "SQUARED_DIFFERENCE",
                            "int8 and int16");
  }
  const Expected<BinaryDims> dims = binary_dims(graph, op);
  if (!dims) return dims.status();
  const Expected<Quantizations> q = binary_quantizations(graph, op, "input 2");
  if (!q) return q.status();
  if (type == DataType::kInt16) {
    if (Status s = check_int16_zero_points(graph, op, *q, true); !s) return s;
  }
  const kernels::SquaredDifferenceParams params = kernels::make_squared_difference_params(
      q->input1.scale, q->input1.zero_point, q->input2.scale, q->input2.zero_point,
      q->output.scale, q->output.zero_point, type == DataType::kInt8 ? 7 : 0);
  for (const auto& m :
       {params.input1_multiplier, params.input2_multiplier, params.output_multiplier}) {
    if (Status s = prepare::check_multiplier_range(m, "output"); !s) return s;
  }
  if (type == DataType::kInt8) return squared_difference_op<int8_t>(op, *dims, params);
  return squared_difference_op<int16_t>(op, *dims, params);
}

PrepareResult prepare_div(const ir::Graph& graph, const ir::Operator& op, const CpuOptions&) {
  if (Status s = prepare::check_operand_counts(op, 2, 2, 1); !s) return s;
  if (graph.tensor(op.inputs[0]).type == DataType::kInt32) {
    return prepare_s32_arithmetic(graph, op, kernels::S32Arithmetic::kDiv);
  }
  if (Status s = prepare::check_type(graph, op.inputs[0], DataType::kInt8, "input 1"); !s) {
    return s;
  }
  if (Status s = check_type_like(graph, op.inputs[1], "input 2", op.inputs[0]); !s) return s;
  if (Status s = check_type_like(graph, op.outputs[0], "output", op.inputs[0]); !s) return s;
  const Expected<BinaryDims> dims = binary_dims(graph, op);
  if (!dims) return dims.status();
  const Expected<Quantizations> q = binary_quantizations(graph, op, "input 2");
  if (!q) return q.status();
  kernels::DivParams params =
      kernels::make_s8_div_params(q->input1.scale, q->input1.zero_point, q->input2.scale,
                                  q->input2.zero_point, q->output.scale, q->output.zero_point);
  if (Status s = prepare::check_multiplier_range(params.output_multiplier, "output"); !s) {
    return s;
  }
  const prepare::ActivationRange range = prepare::quantized_activation_range(
      prepare::elementwise_activation(op), DataType::kInt8, q->output.scale,
      q->output.zero_point);
  params.activation_min = range.min;
  params.activation_max = range.max;
  const int32_t in1 = op.inputs[0];
  const int32_t in2 = op.inputs[1];
  const int32_t out = op.outputs[0];
  const BinaryDims d = *dims;
  return make_compute_op([=](const TensorMemory& m) {
    kernels::s8_div(params, d.input1, m.get<const int8_t>(in1), d.input2,
                    m.get<const int8_t>(in2), d.output, m.get<int8_t>(out));
  });
}

PrepareResult prepare_add_n(const ir::Graph& graph, const ir::Operator& op, const CpuOptions&) {
  if (Status s = prepare::check_operand_counts(op, 2, op.inputs.size(), 1); !s) return s;
  const int32_t first = op.inputs[0];
  if (Status s = prepare::check_type(graph, first, DataType::kInt8, "input 0"); !s) return s;
  if (Status s = check_type_like(graph, op.outputs[0], "output", first); !s) return s;
  if (Status s = prepare::check_same_shape(graph, first, op.outputs[0]); !s) return s;
  const auto in_q = prepare::per_tensor_quantization(graph, first, "input 0");
  if (!in_q) return in_q.status();
  const auto out_q = prepare::per_tensor_quantization(graph, op.outputs[0], "output");
  if (!out_q) return out_q.status();
  for (size_t i = 1; i < op.inputs.size(); ++i) {
    const int32_t input = op.inputs[i];
    const std::string role = "input " + std::to_string(i);
    if (input == ir::kNoTensor) return Status::invalid_input(role + ": absent");
    if (Status s = check_type_like(graph, input, role.c_str(), first); !s) return s;
    if (graph.tensor(input).shape != graph.tensor(first).shape) {
      return Status::invalid_input(role + " " + prepare::describe_tensor(graph, input) +
                                   ": shape differs from input 0");
    }
    const auto q = prepare::per_tensor_quantization(graph, input, role.c_str());
    if (!q) return q.status();
    if (q->scale != in_q->scale || q->zero_point != in_q->zero_point) {
      return Status::unsupported(role + " " + prepare::describe_tensor(graph, input) +
                                 ": needs the scale and zero point of input 0");
    }
  }
  const kernels::AddNParams params = kernels::make_s8_add_n_params(
      in_q->scale, in_q->zero_point, out_q->scale, out_q->zero_point);
  if (params.output_multiplier.shift > 0 || params.input_multiplier.shift > 0) {
    return Status::unsupported("output " + prepare::describe_tensor(graph, op.outputs[0]) +
                               ": scales TFLM cannot represent (it needs positive scales and "
                               "2 * in_scale < 2^20 * out_scale)");
  }
  const auto dims = prepare::kernel_dims(graph, first, "input 0");
  if (!dims) return dims.status();
  const std::vector<int32_t> inputs = op.inputs;
  const int32_t out = op.outputs[0];
  const kernels::Dims d = *dims;
  return make_compute_op([=](const TensorMemory& m) {
    std::vector<const int8_t*> data;
    data.reserve(inputs.size());
    for (int32_t input : inputs) data.push_back(m.get<const int8_t>(input));
    kernels::s8_add_n(params, d, data, m.get<int8_t>(out));
  });
}

}  // namespace vnpu::driver::cpu
