/*
 * The COP1 payload of Vela's `ethos-u` custom operator, as the driver reads
 * it (docs/isa_register_fields.md "The driver payload", ethos-u-facts.md §5.2).
 * Little-endian 32-bit words:
 *
 *   word 0            'C','O','P','1': fourcc "COP" + payload version '1'
 *   action word       bits [7:0] action, [15:8] length[23:16] (COMMAND_STREAM),
 *                     [31:16] data (length[15:0] for COMMAND_STREAM)
 *     0x01 OPTIMIZER_CONFIG   + 2 words: the CONFIG and ID registers the stream
 *                             was compiled for
 *     0x05 NOP                padding (the stream starts 16-byte aligned)
 *     0x02 COMMAND_STREAM     + length words: the command stream; must be the
 *                             last action
 *
 * This driver is stricter than Arm's in two ways: OPTIMIZER_CONFIG is required
 * (a stream nobody checked against the hardware is not run) and nothing may
 * follow the command stream. The C++ parser (isa/cop1_payload.h) reads the
 * same format; tests/firmware/driver/ checks that both agree.
 *
 * Parsing reads only the given bytes (any alignment) and writes no register.
 */
#ifndef VNPU_PAYLOAD_H
#define VNPU_PAYLOAD_H

#include <stddef.h>
#include <stdint.h>

#include "vnpu_status.h"

#ifdef __cplusplus
extern "C" {
#endif

#define VNPU_COP1_MAGIC 0x31504F43u /* 'C','O','P','1' little-endian */
#define VNPU_ACTION_OPTIMIZER_CONFIG 0x01u
#define VNPU_ACTION_COMMAND_STREAM 0x02u
#define VNPU_ACTION_NOP 0x05u

struct vnpu_payload {
  const uint8_t* command_stream; /* inside the payload */
  uint32_t command_stream_words;
  uint32_t config_register;       /* CONFIG the stream was compiled for */
  uint32_t id_register;           /* ID the stream was compiled for */
  uint16_t optimizer_config_data; /* release [3:0], patch [7:4] */
};

/* Parses `size` bytes at `data` into `payload`. */
vnpu_status vnpu_parse_payload(const void* data, size_t size, struct vnpu_payload* payload);

/*
 * Whether a parsed payload may run on an NPU whose CONFIG and ID registers
 * read `npu_config` and `npu_id`: MACs/cycle, command-stream version, SHRAM
 * size and product must match and custom DMA must exist if the payload asks
 * for it (VNPU_ERROR_CONFIG_MISMATCH); the architecture's major and minor
 * revisions must match, the patch may differ (VNPU_ERROR_ARCH_MISMATCH). The
 * same rule as isa::check_payload_config.
 */
vnpu_status vnpu_check_payload_config(const struct vnpu_payload* payload, uint32_t npu_config,
                                      uint32_t npu_id);

#ifdef __cplusplus
}
#endif

#endif /* VNPU_PAYLOAD_H */
