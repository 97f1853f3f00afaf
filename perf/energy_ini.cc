// The reader of [Energy.NAME] tables (perf/energy_model.h): the sections and
// lines come from the one INI reader (perf/ini_sections.h), told that Energy is
// the only section kind; this file gives the keys their meaning.
#include <algorithm>
#include <limits>
#include <map>

#include "perf/energy_model.h"
#include "perf/ini_sections.h"

namespace vnpu::perf {
namespace {

constexpr const char* kKind = "Energy";

// Where each key lands in a table.
std::map<std::string, double EnergyTable::*> scalar_keys() {
  return {{"mac_pj", &EnergyTable::mac_pj},
          {"shram_read_pj_per_byte", &EnergyTable::shram_read_pj_per_byte},
          {"shram_write_pj_per_byte", &EnergyTable::shram_write_pj_per_byte},
          {"weight_decode_pj_per_byte", &EnergyTable::weight_decode_pj_per_byte},
          {"output_unit_pj_per_element", &EnergyTable::output_unit_pj_per_element},
          {"command_pj_per_word", &EnergyTable::command_pj_per_word},
          {"leakage_mw", &EnergyTable::leakage_mw},
          {"active_pj_per_cycle", &EnergyTable::active_pj_per_cycle}};
}

// Every valid key, in the order the "valid keys" message and the missing-key
// check use.
std::vector<std::string> all_keys() {
  std::vector<std::string> keys;
  for (const auto& [key, member] : scalar_keys()) keys.push_back(key);
  for (int i = 0; i < kMemoryKinds; ++i) {
    const std::string memory = ini_key(memory_kind_name(static_cast<MemoryKind>(i)));
    keys.push_back(memory + "_read_pj_per_byte");
    keys.push_back(memory + "_write_pj_per_byte");
  }
  return keys;
}

double* key_target(const std::string& key, EnergyTable& table) {
  const auto scalars = scalar_keys();
  auto found = scalars.find(key);
  if (found != scalars.end()) return &(table.*(found->second));
  for (size_t i = 0; i < table.memory_read_pj_per_byte.size(); ++i) {
    const std::string memory = ini_key(memory_kind_name(static_cast<MemoryKind>(i)));
    if (key == memory + "_read_pj_per_byte") return &table.memory_read_pj_per_byte[i];
    if (key == memory + "_write_pj_per_byte") return &table.memory_write_pj_per_byte[i];
  }
  return nullptr;
}

Status error(const std::string& file, int line, const std::string& what) {
  return Status::invalid_input(file + ":" + std::to_string(line) + ": " + what);
}

// The energy per event of one key: a finite number >= 0.
Status read_energy(const IniEntryReader& reader, double& target) {
  Expected<double> value =
      reader.number(std::numeric_limits<double>::lowest(), std::numeric_limits<double>::max());
  if (!value) return value.status();
  if (*value < 0) return reader.error("negative (energies and power are >= 0)");
  target = *value;
  return Status::ok();
}

Expected<EnergyTable> build_table(const IniSection& section, const std::string& file) {
  EnergyTable table;
  table.name = section.name;
  for (const IniEntry& entry : section.entries) {
    if (key_target(entry.key, table) != nullptr) continue;
    std::string valid;
    for (const std::string& k : all_keys()) valid += (valid.empty() ? "" : ", ") + k;
    return IniEntryReader(file, section, entry)
        .error("unknown key (valid: " + valid + ", inherit)");
  }
  for (const std::string& key : all_keys()) {
    auto found = std::find_if(section.entries.begin(), section.entries.end(),
                              [&](const IniEntry& entry) { return entry.key == key; });
    if (found == section.entries.end()) {
      return error(file, section.line,
                   "missing key '" + key + "' in [" + section.kind + "." + section.name + "]");
    }
    Status status = read_energy(IniEntryReader(file, section, *found), *key_target(key, table));
    if (!status) return status;
  }
  return table;
}

}  // namespace

Expected<EnergyTables> parse_energy_ini(const std::string& text, const std::string& file_label) {
  Expected<std::vector<IniSection>> sections = parse_ini_sections(text, file_label, {kKind});
  if (!sections) return sections.status();
  if (sections->empty()) {
    const auto lines = 1 + std::count(text.begin(), text.end(), '\n');
    return error(file_label, static_cast<int>(lines), "no [Energy.NAME] section in the file");
  }
  EnergyTables out;
  for (const IniSection& section : *sections) {
    Expected<EnergyTable> table = build_table(section, file_label);
    if (!table) return table.status();
    out.tables.push_back(std::move(*table));
  }
  return out;
}

Expected<EnergyTables> load_energy_ini(const std::string& path) {
  Expected<std::string> text = read_ini_text(path);
  if (!text) return text.status();
  return parse_energy_ini(*text, path);
}

}  // namespace vnpu::perf
