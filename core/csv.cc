#include "core/csv.h"

namespace vnpu {

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

void CsvWriter::add_row(const std::vector<std::string>& fields) {
  for (size_t f = 0; f < fields.size(); ++f) text_ += (f == 0 ? "" : ",") + csv_field(fields[f]);
  text_ += "\n";
}

}  // namespace vnpu
