// docs/SUPPORTED_OPS.md, rendered from the support rule table (the same
// table whose reasons `vnpu compile` prints for CPU fallbacks).
#pragma once

#include <string>

namespace vnpu::compiler {

std::string render_supported_ops_markdown();

}  // namespace vnpu::compiler
