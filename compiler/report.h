// The compile report as JSON: accelerator, passes run, and per operator its
// placement (NPU or CPU) with the support rule and reason.
#pragma once

#include <string>

#include "compiler/pipeline.h"

namespace vnpu::compiler {

std::string report_json(const CompileResult& result, const std::string& model_label,
                        const std::string& accelerator_config);

// Escapes a string for a JSON string literal (quotes not included).
std::string json_escape(const std::string& text);

}  // namespace vnpu::compiler
