// The syntax layer of the vela.ini reader: sections and key=value entries with
// their line numbers, and `inherit` resolved. perf/system_config.cc gives the
// keys their meaning.
#pragma once

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
  std::string kind;  // "System_Config" or "Memory_Mode"
  std::string name;  // after the dot
  int line = 0;
  std::vector<IniEntry> entries;  // without `inherit`, parents' entries first
};

// Splits `text` into sections. Errors ("FILE:LINE: ...", one line): a line that
// is neither a comment, a [section] nor key=value; a section kind other than
// System_Config / Memory_Mode; an empty or duplicate section name; a key before
// any section; a duplicate key; an `inherit` naming a missing section, another
// kind, or forming a cycle.
Expected<std::vector<IniSection>> parse_ini_sections(const std::string& text,
                                                     const std::string& file_label);

}  // namespace vnpu::perf
