// vnpu_supported_ops_doc [FILE]: writes docs/SUPPORTED_OPS.md (to FILE, or stdout).
#include <cstdio>
#include <string>
#include <vector>

#include "compiler/support/supported_ops_doc.h"
#include "core/file_io.h"

int main(int argc, char** argv) {
  const std::string text = vnpu::compiler::render_supported_ops_markdown();
  if (argc < 2) {
    std::fputs(text.c_str(), stdout);
    return 0;
  }
  const vnpu::Status status = vnpu::write_text_file(argv[1], text);
  if (!status) {
    std::fprintf(stderr, "vnpu_supported_ops_doc: %s\n", status.message().c_str());
    return vnpu::exit_code(status);
  }
  return 0;
}
