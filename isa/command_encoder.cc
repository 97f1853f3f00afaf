// Command words and structured-register parameters (see command_encoder.h).
#include "isa/command_encoder.h"

#include "isa/command_fields.h"

namespace vnpu::isa {
namespace {

uint32_t precision_code(const ElementType& type) {
  switch (type.bits) {
    case 16:
      return 1;
    case 32:
      return 2;
    case 64:
      return 3;
    default:
      return 0;
  }
}

uint16_t param16(uint32_t fields) { return static_cast<uint16_t>(fields & 0xFFFFu); }

// IFM and IFM2 share the type, precision and format fields.
uint32_t input_precision(const FeatureMapState& fm) {
  return field::kInputType.put(fm.type.is_signed) |
         field::kInputPrecision.put(precision_code(fm.type)) |
         field::kFormat.put(static_cast<uint32_t>(fm.format));
}

}  // namespace

uint32_t encode_cmd0(Cmd0 opcode, uint16_t param) {
  return (static_cast<uint32_t>(opcode) & kOpcodeMask) | (static_cast<uint32_t>(param) << 16);
}

std::array<uint32_t, 2> encode_cmd1(Cmd1 opcode, uint32_t payload, uint16_t param) {
  const uint32_t word0 = (static_cast<uint32_t>(opcode) & kOpcodeMask) | kCmd1Flag |
                         (static_cast<uint32_t>(param) << 16);
  return {word0, payload};
}

void append_command(std::vector<uint32_t>& words, const Command& command) {
  words.push_back(command.word0());
  if (command.is_cmd1) words.push_back(command.payload);
}

std::vector<uint32_t> encode_commands(const std::vector<Command>& commands) {
  std::vector<uint32_t> words;
  words.reserve(commands.size() * 2);
  for (const Command& command : commands) append_command(words, command);
  return words;
}

uint16_t ifm_precision_param(const IfmState& ifm) {
  return param16(input_precision(ifm) |
                 field::kIfmScaleMode.put(static_cast<uint32_t>(ifm.scale_mode)) |
                 field::kRoundMode.put(static_cast<uint32_t>(ifm.round_mode)));
}

uint16_t ifm2_precision_param(const Ifm2State& ifm2) { return param16(input_precision(ifm2)); }

uint16_t ofm_precision_param(const OfmState& ofm) {
  return param16(field::kOfmType.put(ofm.type.is_signed) |
                 field::kOfmPrecision.put(precision_code(ofm.type)) |
                 field::kFormat.put(static_cast<uint32_t>(ofm.format)) |
                 field::kOfmScaleMode.put(ofm.global_scale) |
                 field::kRoundMode.put(static_cast<uint32_t>(ofm.round_mode)));
}

uint16_t kernel_stride_param(const KernelState& kernel) {
  const auto sx = static_cast<uint32_t>(kernel.stride_x - 1);
  const auto sy = static_cast<uint32_t>(kernel.stride_y - 1);
  return param16(field::kStrideXLsb.put(sx) | field::kStrideYLsb.put(sy) |
                 field::kWeightOrder.put(static_cast<uint32_t>(kernel.weight_order)) |
                 field::kDilationX.put(static_cast<uint32_t>(kernel.dilation_x - 1)) |
                 field::kDilationY.put(static_cast<uint32_t>(kernel.dilation_y - 1)) |
                 field::kDecomposition.put(kernel.decomposition_4x4) |
                 field::kStrideXMsb.put(sx >> 1) | field::kStrideYMsb.put(sy >> 1));
}

uint16_t activation_param(const ActivationState& activation) {
  return param16(field::kActivationFunction.put(activation.function) |
                 field::kActivationClipRange.put(activation.clip_range));
}

uint16_t ifm2_broadcast_param(const Ifm2State& ifm2) {
  return param16(
      field::kBroadcastH.put(ifm2.broadcast_h) | field::kBroadcastW.put(ifm2.broadcast_w) |
      field::kBroadcastC.put(ifm2.broadcast_c) | field::kOperandOrder.put(ifm2.operand_swap) |
      field::kBroadcastScalar.put(ifm2.scalar));
}

uint16_t dma_region_param(uint8_t region, bool internal, uint8_t stride_mode) {
  return param16(field::kDmaRegion.put(region) | field::kDmaRegionMode.put(internal) |
                 field::kDmaStrideMode.put(stride_mode));
}

void CommandBuilder::set(Cmd0 opcode, uint16_t param) {
  std::optional<uint16_t>& shadow = cmd0_shadow_[static_cast<uint16_t>(opcode) & kOpcodeMask];
  if (shadow == param) return;
  shadow = param;
  words_.push_back(encode_cmd0(opcode, param));
}

void CommandBuilder::set(Cmd1 opcode, uint32_t payload, uint16_t param) {
  const uint64_t value = (static_cast<uint64_t>(param) << 32) | payload;
  std::optional<uint64_t>& shadow = cmd1_shadow_[static_cast<uint16_t>(opcode) & kOpcodeMask];
  if (shadow == value) return;
  shadow = value;
  const std::array<uint32_t, 2> words = encode_cmd1(opcode, payload, param);
  words_.insert(words_.end(), words.begin(), words.end());
}

void CommandBuilder::operation(Cmd0 opcode, uint16_t param) {
  words_.push_back(encode_cmd0(opcode, param));
}

void CommandBuilder::forget_shadow() {
  cmd0_shadow_.fill(std::nullopt);
  cmd1_shadow_.fill(std::nullopt);
}

}  // namespace vnpu::isa
