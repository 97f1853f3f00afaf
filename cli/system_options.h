// The Vela-style memory-system options shared by subcommands: --config FILE.ini,
// --system-config NAME, --memory-mode NAME (defaults: the built-in
// configs/vela.ini, Ethos_U55_High_End_Embedded, Shared_Sram).
#pragma once

#include "cli/options.h"
#include "core/status.h"
#include "perf/system_config.h"

namespace vnpu::cli {

void add_system_options(po::options_description& options);

struct SystemSelection {
  perf::SystemConfig system;
  perf::MemoryMode mode;
};

// invalid_input naming the INI line or listing the valid section names.
Expected<SystemSelection> resolve_system_options(const po::variables_map& values);

}  // namespace vnpu::cli
