#include "kernels/prepare/convolution_support.h"

#include <string>

#include "kernels/prepare/op_support.h"

namespace vnpu::kernels::prepare {

Status check_convolution_operands(const ir::Graph& graph, const ir::Operator& op,
                                  int channel_axis) {
  if (Status s = check_operand_counts(op, 2, 3, 1); !s) return s;
  const int32_t bias = op.inputs.size() > 2 ? op.inputs[2] : ir::kNoTensor;
  const ir::DataType activation_type = graph.tensor(op.inputs[0]).type;
  if (activation_type != ir::DataType::kInt16) {
    if (Status s = check_type(graph, op.inputs[0], ir::DataType::kInt8, "input"); !s) return s;
  }
  if (Status s = check_type(graph, op.inputs[1], ir::DataType::kInt8, "filter"); !s) return s;
  if (Status s = check_type(graph, op.outputs[0], activation_type, "output"); !s) return s;
  if (Status s = check_rank(graph, op.inputs[0], 4, "input"); !s) return s;
  if (Status s = check_rank(graph, op.inputs[1], 4, "filter"); !s) return s;
  if (Status s = check_rank(graph, op.outputs[0], 4, "output"); !s) return s;
  if (Status s = check_constant(graph, op.inputs[1], "filter"); !s) return s;
  if (Status s = check_per_tensor_quantized(graph, op.inputs[0], "input"); !s) return s;
  if (Status s = check_per_tensor_quantized(graph, op.outputs[0], "output"); !s) return s;
  if (activation_type == ir::DataType::kInt16) {
    if (Status s = check_16x8_zero_points(graph, op); !s) return s;
  }
  if (bias == ir::kNoTensor) return Status::ok();
  if (activation_type != ir::DataType::kInt16 || graph.tensor(bias).type != ir::DataType::kInt64) {
    if (Status s = check_type(graph, bias, ir::DataType::kInt32, "bias"); !s) return s;
  }
  if (Status s = check_constant(graph, bias, "bias"); !s) return s;
  const int32_t out_channels =
      graph.tensor(op.inputs[1]).shape[static_cast<size_t>(channel_axis)];
  if (graph.tensor(bias).element_count() != out_channels) {
    return Status::invalid_input("bias " + describe_tensor(graph, bias) + ": expected " +
                                 std::to_string(out_channels) +
                                 " values, one per output channel");
  }
  return Status::ok();
}

Status check_16x8_zero_points(const ir::Graph& graph, const ir::Operator& op) {
  for (const int32_t index : {op.inputs[0], op.outputs[0]}) {
    const ir::Quantization& q = graph.tensor(index).quantization;
    if (!q.zero_points.empty() && q.zero_point() != 0) {
      return Status::unsupported(describe_tensor(graph, index) + ": zero point " +
                                 std::to_string(q.zero_point()) +
                                 " (int16 activations must have zero point 0)");
    }
  }
  return Status::ok();
}

Status check_64bit_requantization(const std::vector<kernels::QuantizedMultiplier>& multipliers) {
  for (size_t c = 0; c < multipliers.size(); ++c) {
    if (multipliers[c].shift >= 8) {
      return Status::unsupported("channel " + std::to_string(c) +
                                 ": scale ratio is 2^7 or more, beyond the int64 "
                                 "requantization of the 16x8 kernels");
    }
  }
  return Status::ok();
}

Status check_convolution_filter_quantization(const ir::Graph& graph, int32_t filter,
                                             int channel_axis) {
  const ir::Tensor& t = graph.tensor(filter);
  const ir::Quantization& q = t.quantization;
  const auto channels = static_cast<size_t>(t.shape[static_cast<size_t>(channel_axis)]);
  if (q.scales.size() != 1 && (q.scales.size() != channels || q.axis != channel_axis)) {
    return Status::unsupported("filter " + describe_tensor(graph, filter) + ": expected 1 or " +
                               std::to_string(channels) + " scales along axis " +
                               std::to_string(channel_axis) + ", has " +
                               std::to_string(q.scales.size()) + " along axis " +
                               std::to_string(q.axis));
  }
  for (int64_t zp : q.zero_points) {
    if (zp != 0) {
      return Status::unsupported("filter " + describe_tensor(graph, filter) + ": zero point " +
                                 std::to_string(zp) + " (int8 weights must be symmetric)");
    }
  }
  return Status::ok();
}

double per_channel_scale_ratio(float input_scale, float filter_scale, float output_scale) {
  return static_cast<double>(input_scale) * static_cast<double>(filter_scale) /
         static_cast<double>(output_scale);
}

double per_tensor_fully_connected_scale_ratio(float input_scale, float filter_scale,
                                              float output_scale) {
  return static_cast<double>(input_scale * filter_scale) / static_cast<double>(output_scale);
}

Expected<std::vector<kernels::QuantizedMultiplier>> per_channel_multipliers(
    const ir::Graph& graph, const ir::Operator& op, int channel_axis) {
  const ir::Tensor& filter = graph.tensor(op.inputs[1]);
  const float input_scale = graph.tensor(op.inputs[0]).quantization.scale();
  const float output_scale = graph.tensor(op.outputs[0]).quantization.scale();
  const std::vector<float>& scales = filter.quantization.scales;
  const auto channels = static_cast<size_t>(filter.shape[static_cast<size_t>(channel_axis)]);
  std::vector<kernels::QuantizedMultiplier> multipliers;
  for (size_t c = 0; c < channels; ++c) {
    const float filter_scale = scales[scales.size() > 1 ? c : 0];
    const double real = per_channel_scale_ratio(input_scale, filter_scale, output_scale);
    multipliers.push_back(kernels::quantize_multiplier(real));
    if (multipliers.back().shift > 31) {
      return Status::unsupported("channel " + std::to_string(c) + ": scale ratio " +
                                 std::to_string(real) + " is 2^31 or more");
    }
  }
  return multipliers;
}

}  // namespace vnpu::kernels::prepare
