// The NPU's energy and power model (docs/energy_model.md): per-event energies
// from a table (one per process node, every built-in number with its source in
// configs/energy.ini), counts of events from a run (the SystemC model fills them:
// driver/npu/systemc_energy.h), and the energy per unit, total energy and
// average power they give.
//
// Tables use vela.ini's syntax (perf/ini_sections.h) in their own sections:
//   [Energy.NAME]  mac_pj, shram_read_pj_per_byte, shram_write_pj_per_byte,
//                  weight_decode_pj_per_byte, output_unit_pj_per_element,
//                  command_pj_per_word, leakage_mw, active_pj_per_cycle, and
//                  for each memory M in Sram, Dram, OnChipFlash, OffChipFlash:
//                  M_read_pj_per_byte, M_write_pj_per_byte
//   any section:   inherit=Energy.OTHER (the child's keys win)
// Every key is required (after inheritance) and must be a finite number >= 0.
// Keys are case-insensitive; ';' and '#' start comments. Every unknown key or
// section, missing key, duplicate, bad value or negative energy is a one-line
// ErrorCode::kInvalidInput "FILE:LINE: ...".
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "perf/system_config.h"

namespace vnpu::perf {

// Energy per event, in picojoules unless the name says otherwise.
struct EnergyTable {
  std::string name;
  double mac_pj = 0;                      // one 8x8-bit multiply-accumulate (32-bit acc)
  double shram_read_pj_per_byte = 0;      // internal buffer (SHRAM)
  double shram_write_pj_per_byte = 0;
  double weight_decode_pj_per_byte = 0;   // compressed weight-stream byte decoded
  double output_unit_pj_per_element = 0;  // one OFM element requantised and clamped
  std::array<double, kMemoryKinds> memory_read_pj_per_byte{};  // by MemoryKind
  std::array<double, kMemoryKinds> memory_write_pj_per_byte{};
  double command_pj_per_word = 0;   // one 32-bit command word decoded (its fetch is memory)
  double leakage_mw = 0;            // static power, every cycle of the run
  double active_pj_per_cycle = 0;   // clock/control overhead per NPU_ACTIVE cycle
};

// What happened during a run (or one operation of it). Counts, no energies.
struct EnergyEvents {
  uint64_t macs = 0;
  uint64_t shram_read_bytes = 0;
  uint64_t shram_write_bytes = 0;
  uint64_t weight_bytes_decoded = 0;
  uint64_t ofm_elements = 0;  // through the output unit
  std::array<uint64_t, kMemoryKinds> memory_read_bytes{};  // by MemoryKind
  std::array<uint64_t, kMemoryKinds> memory_write_bytes{};
  uint64_t command_words = 0;
  uint64_t active_cycles = 0;  // NPU_ACTIVE
  uint64_t idle_cycles = 0;    // NPU_IDLE
  uint64_t total_cycles = 0;   // the run's cycles (static energy is charged on these)

  EnergyEvents& operator+=(const EnergyEvents& other);
};

// Energy per unit in microjoules; power in milliwatts.
struct EnergyBreakdown {
  double mac_uj = 0;             // MAC array
  double shram_uj = 0;           // internal buffer, reads + writes
  double weight_decoder_uj = 0;
  double output_unit_uj = 0;
  std::array<double, kMemoryKinds> memory_uj{};  // by MemoryKind, reads + writes
  double command_uj = 0;         // command processor
  double static_uj = 0;          // leakage over total_cycles + active overhead
  double total_uj = 0;
  double seconds = 0;            // total_cycles / clock
  double average_power_mw = 0;   // total_uj / seconds (0 when no cycles)

  double dynamic_uj() const { return total_uj - static_uj; }
};

// The energy of `events` at `clock_hz` (> 0). Pure; no I/O.
EnergyBreakdown estimate_energy(const EnergyEvents& events, const EnergyTable& table,
                                double clock_hz);

struct EnergyTables {
  std::vector<EnergyTable> tables;  // in file order

  // The table called `name`, or invalid_input listing the valid names.
  Expected<EnergyTable> find(const std::string& name) const;
};

// Parses INI text with [Energy.NAME] sections; `file_label` names the file in
// errors. A text without any [Energy.NAME] section is an error.
Expected<EnergyTables> parse_energy_ini(const std::string& text, const std::string& file_label);

// Reads and parses a file (at most 1 MiB).
Expected<EnergyTables> load_energy_ini(const std::string& path);

// The table as INI text (one [Energy.NAME] section) that parse_energy_ini reads
// back to the same numbers.
std::string format_energy_table(const EnergyTable& table);

// configs/energy.ini as compiled into the library, and its parsed form.
const char* builtin_energy_ini_text();
const EnergyTables& builtin_energy_tables();

// The built-in table used when none is chosen.
constexpr const char* kDefaultEnergyTable = "Scaled_22nm";

}  // namespace vnpu::perf
