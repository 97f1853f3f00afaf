// Command framing and field validation (see command_decoder.h).
#include "isa/command_decoder.h"

#include <cinttypes>
#include <cstdio>
#include <string>
#include <utility>

#include "isa/command_fields.h"

namespace vnpu::isa {
namespace {

constexpr uint32_t kWord0ReservedMask = 0x3C00;  // bits [13:10]

// The kick-off command of each kind of operation.
constexpr std::pair<Cmd0, OperationKind> kOperationOpcodes[] = {
    {Cmd0::kOpConv, OperationKind::kConv},
    {Cmd0::kOpDepthwise, OperationKind::kDepthwise},
    {Cmd0::kOpPool, OperationKind::kPool},
    {Cmd0::kOpElementwise, OperationKind::kElementwise},
    {Cmd0::kOpDmaStart, OperationKind::kDmaStart},
    {Cmd0::kOpDmaWait, OperationKind::kDmaWait},
    {Cmd0::kOpKernelWait, OperationKind::kKernelWait},
    {Cmd0::kOpPmuMask, OperationKind::kPmuMask},
    {Cmd0::kOpIrq, OperationKind::kIrq},
    {Cmd0::kOpStop, OperationKind::kStop},
};

std::string hex(uint32_t value, int digits) {
  char text[16];
  std::snprintf(text, sizeof(text), "0x%0*" PRIx32, digits, value);
  return text;
}

std::string where(const Command& command) {
  const char* name = command.name();
  std::string prefix = "word " + std::to_string(command.word_offset) + ": ";
  return prefix + (name ? name : "?");
}

Status fault(const Command& command, const std::string& what) {
  return Status::invalid_input(where(command) + ": " + what);
}

std::string valid_codes(const FieldSpec& field) {
  std::string out;
  for (uint32_t value = 0; value < field.value_count; ++value) {
    if (field.value_names[value] == nullptr) continue;
    out += out.empty() ? "" : ", ";
    out += std::to_string(value) + " " + field.value_names[value];
  }
  return out;
}

Status check_field(const Command& command, const FieldSpec& field) {
  const uint32_t value = field.read(command.param);
  if (field.is_valid(value)) return Status::ok();
  std::string what = std::string(field.name) + " " + std::to_string(value);
  if (field.kind == FieldKind::kEnum) {
    what += " is not a defined code (valid: " + valid_codes(field) + ")";
  } else {
    what += " out of range 0.." + std::to_string(field.max_value);
  }
  if (field.note != nullptr) what += std::string(": ") + field.note;
  return fault(command, what);
}

// Stride - 1 is two bits split over LSB and MSB fields; 3 (stride 4) is refused:
// the U55 kernel stride range is 1..3 (ethos-u-facts.md §1.4).
Status check_kernel_stride(const Command& command) {
  const uint16_t param = command.param;
  const bool x4 = field::kStrideXLsb.get(param) != 0 && field::kStrideXMsb.get(param) != 0;
  const bool y4 = field::kStrideYLsb.get(param) != 0 && field::kStrideYMsb.get(param) != 0;
  if (!x4 && !y4) return Status::ok();
  const char* axis = x4 ? "x" : "y";
  return fault(command, std::string("stride_") + axis + " 4 out of range 1..3 (stride_" + axis +
                            "_lsb and stride_" + axis + "_msb both set)");
}

Status check_fields(const Command& command, const CommandSpec& spec) {
  for (const FieldSpec& field : spec.fields) {
    Status status = check_field(command, field);
    if (!status) return status;
  }
  const uint16_t reserved = spec.reserved_param_mask();
  if ((command.param & reserved) != 0) {
    return fault(command, "reserved bits set in parameter " + hex(command.param, 4) +
                              " (reserved mask " + hex(reserved, 4) + ")");
  }
  if ((command.payload & spec.reserved_payload_mask()) != 0) {
    return fault(command, "reserved bits set in payload " + hex(command.payload, 8) +
                              " (only the low " + std::to_string(spec.payload_bits) +
                              " bits are defined)");
  }
  if (!command.is_cmd1 && command.opcode == static_cast<uint16_t>(Cmd0::kKernelStride)) {
    return check_kernel_stride(command);
  }
  return Status::ok();
}

// Framing of word 0: control field, reserved bits [13:10], known opcode.
Status check_word0(const Command& command, uint32_t word0) {
  const uint32_t control = (word0 >> kControlShift) & kControlMask;
  const std::string at = "word " + std::to_string(command.word_offset) + ": ";
  if (control > 1) {
    return Status::invalid_input(at + "control field " + std::to_string(control) + " in " +
                                 hex(word0, 8) + " (opcode " + hex(command.opcode, 3) +
                                 ") is neither cmd0 (0) nor cmd1 (1)");
  }
  if (command.name() == nullptr) {
    return Status::invalid_input(at + "unknown " + (command.is_cmd1 ? "cmd1" : "cmd0") +
                                 " opcode " + hex(command.opcode, 3) + " in " + hex(word0, 8));
  }
  if ((word0 & kWord0ReservedMask) != 0) {
    return fault(command, "reserved bits [13:10] set in " + hex(word0, 8));
  }
  return Status::ok();
}

}  // namespace

Status validate_command(const Command& command) {
  const CommandSpec* spec = find_command_spec(command.is_cmd1, command.opcode);
  if (spec == nullptr) {
    return Status::invalid_input("word " + std::to_string(command.word_offset) + ": unknown " +
                                 (command.is_cmd1 ? "cmd1" : "cmd0") + " opcode " +
                                 hex(command.opcode, 3));
  }
  if (!command.is_cmd1 && command.payload != 0) {
    return fault(command, "a cmd0 carries no payload");
  }
  return check_fields(command, *spec);
}

Expected<Command> decode_command(const uint32_t* words, size_t count, size_t offset) {
  if (offset >= count) {
    return Status::invalid_input("word " + std::to_string(offset) +
                                 ": past the end of the stream (" + std::to_string(count) +
                                 " words)");
  }
  const uint32_t word0 = words[offset];
  Command command;
  command.word_offset = static_cast<uint32_t>(offset);
  command.is_cmd1 = ((word0 >> kControlShift) & kControlMask) == 1;
  command.opcode = static_cast<uint16_t>(word0 & kOpcodeMask);
  command.param = static_cast<uint16_t>(word0 >> 16);
  Status framing = check_word0(command, word0);
  if (!framing) return framing;
  if (command.is_cmd1) {
    if (offset + 1 >= count) {
      return fault(command, "payload word " + std::to_string(offset + 1) +
                                " lies past the end of the stream (" + std::to_string(count) +
                                " words)");
    }
    command.payload = words[offset + 1];
  }
  Status fields = validate_command(command);
  if (!fields) return fields;
  return command;
}

std::optional<OperationKind> operation_kind(uint16_t cmd0_opcode) {
  for (const auto& [opcode, kind] : kOperationOpcodes) {
    if (static_cast<uint16_t>(opcode) == cmd0_opcode) return kind;
  }
  return std::nullopt;
}

Cmd0 operation_opcode(OperationKind kind) {
  for (const auto& [opcode, listed] : kOperationOpcodes) {
    if (listed == kind) return opcode;
  }
  return Cmd0::kOpStop;
}

DecodedStream decode_stream(const uint32_t* words, size_t count) {
  DecodedStream result;
  RegisterFile registers;
  size_t offset = 0;
  while (offset < count) {
    Expected<Command> command = decode_command(words, count, offset);
    if (!command) {
      result.status = command.status();
      break;
    }
    offset += command->size_words();
    result.commands.push_back(*command);
    if (!command->is_operation()) {
      registers.apply(*command);
      continue;
    }
    result.operations.push_back(registers.kick_off(*command));
    if (command->opcode == static_cast<uint16_t>(Cmd0::kOpStop)) {
      result.stopped = true;
      break;
    }
  }
  result.words_read = offset;
  return result;
}

}  // namespace vnpu::isa
