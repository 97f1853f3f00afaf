// The functional NPU (driver/npu/functional_device.h) behind the C driver's
// hardware layer, for the host tests of the driver and of the firmware runner.
//
// The shim maps buffers at their own host addresses (the driver writes host
// pointers into QBASE and BASEPn) and, because the functional NPU runs the whole
// stream inside write(CMD.run), calls vnpu_irq_handler() right after that write
// when the device raised its IRQ.
#pragma once

#include "driver/npu/functional_device.h"
#include "firmware/driver/include/vnpu_driver.h"
#include "isa/accelerator_config.h"

namespace vnpu::firmware::testing {

struct FunctionalShim {
  explicit FunctionalShim(const isa::AcceleratorConfig& config) : device(config) {}
  vnpu_hal hal() {
    static const vnpu_hal_ops ops = {&read32, &write32};
    return vnpu_hal{&ops, this};
  }
  void map_at_own_address(const void* data, size_t bytes) {
    device.map(reinterpret_cast<uintptr_t>(data), static_cast<uint8_t*>(const_cast<void*>(data)),
               bytes);
  }
  static uint32_t read32(void* context, uint32_t offset) {
    return static_cast<FunctionalShim*>(context)->device.read(offset);
  }
  static void write32(void* context, uint32_t offset, uint32_t value) {
    auto* shim = static_cast<FunctionalShim*>(context);
    shim->device.write(offset, value);
    if (offset == VNPU_REG_CMD && (value & VNPU_CMD_RUN) != 0 && shim->device.wait_for_irq()) {
      vnpu_irq_handler(shim->driver);
    }
  }
  driver::npu::FunctionalDevice device;
  vnpu_driver* driver = nullptr;
};

}  // namespace vnpu::firmware::testing
