// EQUAL, NOT_EQUAL, GREATER, GREATER_EQUAL, LESS and LESS_EQUAL with
// broadcasting and a bool output, as TFLM comparisons.cc: int8 inputs are
// rescaled by their own scales before comparing (kernels::s8_compare); int32,
// int64 and float32 (and bool for EQUAL / NOT_EQUAL) compare stored values.
// TFLM has no int16 comparison that works (GREATER int16 reads unset
// parameters), so int16 is refused.
#include "driver/cpu/ops.h"
#include "driver/cpu/ops/compute_op.h"
#include "driver/cpu/ops/elementwise_op_support.h"
#include "kernels/comparison.h"

namespace vnpu::driver::cpu {

namespace prepare = kernels::prepare;
namespace {

using ir::DataType;
using kernels::Comparison;

template <typename T>
PrepareResult compare_values_op(Comparison kind, const ir::Operator& op, const BinaryDims& dims) {
  const int32_t in1 = op.inputs[0];
  const int32_t in2 = op.inputs[1];
  const int32_t out = op.outputs[0];
  return make_compute_op([=](const TensorMemory& m) {
    kernels::compare_values(kind, dims.input1, m.get<const T>(in1), dims.input2,
                            m.get<const T>(in2), dims.output, m.get<bool>(out));
  });
}

PrepareResult s8_compare_op(Comparison kind, const ir::Graph& graph, const ir::Operator& op,
                            const BinaryDims& dims) {
  const auto q1 = prepare::per_tensor_quantization(graph, op.inputs[0], "input 1");
  if (!q1) return q1.status();
  const auto q2 = prepare::per_tensor_quantization(graph, op.inputs[1], "input 2");
  if (!q2) return q2.status();
  const kernels::ComparisonRescale params =
      kernels::make_comparison_rescale(q1->scale, q1->zero_point, q2->scale, q2->zero_point);
  for (const auto& m : {params.input1_multiplier, params.input2_multiplier}) {
    if (Status s = prepare::check_multiplier_range(m, "input scale"); !s) return s;
  }
  const int32_t in1 = op.inputs[0];
  const int32_t in2 = op.inputs[1];
  const int32_t out = op.outputs[0];
  return make_compute_op([=](const TensorMemory& m) {
    kernels::s8_compare(kind, params, dims.input1, m.get<const int8_t>(in1), dims.input2,
                        m.get<const int8_t>(in2), dims.output, m.get<bool>(out));
  });
}

PrepareResult prepare_comparison(const ir::Graph& graph, const ir::Operator& op,
                                 Comparison kind) {
  if (Status s = prepare::check_operand_counts(op, 2, 2, 1); !s) return s;
  if (Status s = check_type_like(graph, op.inputs[1], "input 2", op.inputs[0]); !s) return s;
  if (Status s = prepare::check_type(graph, op.outputs[0], DataType::kBool, "output"); !s) {
    return s;
  }
  const Expected<BinaryDims> dims = binary_dims(graph, op);
  if (!dims) return dims.status();
  const bool equality = kind == Comparison::kEqual || kind == Comparison::kNotEqual;
  switch (graph.tensor(op.inputs[0]).type) {
    case DataType::kInt8: return s8_compare_op(kind, graph, op, *dims);
    case DataType::kInt32: return compare_values_op<int32_t>(kind, op, *dims);
    case DataType::kInt64: return compare_values_op<int64_t>(kind, op, *dims);
    case DataType::kFloat32: return compare_values_op<float>(kind, op, *dims);
    case DataType::kBool:
      if (equality) return compare_values_op<bool>(kind, op, *dims);
      break;
    default: break;
  }
  return unsupported_type(graph, op.inputs[0], "input 1", "the comparison",
                          equality ? "int8, int32, int64, float32 and bool"
                                   : "int8, int32, int64 and float32");
}

}  // namespace

PrepareResult prepare_equal(const ir::Graph& graph, const ir::Operator& op, const CpuOptions&) {
  return prepare_comparison(graph, op, Comparison::kEqual);
}
PrepareResult prepare_not_equal(const ir::Graph& graph, const ir::Operator& op,
                                const CpuOptions&) {
  return prepare_comparison(graph, op, Comparison::kNotEqual);
}
PrepareResult prepare_greater(const ir::Graph& graph, const ir::Operator& op, const CpuOptions&) {
  return prepare_comparison(graph, op, Comparison::kGreater);
}
PrepareResult prepare_greater_equal(const ir::Graph& graph, const ir::Operator& op,
                                    const CpuOptions&) {
  return prepare_comparison(graph, op, Comparison::kGreaterEqual);
}
PrepareResult prepare_less(const ir::Graph& graph, const ir::Operator& op, const CpuOptions&) {
  return prepare_comparison(graph, op, Comparison::kLess);
}
PrepareResult prepare_less_equal(const ir::Graph& graph, const ir::Operator& op,
                                 const CpuOptions&) {
  return prepare_comparison(graph, op, Comparison::kLessEqual);
}

}  // namespace vnpu::driver::cpu
