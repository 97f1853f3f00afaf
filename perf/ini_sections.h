// The one reader of Vela's INI syntax, for vela.ini (System_Config,
// Memory_Mode; perf/system_config.cc) and for the energy tables (Energy;
// perf/energy_ini.cc): sections and key=value entries with their line numbers,
// `inherit` resolved, and the entry-value reader whose errors name the file,
// the line, the key and the section. The callers give the keys their meaning.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"

namespace vnpu::perf {

struct IniEntry {
  std::string key;  // lower-cased, as configparser does
  std::string value;
  int line = 0;
};

struct IniSection {
  std::string kind;  // one of the accepted kinds: "System_Config", "Energy", ...
  std::string name;  // after the dot
  int line = 0;
  std::vector<IniEntry> entries;  // without `inherit`, parents' entries first
};

// Splits `text` into [KIND.NAME] sections, KIND one of `section_kinds`. Errors
// ("FILE:LINE: ...", one line): a line that is neither a comment, a [section]
// nor key=value; a section kind not in `section_kinds`; an empty or duplicate
// section name; a key before any section; a duplicate key; an `inherit`
// naming a missing section, another kind, or forming a cycle.
Expected<std::vector<IniSection>> parse_ini_sections(const std::string& text,
                                                     const std::string& file_label,
                                                     const std::vector<std::string>& section_kinds);

// `key` as the reader stores keys: lower-cased ("Sram_clock_scale" -> "sram_clock_scale").
std::string ini_key(std::string key);

// The INI text of the file at `path` (at most 1 MiB), for parse_ini_sections.
Expected<std::string> read_ini_text(const std::string& path);

// Typed reads of one entry's value. Every error is one line:
// "FILE:LINE: key=value in [KIND.NAME]: what".
class IniEntryReader {
 public:
  IniEntryReader(const std::string& file, const IniSection& section, const IniEntry& entry)
      : file_(file), section_(section), entry_(entry) {}

  Status error(const std::string& what) const;
  const std::string& value() const { return entry_.value; }

  // A finite number in [min, max]; "not a number" or "out of range [min, max]".
  Expected<double> number(double min, double max) const;
  // A decimal integer in [min, max]; "not an integer" or "out of range [min, max]".
  Expected<int64_t> integer(int64_t min, int64_t max) const;

 private:
  std::string file_;
  const IniSection& section_;  // the reader must not outlive the parsed sections
  const IniEntry& entry_;
};

}  // namespace vnpu::perf
