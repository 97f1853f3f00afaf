// Support rules of the data-movement operators the NPU runs as copies
// (SLICE, STRIDED_SLICE, CONCATENATION, PACK, RESIZE_NEAREST_NEIGHBOR,
// TRANSPOSE): they
// read the boxes the lowering copies
// (compiler/codegen/slice_box.h), so rule and lowering agree.
#include <string>

#include "compiler/codegen/lower_op.h"
#include "compiler/codegen/slice_box.h"
#include "compiler/support/rule_checks.h"

namespace vnpu::compiler::rules {

RuleResult check_slice_box(const ir::Operator& op, const ir::Graph& graph,
                           const isa::AcceleratorConfig&) {
  Expected<SliceBox> box = slice_box(graph, op);
  if (box) return RuleResult::pass();
  return RuleResult::fail(box.status().message());
}

RuleResult check_slice_npu_axes(const ir::Operator& op, const ir::Graph& graph,
                                const isa::AcceleratorConfig&) {
  Expected<SliceBox> box = slice_box(graph, op);
  if (!box) return RuleResult::pass();  // slice_box refuses it
  const auto element_bytes =
      static_cast<int64_t>(ir::element_size(graph.tensor(op.inputs[0]).type));
  Expected<NpuBox> npu = npu_box(*box, element_bytes);
  if (npu) return RuleResult::pass();
  return RuleResult::fail(npu.status().message() + " (input " + describe(graph, op.inputs[0]) +
                          ")");
}

RuleResult check_pad_boxes(const ir::Operator& op, const ir::Graph& graph,
                           const isa::AcceleratorConfig&) {
  Expected<PadBoxes> boxes = pad_boxes(graph, op);
  if (boxes) return RuleResult::pass();
  return RuleResult::fail(boxes.status().message());
}

RuleResult check_mirror_pad_boxes(const ir::Operator& op, const ir::Graph& graph,
                                  const isa::AcceleratorConfig&) {
  Expected<MirrorPadBoxes> boxes = mirror_pad_boxes(graph, op);
  if (boxes) return RuleResult::pass();
  return RuleResult::fail(boxes.status().message());
}

RuleResult check_rearrange_boxes(const ir::Operator& op, const ir::Graph& graph,
                                 const isa::AcceleratorConfig&) {
  Expected<std::vector<BoxCopy>> copies = rearrange_boxes(graph, op);
  if (copies) return RuleResult::pass();
  return RuleResult::fail(copies.status().message());
}

RuleResult check_concatenation_inputs(const ir::Operator& op, const ir::Graph& graph,
                                      const isa::AcceleratorConfig&) {
  Expected<std::vector<NpuBox>> boxes = concatenation_boxes(graph, op);
  if (boxes) return RuleResult::pass();
  return RuleResult::fail(boxes.status().message());
}

RuleResult check_resize_nearest(const ir::Operator& op, const ir::Graph& graph,
                                const isa::AcceleratorConfig&) {
  Expected<NearestResize> kind = nearest_resize_kind(graph, op);
  if (kind) return RuleResult::pass();
  return RuleResult::fail(kind.status().message());
}

RuleResult check_transpose_permutation(const ir::Operator& op, const ir::Graph& graph,
                                       const isa::AcceleratorConfig&) {
  Expected<TransposeBoxes> boxes = transpose_boxes(graph, op);
  if (boxes) return RuleResult::pass();
  return RuleResult::fail(boxes.status().message());
}

RuleResult check_resize_bilinear(const ir::Operator& op, const ir::Graph& graph,
                                 const isa::AcceleratorConfig&) {
  const Status status = check_bilinear_upscale(graph, op);
  return status ? RuleResult::pass() : RuleResult::fail(status.message());
}

}  // namespace vnpu::compiler::rules
