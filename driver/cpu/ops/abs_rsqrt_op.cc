// ABS and RSQRT on int8 and int16 (zero points 0 for int16; an unquantized
// int16 ABS is plain |x|), as TFLM elementwise.cc PrepareAbsRsqrt; eval runs
// kernels::quantized_abs / quantized_rsqrt / s16_abs. (TFLM's RSQRT type check
// lets int16 through to its int16 path, so int16 RSQRT runs as TFLM runs it.)
#include "driver/cpu/ops.h"
#include "driver/cpu/ops/compute_op.h"
#include "driver/cpu/ops/elementwise_op_support.h"
#include "kernels/abs_rsqrt.h"

namespace vnpu::driver::cpu {

namespace prepare = kernels::prepare;
namespace {

using ir::DataType;

template <typename T>
PrepareResult abs_rsqrt_op(bool rsqrt, const ir::Operator& op, const kernels::Dims& dims,
                           const kernels::AbsRsqrtParams& params) {
  const int32_t in = op.inputs[0];
  const int32_t out = op.outputs[0];
  const auto kernel = rsqrt ? kernels::quantized_rsqrt<T> : kernels::quantized_abs<T>;
  return make_compute_op([=](const TensorMemory& m) {
    kernel(params, dims, m.get<const T>(in), dims, m.get<T>(out));
  });
}

// TFLM evaluates an unquantized int16 ABS as plain std::abs.
PrepareResult s16_abs_op(const ir::Operator& op, const ir::Graph& graph) {
  const auto dims = prepare::kernel_dims(graph, op.inputs[0], "input");
  if (!dims) return dims.status();
  const int32_t in = op.inputs[0];
  const int32_t out = op.outputs[0];
  const kernels::Dims d = *dims;
  return make_compute_op([=](const TensorMemory& m) {
    kernels::s16_abs(d, m.get<const int16_t>(in), m.get<int16_t>(out));
  });
}

PrepareResult prepare_abs_rsqrt(const ir::Graph& graph, const ir::Operator& op, bool rsqrt) {
  if (Status s = prepare::check_operand_counts(op, 1, 1, 1); !s) return s;
  if (Status s = check_type_like(graph, op.outputs[0], "output", op.inputs[0]); !s) return s;
  if (Status s = prepare::check_same_shape(graph, op.inputs[0], op.outputs[0]); !s) return s;
  const DataType type = graph.tensor(op.inputs[0]).type;
  if (type != DataType::kInt8 && type != DataType::kInt16) {
    return unsupported_type(graph, op.inputs[0], "input", rsqrt ? "RSQRT" : "ABS",
                            "int8 and int16");
  }
  const bool quantized = graph.tensor(op.inputs[0]).quantization.is_quantized();
  if (!rsqrt && type == DataType::kInt16 && !quantized) {
    return s16_abs_op(op, graph);
  }
  const auto in_q = prepare::per_tensor_quantization(graph, op.inputs[0], "input");
  if (!in_q) return in_q.status();
  const auto out_q = prepare::per_tensor_quantization(graph, op.outputs[0], "output");
  if (!out_q) return out_q.status();
  if (type == DataType::kInt16 && (in_q->zero_point != 0 || out_q->zero_point != 0)) {
    return Status::unsupported("input " + prepare::describe_tensor(graph, op.inputs[0]) +
                               ": int16 needs zero points 0 on input and output");
  }
  const auto dims = prepare::kernel_dims(graph, op.inputs[0], "input");
  if (!dims) return dims.status();
  const kernels::AbsRsqrtParams params =
      rsqrt ? kernels::make_rsqrt_params(in_q->scale, in_q->zero_point, out_q->scale,
                                         out_q->zero_point)
            : kernels::make_abs_params(in_q->scale, in_q->zero_point, out_q->scale,
                                       out_q->zero_point);
  if (params.needs_rescale) {
    if (Status s = prepare::check_multiplier_range(params.multiplier, "output"); !s) return s;
  }
  if (rsqrt && params.multiplier.shift - kernels::kRsqrtExtraShift < -31) {
    return Status::unsupported("output " + prepare::describe_tensor(graph, op.outputs[0]) +
                               ": 1 / (sqrt(input scale) * output scale) is below 2^-12");
  }
  if (type == DataType::kInt8) return abs_rsqrt_op<int8_t>(rsqrt, op, *dims, params);
  return abs_rsqrt_op<int16_t>(rsqrt, op, *dims, params);
}

}  // namespace

PrepareResult prepare_abs(const ir::Graph& graph, const ir::Operator& op, const CpuOptions&) {
  return prepare_abs_rsqrt(graph, op, false);
}

PrepareResult prepare_rsqrt(const ir::Graph& graph, const ir::Operator& op, const CpuOptions&) {
  return prepare_abs_rsqrt(graph, op, true);
}

}  // namespace vnpu::driver::cpu
