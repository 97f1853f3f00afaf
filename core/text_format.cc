#include "core/text_format.h"

#include <cstdarg>
#include <cstdio>

namespace vnpu {

std::string format_text(const char* pattern, ...) {
  char text[1024];
  va_list args;
  va_start(args, pattern);
  std::vsnprintf(text, sizeof(text), pattern, args);
  va_end(args);
  return text;
}

}  // namespace vnpu
