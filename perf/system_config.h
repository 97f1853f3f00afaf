// System configurations and memory modes in Vela's INI format (vela.ini):
// which memory sits behind each AXI port, how fast it is, and which memory holds
// the constants, the arena and the fast cache. Read by the analytic estimator,
// the compiler and the timed NPU model, so Ethos_U55_High_End_Embedded means the
// same thing as in Vela.
//
// Format (docs/perf_model.md §1):
//   [System_Config.NAME]  core_clock, axi0_port, axi1_port, and for each memory
//                         M in Sram, Dram, OnChipFlash, OffChipFlash:
//                         M_clock_scale, M_ports_used, M_burst_length,
//                         M_read_latency, M_write_latency, M_max_reads, M_max_writes
//   [Memory_Mode.NAME]    const_mem_area, arena_mem_area, cache_mem_area (Axi0|Axi1),
//                         arena_cache_size
//   any section:          inherit=KIND.OTHER (same kind; the child's keys win)
// Keys are case-insensitive (Python's configparser lower-cases them); section
// names are not. Lines starting with ';' or '#' are comments. Every unknown key or
// section, duplicate, bad value or value out of range is a one-line
// ErrorCode::kInvalidInput "FILE:LINE: ..." naming the key.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"

namespace vnpu::perf {

enum class MemoryKind : uint8_t { kSram = 0, kDram = 1, kOnChipFlash = 2, kOffChipFlash = 3 };
constexpr int kMemoryKinds = 4;

// "Sram", "Dram", "OnChipFlash", "OffChipFlash" (Vela's spelling).
const char* memory_kind_name(MemoryKind kind);

enum class AxiPort : uint8_t { kAxi0 = 0, kAxi1 = 1 };

// One memory's AXI-side parameters; latencies in NPU cycles, bursts in bytes.
// Defaults are used for keys a section leaves out (Vela does the same).
struct MemoryParams {
  double clock_scale = 1.0;        // memory clock / NPU clock, (0, 4]
  int32_t ports_used = 1;          // AXI ports serving this memory, 1..4
  int32_t burst_length_bytes = 32;  // 1..4096
  int32_t read_latency_cycles = 0;  // 0..100000
  int32_t write_latency_cycles = 0;
  int32_t max_reads = 0;   // outstanding read transactions, 0..1024 (0: not limited)
  int32_t max_writes = 0;  // outstanding write transactions
};

struct SystemConfig {
  std::string name;
  double core_clock_hz = 500e6;  // 1e3..1e10
  MemoryKind axi0_port = MemoryKind::kSram;
  MemoryKind axi1_port = MemoryKind::kOffChipFlash;
  std::array<MemoryParams, kMemoryKinds> memories{};

  const MemoryParams& memory(MemoryKind kind) const {
    return memories[static_cast<size_t>(kind)];
  }
  MemoryKind port_memory(AxiPort port) const {
    return port == AxiPort::kAxi0 ? axi0_port : axi1_port;
  }
};

struct MemoryMode {
  std::string name;
  AxiPort const_area = AxiPort::kAxi1;
  AxiPort arena_area = AxiPort::kAxi0;
  AxiPort cache_area = AxiPort::kAxi0;
  std::optional<uint64_t> arena_cache_size_bytes;  // 0..2^40
};

struct VelaIni {
  std::vector<SystemConfig> system_configs;  // in file order
  std::vector<MemoryMode> memory_modes;

  // The section called `name`, or invalid_input listing the valid names.
  Expected<SystemConfig> find_system_config(const std::string& name) const;
  Expected<MemoryMode> find_memory_mode(const std::string& name) const;
};

// Parses INI text; `file_label` names the file in error messages.
Expected<VelaIni> parse_vela_ini(const std::string& text, const std::string& file_label);

// Reads and parses a file (at most 1 MiB).
Expected<VelaIni> load_vela_ini(const std::string& path);

// configs/vela.ini as compiled into the library, and its parsed form.
const char* builtin_vela_ini_text();
const VelaIni& builtin_vela_ini();

// Vela's defaults for --system-config / --memory-mode on Ethos-U55.
constexpr const char* kDefaultSystemConfig = "Ethos_U55_High_End_Embedded";
constexpr const char* kDefaultMemoryMode = "Shared_Sram";

// Bytes per NPU cycle a memory delivers: AXI bytes per cycle (8 on U55) x
// clock_scale x ports_used (ethos-u-facts.md §3.1).
double bandwidth_bytes_per_cycle(const SystemConfig& config, MemoryKind kind,
                                 int32_t axi_bytes_per_cycle);

}  // namespace vnpu::perf
