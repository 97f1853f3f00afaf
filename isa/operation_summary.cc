// Operation summaries (see operation_summary.h).
#include "isa/operation_summary.h"

#include <cinttypes>
#include <cstdio>

#include "core/text_format.h"
#include "isa/command_decoder.h"
#include "isa/command_fields.h"

namespace vnpu::isa {
namespace {

const char* format_name(DataFormat format) {
  return code_name(field::kFormat, static_cast<uint32_t>(format));
}

const char* round_name(RoundMode mode) {
  return code_name(field::kRoundMode, static_cast<uint32_t>(mode));
}

// "TANH", "SIGMOID", "LUT table 2"; "none" for the plain clamp (code 0, RELU).
std::string activation_name(const ActivationState& activation) {
  if (activation.function >= 16) return format_text("LUT table %d", activation.function - 16);
  if (activation.function == 0 || !field::kActivationFunction.is_valid(activation.function)) {
    return "none";
  }
  return code_name(field::kActivationFunction, activation.function);
}

std::string extent_text(const Extent& extent) {
  return format_text("%" PRId64 "x%" PRId64 "x%" PRId64, extent.height, extent.width, extent.depth);
}

// "int8 NHWC region 1 base 0x00000040 stride x/y/c 1/10/1 zp -128"
std::string placement(const FeatureMapState& fm) {
  return format_text("%s %s region %d base 0x%08" PRIx64 " strides x/y/c %" PRIu64 "/%" PRIu64
                     "/%" PRIu64 " zero point %d",
                     element_type_name(fm.type).c_str(), format_name(fm.format), fm.region,
                     fm.tile_base[0], fm.stride_x, fm.stride_y, fm.stride_c, fm.zero_point);
}

// The tiles other than 0 that `extent` reaches, with their bases.
std::string tiles(const FeatureMapState& fm, const Extent& extent) {
  const bool right = extent.width > int64_t{fm.width0_m1} + 1;
  const bool below_left = extent.height > int64_t{fm.height0_m1} + 1;
  const bool below_right = right && extent.height > int64_t{fm.height1_m1} + 1;
  std::string out = format_text("tile 0 %ux%u", fm.height0_m1 + 1, fm.width0_m1 + 1);
  if (right) out += format_text(", tile 1 at 0x%08" PRIx64, fm.tile_base[1]);
  if (below_left) out += format_text(", tile 2 at 0x%08" PRIx64, fm.tile_base[2]);
  if (below_right) out += format_text(", tile 3 at 0x%08" PRIx64, fm.tile_base[3]);
  return out;
}

void describe_ifm(const Operation& op, std::vector<std::string>& lines) {
  const IfmState& ifm = op.state.ifm;
  const Extent extent = ifm_extent(op);
  lines.push_back("IFM  " + extent_text(extent) + " " + placement(ifm) + " (" + tiles(ifm, extent) +
                  ")");
  if (op.kind == OperationKind::kElementwise) return;
  std::string line = format_text("padding top %d left %d bottom %d right %d", ifm.pad_top,
                                 ifm.pad_left, ifm.pad_bottom, ifm.pad_right);
  if (ifm.upscale != UpscaleMode::kNone) {
    line += ifm.upscale == UpscaleMode::kNearest ? ", upscale 2x NEAREST" : ", upscale 2x ZEROS";
  }
  lines.push_back(line);
}

void describe_ifm2(const Operation& op, std::vector<std::string>& lines) {
  const Ifm2State& ifm2 = op.state.ifm2;
  const std::string order = ifm2.operand_swap ? " (operand A)" : "";
  if (ifm2.scalar) {
    lines.push_back(format_text("IFM2 scalar %d %s%s", ifm2.scalar_value,
                                element_type_name(ifm2.type).c_str(), order.c_str()));
    return;
  }
  const Extent ofm = ofm_extent(op.state.ofm);
  const Extent extent = {ifm2.broadcast_h ? 1 : ofm.height, ifm2.broadcast_w ? 1 : ofm.width,
                         ifm2.broadcast_c ? 1 : ofm.depth};
  std::string broadcast;
  if (ifm2.broadcast_h) broadcast += "H";
  if (ifm2.broadcast_w) broadcast += "W";
  if (ifm2.broadcast_c) broadcast += "C";
  lines.push_back("IFM2 " + extent_text(extent) + " " + placement(ifm2) + " (" +
                  tiles(ifm2, extent) + ")" +
                  (broadcast.empty() ? "" : ", broadcast " + broadcast) + order);
}

void describe_kernel(const Operation& op, std::vector<std::string>& lines) {
  const KernelState& kernel = op.state.kernel;
  const uint32_t height = (kernel.height_m1 / kernel.dilation_y) + 1;
  const uint32_t width = (kernel.width_m1 / kernel.dilation_x) + 1;
  lines.push_back(format_text(
      "kernel %ux%u (dilated %ux%u) stride %dx%d dilation %dx%d, %s, %s", height, width,
      kernel.height_m1 + 1, kernel.width_m1 + 1, kernel.stride_y, kernel.stride_x,
      kernel.dilation_y, kernel.dilation_x,
      kernel.weight_order == WeightOrder::kPartKernelFirst ? "part-kernel-first" : "depth-first",
      kernel.decomposition_4x4 ? "4x4 sub-kernels" : "8x8 sub-kernels"));
}

void describe_block(const RegisterState& s, bool has_ifm2, std::vector<std::string>& lines) {
  std::string line =
      format_text("block %ux%ux%u, SHRAM IB_END %u KB, AB_START %u KB", s.ofm.block_height_m1 + 1,
                  s.ofm.block_width_m1 + 1, s.ofm.block_depth_m1 + 1, s.ifm.ib_end, s.ab_start);
  if (has_ifm2) line += format_text(", IFM2_IB_START %u KB", s.ifm2.ib_start);
  line +=
      format_text(", accumulator %s, blockdep %d",
                  code_name(field::kAccFormat, static_cast<uint32_t>(s.acc_format)), s.blockdep);
  lines.push_back(line);
}

void describe_streams(const RegisterState& s, std::vector<std::string>& lines) {
  lines.push_back(format_text("weights region %d base 0x%08" PRIx64 " length %" PRIu64
                              "; scales region %d base 0x%08" PRIx64 " length %" PRIu64
                              " (10 B per channel)",
                              s.weights.region, s.weights.base, s.weights.length, s.scales.region,
                              s.scales.base, s.scales.length));
}

void describe_scaling(const Operation& op, std::vector<std::string>& lines) {
  const RegisterState& s = op.state;
  std::string line = s.ofm.global_scale ? format_text("OFM scale %" PRIu32 " >> %d",
                                                      s.ofm_scale.multiplier, s.ofm_scale.shift)
                                        : std::string("OFM scale per channel (scale stream)");
  line += format_text(", OFM rounding %s", round_name(s.ofm.round_mode));
  if (op.kind == OperationKind::kElementwise) {
    static const char* const kModes[] = {"OPA/OPB 16-bit", "OPA 32-bit", "OPB 32-bit"};
    const auto mode = static_cast<size_t>(s.ifm.scale_mode);
    line += format_text("; OPA scale %" PRIu32 " >> %d, OPB scale %" PRIu32
                        ", input scaling %s, "
                        "IFM rounding %s",
                        s.opa_scale.multiplier, s.opa_scale.shift, s.opb_scale.multiplier,
                        mode < 3 ? kModes[mode] : "?", round_name(s.ifm.round_mode));
  }
  lines.push_back(line);
  lines.push_back(format_text("activation %s, clamp [%d, %d]",
                              activation_name(s.activation).c_str(), s.activation.min,
                              s.activation.max));
}

std::string block_op_title(const Operation& op) {
  const char* name = operation_kind_name(op.kind);
  if (op.kind == OperationKind::kPool) {
    return format_text("%s %s", name,
                       code_name(field::kPoolingMode, field::kPoolingMode.get(op.param)));
  }
  if (op.kind == OperationKind::kElementwise) {
    return format_text("%s %s", name,
                       code_name(field::kElementwiseMode, field::kElementwiseMode.get(op.param)));
  }
  return name;
}

void describe_block_operation(const Operation& op, std::vector<std::string>& lines) {
  const bool elementwise = op.kind == OperationKind::kElementwise;
  const bool uses_weights = op.kind == OperationKind::kConv || op.kind == OperationKind::kDepthwise;
  lines.push_back(block_op_title(op));
  describe_ifm(op, lines);
  if (elementwise) describe_ifm2(op, lines);
  lines.push_back("OFM  " + extent_text(ofm_extent(op.state.ofm)) + " " + placement(op.state.ofm) +
                  " (" + tiles(op.state.ofm, ofm_extent(op.state.ofm)) + ")");
  if (!elementwise) describe_kernel(op, lines);
  describe_block(op.state, elementwise && !op.state.ifm2.scalar, lines);
  if (uses_weights || !op.state.ofm.global_scale) describe_streams(op.state, lines);
  describe_scaling(op, lines);
}

void describe_dma(const DmaState& dma, std::vector<std::string>& lines) {
  static const char* const kModes[] = {"1D", "2D", "3D"};
  const auto mode = static_cast<size_t>(dma.dst_stride_mode);
  lines.push_back(format_text("DMA %" PRIu64 " bytes from %s region %d offset 0x%08" PRIx64
                              " to %s region %d offset 0x%08" PRIx64 ", %s",
                              dma.length, dma.src_internal ? "SHRAM" : "memory", dma.src_region,
                              dma.src, dma.dst_internal ? "SHRAM" : "memory", dma.dst_region,
                              dma.dst, mode < 3 ? kModes[mode] : "?"));
  if (dma.dst_stride_mode != 0 || dma.src_stride_mode != 0) {
    lines.push_back(format_text("sizes %u/%u, skips %" PRIu64 "/%" PRIu64, dma.size0, dma.size1,
                                dma.skip0, dma.skip1));
  }
}

}  // namespace

const char* operation_kind_name(OperationKind kind) {
  static constexpr size_t kPrefix = sizeof("NPU_OP_") - 1;  // "NPU_OP_CONV" -> "CONV"
  return cmd0_name(static_cast<uint16_t>(operation_opcode(kind))) + kPrefix;
}

bool is_block_operation(OperationKind kind) {
  return kind == OperationKind::kConv || kind == OperationKind::kDepthwise ||
         kind == OperationKind::kPool || kind == OperationKind::kElementwise;
}

Extent ofm_extent(const OfmState& ofm) {
  return {int64_t{ofm.height_m1} + 1, int64_t{ofm.width_m1} + 1, int64_t{ofm.depth_m1} + 1};
}

Extent ifm_extent(const Operation& operation) {
  const RegisterState& s = operation.state;
  const Extent ofm = ofm_extent(s.ofm);
  const int64_t depth = int64_t{s.ifm.depth_m1} + 1;
  if (operation.kind == OperationKind::kElementwise) return {ofm.height, ofm.width, depth};
  int64_t height = (ofm.height - 1) * s.kernel.stride_y + s.kernel.height_m1 + 1 - s.ifm.pad_top -
                   s.ifm.pad_bottom;
  int64_t width = (ofm.width - 1) * s.kernel.stride_x + s.kernel.width_m1 + 1 - s.ifm.pad_left -
                  s.ifm.pad_right;
  if (s.ifm.upscale != UpscaleMode::kNone) {
    height = (height + 1) / 2;
    width = (width + 1) / 2;
  }
  return {height, width, depth};
}

std::string element_type_name(const ElementType& type) {
  return (type.is_signed ? "int" : "uint") + std::to_string(type.bits);
}

std::vector<std::string> describe_operation(const Operation& operation) {
  std::vector<std::string> lines;
  const uint16_t param = operation.param;
  switch (operation.kind) {
    case OperationKind::kDmaStart:
      describe_dma(operation.state.dma, lines);
      break;
    case OperationKind::kDmaWait:
      lines.push_back(format_text("wait until at most %u DMA jobs are outstanding",
                                  field::kDmaWaitCount.get(param)));
      break;
    case OperationKind::kKernelWait:
      lines.push_back(format_text("wait until at most %u kernel jobs are outstanding",
                                  field::kKernelWaitCount.get(param)));
      break;
    case OperationKind::kPmuMask:
      lines.push_back(field::kPmuEnable.get(param) != 0 ? "PMU counting enabled"
                                                        : "PMU counting disabled");
      break;
    case OperationKind::kIrq:
    case OperationKind::kStop:
      lines.push_back(format_text(
          "%s, IRQ mask 0x%04x",
          operation.kind == OperationKind::kStop ? "end of stream" : "interrupt", param));
      break;
    default:
      describe_block_operation(operation, lines);
      break;
  }
  return lines;
}

}  // namespace vnpu::isa
