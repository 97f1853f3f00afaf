// One command of an Ethos-U55 command stream as raw fields: the unit the
// encoder writes, the decoder reads and the disassembler lists.
//
// Word 0 of every command: bits [9:0] opcode, [13:10] reserved (0), [15:14]
// control (0 = cmd0, one word; 1 = cmd1, a 32-bit payload word follows),
// [31:16] parameter. See isa/opcodes.h and docs/isa_register_fields.md.
#pragma once

#include <cstdint>

#include "isa/opcodes.h"

namespace vnpu::isa {

struct Command {
  uint32_t word_offset = 0;  // position of word 0 in the stream, in 32-bit words
  bool is_cmd1 = false;
  uint16_t opcode = 0;   // 10 bits
  uint16_t param = 0;    // bits [31:16] of word 0
  uint32_t payload = 0;  // word 1 of a cmd1; 0 for a cmd0

  uint32_t size_words() const { return is_cmd1 ? 2u : 1u; }
  // Word 0 as the stream holds it.
  uint32_t word0() const {
    return static_cast<uint32_t>(opcode & kOpcodeMask) | (is_cmd1 ? kCmd1Flag : 0u) |
           (static_cast<uint32_t>(param) << 16);
  }
  // NPU_OP_*: cmd0 opcodes below 0x100 start (or wait for) work.
  bool is_operation() const { return !is_cmd1 && opcode < 0x100; }
  // "NPU_SET_IFM_BASE0", or nullptr for an opcode that does not exist.
  const char* name() const { return is_cmd1 ? cmd1_name(opcode) : cmd0_name(opcode); }
};

inline Command make_cmd0(Cmd0 opcode, uint16_t param = 0) {
  Command command;
  command.opcode = static_cast<uint16_t>(opcode);
  command.param = param;
  return command;
}

inline Command make_cmd1(Cmd1 opcode, uint32_t payload, uint16_t param = 0) {
  Command command;
  command.is_cmd1 = true;
  command.opcode = static_cast<uint16_t>(opcode);
  command.param = param;
  command.payload = payload;
  return command;
}

}  // namespace vnpu::isa
