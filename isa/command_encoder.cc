// Command words and structured-register parameters (see command_encoder.h).
#include "isa/command_encoder.h"

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

uint32_t field(uint32_t value, int lsb, int width) { return (value & ((1u << width) - 1u)) << lsb; }

uint32_t flag(bool value, int lsb) { return value ? 1u << lsb : 0u; }

uint16_t param16(uint32_t value) { return static_cast<uint16_t>(value & 0xFFFFu); }

// type b0, precision b2-3, format b6-7: IFM and IFM2.
uint32_t input_precision(const FeatureMapState& fm) {
  return flag(fm.type.is_signed, 0) | field(precision_code(fm.type), 2, 2) |
         field(static_cast<uint32_t>(fm.format), 6, 2);
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
  return param16(input_precision(ifm) | field(static_cast<uint32_t>(ifm.scale_mode), 8, 2) |
                 field(static_cast<uint32_t>(ifm.round_mode), 14, 2));
}

uint16_t ifm2_precision_param(const Ifm2State& ifm2) { return param16(input_precision(ifm2)); }

uint16_t ofm_precision_param(const OfmState& ofm) {
  return param16(flag(ofm.type.is_signed, 0) | field(precision_code(ofm.type), 1, 2) |
                 field(static_cast<uint32_t>(ofm.format), 6, 2) | flag(ofm.global_scale, 8) |
                 field(static_cast<uint32_t>(ofm.round_mode), 14, 2));
}

uint16_t kernel_stride_param(const KernelState& kernel) {
  const uint32_t sx = static_cast<uint32_t>(kernel.stride_x - 1);
  const uint32_t sy = static_cast<uint32_t>(kernel.stride_y - 1);
  return param16(field(sx, 0, 1) | field(sy, 1, 1) |
                 field(static_cast<uint32_t>(kernel.weight_order), 2, 1) |
                 field(static_cast<uint32_t>(kernel.dilation_x - 1), 3, 1) |
                 field(static_cast<uint32_t>(kernel.dilation_y - 1), 4, 1) |
                 flag(kernel.decomposition_4x4, 5) | field(sx >> 1, 6, 1) | field(sy >> 1, 9, 1));
}

uint16_t activation_param(const ActivationState& activation) {
  return param16(field(activation.function, 0, 5) | field(activation.clip_range, 12, 3));
}

uint16_t ifm2_broadcast_param(const Ifm2State& ifm2) {
  return param16(flag(ifm2.broadcast_h, 0) | flag(ifm2.broadcast_w, 1) | flag(ifm2.broadcast_c, 2) |
                 flag(ifm2.operand_swap, 6) | flag(ifm2.scalar, 7));
}

uint16_t dma_region_param(uint8_t region, bool internal, uint8_t stride_mode) {
  return param16(field(region, 0, 3) | flag(internal, 8) | field(stride_mode, 9, 2));
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
