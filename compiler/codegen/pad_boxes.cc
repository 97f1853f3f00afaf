// pad_boxes: a PAD or PADV2 split into the input's box of the output and the
// border boxes around it, as Vela 3.10's convert_pad copies the input into
// the output and fills the borders (here up to two boxes per padded axis);
// mirror_pad_boxes: a MIRROR_PAD as the input's box and one slab copy per
// padded index, each from the slab it mirrors.
#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "compiler/codegen/slice_box.h"
#include "ir/graph_edit.h"

namespace vnpu::compiler {
namespace {

std::string where(const ir::Operator& op) { return std::string(ir::op_type_name(op.type)) + ": "; }

// The value every padded element holds, as the CPU kernel pads
// (driver/cpu/ops/pad_op.cc): PAD's output zero point (int16: 0), PADV2's constant.
Expected<int32_t> fill_value(const ir::Graph& graph, const ir::Operator& op) {
  const ir::Tensor& out = graph.tensor(op.outputs[0]);
  const bool int16 = out.type == ir::DataType::kInt16;
  if (out.type != ir::DataType::kInt8 && !int16) {
    return Status::unsupported(where(op) + "the output is neither int8 nor int16");
  }
  const int32_t constant = op.inputs.size() > 2 ? op.inputs[2] : ir::kNoTensor;
  if (constant == ir::kNoTensor) {
    if (int16) return 0;  // TFLM's int16 PAD pads with 0
    const int32_t zp = out.quantization.zero_point();
    if (zp < -128 || zp > 127) {
      return Status::invalid_input(where(op) + "output zero point " + std::to_string(zp) +
                                   " outside int8");
    }
    return zp;
  }
  const ir::Tensor& value = graph.tensor(constant);
  if (!value.is_constant() || value.type != out.type ||
      value.data.size() != ir::element_size(out.type)) {
    return Status::unsupported(where(op) + "the pad value is not one constant of the output's type");
  }
  if (value.quantization.scale() != out.quantization.scale() ||
      value.quantization.zero_point() != out.quantization.zero_point()) {
    return Status::unsupported(where(op) + "the pad value is not quantized as the output");
  }
  if (int16) return static_cast<int16_t>(value.data[0] | (value.data[1] << 8));
  return static_cast<int8_t>(value.data[0]);
}

// The paddings as (before, after) per axis, checked against both shapes.
Expected<std::vector<int64_t>> checked_paddings(const ir::Graph& graph, const ir::Operator& op) {
  const ir::Shape& in = graph.tensor(op.inputs[0]).shape;
  const ir::Shape& out = graph.tensor(op.outputs[0]).shape;
  const ir::Tensor& paddings = graph.tensor(op.inputs[1]);
  const std::vector<int64_t> p =
      paddings.is_constant() ? constant_integers(paddings) : std::vector<int64_t>{};
  if (p.size() != in.size() * 2) {
    return Status::unsupported(where(op) + "paddings are not a constant [" +
                               std::to_string(in.size()) + ",2] integer tensor");
  }
  if (out.size() != in.size()) return Status::invalid_input(where(op) + "output rank differs");
  for (size_t d = 0; d < in.size(); ++d) {
    if (p[d * 2] < 0 || p[d * 2 + 1] < 0 || in[d] + p[d * 2] + p[d * 2 + 1] != out[d]) {
      return Status::invalid_input(where(op) + "axis " + std::to_string(d) + " padded by (" +
                                   std::to_string(p[d * 2]) + "," + std::to_string(p[d * 2 + 1]) +
                                   ") does not give the output");
    }
  }
  return p;
}

}  // namespace

Expected<PadBoxes> pad_boxes(const ir::Graph& graph, const ir::Operator& op) {
  if (op.inputs.size() < 2 || op.outputs.size() != 1 || op.inputs[0] == ir::kNoTensor ||
      op.inputs[1] == ir::kNoTensor) {
    return Status::invalid_input(where(op) + "missing operands");
  }
  const ir::Tensor& in_tensor = graph.tensor(op.inputs[0]);
  const ir::Tensor& out_tensor = graph.tensor(op.outputs[0]);
  if (in_tensor.type != out_tensor.type) {
    return Status::invalid_input(where(op) + "input and output types differ");
  }
  // The copy moves bytes: TFLite pads without requantizing.
  if (in_tensor.quantization.scale() != out_tensor.quantization.scale() ||
      in_tensor.quantization.zero_point() != out_tensor.quantization.zero_point()) {
    return Status::unsupported(where(op) + "input and output are quantized differently");
  }
  Expected<std::vector<int64_t>> p = checked_paddings(graph, op);
  if (!p) return p.status();
  Expected<int32_t> fill = fill_value(graph, op);
  if (!fill) return fill.status();
  const ir::Shape& in = in_tensor.shape;
  const auto element_bytes = static_cast<int64_t>(ir::element_size(out_tensor.type));
  SliceBox inner;
  inner.input = out_tensor.shape;
  for (size_t d = 0; d < in.size(); ++d) {
    inner.start.push_back((*p)[d * 2]);
    inner.size.push_back(in[d]);
  }
  PadBoxes boxes;
  boxes.fill = *fill;
  boxes.element_bits = static_cast<uint8_t>(8 * element_bytes);
  Expected<NpuBox> input = npu_box(inner, element_bytes);
  if (!input) return Status::unsupported(where(op) + "the input's box: " + input.status().message());
  boxes.input = *input;
  // Axes before k: the input's extent; axis k: one border; axes after k: whole.
  for (size_t k = 0; k < in.size(); ++k) {
    SliceBox border;
    border.input = inner.input;
    border.start.assign(inner.start.begin(), inner.start.begin() + static_cast<std::ptrdiff_t>(k));
    border.size.assign(inner.size.begin(), inner.size.begin() + static_cast<std::ptrdiff_t>(k));
    border.start.resize(in.size(), 0);
    for (size_t d = k; d < in.size(); ++d) border.size.push_back(inner.input[d]);
    const int64_t before = (*p)[k * 2];
    const int64_t after = (*p)[k * 2 + 1];
    for (const auto& [start, size] : {std::pair{int64_t{0}, before},
                                      std::pair{before + in[k], after}}) {
      if (size == 0) continue;
      border.start[k] = start;
      border.size[k] = size;
      Expected<NpuBox> npu = npu_box(border, element_bytes);
      if (!npu) {
        return Status::unsupported(where(op) + "a border of axis " + std::to_string(k) + ": " +
                                   npu.status().message());
      }
      boxes.borders.push_back(*npu);
    }
  }
  return boxes;
}

namespace {

// TFLM mirror_pad.cc GetInputDimension: the input index output index `i`
// along an axis reads (offset 1 for REFLECT, 0 for SYMMETRIC).
int64_t mirrored_index(int64_t i, int64_t before, int64_t size, int64_t offset) {
  if (i < before) {
    const int64_t original = before + offset - 1;
    return original - std::min(i, original - offset);
  }
  i -= before;
  if (i < size) return i;
  const int64_t original = size - (1 + offset);
  return original - std::min(i - size, original);
}

}  // namespace

Expected<MirrorPadBoxes> mirror_pad_boxes(const ir::Graph& graph, const ir::Operator& op) {
  if (op.inputs.size() != 2 || op.outputs.size() != 1 || op.inputs[0] == ir::kNoTensor ||
      op.inputs[1] == ir::kNoTensor) {
    return Status::invalid_input(where(op) + "missing operands");
  }
  const ir::Tensor& in_tensor = graph.tensor(op.inputs[0]);
  const ir::Tensor& out_tensor = graph.tensor(op.outputs[0]);
  if (in_tensor.type != out_tensor.type) {
    return Status::invalid_input(where(op) + "input and output types differ");
  }
  const auto* options = std::get_if<ir::MirrorPadOptions>(&op.options);
  const int64_t offset =
      options != nullptr && options->mode == ir::MirrorPadMode::kSymmetric ? 0 : 1;
  Expected<std::vector<int64_t>> p = checked_paddings(graph, op);
  if (!p) return p.status();
  const ir::Shape& in = in_tensor.shape;
  const auto element_bytes = static_cast<int64_t>(ir::element_size(out_tensor.type));
  for (size_t d = 0; d < in.size(); ++d) {
    if ((*p)[d * 2] > in[d] - offset || (*p)[d * 2 + 1] > in[d] - offset) {
      return Status::invalid_input(where(op) + "axis " + std::to_string(d) + " pads beyond what " +
                                   (offset == 1 ? "REFLECT" : "SYMMETRIC") + " mirrors");
    }
  }
  SliceBox inner;
  inner.input = out_tensor.shape;
  for (size_t d = 0; d < in.size(); ++d) {
    inner.start.push_back((*p)[d * 2]);
    inner.size.push_back(in[d]);
  }
  MirrorPadBoxes boxes;
  Expected<NpuBox> input = npu_box(inner, element_bytes);
  if (!input)
    return Status::unsupported(where(op) + "the input's box: " + input.status().message());
  boxes.input = *input;
  // Axis k's slabs: the whole output along the axes before k (filled by
  // then), one index along k, the input's extent along the axes after k.
  for (size_t k = 0; k < in.size(); ++k) {
    SliceBox slab;
    slab.input = inner.input;
    slab.start.assign(in.size(), 0);
    slab.size.assign(inner.input.begin(), inner.input.end());
    for (size_t d = k + 1; d < in.size(); ++d) {
      slab.start[d] = inner.start[d];
      slab.size[d] = inner.size[d];
    }
    slab.size[k] = 1;
    const int64_t before = (*p)[k * 2];
    if (static_cast<int64_t>(boxes.copies.size()) + before + (*p)[k * 2 + 1] > kMaxCopies) {
      return Status::unsupported(where(op) + "pads more than " + std::to_string(kMaxCopies) +
                                 " slabs, one copy each");
    }
    for (int64_t i = 0; i < inner.input[k]; ++i) {
      if (i >= before && i < before + in[k]) continue;
      SliceBox from = slab;
      from.start[k] = before + mirrored_index(i, before, in[k], offset);
      slab.start[k] = i;
      Expected<NpuBox> to_box = npu_box(slab, element_bytes);
      Expected<NpuBox> from_box = npu_box(from, element_bytes);
      if (!to_box || !from_box) {
        return Status::unsupported(where(op) + "a mirrored slab of axis " + std::to_string(k) +
                                   ": " + (to_box ? from_box : to_box).status().message());
      }
      boxes.copies.push_back({*from_box, *to_box});
    }
  }
  return boxes;
}

}  // namespace vnpu::compiler
