#include "perf/energy_model.h"

#include <cstdio>

namespace vnpu::perf {
namespace {

constexpr double kPicoToMicro = 1e-6;

double times(uint64_t count, double pj) { return static_cast<double>(count) * pj * kPicoToMicro; }

std::string number(double value) {
  char text[40];
  std::snprintf(text, sizeof(text), "%.17g", value);
  return text;
}

}  // namespace

EnergyEvents& EnergyEvents::operator+=(const EnergyEvents& other) {
  macs += other.macs;
  shram_read_bytes += other.shram_read_bytes;
  shram_write_bytes += other.shram_write_bytes;
  weight_bytes_decoded += other.weight_bytes_decoded;
  ofm_elements += other.ofm_elements;
  for (size_t i = 0; i < memory_read_bytes.size(); ++i) {
    memory_read_bytes[i] += other.memory_read_bytes[i];
    memory_write_bytes[i] += other.memory_write_bytes[i];
  }
  command_words += other.command_words;
  active_cycles += other.active_cycles;
  idle_cycles += other.idle_cycles;
  total_cycles += other.total_cycles;
  return *this;
}

EnergyBreakdown estimate_energy(const EnergyEvents& events, const EnergyTable& table,
                                double clock_hz) {
  EnergyBreakdown out;
  out.mac_uj = times(events.macs, table.mac_pj);
  out.shram_uj = times(events.shram_read_bytes, table.shram_read_pj_per_byte) +
                 times(events.shram_write_bytes, table.shram_write_pj_per_byte);
  out.weight_decoder_uj = times(events.weight_bytes_decoded, table.weight_decode_pj_per_byte);
  out.output_unit_uj = times(events.ofm_elements, table.output_unit_pj_per_element);
  double memory_uj = 0;
  for (size_t i = 0; i < out.memory_uj.size(); ++i) {
    out.memory_uj[i] = times(events.memory_read_bytes[i], table.memory_read_pj_per_byte[i]) +
                       times(events.memory_write_bytes[i], table.memory_write_pj_per_byte[i]);
    memory_uj += out.memory_uj[i];
  }
  out.command_uj = times(events.command_words, table.command_pj_per_word);
  out.seconds = clock_hz > 0 ? static_cast<double>(events.total_cycles) / clock_hz : 0.0;
  // mW x s = mJ = 1e3 uJ.
  out.static_uj = table.leakage_mw * out.seconds * 1e3 +
                  times(events.active_cycles, table.active_pj_per_cycle);
  out.total_uj = out.mac_uj + out.shram_uj + out.weight_decoder_uj + out.output_unit_uj +
                 memory_uj + out.command_uj + out.static_uj;
  // uJ / s = uW = 1e-3 mW.
  out.average_power_mw = out.seconds > 0 ? out.total_uj / out.seconds * 1e-3 : 0.0;
  return out;
}

Expected<EnergyTable> EnergyTables::find(const std::string& name) const {
  std::string names;
  for (const EnergyTable& table : tables) {
    if (table.name == name) return table;
    names += (names.empty() ? "" : ", ") + table.name;
  }
  return Status::invalid_input("unknown energy table '" + name + "' (valid: " + names + ")");
}

std::string format_energy_table(const EnergyTable& t) {
  std::string out = "[Energy." + t.name + "]\n";
  auto line = [&out](const std::string& key, double value) {
    out += key + "=" + number(value) + "\n";
  };
  line("mac_pj", t.mac_pj);
  line("shram_read_pj_per_byte", t.shram_read_pj_per_byte);
  line("shram_write_pj_per_byte", t.shram_write_pj_per_byte);
  line("weight_decode_pj_per_byte", t.weight_decode_pj_per_byte);
  line("output_unit_pj_per_element", t.output_unit_pj_per_element);
  for (size_t i = 0; i < t.memory_read_pj_per_byte.size(); ++i) {
    const std::string memory = memory_kind_name(static_cast<MemoryKind>(i));
    line(memory + "_read_pj_per_byte", t.memory_read_pj_per_byte[i]);
    line(memory + "_write_pj_per_byte", t.memory_write_pj_per_byte[i]);
  }
  line("command_pj_per_word", t.command_pj_per_word);
  line("leakage_mw", t.leakage_mw);
  line("active_pj_per_cycle", t.active_pj_per_cycle);
  return out;
}

const EnergyTables& builtin_energy_tables() {
  static const EnergyTables kTables = [] {
    Expected<EnergyTables> tables =
        parse_energy_ini(builtin_energy_ini_text(), "built-in energy.ini");
    return tables ? *tables : EnergyTables{};
  }();
  return kTables;
}

}  // namespace vnpu::perf
