// JSON documents for every report vnpu writes (compile report, layer and
// estimate reports, run report, Chrome trace).
//
// Why nlohmann-json: a well-kept, header-only Debian library (nlohmann-json3-dev)
// that escapes strings correctly and never prints an invalid number (NaN and
// infinities become null); nlohmann::ordered_json keeps keys in insertion order,
// so every report keeps the key order it documents. One library instead of five
// hand-written emitters.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace vnpu {

using Json = nlohmann::ordered_json;

// The document as a report file holds it: two-space indentation, a final
// newline; a string that is not UTF-8 (a name from a model file) has its
// invalid bytes replaced by U+FFFD.
std::string json_text(const Json& document);

// `value` as printf's "%.<digits>g" prints it, read back: a report keeps the
// precision it documents (6 significant digits) while nlohmann prints the
// shortest text that reads back as that double.
double significant_digits(double value, int digits);

// `value` as printf's "%.<decimals>f" prints it, read back (cycles to 2
// decimals, times to 6 or 9).
double fixed_decimals(double value, int decimals);

}  // namespace vnpu
