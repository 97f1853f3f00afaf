#include "kernels/prepare/elementwise_support.h"

#include <cmath>
#include <string>
#include <variant>

#include "kernels/prepare/op_support.h"

namespace vnpu::kernels::prepare {

Expected<kernels::Dims> kernel_dims(const ir::Graph& graph, int32_t index, const char* role) {
  const ir::Shape& shape = graph.tensor(index).shape;
  if (shape.size() > static_cast<size_t>(kernels::Dims::kMaxRank)) {
    return Status::invalid_input(std::string(role) + " " + describe_tensor(graph, index) +
                                 ": rank above " + std::to_string(kernels::Dims::kMaxRank));
  }
  return kernels::Dims::from(shape);
}

Status check_same_shape(const ir::Graph& graph, int32_t input, int32_t output) {
  if (graph.tensor(input).shape == graph.tensor(output).shape) return Status::ok();
  return Status::invalid_input("output " + describe_tensor(graph, output) +
                               ": shape differs from input " + describe_tensor(graph, input));
}

Status check_broadcast_output(const ir::Graph& graph, int32_t input1, int32_t input2,
                              int32_t output) {
  const ir::Shape& a = graph.tensor(input1).shape;
  const ir::Shape& b = graph.tensor(input2).shape;
  const size_t rank = a.size() > b.size() ? a.size() : b.size();
  ir::Shape broadcast(rank, 1);
  for (size_t i = 0; i < rank; ++i) {
    const int32_t da = i + a.size() >= rank ? a[i + a.size() - rank] : 1;
    const int32_t db = i + b.size() >= rank ? b[i + b.size() - rank] : 1;
    if (da != db && da != 1 && db != 1) {
      return Status::invalid_input("inputs " + describe_tensor(graph, input1) + " and " +
                                   describe_tensor(graph, input2) + " do not broadcast");
    }
    broadcast[i] = da == 1 ? db : da;
  }
  if (graph.tensor(output).shape == broadcast) return Status::ok();
  return Status::invalid_input("output " + describe_tensor(graph, output) +
                               ": expected the broadcast shape " +
                               ir::shape_to_string(broadcast));
}

Expected<TensorQuantization> per_tensor_quantization(const ir::Graph& graph, int32_t index,
                                                     const char* role) {
  const Status status = check_per_tensor_quantized(graph, index, role);
  if (!status) return status;
  const ir::Quantization& q = graph.tensor(index).quantization;
  return TensorQuantization{q.scale(), q.zero_point()};
}

Status check_fixed_quantization(const ir::Graph& graph, int32_t index, const char* role,
                                float scale, int32_t zero_point, float tolerance) {
  const ir::Quantization& q = graph.tensor(index).quantization;
  const bool scale_ok = tolerance == 0.0f ? q.scale() == scale
                                          : std::fabs(q.scale() - scale) <= tolerance;
  if (scale_ok && q.zero_point() == zero_point) return Status::ok();
  return Status::unsupported(std::string(role) + " " + describe_tensor(graph, index) +
                             ": quantization must be scale " + std::to_string(scale) +
                             ", zero point " + std::to_string(zero_point) + " (has scale " +
                             std::to_string(q.scale()) + ", zero point " +
                             std::to_string(q.zero_point()) + ")");
}

Status check_multiplier_range(const kernels::QuantizedMultiplier& multiplier, const char* what) {
  if (multiplier.shift <= 31) return Status::ok();
  return Status::unsupported(std::string(what) + " multiplier needs a left shift of " +
                             std::to_string(multiplier.shift) + " bits (at most 31)");
}

namespace {

Expected<BinaryQuantization> check_binary_op(const ir::Graph& graph, const ir::Operator& op,
                                             ir::DataType type) {
  if (Status s = check_operand_counts(op, 2, 2, 1); !s) return s;
  const int32_t input1 = op.inputs[0];
  const int32_t input2 = op.inputs[1];
  const int32_t output = op.outputs[0];
  if (Status s = check_type(graph, input1, type, "input 1"); !s) return s;
  if (Status s = check_type(graph, input2, type, "input 2"); !s) return s;
  if (Status s = check_type(graph, output, type, "output"); !s) return s;
  if (Status s = check_broadcast_output(graph, input1, input2, output); !s) return s;
  const auto q1 = per_tensor_quantization(graph, input1, "input 1");
  if (!q1) return q1.status();
  const auto q2 = per_tensor_quantization(graph, input2, "input 2");
  if (!q2) return q2.status();
  const auto qo = per_tensor_quantization(graph, output, "output");
  if (!qo) return qo.status();
  return BinaryQuantization{*q1, *q2, *qo};
}

}  // namespace

Expected<BinaryQuantization> check_s8_binary_op(const ir::Graph& graph, const ir::Operator& op) {
  return check_binary_op(graph, op, ir::DataType::kInt8);
}

Expected<BinaryQuantization> check_s16_binary_op(const ir::Graph& graph, const ir::Operator& op) {
  Expected<BinaryQuantization> q = check_binary_op(graph, op, ir::DataType::kInt16);
  if (!q) return q;
  const char* roles[] = {"input 1", "input 2", "output"};
  const int32_t indices[] = {op.inputs[0], op.inputs[1], op.outputs[0]};
  const int32_t zero_points[] = {q->input1.zero_point, q->input2.zero_point, q->output.zero_point};
  for (size_t i = 0; i < 3; ++i) {
    if (zero_points[i] != 0) {
      return Status::unsupported(std::string(roles[i]) + " " +
                                 describe_tensor(graph, indices[i]) + ": zero point " +
                                 std::to_string(zero_points[i]) +
                                 " (int16 tensors must have zero point 0)");
    }
  }
  return q;
}

ir::FusedActivation elementwise_activation(const ir::Operator& op) {
  const auto* options = std::get_if<ir::ElementwiseOptions>(&op.options);
  return options != nullptr ? options->activation : ir::FusedActivation::kNone;
}

}  // namespace vnpu::kernels::prepare
