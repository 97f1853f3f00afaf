// Encoder of Ethos-U55 command streams: words from commands, parameters from
// typed register fields (the inverse of isa::RegisterFile), and a builder that
// appends register sets and kick-offs to a word vector, dropping a register
// write whose value the register already holds, as Vela's shadow copy does.
// Bit layouts: isa/command_fields.h, docs/isa_register_fields.md.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "isa/command.h"
#include "isa/register_state.h"

namespace vnpu::isa {

// Word 0 of a cmd0: opcode | param << 16.
uint32_t encode_cmd0(Cmd0 opcode, uint16_t param = 0);

// Words 0 and 1 of a cmd1: opcode | 0x4000 | param << 16, then the payload.
std::array<uint32_t, 2> encode_cmd1(Cmd1 opcode, uint32_t payload, uint16_t param = 0);

// Appends the command's one or two words.
void append_command(std::vector<uint32_t>& words, const Command& command);

// The words of a command list (the inverse of decode_stream's `commands`).
std::vector<uint32_t> encode_commands(const std::vector<Command>& commands);

// Parameters of the structured registers from typed fields. Element types must
// have 8, 16, 32 or 64 bits; values are truncated to their field widths.
uint16_t ifm_precision_param(const IfmState& ifm);
uint16_t ifm2_precision_param(const Ifm2State& ifm2);
uint16_t ofm_precision_param(const OfmState& ofm);
uint16_t kernel_stride_param(const KernelState& kernel);  // strides 1..4, dilations 1..2
uint16_t activation_param(const ActivationState& activation);
uint16_t ifm2_broadcast_param(const Ifm2State& ifm2);
uint16_t dma_region_param(uint8_t region, bool internal, uint8_t stride_mode);

class CommandBuilder {
 public:
  // A register set: appended unless the register already holds this value.
  void set(Cmd0 opcode, uint16_t param);
  void set(Cmd1 opcode, uint32_t payload, uint16_t param = 0);

  // A kick-off or wait (NPU_OP_*): always appended.
  void operation(Cmd0 opcode, uint16_t param = 0);

  // Every register of `state`, in the order Vela writes an operation's
  // registers (IFM, OFM, kernel, weights, scales, activation, block, SHRAM
  // layout, IFM2, DMA, user registers), each subject to the elision above.
  // Zero points, scalar and clamps are written as their low 16 bits.
  void set_state(const RegisterState& state);

  // The DMA registers only (source/destination regions and addresses, length,
  // sizes, skips), each subject to the elision above.
  void set_dma(const DmaState& dma);
  // Forgets the shadow copy: the next write of every register is appended.
  void forget_shadow();

  const std::vector<uint32_t>& words() const { return words_; }

 private:
  void set_feature_map_common(const FeatureMapState& fm, Cmd0 region, Cmd1 base0, Cmd0 width0,
                              Cmd0 height0, Cmd0 height1, Cmd0 zero_point);
  void set_ifm(const IfmState& ifm);
  void set_ofm(const OfmState& ofm);
  void set_kernel_and_streams(const RegisterState& state);
  void set_ifm2(const Ifm2State& ifm2);

  std::vector<uint32_t> words_;
  std::array<std::optional<uint16_t>, kOpcodeMask + 1> cmd0_shadow_{};
  std::array<std::optional<uint64_t>, kOpcodeMask + 1> cmd1_shadow_{};
};

}  // namespace vnpu::isa
