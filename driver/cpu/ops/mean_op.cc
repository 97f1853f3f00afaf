// MEAN on int8 or int16 tensors of rank <= 5 (TFLM reduce_common.cc:
// temp_index holds 5 dimensions) over a constant int32 axis list. Prepare
// mirrors TFLM PrepareMeanOrSumHelper: multiplier from double(input_scale) /
// double(output_scale), always the requantized mean (also for equal
// quantizations, as TFLM). Axes may be negative and repeat (TFLM
// ResolveAxis); eval runs kernels::s8_mean or kernels::s16_mean.
#include <cstring>
#include <memory>
#include <string>
#include <variant>

#include "driver/cpu/ops.h"
#include "driver/cpu/ops/reduced_axes.h"
#include "kernels/mean.h"
#include "kernels/prepare/op_support.h"

namespace vnpu::driver::cpu {

namespace prepare = kernels::prepare;
namespace {

constexpr size_t kMaxMeanRank = 5;

template <typename T>
class MeanOp final : public CpuOp {
 public:
  MeanOp(const kernels::MeanParams& params, const ir::Operator& op, const ir::Graph& graph)
      : params_(params),
        input_(op.inputs[0]),
        output_(op.outputs[0]),
        input_dims_(kernels::Dims::from(graph.tensor(input_).shape)) {}

  Status eval(const TensorMemory& memory) const override {
    if constexpr (sizeof(T) == 2) {
      kernels::s16_mean(params_, input_dims_, memory.get<const T>(input_), memory.get<T>(output_));
    } else {
      kernels::s8_mean(params_, input_dims_, memory.get<const T>(input_), memory.get<T>(output_));
    }
    return Status::ok();
  }

 private:
  kernels::MeanParams params_;
  int32_t input_, output_;
  kernels::Dims input_dims_;
};

Status check_operands(const ir::Graph& graph, const ir::Operator& op) {
  if (Status s = prepare::check_operand_counts(op, 2, 2, 1); !s) return s;
  const int32_t input = op.inputs[0];
  const int32_t axis = op.inputs[1];
  const int32_t output = op.outputs[0];
  const ir::DataType type = graph.tensor(input).type;
  if (type != ir::DataType::kInt16) {
    if (Status s = prepare::check_type(graph, input, ir::DataType::kInt8, "input"); !s) return s;
  }
  if (Status s = prepare::check_type(graph, output, type, "output"); !s) return s;
  if (Status s = prepare::check_type(graph, axis, ir::DataType::kInt32, "axis"); !s) return s;
  if (Status s = prepare::check_constant(graph, axis, "axis"); !s) return s;
  if (Status s = prepare::check_per_tensor_quantized(graph, input, "input"); !s) return s;
  if (Status s = prepare::check_per_tensor_quantized(graph, output, "output"); !s) return s;
  if (graph.tensor(input).shape.size() > kMaxMeanRank) {
    return Status::unsupported("input " + prepare::describe_tensor(graph, input) + ": rank above " +
                               std::to_string(kMaxMeanRank));
  }
  return Status::ok();
}

}  // namespace

PrepareResult prepare_mean(const ir::Graph& graph, const ir::Operator& op,
                           const CpuOptions& /*cpu_options*/) {
  if (Status s = check_operands(graph, op); !s) return s;
  kernels::MeanParams params;
  const auto reduced = resolve_reduced_axes(graph, op);
  if (!reduced) return reduced.status();
  params.reduced = *reduced;
  const auto* options = std::get_if<ir::ReducerOptions>(&op.options);
  const bool keep_dims = options != nullptr && options->keep_dims;
  if (Status s = check_reduced_shape(graph, op, params.reduced, keep_dims); !s) return s;

  const ir::Quantization& in_q = graph.tensor(op.inputs[0]).quantization;
  const ir::Quantization& out_q = graph.tensor(op.outputs[0]).quantization;
  const double real = static_cast<double>(in_q.scale()) / static_cast<double>(out_q.scale());
  params.multiplier = kernels::quantize_multiplier(real);
  if (params.multiplier.shift > 31) {
    return Status::unsupported("output " + prepare::describe_tensor(graph, op.outputs[0]) +
                               ": input/output scale ratio " + std::to_string(real) +
                               " is 2^31 or more");
  }
  params.input_zero_point = in_q.zero_point();
  params.output_zero_point = out_q.zero_point();
  if (graph.tensor(op.inputs[0]).type == ir::DataType::kInt16) {
    return std::unique_ptr<CpuOp>(std::make_unique<MeanOp<int16_t>>(params, op, graph));
  }
  return std::unique_ptr<CpuOp>(std::make_unique<MeanOp<int8_t>>(params, op, graph));
}

}  // namespace vnpu::driver::cpu
