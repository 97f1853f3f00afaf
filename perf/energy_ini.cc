// The reader of [Energy.NAME] tables (perf/energy_model.h): the same line
// syntax as vela.ini (perf/ini_sections.cc), its own section kind and keys.
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>

#include "core/file_io.h"
#include "perf/energy_model.h"

namespace vnpu::perf {
namespace {

constexpr const char* kKind = "Energy";

std::string trim(const std::string& text) {
  size_t begin = 0;
  size_t end = text.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  return text.substr(begin, end - begin);
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

struct Entry {
  std::string value;
  int line = 0;
};

struct Section {
  std::string name;
  int line = 0;
  std::map<std::string, Entry> entries;  // without `inherit`
  std::string inherit;                   // "Energy.NAME" or empty
  int inherit_line = 0;
};

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
    const std::string memory = lower(memory_kind_name(static_cast<MemoryKind>(i)));
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
    const std::string memory = lower(memory_kind_name(static_cast<MemoryKind>(i)));
    if (key == memory + "_read_pj_per_byte") return &table.memory_read_pj_per_byte[i];
    if (key == memory + "_write_pj_per_byte") return &table.memory_write_pj_per_byte[i];
  }
  return nullptr;
}

class Reader {
 public:
  explicit Reader(const std::string& file) : file_(file) {}

  Status error(int line, const std::string& what) const {
    return Status::invalid_input(file_ + ":" + std::to_string(line) + ": " + what);
  }

  Status parse_line(const std::string& raw, int line) {
    const std::string text = trim(raw);
    if (text.empty() || text[0] == ';' || text[0] == '#') return Status::ok();
    if (text[0] == '[') return parse_header(text, line);
    const size_t eq = text.find_first_of("=:");
    if (eq == std::string::npos) {
      return error(line, "expected [Energy.NAME] or key=value, found '" + text + "'");
    }
    const std::string key = lower(trim(text.substr(0, eq)));
    const std::string value = trim(text.substr(eq + 1));
    if (key.empty()) return error(line, "empty key before '='");
    if (sections_.empty()) return error(line, "key '" + key + "' before any [Energy.NAME]");
    Section& current = sections_.back();
    const std::string where = " in [Energy." + current.name + "]";
    if (key == "inherit") {
      if (!current.inherit.empty()) return error(line, "duplicate key 'inherit'" + where);
      if (value.empty()) return error(line, "empty value for 'inherit'" + where);
      current.inherit = value;
      current.inherit_line = line;
      return Status::ok();
    }
    EnergyTable probe;
    if (key_target(key, probe) == nullptr) {
      std::string valid;
      for (const std::string& k : all_keys()) valid += (valid.empty() ? "" : ", ") + k;
      return error(line, "unknown key '" + key + "'" + where + " (valid: " + valid + ", inherit)");
    }
    if (current.entries.count(key) != 0) return error(line, "duplicate key '" + key + "'" + where);
    current.entries[key] = {value, line};
    return Status::ok();
  }

  Expected<EnergyTables> finish(int last_line) const {
    if (sections_.empty()) return error(last_line, "no [Energy.NAME] section in the file");
    EnergyTables out;
    for (size_t i = 0; i < sections_.size(); ++i) {
      std::map<std::string, Entry> entries;
      Status merged = merge(i, 0, entries);
      if (!merged) return merged;
      Expected<EnergyTable> table = build(sections_[i], entries);
      if (!table) return table.status();
      out.tables.push_back(std::move(*table));
    }
    return out;
  }

 private:
  Status parse_header(const std::string& text, int line) {
    if (text.back() != ']') return error(line, "section header '" + text + "' lacks ']'");
    const std::string full = trim(text.substr(1, text.size() - 2));
    const size_t dot = full.find('.');
    const std::string kind = dot == std::string::npos ? full : full.substr(0, dot);
    const std::string name = dot == std::string::npos ? "" : trim(full.substr(dot + 1));
    if (kind != kKind) {
      return error(line, "unknown section [" + full + "] (valid: [Energy.NAME])");
    }
    if (name.empty()) return error(line, "section [" + full + "] has no name after the dot");
    auto first = index_.find(name);
    if (first != index_.end()) {
      return error(line, "duplicate section [Energy." + name + "] (first at line " +
                             std::to_string(sections_[first->second].line) + ")");
    }
    index_[name] = sections_.size();
    Section section;
    section.name = name;
    section.line = line;
    sections_.push_back(std::move(section));
    return Status::ok();
  }

  // Fills `entries` with section i's keys over its ancestors' keys.
  Status merge(size_t i, size_t depth, std::map<std::string, Entry>& entries) const {
    const Section& section = sections_[i];
    if (!section.inherit.empty()) {
      const std::string where = " in [Energy." + section.name + "]";
      if (depth >= sections_.size()) {
        return error(section.inherit_line, "'inherit' forms a cycle" + where);
      }
      const std::string prefix = std::string(kKind) + ".";
      auto parent = section.inherit.compare(0, prefix.size(), prefix) == 0
                        ? index_.find(section.inherit.substr(prefix.size()))
                        : index_.end();
      if (parent == index_.end()) {
        return error(section.inherit_line,
                     "inherit=" + section.inherit + ": no such [Energy.NAME] section" + where);
      }
      Status status = merge(parent->second, depth + 1, entries);
      if (!status) return status;
    }
    for (const auto& [key, entry] : section.entries) entries[key] = entry;
    return Status::ok();
  }

  Expected<EnergyTable> build(const Section& section,
                              const std::map<std::string, Entry>& entries) const {
    const std::string where = " in [Energy." + section.name + "]";
    EnergyTable table;
    table.name = section.name;
    for (const std::string& key : all_keys()) {
      auto found = entries.find(key);
      if (found == entries.end()) return error(section.line, "missing key '" + key + "'" + where);
      const Entry& entry = found->second;
      const std::string what = key + "=" + entry.value + where + ": ";
      const char* begin = entry.value.c_str();
      char* end = nullptr;
      errno = 0;
      const double value = std::strtod(begin, &end);
      if (end == begin || *end != '\0' || errno != 0 || !std::isfinite(value)) {
        return error(entry.line, what + "not a number");
      }
      if (value < 0) return error(entry.line, what + "negative (energies and power are >= 0)");
      *key_target(key, table) = value;
    }
    return table;
  }

  std::string file_;
  std::vector<Section> sections_;
  std::map<std::string, size_t> index_;
};

}  // namespace

Expected<EnergyTables> parse_energy_ini(const std::string& text, const std::string& file_label) {
  Reader reader(file_label);
  int line = 0;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    ++line;
    Status status = reader.parse_line(text.substr(start, end - start), line);
    if (!status) return status;
    start = end + 1;
  }
  return reader.finish(line);
}

Expected<EnergyTables> load_energy_ini(const std::string& path) {
  Expected<std::vector<uint8_t>> bytes = read_file(path, 1 << 20);
  if (!bytes) return bytes.status();
  return parse_energy_ini(std::string(bytes->begin(), bytes->end()), path);
}

}  // namespace vnpu::perf
