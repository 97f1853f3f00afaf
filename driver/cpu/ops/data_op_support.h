// Shared by the data-movement CpuOps (driver/cpu/ops/data_*_ops.cc): reading
// constant shape operands, axis normalisation, operand checks, and ViewCopyOp,
// the one CpuOp that runs every operator whose output is a fixed rearrangement
// of its inputs' elements (a list of kernels::copy_view calls precomputed in
// prepare).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "driver/cpu/cpu_op.h"
#include "ir/graph.h"
#include "kernels/copy_view.h"
#include "kernels/dims.h"

namespace vnpu::driver::cpu::data {

// The values of a constant int32 or int64 tensor (`role` names it in messages:
// "perm", "begin", ...); unsupported when it is not constant.
Expected<std::vector<int64_t>> constant_values(const ir::Graph& graph, int32_t index,
                                               const char* role);

// `axis` in [-rank, rank) as an index in [0, rank); invalid_input naming `what` otherwise.
Expected<int> normalized_axis(int64_t axis, int rank, const std::string& what);

// invalid_input unless the tensors have the same element type.
Status check_same_type(const ir::Graph& graph, int32_t input, int32_t output, const char* input_role,
                       const char* output_role);

// invalid_input unless the tensor has `expected` as its shape.
Status check_shape(const ir::Graph& graph, int32_t index, const ir::Shape& expected,
                   const char* role);

// unsupported unless the tensor is of one of `types`.
Status check_one_of(const ir::Graph& graph, int32_t index, std::initializer_list<ir::DataType> types,
                    const char* role);

// The tensor's shape as kernel Dims (at most Dims::kMaxRank axes).
Expected<kernels::Dims> dims_of(const ir::Graph& graph, int32_t index, const char* role);

// The operator's options of type T, or T's defaults when it holds none.
template <typename T>
T options_or_default(const ir::Operator& op) {
  if (const T* options = std::get_if<T>(&op.options)) return *options;
  return T{};
}

// A view of the elements of a tensor of `dims` as [outer, axis_extent * inner]
// rows: outer = product of the axes before `axis`, inner = of those after it.
struct AxisSplit {
  int64_t outer = 1;
  int64_t inner = 1;
};
AxisSplit split_at_axis(const kernels::Dims& dims, int axis);

// A 2-d view [rows, columns] with row stride `row_stride` starting at `offset` elements.
kernels::View matrix_view(int64_t rows, int64_t columns, int64_t row_stride, int64_t offset);

// One copy_view call: the elements of src_view of tensor `src` to dst_view of tensor `dst`.
struct ViewCopy {
  int32_t src = 0;
  kernels::View src_view;
  int32_t dst = 0;
  kernels::View dst_view;
};

// Runs its copies in order (later copies may overwrite earlier ones).
class ViewCopyOp final : public CpuOp {
 public:
  ViewCopyOp(size_t element_bytes, std::vector<ViewCopy> copies)
      : element_bytes_(element_bytes), copies_(std::move(copies)) {}
  Status eval(const TensorMemory& memory) const override;

 private:
  size_t element_bytes_;
  std::vector<ViewCopy> copies_;
};

PrepareResult make_view_copy_op(const ir::Graph& graph, int32_t output,
                                std::vector<ViewCopy> copies);

// A copy of the whole of `input` into `output` in row-major order (EXPAND_DIMS and
// any operator whose output holds the input's elements unchanged).
ViewCopy whole_tensor_copy(const ir::Graph& graph, int32_t input, int32_t output);

}  // namespace vnpu::driver::cpu::data
