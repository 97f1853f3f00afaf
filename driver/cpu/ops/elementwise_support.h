// Helpers shared by the element-wise and activation CPU ops (ADD, SUB, MUL,
// SOFTMAX, LOGISTIC, TANH, HARD_SWISH, the ReLU family, QUANTIZE, DEQUANTIZE):
// shape and quantization checks whose messages name the operand, and one
// CpuOp that runs a unary kernel.
#pragma once

#include <cstdint>
#include <memory>

#include "core/status.h"
#include "driver/cpu/cpu_op.h"
#include "ir/graph.h"
#include "kernels/dims.h"
#include "kernels/quant_math.h"

namespace vnpu::driver::cpu {

// The tensor's shape as kernel Dims; invalid_input beyond Dims::kMaxRank.
Expected<kernels::Dims> kernel_dims(const ir::Graph& graph, int32_t index, const char* role);

// invalid_input unless `output` has exactly the shape of `input`.
Status check_same_shape(const ir::Graph& graph, int32_t input, int32_t output);

// invalid_input unless the inputs broadcast (TFLite rules: right-aligned,
// equal or 1) and `output` has their broadcast shape.
Status check_broadcast_output(const ir::Graph& graph, int32_t input1, int32_t input2,
                              int32_t output);

struct TensorQuantization {
  float scale = 0.0f;
  int32_t zero_point = 0;
};

// Per-tensor scale and zero point; unsupported when absent or per-channel.
Expected<TensorQuantization> per_tensor_quantization(const ir::Graph& graph, int32_t index,
                                                     const char* role);

// unsupported unless the tensor's zero point is `zero_point` and its scale is
// within `tolerance` of `scale` (0: exactly), as TFLM requires for fixed outputs.
Status check_fixed_quantization(const ir::Graph& graph, int32_t index, const char* role,
                                float scale, int32_t zero_point, float tolerance);

// unsupported when a requantization multiplier would shift left by more than
// 31 bits (a scale ratio of 2^31 or more), where TFLM's int32 shift is undefined.
Status check_multiplier_range(const kernels::QuantizedMultiplier& multiplier, const char* what);

// Runs kernel(params, input_dims, input, output_dims, output) on one input and one output.
template <typename Params, typename In, typename Out>
class UnaryKernelOp final : public CpuOp {
 public:
  using Kernel = void (*)(const Params&, const kernels::Dims&, const In*, const kernels::Dims&,
                          Out*);

  UnaryKernelOp(Kernel kernel, const Params& params, int32_t input, kernels::Dims input_dims,
                int32_t output, kernels::Dims output_dims)
      : kernel_(kernel),
        params_(params),
        input_(input),
        output_(output),
        input_dims_(input_dims),
        output_dims_(output_dims) {}

  Status eval(const TensorMemory& memory) const override {
    kernel_(params_, input_dims_, memory.get<const In>(input_), output_dims_,
            memory.get<Out>(output_));
    return Status::ok();
  }

 private:
  Kernel kernel_;
  Params params_;
  int32_t input_;
  int32_t output_;
  kernels::Dims input_dims_;
  kernels::Dims output_dims_;
};

// Builds a UnaryKernelOp for op.inputs[0] -> op.outputs[0].
template <typename Params, typename In, typename Out>
Expected<std::unique_ptr<CpuOp>> make_unary_kernel_op(
    const ir::Graph& graph, const ir::Operator& op,
    typename UnaryKernelOp<Params, In, Out>::Kernel kernel, const Params& params) {
  const Expected<kernels::Dims> input_dims = kernel_dims(graph, op.inputs[0], "input");
  if (!input_dims) return input_dims.status();
  const Expected<kernels::Dims> output_dims = kernel_dims(graph, op.outputs[0], "output");
  if (!output_dims) return output_dims.status();
  return std::unique_ptr<CpuOp>(std::make_unique<UnaryKernelOp<Params, In, Out>>(
      kernel, params, op.inputs[0], *input_dims, op.outputs[0], *output_dims));
}

// Runs kernel(params, input1_dims, input1, input2_dims, input2, output_dims,
// output) on int8 tensors: the broadcasting binary kernels.
template <typename Params>
class BinaryKernelOp final : public CpuOp {
 public:
  using Kernel = void (*)(const Params&, const kernels::Dims&, const int8_t*,
                          const kernels::Dims&, const int8_t*, const kernels::Dims&, int8_t*);

  BinaryKernelOp(Kernel kernel, const Params& params, const ir::Operator& op,
                 kernels::Dims input1_dims, kernels::Dims input2_dims,
                 kernels::Dims output_dims)
      : kernel_(kernel),
        params_(params),
        input1_(op.inputs[0]),
        input2_(op.inputs[1]),
        output_(op.outputs[0]),
        input1_dims_(input1_dims),
        input2_dims_(input2_dims),
        output_dims_(output_dims) {}

  Status eval(const TensorMemory& memory) const override {
    kernel_(params_, input1_dims_, memory.get<const int8_t>(input1_), input2_dims_,
            memory.get<const int8_t>(input2_), output_dims_, memory.get<int8_t>(output_));
    return Status::ok();
  }

 private:
  Kernel kernel_;
  Params params_;
  int32_t input1_;
  int32_t input2_;
  int32_t output_;
  kernels::Dims input1_dims_;
  kernels::Dims input2_dims_;
  kernels::Dims output_dims_;
};

// Builds a BinaryKernelOp for op.inputs[0], op.inputs[1] -> op.outputs[0].
template <typename Params>
Expected<std::unique_ptr<CpuOp>> make_binary_kernel_op(
    const ir::Graph& graph, const ir::Operator& op,
    typename BinaryKernelOp<Params>::Kernel kernel, const Params& params) {
  const Expected<kernels::Dims> dims1 = kernel_dims(graph, op.inputs[0], "input 1");
  if (!dims1) return dims1.status();
  const Expected<kernels::Dims> dims2 = kernel_dims(graph, op.inputs[1], "input 2");
  if (!dims2) return dims2.status();
  const Expected<kernels::Dims> dims_out = kernel_dims(graph, op.outputs[0], "output");
  if (!dims_out) return dims_out.status();
  return std::unique_ptr<CpuOp>(std::make_unique<BinaryKernelOp<Params>>(
      kernel, params, op, *dims1, *dims2, *dims_out));
}

// Checks two int8 inputs and one int8 output, per-tensor quantized, whose
// shapes broadcast; returns the three quantizations.
struct BinaryQuantization {
  TensorQuantization input1;
  TensorQuantization input2;
  TensorQuantization output;
};
Expected<BinaryQuantization> check_s8_binary_op(const ir::Graph& graph, const ir::Operator& op);

// The fused activation of an ADD, SUB or MUL (kNone without options).
ir::FusedActivation elementwise_activation(const ir::Operator& op);

}  // namespace vnpu::driver::cpu
