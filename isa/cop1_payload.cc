// COP1 driver payload parsing, building and configuration check (see cop1_payload.h).
#include "isa/cop1_payload.h"

#include <cinttypes>
#include <cstdio>

namespace vnpu::isa {
namespace {

constexpr uint32_t kMaxStreamWords = (1u << 24) - 1u;

std::string hex8(uint32_t value) {
  char text[16];
  std::snprintf(text, sizeof(text), "0x%08" PRIx32, value);
  return text;
}

uint32_t load_le32(const uint8_t* bytes) {
  return static_cast<uint32_t>(bytes[0]) | static_cast<uint32_t>(bytes[1]) << 8 |
         static_cast<uint32_t>(bytes[2]) << 16 | static_cast<uint32_t>(bytes[3]) << 24;
}

void store_le32(std::vector<uint8_t>& bytes, uint32_t value) {
  for (int i = 0; i < 4; ++i) bytes.push_back(static_cast<uint8_t>(value >> (8 * i)));
}

Status payload_error(size_t word, const std::string& what) {
  return Status::invalid_input("COP1 payload word " + std::to_string(word) + ": " + what);
}

class PayloadReader {
 public:
  PayloadReader(const uint8_t* data, size_t words) : data_(data), words_(words) {}

  uint32_t word(size_t index) const { return load_le32(data_ + 4 * index); }

  // Parses the actions from word 1 on.
  Status parse(Cop1Payload& payload) const {
    bool has_stream = false;
    size_t index = 1;
    while (index < words_) {
      const uint32_t action = word(index);
      const uint32_t command = action & 0xFFu;
      Status status = Status::ok();
      if (command == static_cast<uint32_t>(DriverAction::kOptimizerConfig)) {
        status = read_optimizer_config(index, payload);
      } else if (command == static_cast<uint32_t>(DriverAction::kCommandStream)) {
        status = read_command_stream(index, has_stream, payload);
      } else if (command == static_cast<uint32_t>(DriverAction::kNop)) {
        index += 1;
      } else {
        status = unknown_action(index, command);
      }
      if (!status) return status;
    }
    if (!has_stream) {
      return Status::invalid_input("COP1 payload: no COMMAND_STREAM action in " +
                                   std::to_string(words_) + " words");
    }
    return Status::ok();
  }

 private:
  Status read_optimizer_config(size_t& index, Cop1Payload& payload) const {
    if (index + 2 >= words_) {
      return payload_error(index, "OPTIMIZER_CONFIG needs 2 more words, the payload ends at word " +
                                      std::to_string(words_));
    }
    payload.has_optimizer_config = true;
    payload.optimizer_config_data = static_cast<uint16_t>(word(index) >> 16);
    payload.config_register = word(index + 1);
    payload.id_register = word(index + 2);
    index += 3;
    return Status::ok();
  }

  Status read_command_stream(size_t& index, bool& has_stream, Cop1Payload& payload) const {
    const uint32_t action = word(index);
    const size_t length = (action >> 16) | ((action >> 8) & 0xFFu) << 16;
    if (has_stream) {
      return Status::unsupported("COP1 payload word " + std::to_string(index) +
                                 ": a second COMMAND_STREAM (one per payload is supported)");
    }
    if (length > words_ - index - 1) {
      return payload_error(index, "COMMAND_STREAM of " + std::to_string(length) +
                                      " words runs past the end of the payload (" +
                                      std::to_string(words_) + " words)");
    }
    has_stream = true;
    payload.command_stream_offset = index + 1;
    payload.command_stream.resize(length);
    for (size_t i = 0; i < length; ++i) payload.command_stream[i] = word(index + 1 + i);
    index += 1 + length;
    return Status::ok();
  }

  static Status unknown_action(size_t index, uint32_t command) {
    char text[16];
    std::snprintf(text, sizeof(text), "0x%02" PRIx32, command);
    if (command == static_cast<uint32_t>(DriverAction::kReadApb) ||
        command == static_cast<uint32_t>(DriverAction::kDumpShram)) {
      const char* name = command == 3 ? "READ_APB" : "DUMP_SHRAM";
      return Status::unsupported("COP1 payload word " + std::to_string(index) + ": driver action " +
                                 name + " (" + text + ") is not supported");
    }
    return payload_error(index, std::string("unknown driver action ") + text);
  }

