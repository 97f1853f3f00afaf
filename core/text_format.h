// printf-style formatting into a std::string, for the text reports (the
// disassembler's operation summaries, the estimate's CSV numbers). The result
// is cut at 1023 characters.
#pragma once

#include <string>

namespace vnpu {

std::string format_text(const char* pattern, ...) __attribute__((format(printf, 1, 2)));

}  // namespace vnpu
