#include "core/json.h"

#include <cstdio>
#include <cstdlib>

namespace vnpu {

// Names come from model files, which need not hold UTF-8: an invalid byte is
// written as U+FFFD rather than failing the whole report.
std::string json_text(const Json& document) {
  return document.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

double significant_digits(double value, int digits) {
  char text[64];
  std::snprintf(text, sizeof(text), "%.*g", digits, value);
  return std::strtod(text, nullptr);
}

double fixed_decimals(double value, int decimals) {
  char text[512];
  std::snprintf(text, sizeof(text), "%.*f", decimals, value);
  return std::strtod(text, nullptr);
}

}  // namespace vnpu
