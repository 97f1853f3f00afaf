#include "driver/npu/systemc_device.h"

#include <utility>

#include "isa/npu_registers.h"
#include "sim/systemc/platform.h"

namespace vnpu::driver::npu {

SystemcDevice::SystemcDevice(const sim::systemc::TimedSystem& system, bool trace,
                             sim::systemc::OperationExecutor executor)
    : system_(system), trace_(trace), executor_(std::move(executor)) {}

uint32_t SystemcDevice::read(uint32_t offset) {
  // The platform takes this device's system at CMD.run; until then it may hold
  // another device's, so CONFIG is answered from this device's accelerator.
  if (offset == isa::reg::kConfig) return system_.accelerator.config_register();
  return sim::systemc::Platform::get().read(offset);
}

void SystemcDevice::write(uint32_t offset, uint32_t value) {
  sim::systemc::Platform& platform = sim::systemc::Platform::get();
  if (offset == isa::reg::kCmd && (value & isa::reg::kCmdRun) != 0) {
    platform.npu().configure(system_);
    platform.npu().set_tracing(trace_);
    platform.npu().set_executor(executor_);
  }
  platform.write(offset, value);
}

void SystemcDevice::map(uint64_t address, uint8_t* data, uint64_t size) {
  sim::systemc::Platform::get().npu().memory_map().map(address, data, size);
}

void SystemcDevice::unmap_all() { sim::systemc::Platform::get().npu().memory_map().clear(); }

bool SystemcDevice::wait_for_irq() { return sim::systemc::Platform::get().run_until_irq(); }

std::string SystemcDevice::fault_detail() const { return last_run().message; }

const sim::systemc::RunRecord& SystemcDevice::last_run() const {
  return sim::systemc::Platform::get().npu().last_run();
}

}  // namespace vnpu::driver::npu
