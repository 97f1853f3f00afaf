#include "driver/npu/firmware_hal.h"

#include <cstdint>

namespace vnpu::driver::npu {

vnpu_hal FirmwareHal::hal() {
  static const vnpu_hal_ops kOps = {&FirmwareHal::read32, &FirmwareHal::write32};
  return vnpu_hal{&kOps, this};
}

void FirmwareHal::map_at_own_address(const void* data, size_t bytes) {
  device_.map(reinterpret_cast<uintptr_t>(data), static_cast<uint8_t*>(const_cast<void*>(data)),
              bytes);
}

uint32_t FirmwareHal::read32(void* context, uint32_t offset) {
  return static_cast<FirmwareHal*>(context)->device_.read(offset);
}

void FirmwareHal::write32(void* context, uint32_t offset, uint32_t value) {
  auto* self = static_cast<FirmwareHal*>(context);
  self->device_.write(offset, value);
  const bool run = offset == VNPU_REG_CMD && (value & VNPU_CMD_RUN) != 0;
  if (run && self->device_.wait_for_irq() && self->driver_ != nullptr) {
    vnpu_irq_handler(self->driver_);
  }
}

}  // namespace vnpu::driver::npu
