// SUM (int8, int16), REDUCE_MAX and REDUCE_MIN (int8, int16, int32, float32)
// over a constant int32 axis list, and ARG_MAX / ARG_MIN (int8, int16, int32,
// float32 in; int32 or int64 out) over a constant int32 / int64 axis, as TFLM
// reduce_common.cc and arg_min_max.cc. Axes may be negative and repeat
// (TFLite ResolveAxis). SUM's multiplier is double(in_scale) / double(out_scale);
// REDUCE_MAX / REDUCE_MIN compare stored values, so TFLM's requirement that
// input and output share one quantization is enforced.
#include <cstring>
#include <string>
#include <variant>

#include "driver/cpu/ops.h"
#include "driver/cpu/ops/compute_op.h"
#include "driver/cpu/ops/elementwise_op_support.h"
#include "driver/cpu/ops/reduced_axes.h"
#include "kernels/arg_min_max.h"
#include "kernels/reduce.h"

namespace vnpu::driver::cpu {

namespace prepare = kernels::prepare;
namespace {

using ir::DataType;

struct ReduceOperands {
  kernels::Dims input_dims;
  kernels::ReducedAxes reduced{};
};

Expected<ReduceOperands> check_reduce_operands(const ir::Graph& graph, const ir::Operator& op) {
  if (Status s = prepare::check_operand_counts(op, 2, 2, 1); !s) return s;
  if (Status s = check_type_like(graph, op.outputs[0], "output", op.inputs[0]); !s) return s;
  const auto dims = prepare::kernel_dims(graph, op.inputs[0], "input");
  if (!dims) return dims.status();
  const auto reduced = resolve_reduced_axes(graph, op);
  if (!reduced) return reduced.status();
  const auto* options = std::get_if<ir::ReducerOptions>(&op.options);
  const bool keep_dims = options != nullptr && options->keep_dims;
  if (Status s = check_reduced_shape(graph, op, *reduced, keep_dims); !s) return s;
  return ReduceOperands{*dims, *reduced};
}

template <typename T>
PrepareResult sum_op(const ir::Operator& op, const ReduceOperands& operands,
                     const kernels::SumParams& params) {
  const int32_t in = op.inputs[0];
  const int32_t out = op.outputs[0];
  const kernels::Dims dims = operands.input_dims;
  return make_compute_op([=](const TensorMemory& m) {
    kernels::quantized_sum(params, dims, m.get<const T>(in), m.get<T>(out));
  });
}

template <typename T>
PrepareResult max_min_op(bool maximum, const ir::Operator& op, const ReduceOperands& operands) {
  const int32_t in = op.inputs[0];
  const int32_t out = op.outputs[0];
  return make_compute_op([=](const TensorMemory& m) {
    kernels::reduce_max_min(maximum, operands.input_dims, operands.reduced, m.get<const T>(in),
                            m.get<T>(out));
  });
}

PrepareResult prepare_reduce_max_min(const ir::Graph& graph, const ir::Operator& op, bool maximum) {
  const Expected<ReduceOperands> operands = check_reduce_operands(graph, op);
  if (!operands) return operands.status();
  const DataType type = graph.tensor(op.inputs[0]).type;
  if (type == DataType::kInt8 || type == DataType::kInt16) {
    const ir::Quantization& in_q = graph.tensor(op.inputs[0]).quantization;
    const ir::Quantization& out_q = graph.tensor(op.outputs[0]).quantization;
    if (in_q.scales != out_q.scales || in_q.zero_points != out_q.zero_points) {
      return Status::unsupported("output " + prepare::describe_tensor(graph, op.outputs[0]) +
                                 ": needs the input's scale and zero point");
    }
  }
  switch (type) {
    case DataType::kInt8:
      return max_min_op<int8_t>(maximum, op, *operands);
    case DataType::kInt16:
      return max_min_op<int16_t>(maximum, op, *operands);
    case DataType::kInt32:
      return max_min_op<int32_t>(maximum, op, *operands);
    case DataType::kFloat32:
      return max_min_op<float>(maximum, op, *operands);
    default:
      return unsupported_type(graph, op.inputs[0], "input", maximum ? "REDUCE_MAX" : "REDUCE_MIN",
                              "int8, int16, int32 and float32");
  }
}

template <typename T, typename Index>
PrepareResult arg_min_max_op(bool maximum, const ir::Operator& op, const kernels::Dims& dims,
                             int axis) {
  const int32_t in = op.inputs[0];
  const int32_t out = op.outputs[0];
  return make_compute_op([=](const TensorMemory& m) {
    kernels::arg_min_max(maximum, dims, axis, m.get<const T>(in), m.get<Index>(out));
  });
}

template <typename Index>
PrepareResult arg_min_max_typed(bool maximum, const ir::Graph& graph, const ir::Operator& op,
                                const kernels::Dims& dims, int axis) {
  switch (graph.tensor(op.inputs[0]).type) {
    case DataType::kInt8:
      return arg_min_max_op<int8_t, Index>(maximum, op, dims, axis);
    case DataType::kInt16:
      return arg_min_max_op<int16_t, Index>(maximum, op, dims, axis);
    case DataType::kInt32:
      return arg_min_max_op<int32_t, Index>(maximum, op, dims, axis);
    case DataType::kFloat32:
      return arg_min_max_op<float, Index>(maximum, op, dims, axis);
    default:
      return unsupported_type(graph, op.inputs[0], "input", maximum ? "ARG_MAX" : "ARG_MIN",
                              "int8, int16, int32 and float32");
  }
}

PrepareResult prepare_arg_min_max(const ir::Graph& graph, const ir::Operator& op, bool maximum) {
  if (Status s = prepare::check_operand_counts(op, 2, 2, 1); !s) return s;
  const auto dims = prepare::kernel_dims(graph, op.inputs[0], "input");
  if (!dims) return dims.status();
  if (graph.tensor(op.inputs[1]).element_count() != 1) {
    return Status::invalid_input("axis " + prepare::describe_tensor(graph, op.inputs[1]) +
                                 ": expected one value");
  }
  const auto reduced = resolve_reduced_axes(graph, op);
  if (!reduced) return reduced.status();
  if (Status s = check_reduced_shape(graph, op, *reduced, false); !s) return s;
  int axis = 0;
  while (!(*reduced)[static_cast<size_t>(axis)]) ++axis;
  if ((*dims)[axis] < 1) {
    return Status::invalid_input("input " + prepare::describe_tensor(graph, op.inputs[0]) +
                                 ": the reduced dimension is empty");
  }
  const DataType index_type = graph.tensor(op.outputs[0]).type;
  if (index_type == DataType::kInt32) {
    return arg_min_max_typed<int32_t>(maximum, graph, op, *dims, axis);
  }
  if (index_type == DataType::kInt64) {
    return arg_min_max_typed<int64_t>(maximum, graph, op, *dims, axis);
  }
  return unsupported_type(graph, op.outputs[0], "output", maximum ? "ARG_MAX" : "ARG_MIN",
                          "int32 and int64 indices");
}

}  // namespace

PrepareResult prepare_sum(const ir::Graph& graph, const ir::Operator& op, const CpuOptions&) {
  const Expected<ReduceOperands> operands = check_reduce_operands(graph, op);
  if (!operands) return operands.status();
  const DataType type = graph.tensor(op.inputs[0]).type;
  if (type != DataType::kInt8 && type != DataType::kInt16) {
    return unsupported_type(graph, op.inputs[0], "input", "SUM", "int8 and int16");
  }
  const auto in_q = prepare::per_tensor_quantization(graph, op.inputs[0], "input");
  if (!in_q) return in_q.status();
  const auto out_q = prepare::per_tensor_quantization(graph, op.outputs[0], "output");
  if (!out_q) return out_q.status();
  kernels::SumParams params;
  params.reduced = operands->reduced;
  params.input_zero_point = in_q->zero_point;
  params.output_zero_point = out_q->zero_point;
  params.multiplier = kernels::quantize_multiplier(static_cast<double>(in_q->scale) /
                                                   static_cast<double>(out_q->scale));
  if (Status s = prepare::check_multiplier_range(params.multiplier, "output"); !s) return s;
  if (type == DataType::kInt8) return sum_op<int8_t>(op, *operands, params);
  return sum_op<int16_t>(op, *operands, params);
}

PrepareResult prepare_reduce_max(const ir::Graph& graph, const ir::Operator& op,
                                 const CpuOptions&) {
  return prepare_reduce_max_min(graph, op, true);
}

PrepareResult prepare_reduce_min(const ir::Graph& graph, const ir::Operator& op,
                                 const CpuOptions&) {
  return prepare_reduce_max_min(graph, op, false);
}

}  // namespace vnpu::driver::cpu

namespace vnpu::driver::cpu {

PrepareResult prepare_arg_max(const ir::Graph& graph, const ir::Operator& op, const CpuOptions&) {
  return prepare_arg_min_max(graph, op, true);
}

PrepareResult prepare_arg_min(const ir::Graph& graph, const ir::Operator& op, const CpuOptions&) {
  return prepare_arg_min_max(graph, op, false);
}

}  // namespace vnpu::driver::cpu
