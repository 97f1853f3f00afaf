// PACK, UNPACK, SPLIT and SPLIT_V: each input (PACK) or output (the others) is
// a block of rows of the tensor seen as [outer, axis * inner] (see
// data::split_at_axis), so every one is one 2-d copy_view, set up in prepare.
#include <string>
#include <vector>

#include "driver/cpu/ops.h"
#include "driver/cpu/ops/data_op_support.h"
#include "kernels/prepare/op_support.h"

namespace vnpu::driver::cpu {

namespace prepare = kernels::prepare;
namespace {

Status check_all_types(const ir::Graph& graph, int32_t reference, const std::vector<int32_t>& others,
                       const char* role) {
  for (int32_t index : others) {
    if (Status s = data::check_same_type(graph, reference, index, "tensor", role); !s) return s;
  }
  return Status::ok();
}

// The outputs of SPLIT/SPLIT_V: consecutive blocks of `sizes` along `axis` of `input`.
PrepareResult split_copies(const ir::Graph& graph, const ir::Operator& op, int32_t input, int axis,
                           const std::vector<int64_t>& sizes) {
  const kernels::Dims in = kernels::Dims::from(graph.tensor(input).shape);
  const data::AxisSplit split = data::split_at_axis(in, axis);
  const int64_t row = int64_t{in[axis]} * split.inner;
  std::vector<data::ViewCopy> copies;
  int64_t first = 0;
  for (size_t k = 0; k < op.outputs.size(); ++k) {
    ir::Shape expected = graph.tensor(input).shape;
    expected[static_cast<size_t>(axis)] = static_cast<int32_t>(sizes[k]);
    if (Status s = data::check_shape(graph, op.outputs[k], expected, "output"); !s) return s;
    const int64_t columns = sizes[k] * split.inner;
    copies.push_back({input, data::matrix_view(split.outer, columns, row, first * split.inner),
                      op.outputs[k], data::matrix_view(split.outer, columns, columns, 0)});
    first += sizes[k];
  }
  return data::make_view_copy_op(graph, op.outputs[0], std::move(copies));
}

}  // namespace

PrepareResult prepare_pack(const ir::Graph& graph, const ir::Operator& op,
                           const CpuOptions& /*cpu_options*/) {
  if (Status s = prepare::check_operand_counts(op, 1, op.inputs.size(), 1); !s) return s;
  const auto o = data::options_or_default<ir::PackOptions>(op);
  if (static_cast<size_t>(o.count) != op.inputs.size()) {
    return Status::invalid_input("values_count " + std::to_string(o.count) + " but " +
                                 std::to_string(op.inputs.size()) + " inputs");
  }
  if (Status s = check_all_types(graph, op.outputs[0], op.inputs, "input"); !s) return s;
  const ir::Shape& in_shape = graph.tensor(op.inputs[0]).shape;
  for (int32_t input : op.inputs) {
    if (Status s = data::check_shape(graph, input, in_shape, "input"); !s) return s;
  }
  const int out_rank = static_cast<int>(in_shape.size()) + 1;
  if (out_rank > kernels::Dims::kMaxRank) {
    return Status::unsupported("output rank " + std::to_string(out_rank) + " is above " +
                               std::to_string(kernels::Dims::kMaxRank));
  }
  auto axis = data::normalized_axis(o.axis, out_rank, "axis");
  if (!axis) return axis.status();
  ir::Shape expected = in_shape;
  expected.insert(expected.begin() + *axis, o.count);
  if (Status s = data::check_shape(graph, op.outputs[0], expected, "output"); !s) return s;
  const data::AxisSplit split = data::split_at_axis(kernels::Dims::from(expected), *axis);
  std::vector<data::ViewCopy> copies;
  for (size_t k = 0; k < op.inputs.size(); ++k) {
    copies.push_back({op.inputs[k], data::matrix_view(split.outer, split.inner, split.inner, 0),
                      op.outputs[0],
                      data::matrix_view(split.outer, split.inner, o.count * split.inner,
                                        static_cast<int64_t>(k) * split.inner)});
  }
  return data::make_view_copy_op(graph, op.outputs[0], std::move(copies));
}

PrepareResult prepare_unpack(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& /*cpu_options*/) {
  if (Status s = prepare::check_operand_counts(op, 1, 1, op.outputs.size()); !s) return s;
  const auto o = data::options_or_default<ir::PackOptions>(op);
  if (Status s = check_all_types(graph, op.inputs[0], op.outputs, "output"); !s) return s;
  auto in = data::dims_of(graph, op.inputs[0], "input");
  if (!in) return in.status();
  auto axis = data::normalized_axis(o.axis, in->rank(), "axis");
  if (!axis) return axis.status();
  if ((*in)[*axis] != o.count || op.outputs.size() != static_cast<size_t>(o.count)) {
    return Status::invalid_input("num " + std::to_string(o.count) + " must equal the axis size " +
                                 std::to_string((*in)[*axis]) + " and the output count " +
                                 std::to_string(op.outputs.size()));
  }
  ir::Shape expected = graph.tensor(op.inputs[0]).shape;
  expected.erase(expected.begin() + *axis);
  const data::AxisSplit split = data::split_at_axis(*in, *axis);
  std::vector<data::ViewCopy> copies;
  for (size_t k = 0; k < op.outputs.size(); ++k) {
    if (Status s = data::check_shape(graph, op.outputs[k], expected, "output"); !s) return s;
    copies.push_back({op.inputs[0],
                      data::matrix_view(split.outer, split.inner, o.count * split.inner,
                                        static_cast<int64_t>(k) * split.inner),
                      op.outputs[k], data::matrix_view(split.outer, split.inner, split.inner, 0)});
  }
  return data::make_view_copy_op(graph, op.outputs[0], std::move(copies));
}

PrepareResult prepare_split(const ir::Graph& graph, const ir::Operator& op,
                            const CpuOptions& /*cpu_options*/) {
  if (Status s = prepare::check_operand_counts(op, 2, 2, op.outputs.size()); !s) return s;
  const int32_t input = op.inputs[1];
  if (Status s = check_all_types(graph, input, op.outputs, "output"); !s) return s;
  auto in = data::dims_of(graph, input, "input");
  if (!in) return in.status();
  auto axis_values = data::constant_values(graph, op.inputs[0], "axis");
  if (!axis_values) return axis_values.status();
  if (axis_values->size() != 1) return Status::invalid_input("axis: expected one value");
  auto axis = data::normalized_axis((*axis_values)[0], in->rank(), "axis");
  if (!axis) return axis.status();
  const auto count = static_cast<int64_t>(op.outputs.size());
  const int64_t num_splits = data::options_or_default<ir::SplitOptions>(op).num_splits;
  if (num_splits != count || (*in)[*axis] % count != 0) {
    return Status::invalid_input("num_splits " + std::to_string(num_splits) + " with " +
                                 std::to_string(count) + " outputs does not divide axis size " +
                                 std::to_string((*in)[*axis]));
  }
  return split_copies(graph, op, input, *axis,
                      std::vector<int64_t>(op.outputs.size(), (*in)[*axis] / count));
}

PrepareResult prepare_split_v(const ir::Graph& graph, const ir::Operator& op,
                              const CpuOptions& /*cpu_options*/) {
  if (Status s = prepare::check_operand_counts(op, 3, 3, op.outputs.size()); !s) return s;
  const int32_t input = op.inputs[0];
  if (Status s = check_all_types(graph, input, op.outputs, "output"); !s) return s;
  auto in = data::dims_of(graph, input, "input");
  if (!in) return in.status();
  auto axis_values = data::constant_values(graph, op.inputs[2], "axis");
  if (!axis_values) return axis_values.status();
  if (axis_values->size() != 1) return Status::invalid_input("axis: expected one value");
  auto axis = data::normalized_axis((*axis_values)[0], in->rank(), "axis");
  if (!axis) return axis.status();
  auto sizes = data::constant_values(graph, op.inputs[1], "size_splits");
  if (!sizes) return sizes.status();
  if (sizes->size() != op.outputs.size()) {
    return Status::invalid_input("size_splits: " + std::to_string(sizes->size()) + " sizes for " +
                                 std::to_string(op.outputs.size()) + " outputs");
  }
  // One size may be -1: whatever the others leave of the axis.
  int64_t known = 0;
  int unknown = -1;
  for (size_t k = 0; k < sizes->size(); ++k) {
    const int64_t size = (*sizes)[k];
    if (size == -1 && unknown < 0) {
      unknown = static_cast<int>(k);
    } else if (size < 0) {
      return Status::invalid_input("size_splits: size " + std::to_string(size) + " at " +
                                   std::to_string(k) + " is negative");
    } else {
      known += size;
    }
  }
  const int64_t axis_size = (*in)[*axis];
  if (unknown >= 0 && known <= axis_size) (*sizes)[static_cast<size_t>(unknown)] = axis_size - known;
  if ((unknown >= 0 && known > axis_size) || (unknown < 0 && known != axis_size)) {
    return Status::invalid_input("size_splits: sizes add up to " + std::to_string(known) +
                                 ", not the axis size " + std::to_string(axis_size));
  }
  return split_copies(graph, op, input, *axis, *sizes);
}

}  // namespace vnpu::driver::cpu