  const uint8_t* data_;
  size_t words_;
};

std::string config_differences(const ConfigRegisterFields& a, const ConfigRegisterFields& b) {
  std::string out;
  auto add = [&out](const std::string& text) { out += (out.empty() ? "" : ", ") + text; };
  if (a.macs_per_cycle != b.macs_per_cycle) {
    add(std::to_string(a.macs_per_cycle) + " vs " + std::to_string(b.macs_per_cycle) +
        " MACs/cycle");
  }
  if (a.shram_kb != b.shram_kb) {
    add(std::to_string(a.shram_kb) + " vs " + std::to_string(b.shram_kb) + " KB SHRAM");
  }
  if (a.cmd_stream_version != b.cmd_stream_version) {
    add("command stream version " + std::to_string(a.cmd_stream_version) + " vs " +
        std::to_string(b.cmd_stream_version));
  }
  if (a.product != b.product) {
    add("product " + std::to_string(a.product) + " vs " + std::to_string(b.product));
  }
  if (a.custom_dma && !b.custom_dma) add("custom DMA requested but absent");
  return out;
}

}  // namespace

Expected<Cop1Payload> parse_cop1_payload(const uint8_t* data, size_t size) {
  if (size < 4) {
    return Status::invalid_input("COP1 payload: " + std::to_string(size) +
                                 " bytes, too short for the 'COP1' magic");
  }
  if (size % 4 != 0) {
    return Status::invalid_input("COP1 payload: " + std::to_string(size) +
                                 " bytes is not a whole number of 32-bit words");
  }
  const PayloadReader reader(data, size / 4);
  if (reader.word(0) != kCop1Magic) {
    return Status::invalid_input("COP1 payload: magic " + hex8(reader.word(0)) +
                                 " is not 'COP1' (" + hex8(kCop1Magic) + ")");
  }
  Cop1Payload payload;
  payload.payload_words = size / 4;
  Status status = reader.parse(payload);
  if (!status) return status;
  return payload;
}

std::vector<uint8_t> build_cop1_payload(uint32_t config_register, uint32_t id_register,
                                        const std::vector<uint32_t>& stream,
                                        uint16_t optimizer_config_data) {
  std::vector<uint8_t> bytes;
  store_le32(bytes, kCop1Magic);
  store_le32(bytes, static_cast<uint32_t>(DriverAction::kOptimizerConfig) |
                        static_cast<uint32_t>(optimizer_config_data) << 16);
  store_le32(bytes, config_register);
  store_le32(bytes, id_register);
  // The stream starts one word after the COMMAND_STREAM word, at a 16-byte boundary.
  while ((bytes.size() + 4) % 16 != 0) store_le32(bytes, static_cast<uint32_t>(DriverAction::kNop));
  const auto length = static_cast<uint32_t>(stream.size()) & kMaxStreamWords;
  store_le32(bytes, static_cast<uint32_t>(DriverAction::kCommandStream) |
                        ((length >> 16) & 0xFFu) << 8 | (length & 0xFFFFu) << 16);
  for (uint32_t word : stream) store_le32(bytes, word);
  return bytes;
}

std::vector<uint8_t> build_cop1_payload(const AcceleratorConfig& config,
                                        const std::vector<uint32_t>& stream) {
  return build_cop1_payload(config.config_register(), kIdRegister, stream);
}

ConfigRegisterFields decode_config_register(uint32_t config) {
  ConfigRegisterFields fields;
  fields.macs_per_cycle = 1u << (config & 0xFu);
  fields.cmd_stream_version = (config >> 4) & 0xFu;
  fields.shram_kb = (config >> 8) & 0xFFu;
  fields.custom_dma = ((config >> 27) & 1u) != 0;
  fields.product = (config >> 28) & 0xFu;
  return fields;
}

std::string describe_config_register(uint32_t config) {
  for (const AcceleratorConfig& preset : accelerator_configs()) {
    if (preset.config_register() == config) {
      return std::string(preset.name) + " (CONFIG " + hex8(config) + ")";
    }
  }
  const ConfigRegisterFields fields = decode_config_register(config);
  return "an unknown configuration (CONFIG " + hex8(config) + ": " +
         std::to_string(fields.macs_per_cycle) + " MACs/cycle, " + std::to_string(fields.shram_kb) +
         " KB SHRAM, command stream version " + std::to_string(fields.cmd_stream_version) +
         ", product " + std::to_string(fields.product) + (fields.custom_dma ? ", custom DMA" : "") +
         ")";
}

std::string describe_id_register(uint32_t id) {
  return std::to_string(id >> 28) + "." + std::to_string((id >> 20) & 0xFFu) + "." +
         std::to_string((id >> 16) & 0xFu);
}

Status check_payload_config(const Cop1Payload& payload, const AcceleratorConfig& npu) {
  if (!payload.has_optimizer_config) return Status::ok();
  const ConfigRegisterFields want = decode_config_register(payload.config_register);
  const ConfigRegisterFields have = decode_config_register(npu.config_register());
  const std::string differences = config_differences(want, have);
  if (!differences.empty()) {
    return Status::invalid_input(
        "payload was compiled for " + describe_config_register(payload.config_register) +
        ", the NPU is " + describe_config_register(npu.config_register()) + ": " + differences);
  }
  const uint32_t arch_mask = 0xFFF00000u;  // arch_major_rev and arch_minor_rev
  if ((payload.id_register & arch_mask) != (kIdRegister & arch_mask)) {
    return Status::invalid_input(
        "payload was compiled for NPU architecture " + describe_id_register(payload.id_register) +
        " (ID " + hex8(payload.id_register) + "), the NPU implements " +
        describe_id_register(kIdRegister) + " (ID " + hex8(kIdRegister) + ")");
  }
  return Status::ok();
}

}  // namespace vnpu::isa
