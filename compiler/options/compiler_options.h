// Compiler behaviour options, kept apart from the hardware configuration
// (isa::AcceleratorConfig).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "isa/accelerator_config.h"
#include "perf/system_config.h"

namespace vnpu::compiler {

struct CompilerOptions {
  // The accelerator preset the support check targets (isa/accelerator_config.h).
  std::string accelerator_config = isa::kDefaultAcceleratorConfig;
  // Pass name -> path: after that pass, the graph is written there as .tflite.
  std::map<std::string, std::string> dump_after;
  // Where constants, the arena and the weight cache live (Vela's [Memory_Mode]);
  // the default is Shared_Sram: constants on AXI1 (flash), arena and cache on AXI0 (SRAM).
  perf::MemoryMode memory_mode;
  // Overrides memory_mode.arena_cache_size_bytes (Vela's --arena-cache-size).
  std::optional<uint64_t> arena_cache_size;
};

}  // namespace vnpu::compiler
