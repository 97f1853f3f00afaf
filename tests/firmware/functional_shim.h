// The functional NPU (driver/npu/functional_device.h) behind the C driver's
// hardware layer (driver/npu/firmware_hal.h), for the host tests of the driver
// and of the firmware runner.
#pragma once

#include "driver/npu/firmware_hal.h"
#include "driver/npu/functional_device.h"
#include "firmware/driver/include/vnpu_driver.h"
#include "isa/accelerator_config.h"

namespace vnpu::firmware::testing {

struct FunctionalShim {
  explicit FunctionalShim(const isa::AcceleratorConfig& config) : device(config), adapter(device) {}
  vnpu_hal hal() { return adapter.hal(); }
  void attach(vnpu_driver* driver) { adapter.attach(driver); }
  void map_at_own_address(const void* data, size_t bytes) {
    adapter.map_at_own_address(data, bytes);
  }
  driver::npu::FunctionalDevice device;
  driver::npu::FirmwareHal adapter;
};

}  // namespace vnpu::firmware::testing
