// TRANSPOSE, REVERSE_V2, DEPTH_TO_SPACE, SPACE_TO_DEPTH, BROADCAST_TO and
// EXPAND_DIMS: each output element is one input element, so prepare describes
// the input as a strided view in output order (permuted strides, negative
// strides for reversed axes, zero strides for broadcast axes, a 6-d view for
// the block rearrangements of TFLite's DepthToSpace/SpaceToDepth) and eval is
// one copy_view. Any element type: the bytes are moved, never interpreted.
#include <string>
#include <vector>

#include "driver/cpu/ops.h"
#include "driver/cpu/ops/data_op_support.h"
#include "kernels/prepare/elementwise_support.h"
#include "kernels/prepare/op_support.h"

namespace vnpu::driver::cpu {

namespace prepare = kernels::prepare;
namespace {

Status check_unary_data(const ir::Graph& graph, const ir::Operator& op, size_t inputs) {
  if (Status s = prepare::check_operand_counts(op, inputs, inputs, 1); !s) return s;
  return data::check_same_type(graph, op.inputs[0], op.outputs[0], "input", "output");
}

// The copy of `src` (a view of the input in output order) to the contiguous output.
PrepareResult single_copy(const ir::Graph& graph, const ir::Operator& op, const kernels::View& src) {
  kernels::View dst = src;
  dst.offset = 0;
  int64_t stride = 1;
  for (int d = src.rank - 1; d >= 0; --d) {
    dst.stride[static_cast<size_t>(d)] = stride;
    stride *= src.extent[static_cast<size_t>(d)];
  }
  return data::make_view_copy_op(graph, op.outputs[0],
                                 {data::ViewCopy{op.inputs[0], src, op.outputs[0], dst}});
}

// A view with the given extents and input strides.
kernels::View view_of(std::initializer_list<int64_t> extents, std::initializer_list<int64_t> strides) {
  kernels::View view;
  for (int64_t e : extents) view.extent[static_cast<size_t>(view.rank++)] = static_cast<int32_t>(e);
  size_t i = 0;
  for (int64_t s : strides) view.stride[i++] = s;
  return view;
}

}  // namespace

PrepareResult prepare_transpose(const ir::Graph& graph, const ir::Operator& op,
                                const CpuOptions& /*cpu_options*/) {
  if (Status s = check_unary_data(graph, op, 2); !s) return s;
  auto in = data::dims_of(graph, op.inputs[0], "input");
  if (!in) return in.status();
  auto perm = data::constant_values(graph, op.inputs[1], "perm");
  if (!perm) return perm.status();
  const int rank = in->rank();
  if (perm->size() != static_cast<size_t>(rank)) {
    return Status::invalid_input("perm: " + std::to_string(perm->size()) +
                                 " values for an input of rank " + std::to_string(rank));
  }
  const auto row = kernels::row_major_strides(*in);
  kernels::View src;
  src.rank = rank;
  std::vector<bool> used(static_cast<size_t>(rank), false);
  ir::Shape expected;
  for (int d = 0; d < rank; ++d) {
    const int64_t p = (*perm)[static_cast<size_t>(d)];
    if (p < 0 || p >= rank || used[static_cast<size_t>(p)]) {
      return Status::invalid_input("perm: value " + std::to_string(p) + " at " +
                                   std::to_string(d) + " does not make a permutation");
    }
    used[static_cast<size_t>(p)] = true;
    src.extent[static_cast<size_t>(d)] = (*in)[static_cast<int>(p)];
    src.stride[static_cast<size_t>(d)] = row[static_cast<size_t>(p)];
    expected.push_back((*in)[static_cast<int>(p)]);
  }
  if (Status s = data::check_shape(graph, op.outputs[0], expected, "output"); !s) return s;
  return single_copy(graph, op, src);
}

PrepareResult prepare_reverse_v2(const ir::Graph& graph, const ir::Operator& op,
                                 const CpuOptions& /*cpu_options*/) {
  if (Status s = check_unary_data(graph, op, 2); !s) return s;
  if (Status s = prepare::check_same_shape(graph, op.inputs[0], op.outputs[0]); !s) return s;
  auto in = data::dims_of(graph, op.inputs[0], "input");
  if (!in) return in.status();
  auto axes = data::constant_values(graph, op.inputs[1], "axis");
  if (!axes) return axes.status();
  kernels::View src = kernels::contiguous_view(*in);
  std::vector<bool> reversed(static_cast<size_t>(in->rank()), false);
  for (int64_t value : *axes) {
    auto axis = data::normalized_axis(value, in->rank(), "axis");
    if (!axis) return axis.status();
    const auto a = static_cast<size_t>(*axis);
    if (reversed[a]) {
      return Status::invalid_input("axis: " + std::to_string(*axis) + " is given twice");
    }
    reversed[a] = true;
    if (src.extent[a] > 0) src.offset += (src.extent[a] - 1) * src.stride[a];
    src.stride[a] = -src.stride[a];
  }
  return single_copy(graph, op, src);
}

PrepareResult prepare_depth_to_space(const ir::Graph& graph, const ir::Operator& op,
                                     const CpuOptions& /*cpu_options*/) {
  if (Status s = check_unary_data(graph, op, 1); !s) return s;
  if (Status s = prepare::check_rank(graph, op.inputs[0], 4, "input"); !s) return s;
  const int64_t bs = data::options_or_default<ir::BlockSizeOptions>(op).block_size;
  const ir::Shape& in = graph.tensor(op.inputs[0]).shape;
  if (bs < 1 || in[3] % (bs * bs) != 0) {
    return Status::invalid_input("input " + prepare::describe_tensor(graph, op.inputs[0]) +
                                 ": depth is not a multiple of block_size^2 (block_size " +
                                 std::to_string(bs) + ")");
  }
  const int64_t depth = in[3] / (bs * bs);
  const ir::Shape expected{in[0], static_cast<int32_t>(in[1] * bs), static_cast<int32_t>(in[2] * bs),
                           static_cast<int32_t>(depth)};
  if (Status s = data::check_shape(graph, op.outputs[0], expected, "output"); !s) return s;
  // Output (n, h, i, w, j, c) = input (n, h, w, (i * bs + j) * depth + c).
  const int64_t c_in = in[3];
  const kernels::View src =
      view_of({in[0], in[1], bs, in[2], bs, depth},
              {int64_t{in[1]} * in[2] * c_in, int64_t{in[2]} * c_in, bs * depth, c_in, depth, 1});
  return single_copy(graph, op, src);
}

PrepareResult prepare_space_to_depth(const ir::Graph& graph, const ir::Operator& op,
                                     const CpuOptions& /*cpu_options*/) {
  if (Status s = check_unary_data(graph, op, 1); !s) return s;
  if (Status s = prepare::check_rank(graph, op.inputs[0], 4, "input"); !s) return s;
  const int64_t bs = data::options_or_default<ir::BlockSizeOptions>(op).block_size;
  const ir::Shape& in = graph.tensor(op.inputs[0]).shape;
  if (bs < 1 || in[1] % bs != 0 || in[2] % bs != 0) {
    return Status::invalid_input("input " + prepare::describe_tensor(graph, op.inputs[0]) +
                                 ": height and width must be multiples of block_size " +
                                 std::to_string(bs));
  }
  const int64_t c = in[3];
  const ir::Shape expected{in[0], static_cast<int32_t>(in[1] / bs),
                           static_cast<int32_t>(in[2] / bs), static_cast<int32_t>(c * bs * bs)};
  if (Status s = data::check_shape(graph, op.outputs[0], expected, "output"); !s) return s;
  // Output (n, h, w, (i * bs + j) * c + k) = input (n, h * bs + i, w * bs + j, k).
  const int64_t row = int64_t{in[2]} * c;
  const kernels::View src = view_of({in[0], in[1] / bs, in[2] / bs, bs, bs, c},
                                    {int64_t{in[1]} * row, bs * row, bs * c, row, c, 1});
  return single_copy(graph, op, src);
}

PrepareResult prepare_broadcast_to(const ir::Graph& graph, const ir::Operator& op,
                                   const CpuOptions& /*cpu_options*/) {
  if (Status s = check_unary_data(graph, op, 2); !s) return s;
  auto in = data::dims_of(graph, op.inputs[0], "input");
  if (!in) return in.status();
  auto shape = data::constant_values(graph, op.inputs[1], "shape");
  if (!shape) return shape.status();
  const int rank = static_cast<int>(shape->size());
  if (rank > kernels::Dims::kMaxRank || rank < in->rank()) {
    return Status::unsupported("shape: rank " + std::to_string(rank) + " must be in [input rank " +
                               std::to_string(in->rank()) + ", " +
                               std::to_string(kernels::Dims::kMaxRank) + "]");
  }
  const auto row = kernels::row_major_strides(*in);
  kernels::View src;
  src.rank = rank;
  ir::Shape expected;
  for (int d = 0; d < rank; ++d) {
    const int64_t out = (*shape)[static_cast<size_t>(d)];
    const int in_axis = d - (rank - in->rank());
    const int64_t in_dim = in_axis >= 0 ? (*in)[in_axis] : 1;
    if (out < 0 || out > INT32_MAX || (in_dim != out && in_dim != 1)) {
      return Status::invalid_input("shape: axis " + std::to_string(d) + " size " +
                                   std::to_string(out) + " cannot take the input's " +
                                   std::to_string(in_dim));
    }
    src.extent[static_cast<size_t>(d)] = static_cast<int32_t>(out);
    src.stride[static_cast<size_t>(d)] = in_dim == out && in_axis >= 0 ? row[static_cast<size_t>(in_axis)] : 0;
    expected.push_back(static_cast<int32_t>(out));
  }
  if (Status s = data::check_shape(graph, op.outputs[0], expected, "output"); !s) return s;
  return single_copy(graph, op, src);
}

PrepareResult prepare_expand_dims(const ir::Graph& graph, const ir::Operator& op,
                                  const CpuOptions& /*cpu_options*/) {
  if (Status s = check_unary_data(graph, op, 2); !s) return s;
  auto axis_values = data::constant_values(graph, op.inputs[1], "axis");
  if (!axis_values) return axis_values.status();
  if (axis_values->size() != 1) {
    return Status::invalid_input("axis " + prepare::describe_tensor(graph, op.inputs[1]) +
                                 ": expected one value");
  }
  ir::Shape expected = graph.tensor(op.inputs[0]).shape;
  const int out_rank = static_cast<int>(expected.size()) + 1;
  auto axis = data::normalized_axis((*axis_values)[0], out_rank, "axis");
  if (!axis) return axis.status();
  expected.insert(expected.begin() + *axis, 1);
  if (Status s = data::check_shape(graph, op.outputs[0], expected, "output"); !s) return s;
  return data::make_view_copy_op(graph, op.outputs[0],
                                 {data::whole_tensor_copy(graph, op.inputs[0], op.outputs[0])});
}

}  // namespace vnpu::driver::cpu
