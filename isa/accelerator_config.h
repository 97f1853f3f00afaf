// Hardware presets of the Ethos-U55-compatible NPU: one table read by the
// compiler, the simulators, the RTL parameter generation and the driver's
// hardware check. Source: ../shared/reference/ethos-u-facts.md §1.1.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"

namespace vnpu::isa {

struct Ublock {
  int32_t width = 1;
  int32_t height = 1;
  int32_t depth = 1;
};

struct AcceleratorConfig {
  const char* name;           // "ethos-u55-128"
  int32_t macs_per_cycle;     // = ofm_ublock.width * height * depth * 8
  Ublock ofm_ublock;          // output points computed per micro-block
  Ublock ifm_ublock;
  int32_t shram_kb;           // internal buffer (SHRAM), in 1 KB banks
  int32_t elementwise_units;  // output-unit lanes
  int32_t axi_bytes_per_cycle;

  // The CONFIG register value a COP1 payload must match: macs_per_cc = log2(MACs)
  // in bits [3:0], cmd_stream_version [7:4], shram_size in KB [15:8], product [31:28] (0 = U55).
  uint32_t config_register() const;
};

// ethos-u55-32, -64, -128, -256.
const std::vector<AcceleratorConfig>& accelerator_configs();

// The preset every command and library entry point uses when none is given: the
// `--accelerator-config` default of `vnpu compile`, `estimate` and `run`, the
// compiler's CompilerOptions and the SystemC platform's default system.
constexpr const char* kDefaultAcceleratorConfig = "ethos-u55-256";

// The preset called `name`, or invalid_input listing the valid names.
Expected<AcceleratorConfig> find_accelerator_config(const std::string& name);

// ID register of the modeled architecture: version 1.0.6, as Vela 3.10 expects.
constexpr uint32_t kIdRegister = 0x10060000;

}  // namespace vnpu::isa
