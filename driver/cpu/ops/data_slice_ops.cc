// SLICE and STRIDED_SLICE: the output is a strided view of the input, computed
// once in prepare from the constant begin/size (SLICE) or begin/end/strides
// (STRIDED_SLICE) operands, as TFLM slice.cc and strided_slice_common.cc do
// (StartForAxis/StopForAxis of TFLite's strided_slice_logic.h, shrink axes give
// a length-1 slice). Eval is one copy_view.
#include <algorithm>
#include <climits>
#include <string>

#include "driver/cpu/ops.h"
#include "driver/cpu/ops/data_op_support.h"
#include "kernels/prepare/op_support.h"
#include "kernels/prepare/slice_support.h"

namespace vnpu::driver::cpu {

namespace prepare = kernels::prepare;
namespace {

int64_t clamp64(int64_t v, int64_t lo, int64_t hi) { return v < lo ? lo : (v > hi ? hi : v); }

Status check_slice_operands(const ir::Graph& graph, const ir::Operator& op, size_t inputs) {
  if (Status s = prepare::check_operand_counts(op, inputs, inputs, 1); !s) return s;
  return data::check_same_type(graph, op.inputs[0], op.outputs[0], "input", "output");
}

Expected<std::vector<int64_t>> values_per_axis(const ir::Graph& graph, int32_t index, int rank,
                                              const char* role) {
  auto values = data::constant_values(graph, index, role);
  if (!values) return values.status();
  if (values->size() != static_cast<size_t>(rank)) {
    return Status::unsupported(std::string(role) + " " + prepare::describe_tensor(graph, index) +
                               ": expected " + std::to_string(rank) +
                               " values, one per input axis");
  }
  return values;
}

}  // namespace

PrepareResult prepare_strided_slice(const ir::Graph& graph, const ir::Operator& op,
                                    const CpuOptions& /*cpu_options*/) {
  if (Status s = check_slice_operands(graph, op, 4); !s) return s;
  const auto o = data::options_or_default<ir::StridedSliceOptions>(op);
  if (o.ellipsis_mask != 0 || o.new_axis_mask != 0) {
    return Status::unsupported("ellipsis_mask and new_axis_mask are not supported (as in TFLM)");
  }
  auto in = data::dims_of(graph, op.inputs[0], "input");
  if (!in) return in.status();
  const int rank = in->rank();
  auto begin = values_per_axis(graph, op.inputs[1], rank, "begin");
  if (!begin) return begin.status();
  auto end = values_per_axis(graph, op.inputs[2], rank, "end");
  if (!end) return end.status();
  auto strides = values_per_axis(graph, op.inputs[3], rank, "strides");
  if (!strides) return strides.status();
  const auto row = kernels::row_major_strides(*in);
  kernels::View src;
  src.rank = rank;
  ir::Shape expected;
  for (int d = 0; d < rank; ++d) {
    const auto i = static_cast<size_t>(d);
    const int64_t stride = (*strides)[i];
    if (stride == 0 || stride < INT_MIN || stride > INT_MAX) {
      return Status::invalid_input("strides: axis " + std::to_string(d) + " has stride " +
                                   std::to_string(stride) + " (must be non-zero int32)");
    }
    // TFLM reads int32 indices; wider values clamp to that range (same slice, no overflow).
    const int64_t start = prepare::strided_slice_start(
        o, clamp64((*begin)[i], INT_MIN, INT_MAX), stride, (*in)[d], d);
    const int64_t stop = prepare::strided_slice_stop(o, clamp64((*end)[i], INT_MIN, INT_MAX),
                                                     stride, (*in)[d], d, start);
    const int64_t span = stop - start;
    int64_t size = stride > 0 ? (span + stride - 1) / stride : (span + stride + 1) / stride;
    size = std::max<int64_t>(size, 0);
    src.extent[i] = static_cast<int32_t>(size);
    src.stride[i] = stride * row[i];
    if (size > 0) src.offset += start * row[i];
    if (!(o.shrink_axis_mask & (1 << d))) expected.push_back(static_cast<int32_t>(size));
  }
  if (Status s = data::check_shape(graph, op.outputs[0], expected, "output"); !s) return s;
  kernels::View dst = src;
  dst.offset = 0;
  int64_t stride = 1;
  for (int d = rank - 1; d >= 0; --d) {
    dst.stride[static_cast<size_t>(d)] = stride;
    stride *= src.extent[static_cast<size_t>(d)];
  }
  return data::make_view_copy_op(graph, op.outputs[0],
                                 {data::ViewCopy{op.inputs[0], src, op.outputs[0], dst}});
}

PrepareResult prepare_slice(const ir::Graph& graph, const ir::Operator& op,
                            const CpuOptions& /*cpu_options*/) {
  if (Status s = check_slice_operands(graph, op, 3); !s) return s;
  auto in = data::dims_of(graph, op.inputs[0], "input");
  if (!in) return in.status();
  const int rank = in->rank();
  auto begin = values_per_axis(graph, op.inputs[1], rank, "begin");
  if (!begin) return begin.status();
  auto size = values_per_axis(graph, op.inputs[2], rank, "size");
  if (!size) return size.status();
  const auto row = kernels::row_major_strides(*in);
  kernels::View src = kernels::contiguous_view(*in);
  ir::Shape expected;
  for (int d = 0; d < rank; ++d) {
    const auto i = static_cast<size_t>(d);
    const int64_t first = (*begin)[i];
    const int64_t count = (*size)[i] == -1 ? (*in)[d] - first : (*size)[i];
    if (first < 0 || first > (*in)[d] || count < 0 || count > (*in)[d] - first) {
      return Status::invalid_input("begin/size: axis " + std::to_string(d) + " slice [" +
                                   std::to_string(first) + ", +" + std::to_string((*size)[i]) +
                                   ") is outside the input's " + std::to_string((*in)[d]));
    }
    src.extent[i] = static_cast<int32_t>(count);
    src.offset += first * row[i];
    expected.push_back(static_cast<int32_t>(count));
  }
  if (Status s = data::check_shape(graph, op.outputs[0], expected, "output"); !s) return s;
  const kernels::View dst = kernels::contiguous_view(kernels::Dims::from(expected));
  return data::make_view_copy_op(graph, op.outputs[0],
                                 {data::ViewCopy{op.inputs[0], src, op.outputs[0], dst}});
}

}  // namespace vnpu::driver::cpu
