/* The hardware layer for silicon and emulators: volatile 32-bit loads and
 * stores at base + offset (contract: include/vnpu_hal.h). */
#include "include/vnpu_hal.h"

static uint32_t mmio_read32(void* context, uint32_t offset) {
  volatile const uint32_t* reg = (volatile const uint32_t*)((uintptr_t)context + offset);
  return *reg;
}

static void mmio_write32(void* context, uint32_t offset, uint32_t value) {
  volatile uint32_t* reg = (volatile uint32_t*)((uintptr_t)context + offset);
  *reg = value;
}

static const struct vnpu_hal_ops mmio_ops = {mmio_read32, mmio_write32};

struct vnpu_hal vnpu_hal_mmio(uintptr_t base_address) {
  struct vnpu_hal hal;
  hal.ops = &mmio_ops;
  hal.context = (void*)base_address;
  return hal;
}
