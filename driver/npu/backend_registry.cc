#include "driver/npu/backend_registry.h"

#include <algorithm>
#include <utility>

#include "driver/npu/functional_backend.h"
#include "isa/accelerator_config.h"

namespace vnpu::driver::npu {
namespace {

class CpuSession final : public NpuSession {
 public:
  cpu::NpuPrepare npu_prepare() const override { return {}; }
  std::string summary() const override { return ""; }
};

class FunctionalSession final : public NpuSession {
 public:
  explicit FunctionalSession(const isa::AcceleratorConfig& config) : config_(config) {}
  cpu::NpuPrepare npu_prepare() const override { return functional_npu_prepare(config_); }
  std::string summary() const override { return std::string("functional NPU, ") + config_.name; }

 private:
  isa::AcceleratorConfig config_;
};

}  // namespace

void BackendRegistry::add(BackendInfo info) { backends_.push_back(std::move(info)); }

const BackendInfo* BackendRegistry::find(const std::string& name) const {
  for (const BackendInfo& info : backends_) {
    if (info.name == name) return &info;
  }
  return nullptr;
}

std::string BackendRegistry::names() const {
  std::string names;
  for (const BackendInfo& info : backends_) names += (names.empty() ? "" : ", ") + info.name;
  return names;
}

std::string BackendRegistry::accepting(const std::string& option) const {
  std::string names;
  for (const BackendInfo& info : backends_) {
    if (std::find(info.options.begin(), info.options.end(), option) == info.options.end()) continue;
    names += (names.empty() ? "" : " or ") + info.name;
  }
  return names;
}

void register_cpu_backend(BackendRegistry& registry) {
  registry.add({"cpu", "every operator on the CPU kernels", {},
                [](const BackendChoice&) -> Expected<std::unique_ptr<NpuSession>> {
                  return std::unique_ptr<NpuSession>(std::make_unique<CpuSession>());
                }});
}

void register_functional_backend(BackendRegistry& registry) {
  registry.add({"functional", "ethos-u ops on the functional NPU model, the rest on the CPU", {},
                [](const BackendChoice& choice) -> Expected<std::unique_ptr<NpuSession>> {
                  auto config = isa::find_accelerator_config(choice.accelerator_config);
                  if (!config) return config.status();
                  return std::unique_ptr<NpuSession>(std::make_unique<FunctionalSession>(*config));
                }});
}

}  // namespace vnpu::driver::npu
