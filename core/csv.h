// CSV text for every table vnpu writes (estimate, layers, run report): a header
// line, then one line per row. Fields holding a comma, a quote or a newline are
// quoted, quotes doubled (RFC 4180); every other field is written as given, so
// each caller keeps its own number formatting.
#pragma once

#include <string>
#include <vector>

namespace vnpu {

class CsvWriter {
 public:
  explicit CsvWriter(const std::vector<std::string>& header) { add_row(header); }

  void add_row(const std::vector<std::string>& fields);
  const std::string& text() const { return text_; }

 private:
  std::string text_;
};

// One field as CsvWriter writes it.
std::string csv_field(const std::string& text);

}  // namespace vnpu
