// rearrange_boxes: DEPTH_TO_SPACE, SPACE_TO_DEPTH, REVERSE_V2, BROADCAST_TO,
// ZEROS_LIKE, SPACE_TO_BATCH_ND and BATCH_TO_SPACE_ND as box copies from the input to the output
// (slice_box.h), each a pass-through of bytes, so any element type moves bit for bit.
#include <algorithm>
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
  if (b > 16) {  // (also keeps the shape arithmetic below within 64 bits)
    return Status::unsupported(where(op) + "block size " + std::to_string(b) +
                               ": one copy per block position, at most " +
                               std::to_string(kMaxCopies));
  }
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
  return std::vector<BoxCopy>{{*box, *box, true}};
}

// SPACE_TO_BATCH_ND / BATCH_TO_SPACE_ND over [B,H,W,C] (3-d as [B,H,1,C]):
// block sizes and the paddings (crops) before each spatial axis, checked
// against the output's shape.
struct SpaceBatchView {
  int64_t block_h = 1, block_w = 1, before_h = 0, before_w = 0;
  ir::Shape in, out;  // 4-d
  int64_t element = 1;
};

Expected<SpaceBatchView> space_batch_view(const ir::Graph& graph, const ir::Operator& op) {
  const bool to_batch = op.type == ir::OpType::kSpaceToBatchNd;
  const ir::Shape& in = graph.tensor(op.inputs[0]).shape;
  const ir::Shape& out = graph.tensor(op.outputs[0]).shape;
  const ir::Tensor& block_tensor = graph.tensor(op.inputs[1]);
  const ir::Tensor& pads_tensor = graph.tensor(op.inputs[2]);
  if (!block_tensor.is_constant() || !pads_tensor.is_constant()) {
    return Status::unsupported(where(op) + "block_shape and paddings/crops are not constant");
  }
  const std::vector<int64_t> block = constant_integers(block_tensor);
  const std::vector<int64_t> pads = constant_integers(pads_tensor);
  const size_t spatial = in.size() - 2;
  if ((in.size() != 3 && in.size() != 4) || out.size() != in.size() || block.size() != spatial ||
      pads.size() != 2 * spatial) {
    return Status::invalid_input(where(op) + "expected a 3-d or 4-d input with " +
                                 "one block size and two paddings/crops per spatial axis");
  }
  SpaceBatchView v;
  v.in = in.size() == 3 ? ir::Shape{in[0], in[1], 1, in[2]} : in;
  v.out = out.size() == 3 ? ir::Shape{out[0], out[1], 1, out[2]} : out;
  v.block_h = block[0];
  v.block_w = spatial == 2 ? block[1] : 1;
  v.before_h = pads[0];
  v.before_w = spatial == 2 ? pads[2] : 0;
  const int64_t after_h = pads[1], after_w = spatial == 2 ? pads[3] : 0;
  if (v.block_h > kMaxNpuBoxDim || v.block_w > kMaxNpuBoxDim) {
    return Status::unsupported(where(op) + "a block size above " + std::to_string(kMaxNpuBoxDim));
  }
  const ir::Shape& space = to_batch ? v.in : v.out;
  const ir::Shape& batch = to_batch ? v.out : v.in;
  const int64_t product = v.block_h * v.block_w;
  const bool rows = to_batch ? space[1] + v.before_h + after_h == int64_t{batch[1]} * v.block_h
                             : int64_t{batch[1]} * v.block_h - v.before_h - after_h == space[1];
  const bool columns = to_batch ? space[2] + v.before_w + after_w == int64_t{batch[2]} * v.block_w
                                : int64_t{batch[2]} * v.block_w - v.before_w - after_w == space[2];
  if (v.block_h < 1 || v.block_w < 1 || v.before_h < 0 || v.before_w < 0 || after_h < 0 ||
      after_w < 0 || batch[0] != space[0] * product || !rows || !columns || batch[3] != space[3]) {
    return Status::invalid_input(where(op) + "block_shape and paddings/crops do not map " +
                                 ir::shape_to_string(in) + " to " + ir::shape_to_string(out));
  }
  v.element = static_cast<int64_t>(ir::element_size(graph.tensor(op.inputs[0]).type));
  return v;
}

// The indices i in [0, count) with i * block + shift - before in [0, limit), as [first, last].
bool block_range(int64_t count, int64_t block, int64_t shift, int64_t before, int64_t limit,
                 int64_t* first, int64_t* last) {
  const int64_t low = before - shift;  // i * block >= low
  *first = std::max<int64_t>(0, low <= 0 ? 0 : (low + block - 1) / block);
  const int64_t high = limit - 1 + before - shift;  // i * block <= high
  if (high < 0) return false;
  *last = std::min<int64_t>(count - 1, high / block);
  return *first <= *last;
}

