#include "sim/systemc/datapath.h"

#include "sim/functional/execute_operation.h"

namespace vnpu::sim::systemc {

Datapath::Datapath(const isa::AcceleratorConfig& config) { configure(config); }

void Datapath::configure(const isa::AcceleratorConfig& config) {
  config_ = config;
  shram_.assign(static_cast<size_t>(config.shram_kb) * 1024, 0);
}

ExecResult Datapath::execute(const isa::Operation& op) {
  NpuMemory memory;
  memory.regions = &regions_;
  memory.shram = &shram_;
  memory.weight_cache = &weight_cache_;
  memory.work_limit = FunctionalNpu::kDefaultWorkLimit;
  if (executor_) return executor_(op, memory, config_);
  return execute_operation(op, memory, config_);
}

}  // namespace vnpu::sim::systemc
