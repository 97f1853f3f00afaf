// CpuOps that run one kernel of the unary (activations, QUANTIZE,
// DEQUANTIZE) or the broadcasting binary (ADD, SUB, MUL) signature; the
// operand checks and quantization set-up are in kernels/prepare/.
#pragma once

#include <cstdint>
#include <memory>

#include "core/status.h"
#include "driver/cpu/cpu_op.h"
#include "ir/graph.h"
#include "kernels/dims.h"
#include "kernels/prepare/elementwise_support.h"

namespace vnpu::driver::cpu {

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
  const Expected<kernels::Dims> input_dims =
      kernels::prepare::kernel_dims(graph, op.inputs[0], "input");
  if (!input_dims) return input_dims.status();
  const Expected<kernels::Dims> output_dims =
      kernels::prepare::kernel_dims(graph, op.outputs[0], "output");
  if (!output_dims) return output_dims.status();
  return std::unique_ptr<CpuOp>(std::make_unique<UnaryKernelOp<Params, In, Out>>(
      kernel, params, op.inputs[0], *input_dims, op.outputs[0], *output_dims));
}

// Runs kernel(params, input1_dims, input1, input2_dims, input2, output_dims,
// output) on tensors of element type T (int8, int16): the broadcasting binary kernels.
template <typename Params, typename T = int8_t>
class BinaryKernelOp final : public CpuOp {
 public:
  using Kernel = void (*)(const Params&, const kernels::Dims&, const T*, const kernels::Dims&,
                          const T*, const kernels::Dims&, T*);

  BinaryKernelOp(Kernel kernel, const Params& params, const ir::Operator& op,
                 kernels::Dims input1_dims, kernels::Dims input2_dims, kernels::Dims output_dims)
      : kernel_(kernel),
        params_(params),
        input1_(op.inputs[0]),
        input2_(op.inputs[1]),
        output_(op.outputs[0]),
        input1_dims_(input1_dims),
        input2_dims_(input2_dims),
        output_dims_(output_dims) {}

  Status eval(const TensorMemory& memory) const override {
    kernel_(params_, input1_dims_, memory.get<const T>(input1_), input2_dims_,
            memory.get<const T>(input2_), output_dims_, memory.get<T>(output_));
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
template <typename Params, typename T = int8_t>
Expected<std::unique_ptr<CpuOp>> make_binary_kernel_op(
    const ir::Graph& graph, const ir::Operator& op,
    typename BinaryKernelOp<Params, T>::Kernel kernel, const Params& params) {
  const Expected<kernels::Dims> dims1 =
      kernels::prepare::kernel_dims(graph, op.inputs[0], "input 1");
  if (!dims1) return dims1.status();
  const Expected<kernels::Dims> dims2 =
      kernels::prepare::kernel_dims(graph, op.inputs[1], "input 2");
  if (!dims2) return dims2.status();
  const Expected<kernels::Dims> dims_out =
      kernels::prepare::kernel_dims(graph, op.outputs[0], "output");
  if (!dims_out) return dims_out.status();
  return std::unique_ptr<CpuOp>(
      std::make_unique<BinaryKernelOp<Params, T>>(kernel, params, op, *dims1, *dims2, *dims_out));
}

}  // namespace vnpu::driver::cpu
