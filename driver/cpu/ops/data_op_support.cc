#include "driver/cpu/ops/data_op_support.h"

#include <cstring>

#include "kernels/prepare/elementwise_support.h"
#include "kernels/prepare/op_support.h"

namespace vnpu::driver::cpu::data {

namespace prepare = kernels::prepare;

Expected<std::vector<int64_t>> constant_values(const ir::Graph& graph, int32_t index,
                                               const char* role) {
  const ir::Tensor& tensor = graph.tensor(index);
  if (tensor.type != ir::DataType::kInt32 && tensor.type != ir::DataType::kInt64) {
    return Status::unsupported(std::string(role) + " " + prepare::describe_tensor(graph, index) +
                               ": expected int32 or int64");
  }
  if (!tensor.is_constant() && tensor.element_count() > 0) {
    return Status::unsupported(std::string(role) + " " + prepare::describe_tensor(graph, index) +
                               ": must be a constant tensor");
  }
  std::vector<int64_t> values(static_cast<size_t>(tensor.element_count()));
  for (size_t i = 0; i < values.size(); ++i) {
    if (tensor.type == ir::DataType::kInt32) {
      int32_t value = 0;
      std::memcpy(&value, tensor.data.data() + i * 4, 4);
      values[i] = value;
    } else {
      std::memcpy(&values[i], tensor.data.data() + i * 8, 8);
    }
  }
  return values;
}

Expected<int> normalized_axis(int64_t axis, int rank, const std::string& what) {
  if (axis < -rank || axis >= rank) {
    return Status::invalid_input(what + " " + std::to_string(axis) + " is outside [" +
                                 std::to_string(-rank) + ", " + std::to_string(rank) + ")");
  }
  return static_cast<int>(axis < 0 ? axis + rank : axis);
}

Status check_same_type(const ir::Graph& graph, int32_t input, int32_t output, const char* input_role,
                       const char* output_role) {
  if (graph.tensor(input).type == graph.tensor(output).type) return Status::ok();
  return Status::invalid_input(std::string(output_role) + " " +
                               prepare::describe_tensor(graph, output) + ": type differs from " +
                               input_role + " " + prepare::describe_tensor(graph, input));
}

Status check_shape(const ir::Graph& graph, int32_t index, const ir::Shape& expected,
                   const char* role) {
  if (graph.tensor(index).shape == expected) return Status::ok();
  return Status::invalid_input(std::string(role) + " " + prepare::describe_tensor(graph, index) +
                               ": expected shape " + ir::shape_to_string(expected));
}

Status check_one_of(const ir::Graph& graph, int32_t index, std::initializer_list<ir::DataType> types,
                    const char* role) {
  std::string names;
  for (ir::DataType type : types) {
    if (graph.tensor(index).type == type) return Status::ok();
    names += (names.empty() ? "" : ", ") + std::string(ir::data_type_name(type));
  }
  return Status::unsupported(std::string(role) + " " + prepare::describe_tensor(graph, index) +
                             ": expected one of " + names);
}

Expected<kernels::Dims> dims_of(const ir::Graph& graph, int32_t index, const char* role) {
  return prepare::kernel_dims(graph, index, role);
}

AxisSplit split_at_axis(const kernels::Dims& dims, int axis) {
  AxisSplit split;
  for (int d = 0; d < axis; ++d) split.outer *= dims[d];
  for (int d = axis + 1; d < dims.rank(); ++d) split.inner *= dims[d];
  return split;
}

kernels::View matrix_view(int64_t rows, int64_t columns, int64_t row_stride, int64_t offset) {
  kernels::View view;
  view.rank = 2;
  view.extent[0] = static_cast<int32_t>(rows);
  view.extent[1] = static_cast<int32_t>(columns);
  view.stride[0] = row_stride;
  view.stride[1] = 1;
  view.offset = offset;
  return view;
}

Status ViewCopyOp::eval(const TensorMemory& memory) const {
  for (const ViewCopy& copy : copies_) {
    kernels::copy_view(element_bytes_, copy.src_view, memory.bytes(copy.src), copy.dst_view,
                       memory.bytes(copy.dst));
  }
  return Status::ok();
}

PrepareResult make_view_copy_op(const ir::Graph& graph, int32_t output,
                                std::vector<ViewCopy> copies) {
  const size_t element_bytes = ir::element_size(graph.tensor(output).type);
  return std::unique_ptr<CpuOp>(std::make_unique<ViewCopyOp>(element_bytes, std::move(copies)));
}

ViewCopy whole_tensor_copy(const ir::Graph& graph, int32_t input, int32_t output) {
  const kernels::View flat =
      kernels::contiguous_view(kernels::Dims{static_cast<int32_t>(graph.tensor(input).element_count())});
  return ViewCopy{input, flat, output, flat};
}

}  // namespace vnpu::driver::cpu::data
