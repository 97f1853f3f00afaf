#include "kernels/prepare/op_support.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "ir/window_geometry.h"

namespace vnpu::kernels::prepare {

Status check_operand_counts(const ir::Operator& op, size_t min_inputs, size_t max_inputs,
                            size_t outputs) {
  if (op.inputs.size() < min_inputs || op.inputs.size() > max_inputs) {
    std::string expected = std::to_string(min_inputs);
    if (max_inputs != min_inputs) expected += " to " + std::to_string(max_inputs);
    return Status::invalid_input("expects " + expected + " inputs, has " +
                                 std::to_string(op.inputs.size()));
  }
  if (op.outputs.size() != outputs) {
    return Status::invalid_input("expects " + std::to_string(outputs) + " outputs, has " +
                                 std::to_string(op.outputs.size()));
  }
  for (size_t i = 0; i < min_inputs; ++i) {
    if (op.inputs[i] == ir::kNoTensor) {
      return Status::invalid_input("required input " + std::to_string(i) + " is absent");
    }
  }
  return Status::ok();
}

std::string describe_tensor(const ir::Graph& graph, int32_t index) {
  const ir::Tensor& tensor = graph.tensor(index);
  return "'" + tensor.name + "' " + ir::shape_to_string(tensor.shape) + " " +
         ir::data_type_name(tensor.type);
}

Status check_type(const ir::Graph& graph, int32_t index, ir::DataType type, const char* role) {
  if (graph.tensor(index).type == type) return Status::ok();
  return Status::unsupported(std::string(role) + " " + describe_tensor(graph, index) +
                             ": expected " + ir::data_type_name(type));
}

Status check_per_tensor_quantized(const ir::Graph& graph, int32_t index, const char* role) {
  const ir::Quantization& q = graph.tensor(index).quantization;
  if (q.scales.size() == 1) return Status::ok();
  if (q.scales.empty()) {
    return Status::unsupported(std::string(role) + " " + describe_tensor(graph, index) +
                               ": not quantized");
  }
  return Status::unsupported(std::string(role) + " " + describe_tensor(graph, index) +
                             ": per-channel quantization not supported here");
}

Status check_rank(const ir::Graph& graph, int32_t index, size_t rank, const char* role) {
  if (graph.tensor(index).shape.size() == rank) return Status::ok();
  return Status::invalid_input(std::string(role) + " " + describe_tensor(graph, index) +
                               ": expected rank " + std::to_string(rank));
}

Status check_constant(const ir::Graph& graph, int32_t index, const char* role) {
  if (graph.tensor(index).is_constant()) return Status::ok();
  return Status::unsupported(std::string(role) + " " + describe_tensor(graph, index) +
                             ": must be a constant tensor");
}

ActivationRange quantized_activation_range(ir::FusedActivation activation, ir::DataType type,
                                           float output_scale, int32_t output_zero_point) {
  ActivationRange range;
  switch (type) {
    case ir::DataType::kUInt8:
      range = {0, 255};
      break;
    case ir::DataType::kInt16:
      range = {std::numeric_limits<int16_t>::min(), std::numeric_limits<int16_t>::max()};
      break;
    default:
      range = {-128, 127};
      break;
  }
  // TFLite rounds value/scale in float; a quotient beyond int32 (a tiny output scale) is an
  // error there. Such a bound lies outside every integer type we clamp to, so saturating it
  // gives the same clamp range without undefined behaviour.
  auto quantize = [&](float value) {
    const double rounded = std::round(static_cast<double>(value / output_scale));
    const double limited = std::max(-2147483648.0, std::min(2147483647.0, rounded));
    return static_cast<int32_t>(
        std::max<int64_t>(INT32_MIN, std::min<int64_t>(INT32_MAX, static_cast<int64_t>(limited) +
                                                                     output_zero_point)));
  };
  switch (activation) {
    case ir::FusedActivation::kNone:
      break;
    case ir::FusedActivation::kRelu:
      range.min = std::max(range.min, quantize(0.0f));
      break;
    case ir::FusedActivation::kRelu6:
      range.min = std::max(range.min, quantize(0.0f));
      range.max = std::min(range.max, quantize(6.0f));
      break;
    case ir::FusedActivation::kReluN1To1:
      range.min = std::max(range.min, quantize(-1.0f));
      range.max = std::min(range.max, quantize(1.0f));
      break;
  }
  return range;
}

// Both compute in 64 bits (no value a file declares overflows them) and clamp
// the result to int32: within the geometry ir::check_window_geometry accepts,
// which the graph verifier enforces, the clamp never applies.
int32_t compute_out_size(ir::Padding padding, int32_t in_size, int32_t filter_size,
                         int32_t stride, int32_t dilation) {
  if (stride <= 0) return 0;
  const int64_t effective_filter = ir::effective_filter_extent(filter_size, dilation);
  const int64_t out = padding == ir::Padding::kSame
                          ? (int64_t{in_size} + stride - 1) / stride
                          : (int64_t{in_size} + stride - effective_filter) / stride;
  return static_cast<int32_t>(std::clamp<int64_t>(out, INT32_MIN, INT32_MAX));
}

int32_t compute_padding(int32_t stride, int32_t dilation, int32_t in_size, int32_t filter_size,
                        int32_t out_size) {
  const int64_t effective_filter = ir::effective_filter_extent(filter_size, dilation);
  const int64_t padding =
      ((int64_t{out_size} - 1) * stride + effective_filter - in_size) / 2;
  return static_cast<int32_t>(std::clamp<int64_t>(padding, 0, INT32_MAX));
}

}  // namespace vnpu::kernels::prepare
