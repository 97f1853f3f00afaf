// The 16x8 variant of the weighted operators (CONV_2D, DEPTHWISE_CONV_2D,
// FULLY_CONNECTED): int16 activations, int8 weights, the reference kernel only.
#pragma once

#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "driver/cpu/cpu_op.h"
#include "kernels/dims.h"
#include "kernels/quant_math.h"

namespace vnpu::driver::cpu {

// Runs kernel(params, multipliers, input, filter, bias, output) on operands 0, 1, [2] and
// output 0. TFLM accumulates in int32 only with an int32 bias, otherwise (an int64 bias or
// none) in int64; a kernel without an int32-bias form passes kernel32 = nullptr, and prepare
// then only accepts an int64 bias.
template <typename Params>
class WeightedS16Op final : public CpuOp {
 public:
  template <typename BiasT>
  using Kernel = void (*)(const Params&, const kernels::QuantizedMultiplier*, const kernels::Dims&,
                          const int16_t*, const kernels::Dims&, const int8_t*, const BiasT*,
                          const kernels::Dims&, int16_t*);

  // The kernels are taken as typed pointers here, so an overloaded kernel name resolves.
  static std::unique_ptr<CpuOp> create(const ir::Graph& graph, const ir::Operator& op,
                                       const Params& params,
                                       std::vector<kernels::QuantizedMultiplier> multipliers,
                                       Kernel<int64_t> kernel64,
                                       Kernel<int32_t> kernel32 = nullptr) {
    return std::make_unique<WeightedS16Op>(graph, op, params, std::move(multipliers), kernel64,
                                           kernel32);
  }

  WeightedS16Op(const ir::Graph& graph, const ir::Operator& op, const Params& params,
                std::vector<kernels::QuantizedMultiplier> multipliers, Kernel<int64_t> kernel64,
                Kernel<int32_t> kernel32 = nullptr)
      : params_(params),
        multipliers_(std::move(multipliers)),
        kernel64_(kernel64),
        kernel32_(kernel32),
        input_(op.inputs[0]),
        filter_(op.inputs[1]),
        bias_(op.inputs.size() > 2 ? op.inputs[2] : ir::kNoTensor),
        output_(op.outputs[0]),
        bias32_(bias_ != ir::kNoTensor && graph.tensor(bias_).type == ir::DataType::kInt32),
        input_dims_(kernels::Dims::from(graph.tensor(input_).shape)),
        filter_dims_(kernels::Dims::from(graph.tensor(filter_).shape)),
        output_dims_(kernels::Dims::from(graph.tensor(output_).shape)) {}

  Status eval(const TensorMemory& memory) const override {
    const auto* input = memory.get<const int16_t>(input_);
    const auto* filter = memory.get<const int8_t>(filter_);
    auto* output = memory.get<int16_t>(output_);
    if (bias32_ && kernel32_ != nullptr) {
      kernel32_(params_, multipliers_.data(), input_dims_, input, filter_dims_, filter,
                memory.get<const int32_t>(bias_), output_dims_, output);
    } else {
      kernel64_(params_, multipliers_.data(), input_dims_, input, filter_dims_, filter,
                bias_ == ir::kNoTensor ? nullptr : memory.get<const int64_t>(bias_), output_dims_,
                output);
    }
    return Status::ok();
  }

 private:
  Params params_;
  std::vector<kernels::QuantizedMultiplier> multipliers_;
  Kernel<int64_t> kernel64_;
  Kernel<int32_t> kernel32_;
  int32_t input_, filter_, bias_, output_;
  bool bias32_;
  kernels::Dims input_dims_, filter_dims_, output_dims_;
};

}  // namespace vnpu::driver::cpu
