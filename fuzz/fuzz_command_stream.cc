// Feeds arbitrary bytes as a COP1 payload (the ethos-u operator's custom
// options) to what `vnpu disasm` does: isa::parse_cop1_payload,
// check_payload_config, isa::decode_stream of the command stream and the
// disassembler text of every command (isa::format_fields). Asserts no
// out-of-bounds access, UB or abort, and that a decoded stream never claims
// more words than it was given.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "isa/accelerator_config.h"
#include "isa/command_decoder.h"
#include "isa/command_fields.h"
#include "isa/cop1_payload.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace vnpu;
  Expected<isa::Cop1Payload> payload = isa::parse_cop1_payload(data, size);
  if (!payload) {
    if (payload.status().message().empty()) std::abort();
    return 0;
  }
  for (const isa::AcceleratorConfig& npu : isa::accelerator_configs()) {
    (void)isa::check_payload_config(*payload, npu);
  }
  std::string text = isa::describe_config_register(payload->config_register) +
                     isa::describe_id_register(payload->id_register);
  const std::vector<uint32_t>& words = payload->command_stream;
  const isa::DecodedStream decoded = isa::decode_stream(words.data(), words.size());
  if (decoded.words_read > words.size()) std::abort();
  for (const isa::Command& command : decoded.commands) text += isa::format_fields(command);
  for (const isa::Operation& operation : decoded.operations) (void)operation;
  return text.empty() ? 1 : 0;
}
