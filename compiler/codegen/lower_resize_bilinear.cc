// RESIZE_BILINEAR (int8) where it is a 2x upscale: a 2x2 AVERAGE pool, stride
// 1, over the IFM's nearest 2x upscale. TFLite's ResizeBilinearInteger reads,
// for an even output row y, input row y / 2 alone and, for an odd one, rows
// y / 2 and y / 2 + 1 (the last clamped to the input) with weights 1/2 each;
// so does the pool's window of upscaled rows y and y + 1, a row past the
// upscaled input being padding that the average does not count. Its 20-bit
// weighted sum rounded half away from zero, then truncated, is the pool's
// (sum of the window) / (valid elements) rounded half away from zero: with
// 1, 2 or 4 distinct source values each counted equally, both are the same
// quotient. TFLite interpolates the raw int8 values (no zero point), so the
// pool runs with zero points 0 and no rescale.
#include <algorithm>
#include <string>
#include <variant>

#include "compiler/codegen/lower_op.h"
#include "compiler/codegen/lowering_common.h"
#include "isa/command_encoder.h"
#include "kernels/resize.h"

namespace vnpu::compiler {
namespace {

// Whether TFLite's bilinear source of every output index is the 2x pattern
// above and the input is (out + 1) / 2 long.
bool is_bilinear_2x(int32_t in_size, int32_t out_size, const kernels::ResizeParams& params) {
  if (in_size != (out_size + 1) / 2) return false;
  for (int32_t y = 0; y < out_size; ++y) {
    const kernels::BilinearSource s = kernels::bilinear_source(y, in_size, out_size, params);
    const int32_t half = y / 2;
    const int32_t expected_position = half * 1024 + (y % 2 == 0 ? 0 : 512);
    const int32_t expected_upper = y % 2 == 0 ? half : std::min(half + 1, in_size - 1);
    if (s.position != expected_position || s.lower != half || s.upper != expected_upper) {
      return false;
    }
  }
  return true;
}

}  // namespace

Status check_bilinear_upscale(const ir::Graph& graph, const ir::Operator& op) {
  const std::string where = detail::op_prefix(op);
  if (op.inputs.empty() || op.outputs.size() != 1 || op.inputs[0] == ir::kNoTensor) {
    return Status::invalid_input(where + "missing operands");
  }
  const ir::Tensor& in = graph.tensor(op.inputs[0]);
  const ir::Tensor& out = graph.tensor(op.outputs[0]);
  if (in.type != ir::DataType::kInt8 || out.type != ir::DataType::kInt8) {
    return Status::unsupported(where + "input and output must be int8");
  }
  if (in.shape.size() != 4 || out.shape.size() != 4 || in.shape[0] != 1 || out.shape[0] != 1 ||
      in.shape[3] != out.shape[3]) {
    return Status::unsupported(where + "the NPU resizes [1,H,W,C] tensors");
  }
  const auto* options = std::get_if<ir::ResizeOptions>(&op.options);
  kernels::ResizeParams params;
  if (options != nullptr) {
    params.align_corners = options->align_corners;
    params.half_pixel_centers = options->half_pixel_centers;
  }
  if (!is_bilinear_2x(in.shape[1], out.shape[1], params) ||
      !is_bilinear_2x(in.shape[2], out.shape[2], params)) {
    return Status::unsupported(
        where + "resizing " + std::to_string(in.shape[1]) + "x" + std::to_string(in.shape[2]) +
        " to " + std::to_string(out.shape[1]) + "x" + std::to_string(out.shape[2]) +
        (params.half_pixel_centers ? " with half-pixel centers" : "") +
        " is not a bilinear 2x upscale of both axes (output 2N, or 2N - 1 with align_corners)");
  }
  return Status::ok();
}

Expected<LoweredOp> lower_resize_bilinear(const ir::Graph& graph, const ir::Operator& op,
                                          const isa::AcceleratorConfig& config,
                                          const FeatureMapPlacement& placement) {
  if (Status s = check_bilinear_upscale(graph, op); !s) return s;
  const ir::Shape& in = graph.tensor(op.inputs[0]).shape;
  const ir::Shape& out = graph.tensor(op.outputs[0]).shape;
  const int32_t depth = in[3];

  BlockProblem problem;
  problem.ofm_height = out[1];
  problem.ofm_width = out[2];
  problem.ofm_depth = depth;
  problem.kernel_height = 2;
  problem.kernel_width = 2;
  problem.ifm_block_depth = 0;  // one IFM channel per OFM channel
  problem.kind = BlockProblem::Kind::kPooling;
  Expected<BlockConfig> block = choose_block_config(problem, config);
  if (!block) return Status::unsupported(detail::op_prefix(op) + block.status().message());

  LoweredOp lowered;
  isa::RegisterState& s = lowered.state;
  static_cast<isa::FeatureMapState&>(s.ifm) =
      detail::int8_nhwc_map(placement.ifm_offset, in[1], in[2], depth, 0);
  s.ifm.depth_m1 = static_cast<uint32_t>(depth - 1);
  s.ifm.upscale = isa::UpscaleMode::kNearest;
  // The windows reach upscaled row out[1]; the upscaled input ends at 2 * in[1] - 1.
  s.ifm.pad_bottom = static_cast<uint8_t>(out[1] + 1 - 2 * in[1]);
  s.ifm.pad_right = static_cast<uint8_t>(out[2] + 1 - 2 * in[2]);
  static_cast<isa::FeatureMapState&>(s.ofm) =
      detail::int8_nhwc_map(placement.ofm_offset, out[1], out[2], depth, 0);
  detail::set_ofm_geometry(out[1], out[2], depth, *block, &s);
  s.ofm.global_scale = false;  // the average of the valid elements, rounded half away from zero
  s.kernel.height_m1 = 1;
  s.kernel.width_m1 = 1;
  s.kernel.stride_y = 1;
  s.kernel.stride_x = 1;
  s.activation.min = -128;
  s.activation.max = 127;
  s.acc_format = isa::AccFormat::kInt32;
  lowered.kick_off = isa::Cmd0::kOpPool;
  detail::emit_single_kick_off(static_cast<uint16_t>(isa::PoolingMode::kAverage), &lowered);
  return lowered;
}

}  // namespace vnpu::compiler
