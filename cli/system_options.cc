#include "cli/system_options.h"

#include <string>
#include <utility>

namespace vnpu::cli {

void add_system_options(po::options_description& options) {
  options.add_options()("config", po::value<std::string>(),
                        "Vela-format INI file with system configs and memory modes (default: the "
                        "built-in configs/vela.ini)")(
      "system-config", po::value<std::string>()->default_value(perf::kDefaultSystemConfig),
      "[System_Config.NAME] to use")(
      "memory-mode", po::value<std::string>()->default_value(perf::kDefaultMemoryMode),
      "[Memory_Mode.NAME] to use");
}

Expected<SystemSelection> resolve_system_options(const po::variables_map& values) {
  perf::VelaIni ini = perf::builtin_vela_ini();
  if (values.count("config") != 0) {
    Expected<perf::VelaIni> loaded = perf::load_vela_ini(values["config"].as<std::string>());
    if (!loaded) return loaded.status();
    ini = std::move(*loaded);
  }
  Expected<perf::SystemConfig> system =
      ini.find_system_config(values["system-config"].as<std::string>());
  if (!system) return system.status();
  Expected<perf::MemoryMode> mode = ini.find_memory_mode(values["memory-mode"].as<std::string>());
  if (!mode) return mode.status();
  return SystemSelection{std::move(*system), std::move(*mode)};
}

}  // namespace vnpu::cli
