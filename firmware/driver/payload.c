/* COP1 payload parsing and the configuration check (include/vnpu_payload.h). */
#include <stdbool.h>
#include <string.h>

#include "include/vnpu_payload.h"
#include "include/vnpu_registers.h"

#define COP_FOURCC_MASK 0x00FFFFFFu /* 'C','O','P' */

static uint32_t load_le32(const uint8_t* bytes) {
  return (uint32_t)bytes[0] | (uint32_t)bytes[1] << 8 | (uint32_t)bytes[2] << 16 |
         (uint32_t)bytes[3] << 24;
}

static vnpu_status check_magic(const uint8_t* bytes, size_t words) {
  if (words == 0) return VNPU_ERROR_PAYLOAD_TRUNCATED;
  const uint32_t magic = load_le32(bytes);
  if ((magic & COP_FOURCC_MASK) != (VNPU_COP1_MAGIC & COP_FOURCC_MASK)) {
    return VNPU_ERROR_PAYLOAD_MAGIC;
  }
  return magic == VNPU_COP1_MAGIC ? VNPU_OK : VNPU_ERROR_PAYLOAD_VERSION;
}

/* Reads the actions from word 1 on; the command stream must come last. */
static vnpu_status read_actions(const uint8_t* bytes, size_t words, struct vnpu_payload* out) {
  bool has_config = false;
  size_t index = 1;
  while (index < words) {
    const uint32_t action = load_le32(bytes + 4 * index);
    switch (action & 0xFFu) {
      case VNPU_ACTION_NOP:
        index += 1;
        break;
      case VNPU_ACTION_OPTIMIZER_CONFIG:
        if (words - index < 3) return VNPU_ERROR_PAYLOAD_TRUNCATED;
        out->optimizer_config_data = (uint16_t)(action >> 16);
        out->config_register = load_le32(bytes + 4 * (index + 1));
        out->id_register = load_le32(bytes + 4 * (index + 2));
        has_config = true;
        index += 3;
        break;
      case VNPU_ACTION_COMMAND_STREAM: {
        const uint32_t length = (action >> 16) | ((action >> 8) & 0xFFu) << 16;
        if (!has_config) return VNPU_ERROR_PAYLOAD_NO_CONFIG;
        if (length == 0) return VNPU_ERROR_PAYLOAD_NO_STREAM;
        if (length > words - index - 1) return VNPU_ERROR_PAYLOAD_TRUNCATED;
        if (length < words - index - 1) return VNPU_ERROR_PAYLOAD_ACTION; /* data after it */
        out->command_stream = bytes + 4 * (index + 1);
        out->command_stream_words = length;
        return VNPU_OK;
      }
      default:
        return VNPU_ERROR_PAYLOAD_ACTION;
    }
  }
  return VNPU_ERROR_PAYLOAD_NO_STREAM;
}

vnpu_status vnpu_parse_payload(const void* data, size_t size, struct vnpu_payload* payload) {
  if (data == NULL || payload == NULL) return VNPU_ERROR_INVALID_ARGUMENT;
  memset(payload, 0, sizeof(*payload));
  const uint8_t* bytes = (const uint8_t*)data;
  if (size % 4 != 0) {
    /* A partial word: still report a foreign magic as such. */
    const vnpu_status magic = check_magic(bytes, size / 4);
    return magic == VNPU_OK ? VNPU_ERROR_PAYLOAD_TRUNCATED : magic;
  }
  const vnpu_status magic = check_magic(bytes, size / 4);
  if (magic != VNPU_OK) return magic;
  return read_actions(bytes, size / 4, payload);
}

vnpu_status vnpu_check_payload_config(const struct vnpu_payload* payload, uint32_t npu_config,
                                      uint32_t npu_id) {
  if (payload == NULL) return VNPU_ERROR_INVALID_ARGUMENT;
  const uint32_t want = payload->config_register;
  if (VNPU_CONFIG_MACS_PER_CC(want) != VNPU_CONFIG_MACS_PER_CC(npu_config) ||
      VNPU_CONFIG_CMD_STREAM_VERSION(want) != VNPU_CONFIG_CMD_STREAM_VERSION(npu_config) ||
      VNPU_CONFIG_SHRAM_KB(want) != VNPU_CONFIG_SHRAM_KB(npu_config) ||
      VNPU_CONFIG_PRODUCT(want) != VNPU_CONFIG_PRODUCT(npu_config) ||
      (VNPU_CONFIG_CUSTOM_DMA(want) != 0 && VNPU_CONFIG_CUSTOM_DMA(npu_config) == 0)) {
    return VNPU_ERROR_CONFIG_MISMATCH;
  }
  if (VNPU_ID_ARCH_MAJOR(payload->id_register) != VNPU_ID_ARCH_MAJOR(npu_id) ||
      VNPU_ID_ARCH_MINOR(payload->id_register) != VNPU_ID_ARCH_MINOR(npu_id)) {
    return VNPU_ERROR_ARCH_MISMATCH;
  }
  return VNPU_OK;
}
