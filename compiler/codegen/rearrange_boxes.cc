// rearrange_boxes: DEPTH_TO_SPACE, SPACE_TO_DEPTH, REVERSE_V2, BROADCAST_TO
// and ZEROS_LIKE as box copies from the input to the output (slice_box.h),
// each a pass-through of bytes, so any element type moves bit for bit.
#include <string>
#include <variant>
#include <vector>

#include "compiler/codegen/slice_box.h"
#include "ir/graph_edit.h"

namespace vnpu::compiler {
namespace {

std::string where(const ir::Operator& op) { return std::string(ir::op_type_name(op.type)) + ": "; }

Status check_box(const NpuBox& box, const ir::Operator& op) {
  for (int64_t size : {int64_t{box.height}, int64_t{box.width}, int64_t{box.depth}}) {
    if (size < 1 || size > kMaxNpuBoxDim) {
      return Status::unsupported(where(op) + "a copy's axis of " + std::to_string(size) +
                                 " is outside 1.." + std::to_string(kMaxNpuBoxDim));
    }
  }
  return Status::ok();
}

// One copy of the input's channel group (y, x) of each pixel to output pixel
// (h * b + y, w * b + x), or back (`to_depth`): [N*H, W, group] on the depth
// side, rows b apart on the space side.
Expected<std::vector<BoxCopy>> depth_space_copies(const ir::Operator& op, const ir::Shape& depth,
                                                  const ir::Shape& space, int64_t b,
                                                  int64_t element, bool to_depth) {
  const int64_t rows = int64_t{depth[0]} * depth[1];
  const int64_t group = int64_t{space[3]} * element;  // bytes of one (y, x) channel group
  std::vector<BoxCopy> copies;
  for (int64_t y = 0; y < b; ++y) {
    for (int64_t x = 0; x < b; ++x) {
      NpuBox d;
      d.offset = (y * b + x) * group;
      d.height = static_cast<int32_t>(rows);
      d.width = depth[2];
      d.depth = static_cast<int32_t>(group);
      d.column_stride = int64_t{depth[3]} * element;
      d.row_stride = depth[2] * d.column_stride;
      NpuBox s = d;
      s.offset = (y * space[2] + x) * group;
      s.column_stride = b * group;
      s.row_stride = b * space[2] * group;
      for (const NpuBox* box : {&d, &s}) {
        if (Status status = check_box(*box, op); !status) return status;
      }
      copies.push_back(to_depth ? BoxCopy{s, d} : BoxCopy{d, s});
    }
  }
  return copies;
}

Expected<std::vector<BoxCopy>> depth_space_boxes(const ir::Graph& graph, const ir::Operator& op) {
  const auto* options = std::get_if<ir::BlockSizeOptions>(&op.options);
  const ir::Shape& in = graph.tensor(op.inputs[0]).shape;
  const ir::Shape& out = graph.tensor(op.outputs[0]).shape;
  const int64_t b = options != nullptr ? options->block_size : 0;
  const bool to_depth = op.type == ir::OpType::kSpaceToDepth;
  const ir::Shape& depth = to_depth ? out : in;
  const ir::Shape& space = to_depth ? in : out;
  if (b < 1 || in.size() != 4 || out.size() != 4 || depth[0] != space[0] ||
      int64_t{depth[1]} * b != space[1] || int64_t{depth[2]} * b != space[2] ||
      int64_t{space[3]} * b * b != depth[3]) {
    return Status::invalid_input(where(op) + "block size " + std::to_string(b) + " does not map " +
                                 ir::shape_to_string(in) + " to " + ir::shape_to_string(out));
  }
  return depth_space_copies(op, depth, space, b,
                            static_cast<int64_t>(ir::element_size(graph.tensor(op.inputs[0]).type)),
                            to_depth);
}

Expected<std::vector<BoxCopy>> reverse_boxes(const ir::Graph& graph, const ir::Operator& op) {
  const ir::Shape& in = graph.tensor(op.inputs[0]).shape;
  if (graph.tensor(op.outputs[0]).shape != in) {
    return Status::invalid_input(where(op) + "the output's shape is not the input's");
  }
  const ir::Tensor& axes_tensor = graph.tensor(op.inputs[1]);
  if (!axes_tensor.is_constant()) return Status::unsupported(where(op) + "axes are not constant");
  const auto rank = static_cast<int64_t>(in.size());
  std::vector<bool> reversed(in.size(), false);
  for (int64_t axis : constant_integers(axes_tensor)) {
    const int64_t resolved = axis < 0 ? axis + rank : axis;
    if (resolved < 0 || resolved >= rank) {
      return Status::invalid_input(where(op) + "axis " + std::to_string(axis) +
                                   " is outside rank " + std::to_string(rank));
    }
    reversed[static_cast<size_t>(resolved)] = true;
  }
  // [outer, R, inner]: the reversed axes must be one block (TFLM's too).
  int64_t outer = 1, count = 1,
          inner = static_cast<int64_t>(ir::element_size(graph.tensor(op.inputs[0]).type));
  int part = 0;  // 0 before the block, 1 in it, 2 after it
  for (size_t d = 0; d < in.size(); ++d) {
    if (reversed[d] && part == 2) {
      return Status::unsupported(where(op) + "reverses axes that are not contiguous");
    }
    if (reversed[d]) part = 1;
    if (!reversed[d] && part == 1) part = 2;
    (part == 0 ? outer : (part == 1 ? count : inner)) *= in[d];
  }
  if (count > kMaxCopies) {
    return Status::unsupported(where(op) + "reverses " + std::to_string(count) +
                               " slabs, one copy each (at most " + std::to_string(kMaxCopies) +
                               ")");
  }
  std::vector<BoxCopy> copies;
  for (int64_t r = 0; r < count; ++r) {
    NpuBox slab;
    slab.height = static_cast<int32_t>(outer);
    slab.width = 1;
    slab.depth = static_cast<int32_t>(inner);
    slab.row_stride = count * inner;
    slab.column_stride = inner;
    slab.offset = r * inner;
    if (Status status = check_box(slab, op); !status) return status;
    NpuBox to = slab;
    to.offset = (count - 1 - r) * inner;
    copies.push_back({slab, to});
  }
  return copies;
}

// BROADCAST_TO: one copy of the whole input per index of the expanded axes
// (the input's bytes are the output slab's, in order).
Expected<std::vector<BoxCopy>> broadcast_boxes(const ir::Graph& graph, const ir::Operator& op) {
  const ir::Shape& out = graph.tensor(op.outputs[0]).shape;
  ir::Shape in = graph.tensor(op.inputs[0]).shape;
  if (in.size() > out.size()) {
    return Status::invalid_input(where(op) + "the input has more axes than the output");
  }
  in.insert(in.begin(), out.size() - in.size(), 1);
  std::vector<size_t> expanded;
  int64_t count = 1;
  for (size_t d = 0; d < out.size(); ++d) {
    if (in[d] == out[d]) continue;
    if (in[d] != 1) {
      return Status::invalid_input(where(op) +
                                   ir::shape_to_string(graph.tensor(op.inputs[0]).shape) +
                                   " does not broadcast to " + ir::shape_to_string(out));
    }
    expanded.push_back(d);
    count *= out[d];
  }
  if (count > kMaxCopies) {
    return Status::unsupported(where(op) + "broadcasts " + std::to_string(count) +
                               " copies of the input (at most " + std::to_string(kMaxCopies) + ")");
  }
  const auto element = static_cast<int64_t>(ir::element_size(graph.tensor(op.inputs[0]).type));
  std::vector<BoxCopy> copies;
  for (int64_t k = 0; k < count; ++k) {
    SliceBox slab;
    slab.input = out;
    slab.start.assign(out.size(), 0);
    slab.size.assign(out.begin(), out.end());
    int64_t rest = k;
    for (auto d = expanded.rbegin(); d != expanded.rend(); ++d) {
      slab.start[*d] = rest % out[*d];
      slab.size[*d] = 1;
      rest /= out[*d];
    }
    Expected<NpuBox> to = npu_box(slab, element);
    if (!to) return Status::unsupported(where(op) + "an output slab: " + to.status().message());
    copies.push_back({contiguous_box(*to), *to});
  }
  return copies;
}

// ZEROS_LIKE: the output's bytes set to 0 (raw zeros, not the zero point),
// one pass of the output onto itself whose clamp is 0 (lower_rearrangement).
Expected<std::vector<BoxCopy>> zero_boxes(const ir::Graph& graph, const ir::Operator& op) {
  const ir::Tensor& out = graph.tensor(op.outputs[0]);
  SliceBox whole;
  whole.input = out.shape;
  whole.start.assign(out.shape.size(), 0);
  whole.size.assign(out.shape.begin(), out.shape.end());
  Expected<NpuBox> box = npu_box(whole, static_cast<int64_t>(ir::element_size(out.type)));
  if (!box) return Status::unsupported(where(op) + box.status().message());
  return std::vector<BoxCopy>{{*box, *box}};
}

}  // namespace

Expected<std::vector<BoxCopy>> rearrange_boxes(const ir::Graph& graph, const ir::Operator& op) {
  if (op.inputs.empty() || op.outputs.size() != 1 || op.inputs[0] == ir::kNoTensor ||
      (op.type == ir::OpType::kReverseV2 &&
       (op.inputs.size() != 2 || op.inputs[1] == ir::kNoTensor))) {
    return Status::invalid_input(where(op) + "missing operands");
  }
  if (graph.tensor(op.inputs[0]).type != graph.tensor(op.outputs[0]).type) {
    return Status::invalid_input(where(op) + "input and output types differ");
  }
  if (op.type == ir::OpType::kReverseV2) return reverse_boxes(graph, op);
  if (op.type == ir::OpType::kBroadcastTo) return broadcast_boxes(graph, op);
  if (op.type == ir::OpType::kZerosLike) return zero_boxes(graph, op);
  if (op.type == ir::OpType::kDepthToSpace || op.type == ir::OpType::kSpaceToDepth) {
    return depth_space_boxes(graph, op);
  }
  return Status::invalid_input(where(op) +
                               "not DEPTH_TO_SPACE, SPACE_TO_DEPTH, REVERSE_V2, BROADCAST_TO or "
                               "ZEROS_LIKE");
}

}  // namespace vnpu::compiler
