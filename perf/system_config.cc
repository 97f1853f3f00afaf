#include "perf/system_config.h"

#include "perf/ini_sections.h"

namespace vnpu::perf {
namespace {

constexpr std::array<const char*, kMemoryKinds> kMemoryNames = {"Sram", "Dram", "OnChipFlash",
                                                                "OffChipFlash"};

Expected<MemoryKind> read_memory(const IniEntryReader& reader) {
  for (size_t i = 0; i < kMemoryNames.size(); ++i) {
    if (reader.value() == kMemoryNames[i]) return static_cast<MemoryKind>(i);
  }
  return reader.error("not a memory (valid: Sram, Dram, OnChipFlash, OffChipFlash)");
}

Expected<AxiPort> read_port(const IniEntryReader& reader) {
  if (reader.value() == "Axi0") return AxiPort::kAxi0;
  if (reader.value() == "Axi1") return AxiPort::kAxi1;
  return reader.error("not an AXI port (valid: Axi0, Axi1)");
}

template <typename T, typename U>
Status assign(Expected<U> value, T& target) {
  if (!value) return value.status();
  target = static_cast<T>(*value);
  return Status::ok();
}

Status apply_memory_key(const IniEntryReader& reader, const std::string& param, MemoryParams& m) {
  if (param == "clock_scale") return assign(reader.number(1.0 / 1024, 4.0), m.clock_scale);
  if (param == "ports_used") return assign(reader.integer(1, 4), m.ports_used);
  if (param == "burst_length") return assign(reader.integer(1, 4096), m.burst_length_bytes);
  if (param == "read_latency") return assign(reader.integer(0, 100000), m.read_latency_cycles);
  if (param == "write_latency") return assign(reader.integer(0, 100000), m.write_latency_cycles);
  if (param == "max_reads") return assign(reader.integer(0, 1024), m.max_reads);
  if (param == "max_writes") return assign(reader.integer(0, 1024), m.max_writes);
  return reader.error(
      "unknown key (valid per memory: clock_scale, ports_used, burst_length, read_latency, "
      "write_latency, max_reads, max_writes)");
}

Status apply_system_key(const IniEntryReader& reader, const IniEntry& entry, SystemConfig& config) {
  if (entry.key == "core_clock") return assign(reader.number(1e3, 1e10), config.core_clock_hz);
  if (entry.key == "axi0_port") return assign(read_memory(reader), config.axi0_port);
  if (entry.key == "axi1_port") return assign(read_memory(reader), config.axi1_port);
  for (size_t i = 0; i < kMemoryNames.size(); ++i) {
    const std::string prefix = ini_key(kMemoryNames[i]) + "_";
    if (entry.key.compare(0, prefix.size(), prefix) == 0) {
      return apply_memory_key(reader, entry.key.substr(prefix.size()), config.memories[i]);
    }
  }
  return reader.error(
      "unknown key (valid: core_clock, axi0_port, axi1_port, <Memory>_<parameter>)");
}

Status apply_mode_key(const IniEntryReader& reader, const IniEntry& entry, MemoryMode& mode) {
  if (entry.key == "const_mem_area") return assign(read_port(reader), mode.const_area);
  if (entry.key == "arena_mem_area") return assign(read_port(reader), mode.arena_area);
  if (entry.key == "cache_mem_area") return assign(read_port(reader), mode.cache_area);
  if (entry.key == "arena_cache_size") {
    Expected<int64_t> size = reader.integer(0, int64_t{1} << 40);
    if (!size) return size.status();
    mode.arena_cache_size_bytes = static_cast<uint64_t>(*size);
    return Status::ok();
  }
  return reader.error(
      "unknown key (valid: const_mem_area, arena_mem_area, cache_mem_area, arena_cache_size)");
}

template <typename T>
Expected<T> find_named(const std::vector<T>& items, const std::string& name, const char* what) {
  std::string names;
  for (const T& item : items) {
    if (item.name == name) return item;
    names += (names.empty() ? "" : ", ") + item.name;
  }
  return Status::invalid_input(std::string("unknown ") + what + " '" + name + "' (valid: " +
                               names + ")");
}

}  // namespace

const char* memory_kind_name(MemoryKind kind) {
  return kMemoryNames[static_cast<size_t>(kind) % kMemoryNames.size()];
}

Expected<SystemConfig> VelaIni::find_system_config(const std::string& name) const {
  return find_named(system_configs, name, "system config");
}

Expected<MemoryMode> VelaIni::find_memory_mode(const std::string& name) const {
  return find_named(memory_modes, name, "memory mode");
}

Expected<VelaIni> parse_vela_ini(const std::string& text, const std::string& file_label) {
  Expected<std::vector<IniSection>> sections =
      parse_ini_sections(text, file_label, {"System_Config", "Memory_Mode"});
  if (!sections) return sections.status();
  VelaIni ini;
  for (const IniSection& section : *sections) {
    const bool is_system = section.kind == "System_Config";
    SystemConfig config;
    config.name = section.name;
    MemoryMode mode;
    mode.name = section.name;
    for (const IniEntry& entry : section.entries) {
      const IniEntryReader reader(file_label, section, entry);
      Status status = is_system ? apply_system_key(reader, entry, config)
                                : apply_mode_key(reader, entry, mode);
      if (!status) return status;
    }
    if (is_system) {
      ini.system_configs.push_back(std::move(config));
    } else {
      ini.memory_modes.push_back(std::move(mode));
    }
  }
  return ini;
}

Expected<VelaIni> load_vela_ini(const std::string& path) {
  Expected<std::string> text = read_ini_text(path);
  if (!text) return text.status();
  return parse_vela_ini(*text, path);
}

const VelaIni& builtin_vela_ini() {
  static const VelaIni kIni = [] {
    Expected<VelaIni> ini = parse_vela_ini(builtin_vela_ini_text(), "built-in vela.ini");
    return ini ? *ini : VelaIni{};
  }();
  return kIni;
}

double bandwidth_bytes_per_cycle(const SystemConfig& config, MemoryKind kind,
                                 int32_t axi_bytes_per_cycle) {
  const MemoryParams& memory = config.memory(kind);
  return static_cast<double>(axi_bytes_per_cycle) * memory.clock_scale * memory.ports_used;
}

}  // namespace vnpu::perf
