// The sub-box a SLICE or STRIDED_SLICE copies out of its input (and the boxes
// of a PAD's output), and the same box as the NPU addresses it: a height x width x depth feature map whose
// depth is contiguous and whose rows and columns have their own byte strides
// (IFM_STRIDE_Y/X). The support rules (compiler/support/rules_data_movement.cc)
// and the lowering (lower_slice.cc) both read it, so they cannot disagree.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "ir/graph.h"

namespace vnpu::compiler {

// Per input axis: the first index, the count the box takes and the step
// between the indices it takes (1 for every axis when `step` is empty).
struct SliceBox {
  ir::Shape input;
  std::vector<int64_t> start;
  std::vector<int64_t> size;
  std::vector<int64_t> step;
};

// The box of a SLICE (constant begin/size) or STRIDED_SLICE (constant
// begin/end/strides, every stride positive: a stride s takes every s-th
// index, ellipsis_mask and new_axis_mask 0), indices resolved as TFLite does
// (kernels/prepare/slice_support.h).
// unsupported saying why when the operator is not such a box copy.
Expected<SliceBox> slice_box(const ir::Graph& graph, const ir::Operator& op);

// The box as one int8 NPU feature map of its bytes (an element of
// `element_bytes` is that many contiguous int8 channels, so the copy moves
// any type bit for bit): byte offset of its first element in the input,
// sizes in bytes along the depth, and the input byte strides of a row and a
// column (an axis taken with step s has s times its byte stride; a strided
// innermost axis becomes the columns of a one-element depth).
struct NpuBox {
  int64_t offset = 0;
  int32_t height = 1;
  int32_t width = 1;
  int32_t depth = 1;
  int64_t row_stride = 1;     // bytes between rows
  int64_t column_stride = 1;  // bytes between columns
};

constexpr int64_t kMaxNpuBoxDim = 65535;

// A box of `like`'s sizes whose bytes are contiguous (rows after rows) from offset 0.
NpuBox contiguous_box(const NpuBox& like);

// Axes of size 1 drop out and axes contiguous in the input merge; unsupported
// when more than three axes remain or one (the depth in bytes) exceeds kMaxNpuBoxDim.
Expected<NpuBox> npu_box(const SliceBox& box, int64_t element_bytes);

// The box of each CONCATENATION input inside the output (same type and rank;
// the inputs follow one another along the axis), as npu_box gives it. A PACK
// input is a CONCATENATION input with a 1 inserted at the new axis.
// unsupported when a box is not one the NPU addresses.
Expected<std::vector<NpuBox>> concatenation_boxes(const ir::Graph& graph, const ir::Operator& op);

// How the NPU copies a RESIZE_NEAREST_NEIGHBOR of a [1,H,W,C] tensor: kCopy
// when the output has the input's height and width; kUpscale2x when both are
// upscaled through the IFM's nearest 2x upscale, which reads input row
// (column) y / 2 for output row y: only where TFLite's nearest index
// (kernels/resize.h) is y / 2 for every output row and column and the input
// is (output + 1) / 2. unsupported saying why otherwise.
enum class NearestResize { kCopy, kUpscale2x };
Expected<NearestResize> nearest_resize_kind(const ir::Graph& graph, const ir::Operator& op);

// A TRANSPOSE as one copy: without its size-1 axes, and with the runs of
// input axes that stay adjacent in the output merged into blocks, it swaps
// two blocks A and B in front of an unchanged innermost block of D elements
// (or is a plain copy). Vela 3.10's U55 transposes (rank 2: WxC -> CxW; rank
// 3: HxWxC -> WxHxC, 1xWxC -> 1xCxW, Hx1xC -> Cx1xH; rank 4: the same behind
// a batch of 1) are such swaps, and so is NHWC <-> NCHW ([H*W, C] <-> [C,
// H*W]). The copy reads A x B x (D bytes) contiguously (`from`) and writes
// each element at its swapped place (`to`: row stride D bytes, column stride
// A x D bytes). unsupported saying why for any other TRANSPOSE, or a block
// beyond 65535.
struct TransposeBoxes {
  NpuBox from;
  NpuBox to;
};
Expected<TransposeBoxes> transpose_boxes(const ir::Graph& graph, const ir::Operator& op);

// A PAD or PADV2 as boxes of its output (pad_boxes.cc): the box the input is
// copied into and the border boxes around it (per axis k, the slabs before
// and after the input along k, inside the input along the axes before k and
// whole along those after), all as npu_box gives them in the output (depths
// in bytes); every border element holds `fill` (int8: PAD's output zero point
// or PADV2's constant; int16: PAD's 0 or PADV2's constant). unsupported
// saying why when a box is not one the NPU addresses or the pad value is not
// a constant quantized as the output.
struct PadBoxes {
  NpuBox input;
  std::vector<NpuBox> borders;
  int32_t fill = 0;          // the value of every padded element
  uint8_t element_bits = 8;  // 8 or 16: the fill kick-offs write elements of this size
};
Expected<PadBoxes> pad_boxes(const ir::Graph& graph, const ir::Operator& op);

// A MIRROR_PAD (REFLECT or SYMMETRIC, any element type) as copies within its
// output (pad_boxes.cc): the input into its box, then per axis k in order and
// per padded index i along k, the slab at i copied from the slab at the index
// TFLite mirrors i to (whole along the axes before k, which hold their
// borders by then; the input's extent along the axes after k), so every
// corner reads the input at each axis' mirrored index as TFLite does.
// unsupported when a box is not one the NPU addresses; invalid_input when the
// paddings do not give the output or pad beyond what the mode mirrors.
// One copy of a box to a box of the same sizes (each relative to its own
// base); with `clears`, the `to` box of the output is set to 0 instead (a pass
// of it onto itself clamped to 0).
struct BoxCopy {
  NpuBox from;
  NpuBox to;
  bool clears = false;
};

struct MirrorPadBoxes {
  NpuBox input;
  std::vector<BoxCopy> copies;  // within the output
};
Expected<MirrorPadBoxes> mirror_pad_boxes(const ir::Graph& graph, const ir::Operator& op);

// DEPTH_TO_SPACE, SPACE_TO_DEPTH, REVERSE_V2, BROADCAST_TO and ZEROS_LIKE as
// copies from the input to the output (rearrange_boxes.cc):
//  - DEPTH_TO_SPACE / SPACE_TO_DEPTH with block b: one copy per (y, x) of the
//    b x b block, the images' rows merged with the batch (their strides line
//    up), the channel group at its offset on the depth side;
//  - REVERSE_V2 of its (contiguous) axes: viewed as [outer, R, inner] with R
//    the reversed axes' product, one [outer, 1, inner] slab per index r,
//    copied to R - 1 - r;
//  - BROADCAST_TO: the whole input copied into the output slab at each index
//    of the expanded axes;
//  - ZEROS_LIKE: one clearing box;
//  - SPACE_TO_BATCH_ND / BATCH_TO_SPACE_ND: one copy per batch image between
//    its rows and columns (every block-th) on the space side and its whole
//    grid on the batch side, paddings/crops skipped; SPACE_TO_BATCH_ND clears
//    the output first (TFLM pads with 0);
// at most kMaxCopies copies. unsupported saying why (a box the NPU cannot
// address, too many copies); invalid_input when the shapes disagree.
constexpr int64_t kMaxCopies = 256;
// The operator types rearrange_boxes takes (the support rule and the lowering read it).
const std::vector<ir::OpType>& rearrangement_types();
Expected<std::vector<BoxCopy>> rearrange_boxes(const ir::Graph& graph, const ir::Operator& op);

}  // namespace vnpu::compiler
