#include "isa/accelerator_config.h"

namespace vnpu::isa {

uint32_t AcceleratorConfig::config_register() const {
  uint32_t log2_macs = 0;
  while ((1 << (log2_macs + 1)) <= macs_per_cycle) ++log2_macs;
  return log2_macs | (static_cast<uint32_t>(shram_kb) << 8);
}

const std::vector<AcceleratorConfig>& accelerator_configs() {
  static const std::vector<AcceleratorConfig> kConfigs = {
      {"ethos-u55-32", 32, {1, 1, 4}, {1, 1, 8}, 16, 1, 8},
      {"ethos-u55-64", 64, {1, 1, 8}, {1, 1, 8}, 16, 2, 8},
      {"ethos-u55-128", 128, {2, 1, 8}, {2, 1, 8}, 24, 4, 8},
      {"ethos-u55-256", 256, {2, 2, 8}, {2, 2, 8}, 48, 8, 8},
  };
  return kConfigs;
}

Expected<AcceleratorConfig> find_accelerator_config(const std::string& name) {
  std::string names;
  for (const AcceleratorConfig& config : accelerator_configs()) {
    if (name == config.name) return config;
    names += names.empty() ? "" : ", ";
    names += config.name;
  }
  return Status::invalid_input("unknown accelerator configuration '" + name + "' (valid: " +
                               names + ")");
}

}  // namespace vnpu::isa
