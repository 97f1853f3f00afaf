#include "perf/ini_sections.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>

#include "core/file_io.h"

namespace vnpu::perf {
namespace {

std::string trim(const std::string& text) {
  size_t begin = 0;
  size_t end = text.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  return text.substr(begin, end - begin);
}

struct RawSection {
  IniSection section;
  std::string inherit;  // "KIND.NAME" or empty
  int inherit_line = 0;
};

// "[System_Config.NAME], [Memory_Mode.NAME]"
std::string section_forms(const std::vector<std::string>& kinds) {
  std::string out;
  for (const std::string& kind : kinds) out += (out.empty() ? "[" : ", [") + kind + ".NAME]";
  return out;
}

class Parser {
 public:
  Parser(const std::string& file, const std::vector<std::string>& kinds)
      : file_(file), kinds_(kinds) {}

  Status error(int line, const std::string& what) const {
    return Status::invalid_input(file_ + ":" + std::to_string(line) + ": " + what);
  }

  Status parse_line(const std::string& raw, int line) {
    const std::string text = trim(raw);
    if (text.empty() || text[0] == ';' || text[0] == '#') return Status::ok();
    if (text[0] == '[') return parse_header(text, line);
    const size_t eq = text.find_first_of("=:");
    if (eq == std::string::npos) {
      return error(line, "expected [SECTION] or key=value, found '" + text + "'");
    }
    const std::string key = ini_key(trim(text.substr(0, eq)));
    const std::string value = trim(text.substr(eq + 1));
    if (key.empty()) return error(line, "empty key before '='");
    if (sections_.empty()) return error(line, "key '" + key + "' before any [section]");
    RawSection& current = sections_.back();
    const std::string where = " in [" + current.section.kind + "." + current.section.name + "]";
    const bool duplicate =
        key == "inherit" ? !current.inherit.empty()
                         : std::any_of(current.section.entries.begin(),
                                       current.section.entries.end(),
                                       [&](const IniEntry& e) { return e.key == key; });
    if (duplicate) return error(line, "duplicate key '" + key + "'" + where);
    if (key == "inherit") {
      if (value.empty()) return error(line, "empty value for 'inherit'" + where);
      current.inherit = value;
      current.inherit_line = line;
    } else {
      current.section.entries.push_back({key, value, line});
    }
    return Status::ok();
  }

  Expected<std::vector<IniSection>> finish() {
    std::vector<IniSection> out;
    for (size_t i = 0; i < sections_.size(); ++i) {
      Expected<IniSection> resolved = resolve(i, 0);
      if (!resolved) return resolved.status();
      out.push_back(std::move(*resolved));
    }
    return out;
  }

 private:
  Status parse_header(const std::string& text, int line) {
    if (text.back() != ']') return error(line, "section header '" + text + "' lacks ']'");
    const std::string full = trim(text.substr(1, text.size() - 2));
    const size_t dot = full.find('.');
    const std::string kind = dot == std::string::npos ? full : full.substr(0, dot);
    const std::string name = dot == std::string::npos ? "" : full.substr(dot + 1);
    if (std::find(kinds_.begin(), kinds_.end(), kind) == kinds_.end()) {
      return error(line, "unknown section [" + full + "] (valid: " + section_forms(kinds_) + ")");
    }
    if (name.empty()) return error(line, "section [" + full + "] has no name after the dot");
    if (index_.count(full) != 0) {
      return error(line, "duplicate section [" + full + "] (first at line " +
                             std::to_string(sections_[index_[full]].section.line) + ")");
    }
    index_[full] = sections_.size();
    RawSection raw;
    raw.section.kind = kind;
    raw.section.name = name;
    raw.section.line = line;
    sections_.push_back(std::move(raw));
    return Status::ok();
  }

  Expected<IniSection> resolve(size_t i, size_t depth) const {
    const RawSection& raw = sections_[i];
    if (raw.inherit.empty()) return raw.section;
    const std::string where = " in [" + raw.section.kind + "." + raw.section.name + "]";
    if (depth >= sections_.size()) {
      return error(raw.inherit_line, "'inherit' forms a cycle" + where);
    }
    auto parent = index_.find(raw.inherit);
    if (parent == index_.end()) {
      return error(raw.inherit_line, "inherit=" + raw.inherit + ": no such section" + where);
    }
    if (sections_[parent->second].section.kind != raw.section.kind) {
      return error(raw.inherit_line,
                   "inherit=" + raw.inherit + ": a section of another kind" + where);
    }
    Expected<IniSection> base = resolve(parent->second, depth + 1);
    if (!base) return base.status();
    IniSection out = raw.section;
    std::vector<IniEntry> entries;
    for (const IniEntry& entry : base->entries) {
      const bool overridden = std::any_of(out.entries.begin(), out.entries.end(),
                                          [&](const IniEntry& e) { return e.key == entry.key; });
      if (!overridden) entries.push_back(entry);
    }
    entries.insert(entries.end(), out.entries.begin(), out.entries.end());
    out.entries = std::move(entries);
    return out;
  }

  std::string file_;
  std::vector<std::string> kinds_;
  std::vector<RawSection> sections_;
  std::map<std::string, size_t> index_;
};

}  // namespace

Expected<std::vector<IniSection>> parse_ini_sections(
    const std::string& text, const std::string& file_label,
    const std::vector<std::string>& section_kinds) {
  Parser parser(file_label, section_kinds);
  int line = 0;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    ++line;
    Status status = parser.parse_line(text.substr(start, end - start), line);
    if (!status) return status;
    start = end + 1;
  }
  return parser.finish();
}

std::string ini_key(std::string key) {
  for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return key;
}

Expected<std::string> read_ini_text(const std::string& path) {
  Expected<std::vector<uint8_t>> bytes = read_file(path, 1 << 20);
  if (!bytes) return bytes.status();
  return std::string(bytes->begin(), bytes->end());
}

Status IniEntryReader::error(const std::string& what) const {
  return Status::invalid_input(file_ + ":" + std::to_string(entry_.line) + ": " + entry_.key +
                               "=" + entry_.value + " in [" + section_.kind + "." +
                               section_.name + "]: " + what);
}

Expected<double> IniEntryReader::number(double min, double max) const {
  const char* begin = entry_.value.c_str();
  char* end = nullptr;
  errno = 0;
  const double value = std::strtod(begin, &end);
  if (end == begin || *end != '\0' || errno != 0 || !std::isfinite(value)) {
    return error("not a number");
  }
  if (value < min || value > max) {
    char range[64];
    std::snprintf(range, sizeof(range), "[%g, %g]", min, max);
    return error(std::string("out of range ") + range);
  }
  return value;
}

Expected<int64_t> IniEntryReader::integer(int64_t min, int64_t max) const {
  const char* begin = entry_.value.c_str();
  char* end = nullptr;
  errno = 0;
  const long long value = std::strtoll(begin, &end, 10);
  if (end == begin || *end != '\0' || errno != 0) return error("not an integer");
  if (value < min || value > max) {
    return error("out of range [" + std::to_string(min) + ", " + std::to_string(max) + "]");
  }
  return static_cast<int64_t>(value);
}

}  // namespace vnpu::perf
