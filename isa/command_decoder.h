// Validating decoder of Ethos-U55 command streams, and the register file that
// turns register-set commands into isa::RegisterState and kick-offs into
// isa::Operation snapshots.
//
// Validation is what the hardware's command parser checks before it raises
// STATUS.cmd_parse_error: an unknown opcode; a control field other than 0
// (cmd0) or 1 (cmd1); reserved bits [13:10] of word 0; reserved parameter or
// payload bits; a field out of range (an undefined enum code, region > 7, a
// stride encoding of 4, a block size beyond its width, custom_dma_cs on an NPU
// without custom DMA); a cmd1 whose payload word lies past the end of the
// stream. Every error is one line of ErrorCode::kInvalidInput naming the word
// offset and the command:
//   "word 37: NPU_SET_IFM_PRECISION: activation_format 2 is not a defined code
//    (valid: 0 NHWC, 1 NHCWB16)"
// The field layout is the table in isa/command_fields.h; docs/isa_register_fields.md
// lists it.
//
// Register semantics (how each field lands in RegisterState):
//  - zero points (IFM, IFM2, OFM) and the IFM2 scalar are 16-bit fields,
//    sign-extended when the type of their feature map is signed, zero-extended
//    otherwise, as Vela writes `value & 0xFFFF`;
//  - ACTIVATION_MIN/MAX are sign-extended when the OFM type is signed or the
//    clip range forces a signed type (FORCE_INT8, FORCE_INT16);
//    Vela clamps them to the int16 range and the OFM type's range;
//  - the signedness is the one in force at the kick-off: Vela writes the zero
//    point before the precision, so the register file keeps the raw 16 bits and
//    resolves them in state() / kick_off();
//  - kernel stride = 1 + (lsb | msb << 1), dilation = 1 + bit;
//  - element type: bits = 8 << activation_precision, signed = activation_type;
//  - OFM_SCALE / OPA_SCALE: multiplier = payload, shift = param[5:0];
//    OPB_SCALE: multiplier = payload[15:0];
//  - DMA region_mode 1 (INTERNAL) sets src/dst_internal;
//  - IFM2_BROADCAST bit 7 sets Ifm2State::scalar, bit 6 operand_swap.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/status.h"
#include "isa/command.h"
#include "isa/register_state.h"

namespace vnpu::isa {

// Decodes and validates the command whose word 0 is words[offset]
// (offset < count). A cmd1 reads words[offset + 1] too.
Expected<Command> decode_command(const uint32_t* words, size_t count, size_t offset);

// The field checks of decode_command for a command built in memory
// (word_offset names it in the message).
Status validate_command(const Command& command);

// The kind of kick-off an NPU_OP_* opcode starts; nullopt for any other opcode.
std::optional<OperationKind> operation_kind(uint16_t cmd0_opcode);

// The NPU_OP_* opcode that starts an operation of `kind` (the inverse of operation_kind).
Cmd0 operation_opcode(OperationKind kind);

// The command processor's registers. Starts from RegisterState's defaults
// (the state after reset).
class RegisterFile {
 public:
  // Applies a validated register-set command; NPU_OP_* commands change nothing.
  void apply(const Command& command);

  // The register state a kick-off issued now would use.
  RegisterState state() const;

  // The snapshot for the NPU_OP_* `command` (validated), with word_offset set.
  Operation kick_off(const Command& command) const;

 private:
  void apply_cmd0(uint16_t opcode, uint16_t param);
  void apply_ifm(Cmd0 opcode, uint16_t param);
  void apply_ofm(Cmd0 opcode, uint16_t param);
  void apply_kernel_and_streams(Cmd0 opcode, uint16_t param);
  void apply_ifm2_and_dma(Cmd0 opcode, uint16_t param);
  void apply_cmd1(uint16_t opcode, uint16_t param, uint32_t payload);

  RegisterState state_;
  // Raw 16-bit fields whose sign extension depends on a type set separately.
  uint16_t ifm_zero_point_ = 0;
  uint16_t ifm2_zero_point_ = 0;
  uint16_t ofm_zero_point_ = 0;
  uint16_t ifm2_scalar_ = 0;
  uint16_t activation_min_ = 0;
  uint16_t activation_max_ = 0;
};

struct DecodedStream {
  std::vector<Command> commands;      // in stream order, up to the fault or NPU_OP_STOP
  std::vector<Operation> operations;  // one per NPU_OP_* command among them
  Status status;                      // ok, or the first fault
  bool stopped = false;               // NPU_OP_STOP reached; later words are not read
  size_t words_read = 0;              // words covered by `commands`
};

// Decodes a whole stream as the command processor would: command by command,
// applying register sets and snapshotting at each kick-off, until NPU_OP_STOP,
// the end of the words, or the first fault.
DecodedStream decode_stream(const uint32_t* words, size_t count);

}  // namespace vnpu::isa
