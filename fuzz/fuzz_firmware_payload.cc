// Feeds arbitrary bytes as a COP1 payload to the firmware driver's validation
// (firmware/driver: vnpu_parse_payload, vnpu_check_payload_config), what
// vnpu_invoke checks before it writes a register. Asserts no out-of-bounds
// access, UB or abort, and that the C driver agrees with the C++ parser
// (isa/cop1_payload.h) on what it accepts: a payload the driver accepts parses
// in C++ to the same registers and command stream, and the two configuration
// checks give the same verdict for every accelerator configuration.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "firmware/driver/include/vnpu_payload.h"
#include "isa/accelerator_config.h"
#include "isa/cop1_payload.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace vnpu;
  vnpu_payload payload{};
  if (vnpu_parse_payload(data, size, &payload) != VNPU_OK) return 0;
  const Expected<isa::Cop1Payload> cpp = isa::parse_cop1_payload(data, size);
  if (!cpp || cpp->config_register != payload.config_register ||
      cpp->id_register != payload.id_register ||
      cpp->command_stream.size() != payload.command_stream_words ||
      payload.command_stream != data + 4 * cpp->command_stream_offset ||
      std::memcmp(payload.command_stream, cpp->command_stream.data(),
                  4 * cpp->command_stream.size()) != 0) {
    std::abort();
  }
  for (const isa::AcceleratorConfig& npu : isa::accelerator_configs()) {
    const bool c_accepts =
        vnpu_check_payload_config(&payload, npu.config_register(), isa::kIdRegister) == VNPU_OK;
    const bool cpp_accepts = isa::check_payload_config(*cpp, npu).is_ok();
    if (c_accepts != cpp_accepts) std::abort();
  }
  return 0;
}
