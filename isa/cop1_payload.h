// The driver payload of Vela's `ethos-u` custom operator (input 0, a uint8
// constant tensor): the "COP1" fourcc followed by driver actions, as Arm's
// ethos-u-core-driver reads it (ethos-u-facts.md §5.2). All words little-endian.
//
//   word 0      'C','O','P','1' (0x31504F43)
//   action word bits [7:0] command, [15:8] reserved / length[23:16], [31:16] data
//     0x01 OPTIMIZER_CONFIG  + 2 words: the CONFIG and ID registers it was compiled for;
//                            data = optimizer release (bits 3:0) and patch (7:4)
//     0x02 COMMAND_STREAM    + length words (24 bits: [15:8] = length[23:16],
//                            [31:16] = length[15:0]): the command stream
//     0x05 NOP               padding, so that the stream starts 16-byte aligned
//     0x03 READ_APB, 0x04 DUMP_SHRAM: debug actions, unsupported here
//
// The parser checks every length against the buffer; a malformed payload is a
// one-line kInvalidInput error naming the payload word, an unsupported action
// kUnsupported. CONFIG register: macs_per_cc = log2(MACs/cycle) [3:0],
// cmd_stream_version [7:4], shram_size in KB [15:8], custom_dma [27],
// product [31:28] (0 = Ethos-U55). ID register: arch_patch_rev [19:16],
// arch_minor_rev [27:20], arch_major_rev [31:28].
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "isa/accelerator_config.h"

namespace vnpu::isa {

constexpr uint32_t kCop1Magic = 0x31504F43;  // "COP1"

enum class DriverAction : uint8_t {
  kOptimizerConfig = 0x01,
  kCommandStream = 0x02,
  kReadApb = 0x03,
  kDumpShram = 0x04,
  kNop = 0x05,
};

struct Cop1Payload {
  bool has_optimizer_config = false;
  uint32_t config_register = 0;        // CONFIG the stream was compiled for
  uint32_t id_register = 0;            // ID the stream was compiled for
  uint16_t optimizer_config_data = 0;  // data bits [31:16] of the OPTIMIZER_CONFIG word
  size_t payload_words = 0;
  size_t command_stream_offset = 0;  // payload word index of the first stream word
  std::vector<uint32_t> command_stream;
};

// Parses a payload. Exactly one COMMAND_STREAM is required.
Expected<Cop1Payload> parse_cop1_payload(const uint8_t* data, size_t size);

// Builds a payload as Vela does: magic, OPTIMIZER_CONFIG, NOPs until the stream
// starts at a 16-byte boundary, COMMAND_STREAM. `stream` must be < 2^24 words.
std::vector<uint8_t> build_cop1_payload(uint32_t config_register, uint32_t id_register,
                                        const std::vector<uint32_t>& stream,
                                        uint16_t optimizer_config_data = 0);

// The same for a preset and the modeled ID register.
std::vector<uint8_t> build_cop1_payload(const AcceleratorConfig& config,
                                        const std::vector<uint32_t>& stream);

struct ConfigRegisterFields {
  uint32_t macs_per_cycle = 0;  // 1 << macs_per_cc
  uint32_t cmd_stream_version = 0;
  uint32_t shram_kb = 0;
  bool custom_dma = false;
  uint32_t product = 0;
};

ConfigRegisterFields decode_config_register(uint32_t config);

// "ethos-u55-128 (CONFIG 0x00001807)", or for a value no preset has
// "an unknown configuration (CONFIG 0x...: 512 MACs/cycle, 96 KB SHRAM, ...)".
std::string describe_config_register(uint32_t config);

// "1.0.6" from an ID register.
std::string describe_id_register(uint32_t id);

// Whether the payload may run on `npu`, as the driver checks before the first
// register write: MACs/cycle, command-stream version, SHRAM size and product
// must match, custom DMA must exist if requested, and the architecture major and
// minor revisions must match kIdRegister. A payload without OPTIMIZER_CONFIG is
// not checked. The error names both sides:
//   "payload was compiled for ethos-u55-128 (CONFIG 0x00001807), the NPU is
//    ethos-u55-256 (CONFIG 0x00003008): 128 vs 256 MACs/cycle, 24 vs 48 KB SHRAM"
Status check_payload_config(const Cop1Payload& payload, const AcceleratorConfig& npu);

}  // namespace vnpu::isa
