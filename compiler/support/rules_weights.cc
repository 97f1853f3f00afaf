// Support rules on weights and biases.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

#include "compiler/codegen/lower_op.h"
#include "compiler/support/rule_checks.h"

namespace vnpu::compiler::rules {
namespace {

// The output-channel axis of the filter: 3 for depthwise, else 0.
int32_t channel_axis(const ir::Operator& op) {
  return op.type == ir::OpType::kDepthwiseConv2d ? 3 : 0;
}

int32_t filter_of(const ir::Operator& op) {
  return op.inputs.size() > 1 ? op.inputs[1] : ir::kNoTensor;
}

// TRANSPOSE_CONV lists its bias fourth (after output_shape, filter, input).
int32_t bias_of(const ir::Operator& op) {
  const size_t position = op.type == ir::OpType::kTransposeConv ? 3 : 2;
  return op.inputs.size() > position ? op.inputs[position] : ir::kNoTensor;
}

}  // namespace

RuleResult check_constant_weights(const ir::Operator& op, const ir::Graph& graph,
                                  const isa::AcceleratorConfig&) {
  const int32_t filter = filter_of(op);
  if (filter == ir::kNoTensor) return RuleResult::fail("the operator has no weights operand");
  const ir::Tensor& t = graph.tensor(filter);
  if (!t.is_constant()) {
    return RuleResult::fail("weights " + describe(graph, filter) + " are not constant");
  }
  if (t.type != ir::DataType::kInt8 && t.type != ir::DataType::kUInt8) {
    return RuleResult::fail("weights " + describe(graph, filter) + ": the NPU needs 8-bit weights");
  }
  return RuleResult::pass();
}

RuleResult check_weight_quantization(const ir::Operator& op, const ir::Graph& graph,
                                     const isa::AcceleratorConfig&) {
  const int32_t filter = filter_of(op);
  const ir::Tensor& t = graph.tensor(filter);
  const ir::Quantization& q = t.quantization;
  const int32_t axis = channel_axis(op);
  if (q.scales.empty()) {
    return RuleResult::fail("weights " + describe(graph, filter) + " are not quantized");
  }
  if (q.is_per_channel()) {
    const bool axis_ok = static_cast<size_t>(axis) < t.shape.size() && q.axis == axis &&
                         q.scales.size() == static_cast<size_t>(t.shape[static_cast<size_t>(axis)]);
    if (!axis_ok) {
      return RuleResult::fail("weights " + describe(graph, filter) + ": " +
                              std::to_string(q.scales.size()) + " scales along axis " +
                              std::to_string(q.axis) + "; per-channel scales must be one per " +
                              "output channel along axis " + std::to_string(axis));
    }
  }
  for (int64_t zp : q.zero_points) {
    if (zp != 0) {
      return RuleResult::fail("weights " + describe(graph, filter) + ": zero point " +
                              std::to_string(zp) + ", the NPU needs symmetric weights (0)");
    }
  }
  return RuleResult::pass();
}

RuleResult check_weight_sum(const ir::Operator& op, const ir::Graph& graph,
                            const isa::AcceleratorConfig&) {
  const int32_t filter = filter_of(op);
  const ir::Tensor& t = graph.tensor(filter);
  const auto axis = static_cast<size_t>(channel_axis(op));
  if (axis >= t.shape.size() || t.shape[axis] <= 0) return RuleResult::pass();
  const auto channels = static_cast<size_t>(t.shape[axis]);
  size_t inner = 1;  // elements after the channel axis
  for (size_t d = axis + 1; d < t.shape.size(); ++d) inner *= static_cast<size_t>(t.shape[d]);
  const auto count = static_cast<size_t>(t.element_count());
  if (t.data.size() != count) return RuleResult::pass();  // not 8-bit: constant_weights refuses
  const bool is_signed = t.type == ir::DataType::kInt8;
  std::vector<int64_t> sums(channels, 0);
  for (size_t i = 0; i < count; ++i) {
    const size_t c = (i / inner) % channels;
    const int64_t zp = t.quantization.zero_points.size() > 1 ? t.quantization.zero_points[c]
                                                             : t.quantization.zero_point();
    const int64_t raw = is_signed ? static_cast<int8_t>(t.data[i]) : t.data[i];
    sums[c] += std::llabs(raw - zp);
  }
  for (size_t c = 0; c < channels; ++c) {
    if (sums[c] > kMaxWeightSumPerKernel) {
      return RuleResult::fail("weights " + describe(graph, filter) + ": output channel " +
                              std::to_string(c) + " sums |w| to " + std::to_string(sums[c]) +
                              ", above " + std::to_string(kMaxWeightSumPerKernel));
    }
  }
  return RuleResult::pass();
}

RuleResult check_bias_range(const ir::Operator& op, const ir::Graph& graph,
                            const isa::AcceleratorConfig&) {
  const int32_t bias = bias_of(op);
  if (bias == ir::kNoTensor) return RuleResult::pass();
  const ir::Tensor& t = graph.tensor(bias);
  if (t.type == ir::DataType::kInt32) return RuleResult::pass();
  if (op.type == ir::OpType::kTransposeConv && t.type == ir::DataType::kInt16 && t.is_constant()) {
    return RuleResult::pass();  // widened to int64, as TFLite's 16x8 kernel does
  }
  if (t.type != ir::DataType::kInt64 || !t.is_constant()) {
    return RuleResult::fail("bias " + describe(graph, bias) + " must be a constant int32 or int64" +
                            (op.type == ir::OpType::kTransposeConv ? " (or int16)" : ""));
  }
  for (size_t i = 0; i + 8 <= t.data.size(); i += 8) {
    int64_t value = 0;
    std::memcpy(&value, t.data.data() + i, 8);
    if (value > kMaxBiasMagnitude || value < -kMaxBiasMagnitude) {
      return RuleResult::fail("bias " + describe(graph, bias) + ": value " +
                              std::to_string(value) + " at index " + std::to_string(i / 8) +
                              " does not fit in 40 bits (|b| <= " +
                              std::to_string(kMaxBiasMagnitude) + ")");
    }
  }
  return RuleResult::pass();
}

RuleResult check_weighted_16x8(const ir::Operator& op, const ir::Graph& graph,
                               const isa::AcceleratorConfig&) {
  const Status status = check_16x8_operands(graph, op);
  return status ? RuleResult::pass() : RuleResult::fail(status.message());
}

RuleResult check_transpose_conv(const ir::Operator& op, const ir::Graph& graph,
                                const isa::AcceleratorConfig&) {
  const Status status = check_transpose_conv_operands(graph, op);
  return status ? RuleResult::pass() : RuleResult::fail(status.message());
}

}  // namespace vnpu::compiler::rules
