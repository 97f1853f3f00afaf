// CONCATENATION of int8, int16 or (unquantized) int32 tensors along any axis (negative counts from the
// end). TFLM's int8 concatenation copies bytes without requantizing and
// without checking quantization, so prepare requires every input to share the
// output's scale and zero point (as TensorFlow Lite does) rather than produce
// silently rescaled values; like TFLM it requires no fused activation.
// Eval runs kernels::s8_concatenation.
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "driver/cpu/ops.h"
#include "kernels/concatenation.h"
#include "kernels/prepare/op_support.h"

namespace vnpu::driver::cpu {

namespace prepare = kernels::prepare;
namespace {

template <typename T>
class ConcatenationOp final : public CpuOp {
 public:
  ConcatenationOp(int32_t axis, const ir::Operator& op, const ir::Graph& graph)
      : inputs_(op.inputs),
        output_(op.outputs[0]),
        output_dims_(kernels::Dims::from(graph.tensor(output_).shape)),
        input_data_(inputs_.size(), nullptr) {
    params_.axis = axis;
    params_.input_count = static_cast<int32_t>(inputs_.size());
    for (int32_t input : inputs_) {
      input_dims_.push_back(kernels::Dims::from(graph.tensor(input).shape));
    }
    for (const kernels::Dims& dims : input_dims_) input_dims_ptrs_.push_back(&dims);
  }

  // Not reentrant: the input pointers are gathered in a member to avoid allocating here.
  Status eval(const TensorMemory& memory) const override {
    for (size_t i = 0; i < inputs_.size(); ++i) {
      input_data_[i] = memory.get<const T>(inputs_[i]);
    }
    if constexpr (sizeof(T) == 4) {
      kernels::s32_concatenation(params_, input_dims_ptrs_.data(), input_data_.data(),
                                 output_dims_, memory.get<T>(output_));
    } else if constexpr (sizeof(T) == 2) {
      kernels::s16_concatenation(params_, input_dims_ptrs_.data(), input_data_.data(),
                                 output_dims_, memory.get<T>(output_));
    } else {
      kernels::s8_concatenation(params_, input_dims_ptrs_.data(), input_data_.data(),
                                output_dims_, memory.get<T>(output_));
    }
    return Status::ok();
  }

 private:
  kernels::ConcatenationParams params_;
  std::vector<int32_t> inputs_;
  int32_t output_;
  kernels::Dims output_dims_;
  mutable std::vector<const T*> input_data_;
  std::vector<kernels::Dims> input_dims_;
  std::vector<const kernels::Dims*> input_dims_ptrs_;
};

Status check_input(const ir::Graph& graph, int32_t input, int32_t output, int32_t axis,
                   int32_t* axis_extent) {
  if (Status s = prepare::check_type(graph, input, graph.tensor(output).type, "input"); !s) {
    return s;
  }
  // TFLM concatenates int32 unquantized: there is no scale to agree on.
  if (graph.tensor(output).type != ir::DataType::kInt32) {
    if (Status s = prepare::check_per_tensor_quantized(graph, input, "input"); !s) return s;
    const ir::Quantization& q = graph.tensor(input).quantization;
    const ir::Quantization& out_q = graph.tensor(output).quantization;
    if (q.scale() != out_q.scale() || q.zero_point() != out_q.zero_point()) {
      return Status::unsupported("input " + prepare::describe_tensor(graph, input) +
                                 ": scale and zero point must equal the output's (TFLM copies "
                                 "int8 bytes without requantizing)");
    }
  }
  const ir::Shape& in = graph.tensor(input).shape;
  const ir::Shape& out = graph.tensor(output).shape;
  bool matches = in.size() == out.size();
  for (size_t d = 0; matches && d < in.size(); ++d) {
    matches = static_cast<int32_t>(d) == axis || in[d] == out[d];
  }
  if (!matches) {
    return Status::invalid_input("input " + prepare::describe_tensor(graph, input) +
                                 ": must match output " + prepare::describe_tensor(graph, output) +
                                 " on every dimension but " + std::to_string(axis));
  }
  *axis_extent += in[static_cast<size_t>(axis)];
  return Status::ok();
}

}  // namespace

PrepareResult prepare_concatenation(const ir::Graph& graph, const ir::Operator& op,
                                    const CpuOptions& /*cpu_options*/) {
  if (op.inputs.empty() || op.outputs.size() != 1) {
    return Status::invalid_input("expects 1 or more inputs and 1 output, has " +
                                 std::to_string(op.inputs.size()) + " and " +
                                 std::to_string(op.outputs.size()));
  }
  const int32_t output = op.outputs[0];
  const ir::DataType type = graph.tensor(output).type;
  if (type != ir::DataType::kInt16 && type != ir::DataType::kInt32) {
    if (Status s = prepare::check_type(graph, output, ir::DataType::kInt8, "output"); !s) return s;
  }
  if (type != ir::DataType::kInt32) {
    if (Status s = prepare::check_per_tensor_quantized(graph, output, "output"); !s) return s;
  }
  const auto* options = std::get_if<ir::ConcatenationOptions>(&op.options);
  if (options == nullptr) return Status::invalid_input("CONCATENATION options are missing");
  if (options->activation != ir::FusedActivation::kNone) {
    return Status::unsupported(std::string("fused activation ") +
                               ir::fused_activation_name(options->activation) +
                               " (TFLM allows none)");
  }
  const auto rank = static_cast<int32_t>(graph.tensor(output).shape.size());
  if (rank > kernels::Dims::kMaxRank) {
    return Status::invalid_input("output " + prepare::describe_tensor(graph, output) +
                                 ": rank above " + std::to_string(kernels::Dims::kMaxRank));
  }
  const int32_t axis = options->axis < 0 ? options->axis + rank : options->axis;
  if (axis < 0 || axis >= rank) {
    return Status::invalid_input("axis " + std::to_string(options->axis) + " is outside [-" +
                                 std::to_string(rank) + ", " + std::to_string(rank) + ")");
  }
  int32_t axis_extent = 0;
  for (size_t i = 0; i < op.inputs.size(); ++i) {
    if (op.inputs[i] == ir::kNoTensor) {
      return Status::invalid_input("input " + std::to_string(i) + " is absent");
    }
    if (Status s = check_input(graph, op.inputs[i], output, axis, &axis_extent); !s) return s;
  }
  if (axis_extent != graph.tensor(output).shape[static_cast<size_t>(axis)]) {
    return Status::invalid_input("output " + prepare::describe_tensor(graph, output) +
                                 ": dimension " + std::to_string(axis) +
                                 " must be the inputs' total " + std::to_string(axis_extent));
  }
  if (type == ir::DataType::kInt32) {
    return std::unique_ptr<CpuOp>(std::make_unique<ConcatenationOp<int32_t>>(axis, op, graph));
  }
  if (type == ir::DataType::kInt16) {
    return std::unique_ptr<CpuOp>(std::make_unique<ConcatenationOp<int16_t>>(axis, op, graph));
  }
  return std::unique_ptr<CpuOp>(std::make_unique<ConcatenationOp<int8_t>>(axis, op, graph));
}

}  // namespace vnpu::driver::cpu
