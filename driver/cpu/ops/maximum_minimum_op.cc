// MAXIMUM and MINIMUM with broadcasting, as TFLM maximum_minimum.cc: the
// stored values are compared without rescaling for int8, int16, int32, int64
// and float32. TFLite's converter gives the inputs and the output one
// quantization; TFLM does not check it, and neither is it checked here.
#include "driver/cpu/ops.h"
#include "driver/cpu/ops/compute_op.h"
#include "driver/cpu/ops/elementwise_op_support.h"
#include "kernels/maximum_minimum.h"

namespace vnpu::driver::cpu {

namespace prepare = kernels::prepare;
namespace {

using ir::DataType;

template <typename T>
PrepareResult maximum_minimum_op(bool maximum, const ir::Operator& op, const BinaryDims& dims) {
  const int32_t in1 = op.inputs[0];
  const int32_t in2 = op.inputs[1];
  const int32_t out = op.outputs[0];
  return make_compute_op([=](const TensorMemory& m) {
    kernels::maximum_minimum(maximum, dims.input1, m.get<const T>(in1), dims.input2,
                             m.get<const T>(in2), dims.output, m.get<T>(out));
  });
}

PrepareResult prepare_maximum_minimum(const ir::Graph& graph, const ir::Operator& op,
                                      bool maximum) {
  if (Status s = prepare::check_operand_counts(op, 2, 2, 1); !s) return s;
  if (Status s = check_type_like(graph, op.inputs[1], "input 2", op.inputs[0]); !s) return s;
  if (Status s = check_type_like(graph, op.outputs[0], "output", op.inputs[0]); !s) return s;
  const Expected<BinaryDims> dims = binary_dims(graph, op);
  if (!dims) return dims.status();
  switch (graph.tensor(op.inputs[0]).type) {
    case DataType::kInt8: return maximum_minimum_op<int8_t>(maximum, op, *dims);
    case DataType::kInt16: return maximum_minimum_op<int16_t>(maximum, op, *dims);
    case DataType::kInt32: return maximum_minimum_op<int32_t>(maximum, op, *dims);
    case DataType::kInt64: return maximum_minimum_op<int64_t>(maximum, op, *dims);
    case DataType::kFloat32: return maximum_minimum_op<float>(maximum, op, *dims);
    default:
      return unsupported_type(graph, op.inputs[0], "input 1", maximum ? "MAXIMUM" : "MINIMUM",
                              "int8, int16, int32, int64 and float32");
  }
}

}  // namespace

PrepareResult prepare_maximum(const ir::Graph& graph, const ir::Operator& op, const CpuOptions&) {
  return prepare_maximum_minimum(graph, op, true);
}

PrepareResult prepare_minimum(const ir::Graph& graph, const ir::Operator& op, const CpuOptions&) {
  return prepare_maximum_minimum(graph, op, false);
}

}  // namespace vnpu::driver::cpu
