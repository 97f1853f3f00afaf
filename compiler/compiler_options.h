// Compiler behaviour options, kept apart from the hardware configuration
// (isa::AcceleratorConfig).
#pragma once

#include <map>
#include <string>

namespace vnpu::compiler {

struct CompilerOptions {
  // The accelerator preset the support check targets (isa/accelerator_config.h).
  std::string accelerator_config = "ethos-u55-128";
  // Pass name -> path: after that pass, the graph is written there as .tflite.
  std::map<std::string, std::string> dump_after;
};

}  // namespace vnpu::compiler
