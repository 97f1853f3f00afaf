#include "compiler/codegen/slice_box.h"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <variant>

#include "ir/graph_edit.h"
#include "kernels/prepare/slice_support.h"
#include "kernels/resize.h"

namespace vnpu::compiler {
namespace {

std::string prefix(const ir::Operator& op) { return std::string(ir::op_type_name(op.type)) + ": "; }

int64_t clamp_int32(int64_t v) { return v < INT_MIN ? INT_MIN : (v > INT_MAX ? INT_MAX : v); }

// Constant integers of operand `input`, one per input axis; empty when not.
std::vector<int64_t> per_axis_constant(const ir::Graph& graph, const ir::Operator& op, size_t input,
                                       size_t rank) {
  if (op.inputs.size() <= input || op.inputs[input] == ir::kNoTensor) return {};
  const ir::Tensor& t = graph.tensor(op.inputs[input]);
  if (!t.is_constant()) return {};
  std::vector<int64_t> values = constant_integers(t);
  return values.size() == rank ? values : std::vector<int64_t>{};
}

Status box_of_slice(const ir::Graph& graph, const ir::Operator& op, SliceBox* box) {
  const size_t rank = box->input.size();
  const std::vector<int64_t> begin = per_axis_constant(graph, op, 1, rank);
  const std::vector<int64_t> size = per_axis_constant(graph, op, 2, rank);
  if (begin.empty() || size.empty()) {
    return Status::unsupported(prefix(op) + "begin and size are not constant, one per axis");
  }
  for (size_t d = 0; d < rank; ++d) {
    const int64_t count = size[d] == -1 ? box->input[d] - begin[d] : size[d];
    if (begin[d] < 0 || count < 0 || begin[d] + count > box->input[d]) {
      return Status::invalid_input(prefix(op) + "axis " + std::to_string(d) +
                                   " slice is outside the input");
    }
    box->start.push_back(begin[d]);
    box->size.push_back(count);
  }
  return Status::ok();
}

Status box_of_strided_slice(const ir::Graph& graph, const ir::Operator& op, SliceBox* box) {
  const size_t rank = box->input.size();
  const std::vector<int64_t> begin = per_axis_constant(graph, op, 1, rank);
  const std::vector<int64_t> end = per_axis_constant(graph, op, 2, rank);
  const std::vector<int64_t> strides = per_axis_constant(graph, op, 3, rank);
  if (begin.empty() || end.empty() || strides.empty()) {
    return Status::unsupported(prefix(op) +
                               "begin, end and strides are not constant, one per axis");
  }
  const auto* options = std::get_if<ir::StridedSliceOptions>(&op.options);
  const ir::StridedSliceOptions o = options != nullptr ? *options : ir::StridedSliceOptions{};
  if (o.ellipsis_mask != 0 || o.new_axis_mask != 0) {
    return Status::unsupported(prefix(op) + "ellipsis_mask or new_axis_mask is set");
  }
  for (size_t d = 0; d < rank; ++d) {
    if (strides[d] < 1 || strides[d] > INT32_MAX) {
      return Status::unsupported(prefix(op) + "axis " + std::to_string(d) + " has stride " +
                                 std::to_string(strides[d]) +
                                 " (the NPU steps forward through memory: strides from 1)");
    }
    const int axis = static_cast<int>(d);
    const int64_t step = strides[d];
    const int64_t start =
        kernels::prepare::strided_slice_start(o, clamp_int32(begin[d]), step, box->input[d], axis);
    const int64_t stop = kernels::prepare::strided_slice_stop(o, clamp_int32(end[d]), step,
                                                              box->input[d], axis, start);
    box->start.push_back(start);
    box->size.push_back(stop > start ? (stop - start + step - 1) / step : 0);
    box->step.push_back(step);
  }
  return Status::ok();
}

struct BoxAxis {
  int64_t size = 1;
  int64_t stride = 1;
};

}  // namespace

Expected<SliceBox> slice_box(const ir::Graph& graph, const ir::Operator& op) {
  if (op.type != ir::OpType::kSlice && op.type != ir::OpType::kStridedSlice) {
    return Status::invalid_input(prefix(op) + "not a SLICE or STRIDED_SLICE");
  }
  if (op.inputs.empty() || op.outputs.size() != 1 || op.inputs[0] == ir::kNoTensor) {
    return Status::invalid_input(prefix(op) + "missing operands");
  }
  SliceBox box;
  box.input = graph.tensor(op.inputs[0]).shape;
  const Status s = op.type == ir::OpType::kSlice ? box_of_slice(graph, op, &box)
                                                 : box_of_strided_slice(graph, op, &box);
  if (!s) return s;
  return box;
}

NpuBox contiguous_box(const NpuBox& like) {
  NpuBox box = like;
  box.offset = 0;
  box.column_stride = box.depth;
  box.row_stride = int64_t{box.width} * box.depth;
  return box;
}

Expected<NpuBox> npu_box(const SliceBox& box, int64_t element_bytes) {
  const size_t rank = box.input.size();
  NpuBox npu;
  if (rank == 0) {
    npu.depth = static_cast<int32_t>(element_bytes);
    return npu;
  }
  std::vector<int64_t> row_major(rank, element_bytes);
  for (size_t d = rank - 1; d > 0; --d) row_major[d - 1] = row_major[d] * box.input[d];
  std::vector<BoxAxis> axes;  // outermost first; the last input axis is always kept (depth)
  for (size_t d = 0; d < rank; ++d) {
    if (box.size[d] == 0) return Status::unsupported("the slice is empty");
    npu.offset += box.start[d] * row_major[d];
    const int64_t step = d < box.step.size() ? box.step[d] : 1;
    if (box.size[d] > 1 || d + 1 == rank) axes.push_back({box.size[d], row_major[d] * step});
  }
  if (axes.back().stride == element_bytes) {
    axes.back() = {axes.back().size * element_bytes, 1};  // the depth, in bytes
  } else {
    axes.push_back({element_bytes, 1});  // a strided innermost axis: one element deep
  }
  // Merge the contiguous neighbour pair with the smallest product while more
  // than three axes remain (an axis continues its inner neighbour when its
  // stride is the neighbour's whole extent).
  while (axes.size() > 3) {
    size_t best = axes.size();
    for (size_t i = 0; i + 1 < axes.size(); ++i) {
      if (axes[i].stride != axes[i + 1].size * axes[i + 1].stride) continue;
      if (best == axes.size() ||
          axes[i].size * axes[i + 1].size < axes[best].size * axes[best + 1].size) {
        best = i;
      }
    }
    if (best == axes.size()) {
      return Status::unsupported("the slice spans " + std::to_string(axes.size()) +
                                 " non-contiguous axes; the NPU addresses three");
    }
    axes[best + 1].size *= axes[best].size;
    axes.erase(axes.begin() + static_cast<std::ptrdiff_t>(best));
  }
  while (axes.size() < 3)
    axes.insert(axes.begin(), BoxAxis{1, axes.front().size * axes.front().stride});
  for (const BoxAxis& axis : axes) {
    if (axis.size > kMaxNpuBoxDim) {
      return Status::unsupported("a slice axis of " + std::to_string(axis.size) +
                                 " elements exceeds " + std::to_string(kMaxNpuBoxDim));
    }
  }
  npu.height = static_cast<int32_t>(axes[0].size);
  npu.width = static_cast<int32_t>(axes[1].size);
  npu.depth = static_cast<int32_t>(axes[2].size);
  npu.row_stride = axes[0].stride;
  npu.column_stride = axes[1].stride;
  return npu;
}

Expected<std::vector<NpuBox>> concatenation_boxes(const ir::Graph& graph, const ir::Operator& op) {
  const std::string where = prefix(op);
  const auto* concatenation = std::get_if<ir::ConcatenationOptions>(&op.options);
  const auto* pack = std::get_if<ir::PackOptions>(&op.options);
  if ((concatenation == nullptr && pack == nullptr) || op.outputs.size() != 1 ||
      op.inputs.empty()) {
    return Status::invalid_input(where + "operands or options are missing");
  }
  const ir::Tensor& out = graph.tensor(op.outputs[0]);
  const auto rank = static_cast<int32_t>(out.shape.size());
  const int32_t written = concatenation != nullptr ? concatenation->axis : pack->axis;
  const int32_t axis = written < 0 ? written + rank : written;
  if (axis < 0 || axis >= rank) return Status::invalid_input(where + "axis outside the output");
  std::vector<NpuBox> boxes;
  int64_t first = 0;
  for (int32_t input : op.inputs) {
    // A PACK input is one slot of the new axis: its shape with a 1 inserted there.
    ir::Shape shape = input != ir::kNoTensor ? graph.tensor(input).shape : ir::Shape{};
    if (pack != nullptr && shape.size() + 1 == out.shape.size()) {
      shape.insert(shape.begin() + axis, 1);
    }
    if (input == ir::kNoTensor || shape.size() != out.shape.size() ||
        graph.tensor(input).type != out.type) {
      return Status::invalid_input(where + "an input differs from the output in rank or type");
    }
    SliceBox box;
    box.input = out.shape;
    box.start.assign(out.shape.size(), 0);
    box.start[static_cast<size_t>(axis)] = first;
    for (int32_t d : shape) box.size.push_back(d);
    first += shape[static_cast<size_t>(axis)];
    Expected<NpuBox> npu = npu_box(box, static_cast<int64_t>(ir::element_size(out.type)));
    if (!npu)
      return Status::unsupported(where + "input '" + graph.tensor(input).name +
                                 "': " + npu.status().message());
    boxes.push_back(*npu);
  }
  if (first != out.shape[static_cast<size_t>(axis)]) {
    return Status::invalid_input(where + "the inputs do not fill the output's axis");
  }
  return boxes;
}

namespace {

// Whether TFLite's nearest index of every output position y is y / 2 and the
// input is (out + 1) / 2 long, as the IFM's nearest 2x upscale reads it.
bool halves_every_index(int32_t in_size, int32_t out_size, const kernels::ResizeParams& params) {
  if (in_size != (out_size + 1) / 2) return false;
  for (int32_t y = 0; y < out_size; ++y) {
    if (kernels::nearest_neighbor_index(y, in_size, out_size, params) != y / 2) return false;
  }
  return true;
}

}  // namespace

namespace {

// A permutation over blocks of input axes: the input's axes without its
// size-1 ones, runs that stay adjacent in the output merged into one block.
struct BlockPermutation {
  std::vector<int64_t> sizes;  // element count of each block, in input order
  std::vector<size_t> order;   // the output's blocks, as input block indices
};

BlockPermutation block_permutation(const ir::Shape& in, const std::vector<int64_t>& perm) {
  // The input's axes without size-1 ones, numbered 0.., and the output's order of them.
  std::vector<int64_t> compact(in.size(), -1);
  std::vector<int64_t> sizes;
  for (size_t axis = 0; axis < in.size(); ++axis) {
    if (in[axis] == 1) continue;
    compact[axis] = static_cast<int64_t>(sizes.size());
    sizes.push_back(in[axis]);
  }
  std::vector<int64_t> order;
  for (int64_t axis : perm) {
    if (compact[static_cast<size_t>(axis)] >= 0)
      order.push_back(compact[static_cast<size_t>(axis)]);
  }
  // A block starts wherever the output does not continue with the next input axis.
  std::vector<bool> starts(sizes.size(), true);
  for (size_t i = 1; i < order.size(); ++i) {
    if (order[i] == order[i - 1] + 1) starts[static_cast<size_t>(order[i])] = false;
  }
  BlockPermutation result;
  std::vector<size_t> block_of(sizes.size(), 0);
  for (size_t axis = 0; axis < sizes.size(); ++axis) {
    if (starts[axis]) result.sizes.push_back(1);
    block_of[axis] = result.sizes.size() - 1;
    result.sizes.back() *= sizes[axis];
  }
  for (int64_t axis : order) {
    if (starts[static_cast<size_t>(axis)])
      result.order.push_back(block_of[static_cast<size_t>(axis)]);
  }
  return result;
}

}  // namespace

Expected<TransposeBoxes> transpose_boxes(const ir::Graph& graph, const ir::Operator& op) {
  const std::string where = prefix(op);
  if (op.inputs.size() != 2 || op.outputs.size() != 1 || op.inputs[0] == ir::kNoTensor ||
      op.inputs[1] == ir::kNoTensor) {
    return Status::invalid_input(where + "missing operands");
  }
  const ir::Shape& in = graph.tensor(op.inputs[0]).shape;
  const ir::Tensor& perm_tensor = graph.tensor(op.inputs[1]);
  if (!perm_tensor.is_constant())
    return Status::unsupported(where + "the permutation is not constant");
  const std::vector<int64_t> perm = constant_integers(perm_tensor);
  std::vector<bool> seen(in.size(), false);
  ir::Shape permuted;
  for (int64_t axis : perm) {
    if (perm.size() != in.size() || axis < 0 || axis >= static_cast<int64_t>(in.size()) ||
        seen[static_cast<size_t>(axis)]) {
      return Status::invalid_input(where + "the permutation is not one of the input's " +
                                   std::to_string(in.size()) + " axes");
    }
    seen[static_cast<size_t>(axis)] = true;
    permuted.push_back(in[static_cast<size_t>(axis)]);
  }
  if (permuted != graph.tensor(op.outputs[0]).shape) {
    return Status::invalid_input(where + "the output is not the permuted input " +
                                 ir::shape_to_string(permuted));
  }
  const BlockPermutation blocks = block_permutation(in, perm);
  // One copy moves blocks A and B of an [A, B, D] input to [B, A, D] (D the
  // unchanged innermost block, or one element); a single block is a plain copy.
  const std::vector<size_t>& order = blocks.order;
  const bool copy = order.size() <= 1;
  const bool swap = order == std::vector<size_t>{1, 0} || order == std::vector<size_t>{1, 0, 2};
  if (!copy && !swap) {
    return Status::unsupported(where + "the permutation of this shape moves " +
                               std::to_string(order.size()) +
                               " blocks of axes; one NPU copy swaps two blocks in front of an "
                               "unchanged innermost block");
  }
  const int64_t element_bytes =
      static_cast<int64_t>(ir::element_size(graph.tensor(op.inputs[0]).type));
  const int64_t a = copy ? 1 : blocks.sizes[0];
  const int64_t b = copy ? (order.empty() ? 1 : blocks.sizes[0]) : blocks.sizes[1];
  const int64_t depth = (order.size() == 3 ? blocks.sizes[2] : 1) * element_bytes;
  if (a > kMaxNpuBoxDim || b > kMaxNpuBoxDim || depth > kMaxNpuBoxDim) {
    return Status::unsupported(where + "a block of axes exceeds " + std::to_string(kMaxNpuBoxDim) +
                               " (" + std::to_string(a) + ", " + std::to_string(b) + ", " +
                               std::to_string(depth) + " bytes)");
  }
  TransposeBoxes boxes;
  boxes.from.height = static_cast<int32_t>(a);
  boxes.from.width = static_cast<int32_t>(b);
  boxes.from.depth = static_cast<int32_t>(depth);
  boxes.from.column_stride = depth;
  boxes.from.row_stride = b * depth;
  boxes.to = boxes.from;
  boxes.to.row_stride = depth;
  boxes.to.column_stride = a * depth;
  return boxes;
}

Expected<NearestResize> nearest_resize_kind(const ir::Graph& graph, const ir::Operator& op) {
  const std::string where = prefix(op);
  if (op.inputs.empty() || op.outputs.size() != 1 || op.inputs[0] == ir::kNoTensor) {
    return Status::invalid_input(where + "missing operands");
  }
  const ir::Shape& in = graph.tensor(op.inputs[0]).shape;
  const ir::Shape& out = graph.tensor(op.outputs[0]).shape;
  if (in.size() != 4 || out.size() != 4 || in[0] != 1 || out[0] != 1 || in[3] != out[3]) {
    return Status::unsupported(where + "the NPU resizes [1,H,W,C] tensors");
  }
  if (in[1] == out[1] && in[2] == out[2]) return NearestResize::kCopy;
  const auto* options = std::get_if<ir::ResizeOptions>(&op.options);
  kernels::ResizeParams params;
  if (options != nullptr) {
    params.align_corners = options->align_corners;
    params.half_pixel_centers = options->half_pixel_centers;
  }
  if (halves_every_index(in[1], out[1], params) && halves_every_index(in[2], out[2], params)) {
    return NearestResize::kUpscale2x;
  }
  return Status::unsupported(where + "resizing " + std::to_string(in[1]) + "x" +
                             std::to_string(in[2]) + " to " + std::to_string(out[1]) + "x" +
                             std::to_string(out[2]) +
                             " is not the same size nor a nearest 2x upscale of both axes");
}

}  // namespace vnpu::compiler
