// QUANTIZE (float32 -> int8/int16 and integer requantization) and DEQUANTIZE
// (int8/uint8/int16 -> float32), as TFLM quantize_common.cc and
// dequantize_common.cc prepare and evaluate them.
#include <string>

#include "driver/cpu/ops.h"
#include "driver/cpu/ops/kernel_ops.h"
#include "kernels/prepare/activation_support.h"
#include "kernels/prepare/elementwise_support.h"
#include "kernels/prepare/op_support.h"
#include "kernels/quantize.h"

namespace vnpu::driver::cpu {

namespace prepare = kernels::prepare;
namespace {

using ir::DataType;

template <typename In, typename Out>
void run_requantize(const kernels::RequantizeParams& params, const kernels::Dims& dims,
                    const In* input, const kernels::Dims& /*output_dims*/, Out* output) {
  kernels::requantize(params, dims, input, output);
}

template <typename Out>
void run_quantize(const kernels::AffineQuantizeParams& params, const kernels::Dims& dims,
                  const float* input, const kernels::Dims& /*output_dims*/, Out* output) {
  kernels::quantize(params, dims, input, output);
}

template <typename In>
void run_dequantize(const kernels::DequantizeParams& params, const kernels::Dims& dims,
                    const In* input, const kernels::Dims& /*output_dims*/, float* output) {
  kernels::dequantize(params, dims, input, output);
}

template <typename In, typename Out>
PrepareResult requantize_op(const ir::Graph& graph, const ir::Operator& op,
                            const kernels::RequantizeParams& params) {
  return make_unary_kernel_op<kernels::RequantizeParams, In, Out>(graph, op,
                                                                  run_requantize<In, Out>, params);
}

PrepareResult prepare_float_quantize(const ir::Graph& graph, const ir::Operator& op,
                                     const prepare::TensorQuantization& output_q) {
  const kernels::AffineQuantizeParams params{output_q.scale, output_q.zero_point};
  const DataType output_type = graph.tensor(op.outputs[0]).type;
  if (output_type == DataType::kInt8) {
    return make_unary_kernel_op<kernels::AffineQuantizeParams, float, int8_t>(
        graph, op, run_quantize<int8_t>, params);
  }
  if (output_type == DataType::kInt16) {
    return make_unary_kernel_op<kernels::AffineQuantizeParams, float, int16_t>(
        graph, op, run_quantize<int16_t>, params);
  }
  return Status::unsupported("output " + prepare::describe_tensor(graph, op.outputs[0]) +
                             ": float32 quantizes to int8 or int16 only");
}

PrepareResult prepare_integer_requantize(const ir::Graph& graph, const ir::Operator& op) {
  const Expected<kernels::RequantizeParams> requantize = prepare::requantize_params(graph, op);
  if (!requantize) return requantize.status();
  const kernels::RequantizeParams& params = *requantize;
  const DataType in = graph.tensor(op.inputs[0]).type;
  const DataType out = graph.tensor(op.outputs[0]).type;
  if (in == DataType::kInt8 && out == DataType::kInt8) {
    return requantize_op<int8_t, int8_t>(graph, op, params);
  }
  if (in == DataType::kInt8 && out == DataType::kUInt8) {
    return requantize_op<int8_t, uint8_t>(graph, op, params);
  }
  if (in == DataType::kUInt8 && out == DataType::kInt8) {
    return requantize_op<uint8_t, int8_t>(graph, op, params);
  }
  if (in == DataType::kInt8 && out == DataType::kInt16) {
    return requantize_op<int8_t, int16_t>(graph, op, params);
  }
  if (in == DataType::kInt16 && out == DataType::kInt8) {
    return requantize_op<int16_t, int8_t>(graph, op, params);
  }
  if (in == DataType::kInt8 && out == DataType::kInt32) {
    return requantize_op<int8_t, int32_t>(graph, op, params);
  }
  if (in == DataType::kInt16 && out == DataType::kInt16) {
    return requantize_op<int16_t, int16_t>(graph, op, params);
  }
  if (in == DataType::kInt16 && out == DataType::kInt32) {
    return requantize_op<int16_t, int32_t>(graph, op, params);
  }
  if (in == DataType::kInt32 && out == DataType::kInt8) {
    return requantize_op<int32_t, int8_t>(graph, op, params);
  }
  if (in == DataType::kInt32 && out == DataType::kInt16) {
    return requantize_op<int32_t, int16_t>(graph, op, params);
  }
  return Status::unsupported("input " + prepare::describe_tensor(graph, op.inputs[0]) +
                             " to output " + prepare::describe_tensor(graph, op.outputs[0]) +
                             ": supported are int8->int8/uint8/int16/int32, uint8->int8, "
                             "int16->int8/int16/int32, int32->int8/int16");
}

}  // namespace

PrepareResult prepare_quantize(const ir::Graph& graph, const ir::Operator& op,
                               const CpuOptions& /*cpu_options*/) {
  if (Status s = prepare::check_operand_counts(op, 1, 1, 1); !s) return s;
  if (Status s = prepare::check_same_shape(graph, op.inputs[0], op.outputs[0]); !s) return s;
  const auto output_q = prepare::per_tensor_quantization(graph, op.outputs[0], "output");
  if (!output_q) return output_q.status();
  if (graph.tensor(op.inputs[0]).type == DataType::kFloat32) {
    return prepare_float_quantize(graph, op, *output_q);
  }
  return prepare_integer_requantize(graph, op);
}

PrepareResult prepare_dequantize(const ir::Graph& graph, const ir::Operator& op,
                                 const CpuOptions& /*cpu_options*/) {
  if (Status s = prepare::check_operand_counts(op, 1, 1, 1); !s) return s;
  if (Status s = prepare::check_type(graph, op.outputs[0], DataType::kFloat32, "output"); !s)
    return s;
  if (Status s = prepare::check_same_shape(graph, op.inputs[0], op.outputs[0]); !s) return s;
  const auto input_q = prepare::per_tensor_quantization(graph, op.inputs[0], "input");
  if (!input_q) return input_q.status();
  const kernels::DequantizeParams params{input_q->scale, input_q->zero_point};
  switch (graph.tensor(op.inputs[0]).type) {
    case DataType::kInt8:
      return make_unary_kernel_op<kernels::DequantizeParams, int8_t, float>(
          graph, op, run_dequantize<int8_t>, params);
    case DataType::kUInt8:
      return make_unary_kernel_op<kernels::DequantizeParams, uint8_t, float>(
          graph, op, run_dequantize<uint8_t>, params);
    case DataType::kInt16:
      return make_unary_kernel_op<kernels::DequantizeParams, int16_t, float>(
          graph, op, run_dequantize<int16_t>, params);
    default:
      return Status::unsupported("input " + prepare::describe_tensor(graph, op.inputs[0]) +
                                 ": expected int8, uint8 or int16");
  }
}

}  // namespace vnpu::driver::cpu
