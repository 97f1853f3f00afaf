// lower_slice: SLICE and STRIDED_SLICE (stride 1) to one NPU_OP_POOL that
// copies a sub-box: a 1x1 int8 MAX pool with zero points 0 and the clamp at
// -128..127 passes every byte through unchanged, as Vela turns a slice into a
// pass-through NPU operation reading at an offset. Wider elements are copied
// as that many int8 channels (slice_box.h). The
// IFM is the box inside the input (its base at the box's first element, the
// input's row and column strides, slice_box.h); the OFM is the contiguous
// output. The copy moves bytes, so the quantization of the two tensors (equal
// in TFLite) plays no part.
#include <string>

#include "compiler/codegen/lower_op.h"
#include "compiler/codegen/lowering_common.h"
#include "compiler/codegen/slice_box.h"

namespace vnpu::compiler {
namespace {

isa::RegisterState copy_state(const NpuBox& box, const BlockConfig& block,
                              const FeatureMapPlacement& placement) {
  isa::RegisterState s;
  static_cast<isa::FeatureMapState&>(s.ifm) =
      detail::int8_nhwc_map(placement.ifm_offset, box.height, box.width, box.depth, 0);
  s.ifm.tile_base[0] += static_cast<uint64_t>(box.offset);
  s.ifm.stride_x = static_cast<uint64_t>(box.column_stride);
  s.ifm.stride_y = static_cast<uint64_t>(box.row_stride);
  s.ifm.depth_m1 = static_cast<uint32_t>(box.depth - 1);
  s.ifm.round_mode = isa::RoundMode::kDbl;
  static_cast<isa::FeatureMapState&>(s.ofm) =
      detail::int8_nhwc_map(placement.ofm_offset, box.height, box.width, box.depth, 0);
  detail::set_ofm_geometry(box.height, box.width, box.depth, block, &s);
  s.ofm.round_mode = isa::RoundMode::kDbl;
  s.kernel.stride_y = 1;
  s.kernel.stride_x = 1;
  s.activation.min = -128;
  s.activation.max = 127;
  s.acc_format = isa::AccFormat::kInt32;
  return s;
}

}  // namespace

Expected<LoweredOp> lower_slice(const ir::Graph& graph, const ir::Operator& op,
                                const isa::AcceleratorConfig& config,
                                const FeatureMapPlacement& placement) {
  const std::string where = detail::op_prefix(op);
  Expected<SliceBox> box = slice_box(graph, op);
  if (!box) return box.status();
  const ir::Tensor& in = graph.tensor(op.inputs[0]);
  const ir::Tensor& out = graph.tensor(op.outputs[0]);
  if (in.type != out.type) return Status::invalid_input(where + "input and output types differ");
  const auto element_bytes = static_cast<int64_t>(ir::element_size(in.type));
  Expected<NpuBox> npu = npu_box(*box, element_bytes);
  if (!npu) return Status::unsupported(where + npu.status().message());
  if (out.element_count() * element_bytes != int64_t{npu->height} * npu->width * npu->depth) {
    return Status::invalid_input(where + "the output does not hold the slice");
  }
  BlockProblem problem;
  problem.ofm_height = npu->height;
  problem.ofm_width = npu->width;
  problem.ofm_depth = npu->depth;
  problem.ifm_block_depth = 0;
  problem.kind = BlockProblem::Kind::kPooling;
  Expected<BlockConfig> block = choose_block_config(problem, config);
  if (!block) return Status::unsupported(where + block.status().message());
  LoweredOp lowered;
  lowered.state = copy_state(*npu, *block, placement);
  lowered.kick_off = isa::Cmd0::kOpPool;
  detail::emit_single_kick_off(static_cast<uint16_t>(isa::PoolingMode::kMax), &lowered);
  return lowered;
}

}  // namespace vnpu::compiler
