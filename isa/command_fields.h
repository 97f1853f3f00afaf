// The bit layout of every command's parameter and payload: one table that the
// validating decoder checks, the disassembler prints and
// docs/isa_register_fields.md lists. Source: ethos-u-facts.md §2.2/§2.3 (Arm's
// ethosu55_interface.h `npu_set_*_t` structs).
//
// A field is `width` bits at `lsb` of the 16-bit parameter. Its `extent`
// (>= width) is how many bits the range check reads: reserved bits right above
// a numeric or enumerated field count as an out-of-range value ("region 9 out of
// range 0..7") rather than as loose reserved bits. Every parameter bit outside
// all extents is reserved and must be 0; so must payload bits above
// `payload_bits`.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "isa/command.h"

namespace vnpu::isa {

enum class FieldKind : uint8_t {
  kUnsigned,  // a count, size or index
  kHex,       // a mask
  kSigned16,  // a 16-bit value the register file sign-extends for signed types
  kEnum,      // a code with named values; unnamed codes are out of range
};

struct FieldSpec {
  const char* name;
  uint8_t lsb = 0;
  uint8_t width = 16;
  uint8_t extent = 16;
  FieldKind kind = FieldKind::kUnsigned;
  uint32_t max_value = 0xFFFF;               // kUnsigned/kHex/kSigned16: largest valid value
  const char* const* value_names = nullptr;  // kEnum: name per code, nullptr = undefined code
  uint8_t value_count = 0;                   // kEnum: entries in value_names
  const char* note = nullptr;                // why values above max_value are refused

  // The field's bits over its extent.
  uint32_t read(uint16_t param) const {
    return (static_cast<uint32_t>(param) >> lsb) & ((1u << extent) - 1u);
  }
  bool is_valid(uint32_t value) const;
  // "NHCWB16" for an enum code, "" otherwise.
  const char* value_name(uint32_t value) const;
};

struct CommandSpec {
  bool is_cmd1 = false;
  uint16_t opcode = 0;
  std::vector<FieldSpec> fields;       // parameter fields, LSB first
  const char* payload_name = nullptr;  // cmd1: "addr", "length", "scale", ...
  uint8_t payload_bits = 32;           // cmd1: defined low bits of the payload
  const char* meaning = "";            // one line for the documentation table

  const char* name() const { return is_cmd1 ? cmd1_name(opcode) : cmd0_name(opcode); }
  uint16_t reserved_param_mask() const;
  uint32_t reserved_payload_mask() const;
};

// Every command of the U55 command stream: cmd0 then cmd1, each in opcode order.
const std::vector<CommandSpec>& command_specs();

// The spec of an opcode, or nullptr if it does not exist.
const CommandSpec* find_command_spec(bool is_cmd1, uint16_t opcode);

// The decoded parameter and payload for a listing: "region=1 custom_dma_cs=0",
// "format=NHCWB16 ...", "addr=0x00001f40". Values a field cannot hold print as
// "?N". Empty for a command without fields or spec.
std::string format_fields(const Command& command);

}  // namespace vnpu::isa
