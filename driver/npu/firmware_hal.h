// FirmwareHal: the C firmware driver's hardware layer (firmware/driver's
// vnpu_hal) over any NpuDevice, so that the code an MCU would run drives the
// functional NPU or the timed SystemC platform on the host.
//
// Each read32/write32 of the C driver is one NpuDevice::read/write (on the
// SystemC device, one transaction on the platform's TLM register port). The
// device advances inside write32(CMD, run): it runs until its IRQ and, when it
// raised one, calls vnpu_irq_handler() of the attached driver before write32
// returns, as vnpu_hal.h allows a simulated device to do. Buffers the C driver
// points the NPU at (BASEPn and QBASE hold host addresses) must be mapped at
// their own address first (map_at_own_address).
#pragma once

#include <cstddef>

#include "driver/npu/npu_device.h"
#include "firmware/driver/include/vnpu_driver.h"

namespace vnpu::driver::npu {

class FirmwareHal {
 public:
  explicit FirmwareHal(NpuDevice& device) : device_(device) {}
  FirmwareHal(const FirmwareHal&) = delete;
  FirmwareHal& operator=(const FirmwareHal&) = delete;

  // The vnpu_hal to give vnpu_init(); valid while this object lives.
  vnpu_hal hal();
  // The driver whose vnpu_irq_handler() the IRQ calls (set after vnpu_init).
  void attach(vnpu_driver* driver) { driver_ = driver; }
  // Makes `bytes` at `data` visible to the NPU at the address `data` itself.
  void map_at_own_address(const void* data, size_t bytes);

  NpuDevice& device() { return device_; }

 private:
  static uint32_t read32(void* context, uint32_t offset);
  static void write32(void* context, uint32_t offset, uint32_t value);

  NpuDevice& device_;
  vnpu_driver* driver_ = nullptr;
};

}  // namespace vnpu::driver::npu
