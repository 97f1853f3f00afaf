#include "driver/cpu/ops/reduced_axes.h"

#include <cstring>
#include <string>

#include "driver/cpu/ops/elementwise_op_support.h"
#include "kernels/prepare/op_support.h"

namespace vnpu::driver::cpu {

namespace prepare = kernels::prepare;

Expected<kernels::ReducedAxes> resolve_reduced_axes(const ir::Graph& graph,
                                                    const ir::Operator& op) {
  const int32_t axis_index = op.inputs[1];
  const ir::Tensor& axis = graph.tensor(axis_index);
  if (axis.type != ir::DataType::kInt32 && axis.type != ir::DataType::kInt64) {
    return unsupported_type(graph, axis_index, "axis", "the axis operand", "int32 and int64");
  }
  if (Status s = prepare::check_constant(graph, axis_index, "axis"); !s) return s;
  const auto rank = static_cast<int64_t>(graph.tensor(op.inputs[0]).shape.size());
  kernels::ReducedAxes reduced{};
  for (int64_t i = 0; i < axis.element_count(); ++i) {
    int64_t value = 0;
    if (axis.type == ir::DataType::kInt32) {
      int32_t v32 = 0;
      std::memcpy(&v32, axis.data.data() + i * 4, sizeof(v32));
      value = v32;
    } else {
      std::memcpy(&value, axis.data.data() + i * 8, sizeof(value));
    }
    const int64_t resolved = value < 0 ? value + rank : value;
    if (resolved < 0 || resolved >= rank) {
      return Status::invalid_input("axis " + prepare::describe_tensor(graph, axis_index) +
                                   ": value " + std::to_string(value) + " is outside [-" +
                                   std::to_string(rank) + ", " + std::to_string(rank) + ")");
    }
    reduced[static_cast<size_t>(resolved)] = true;
  }
  return reduced;
}

Status check_reduced_shape(const ir::Graph& graph, const ir::Operator& op,
                           const kernels::ReducedAxes& reduced, bool keep_dims) {
  const ir::Shape& in = graph.tensor(op.inputs[0]).shape;
  ir::Shape expected;
  for (size_t d = 0; d < in.size(); ++d) {
    if (!reduced[d]) {
      expected.push_back(in[d]);
    } else if (keep_dims) {
      expected.push_back(1);
    }
  }
  if (graph.tensor(op.outputs[0]).shape == expected) return Status::ok();
  return Status::invalid_input("output " + prepare::describe_tensor(graph, op.outputs[0]) +
                               ": expected " + ir::shape_to_string(expected) +
                               (keep_dims ? " (keep_dims)" : ""));
}

}  // namespace vnpu::driver::cpu
