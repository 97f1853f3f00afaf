// The compile report as JSON: accelerator and memory mode, passes run, the
// memory plan, and per operator its placement (NPU or CPU) with the support
// rule and reason, and for NPU operators the ethos-u operator they run in, the
// command-stream word offsets of their DMA starts and kick-offs, and their
// weight bytes before and after encoding.
#pragma once

#include <string>

#include "compiler/compile_model.h"

namespace vnpu::compiler {

struct ReportLabels {
  std::string model;               // path or "built-in kws-dscnn"
  std::string accelerator_config;  // "ethos-u55-256"
  std::string memory_mode;         // "Shared_Sram"
  std::string output;              // the .tflite written
};

std::string report_json(const CompiledModel& compiled, const ReportLabels& labels);

}  // namespace vnpu::compiler