// One [rows, columns, C] box of a pixel grid: `row_step` and `column_step`
// pixels apart, starting at pixel (image, row, column) of a [*, height, width, C] tensor.
NpuBox grid_box(const ir::Shape& shape, int64_t element, int64_t image, int64_t row, int64_t column,
                int64_t rows, int64_t columns, int64_t row_step, int64_t column_step) {
  const int64_t pixel = int64_t{shape[3]} * element;
  NpuBox box;
  box.offset = ((image * shape[1] + row) * shape[2] + column) * pixel;
  box.height = static_cast<int32_t>(rows);
  box.width = static_cast<int32_t>(columns);
  box.depth = static_cast<int32_t>(pixel);
  box.row_stride = row_step * shape[2] * pixel;
  box.column_stride = column_step * pixel;
  return box;
}

// BATCH_TO_SPACE_ND: each input image to its rows and columns of its output
// image (TFLite BatchToSpaceND), cropped; SPACE_TO_BATCH_ND: the output
// cleared (TFLM pads with 0), then each output image from its rows and
// columns of its input image (TFLite SpaceToBatchND). One copy per image.
Expected<std::vector<BoxCopy>> space_batch_boxes(const ir::Graph& graph, const ir::Operator& op) {
  Expected<SpaceBatchView> view = space_batch_view(graph, op);
  if (!view) return view.status();
  const SpaceBatchView& v = *view;
  const bool to_batch = op.type == ir::OpType::kSpaceToBatchNd;
  const ir::Shape& space = to_batch ? v.in : v.out;
  const ir::Shape& batch = to_batch ? v.out : v.in;
  if (batch[0] + 1 > kMaxCopies) {
    return Status::unsupported(where(op) + std::to_string(batch[0]) +
                               " batch images, one copy each (at most " +
                               std::to_string(kMaxCopies - 1) + ")");
  }
  std::vector<BoxCopy> copies;
  if (to_batch) {
    const NpuBox whole =
        grid_box(v.out, v.element, 0, 0, 0, int64_t{v.out[0]} * v.out[1], v.out[2], 1, 1);
    if (Status status = check_box(whole, op); !status) return status;
    copies.push_back({whole, whole, true});
  }
  for (int64_t b = 0; b < batch[0]; ++b) {
    const int64_t image = b % space[0];
    const int64_t shift = b / space[0];
    const int64_t shift_h = shift / v.block_w, shift_w = shift % v.block_w;
    int64_t r0 = 0, r1 = 0, c0 = 0, c1 = 0;  // rows and columns of the batch-side image
    if (!block_range(batch[1], v.block_h, shift_h, v.before_h, space[1], &r0, &r1) ||
        !block_range(batch[2], v.block_w, shift_w, v.before_w, space[2], &c0, &c1)) {
      continue;
    }
    const NpuBox batch_box = grid_box(batch, v.element, b, r0, c0, r1 - r0 + 1, c1 - c0 + 1, 1, 1);
    const NpuBox space_box = grid_box(
        space, v.element, image, r0 * v.block_h + shift_h - v.before_h,
        c0 * v.block_w + shift_w - v.before_w, r1 - r0 + 1, c1 - c0 + 1, v.block_h, v.block_w);
    for (const NpuBox* box : {&batch_box, &space_box}) {
      if (Status status = check_box(*box, op); !status) return status;
    }
    copies.push_back(to_batch ? BoxCopy{space_box, batch_box} : BoxCopy{batch_box, space_box});
  }
  return copies;
}

}  // namespace

const std::vector<ir::OpType>& rearrangement_types() {
  static const std::vector<ir::OpType> kTypes = {
      ir::OpType::kDepthToSpace,   ir::OpType::kSpaceToDepth, ir::OpType::kReverseV2,
      ir::OpType::kBroadcastTo,    ir::OpType::kZerosLike,    ir::OpType::kSpaceToBatchNd,
      ir::OpType::kBatchToSpaceNd,
  };
  return kTypes;
}

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
  if (op.type == ir::OpType::kSpaceToBatchNd || op.type == ir::OpType::kBatchToSpaceNd) {
    if (op.inputs.size() != 3 || op.inputs[1] == ir::kNoTensor || op.inputs[2] == ir::kNoTensor) {
      return Status::invalid_input(where(op) + "missing operands");
    }
    return space_batch_boxes(graph, op);
  }
  if (op.type == ir::OpType::kDepthToSpace || op.type == ir::OpType::kSpaceToDepth) {
    return depth_space_boxes(graph, op);
  }
  return Status::invalid_input(where(op) +
                               "not DEPTH_TO_SPACE, SPACE_TO_DEPTH, REVERSE_V2, BROADCAST_TO or "
                               "ZEROS_LIKE");
}

}  // namespace vnpu::compiler
