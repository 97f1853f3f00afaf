/*
 * The hardware layer: the only way the driver touches an NPU. A device is a
 * pair of 32-bit register accessors and an opaque context; the NPU's IRQ
 * comes back the other way, as a call of vnpu_irq_handler() (vnpu_driver.h).
 *
 * Contract (every implementation):
 *  - read32(context, offset) / write32(context, offset, value): one 32-bit
 *    access to the register at `offset` (vnpu_registers.h), 4-byte aligned,
 *    in program order, each access completed before the next one starts.
 *  - The IRQ: when the NPU raises its interrupt, the platform calls
 *    vnpu_irq_handler(driver) exactly once for that edge, from the interrupt
 *    vector on silicon and emulators, from the model's thread or from inside
 *    write32(CMD, run) for a simulated device. It may do so before write32
 *    returns.
 *  - Waiting: the driver waits for the IRQ only inside the OS hook
 *    vnpu_semaphore_take() (vnpu_driver.h). A simulated device that has to be
 *    advanced to make progress (a SystemC platform, the functional shim) does
 *    so from that hook, so the driver itself never polls a register while the
 *    NPU runs.
 *
 * Implementations: vnpu_hal_mmio (below; volatile loads and stores at a base
 * address, for silicon and emulators) and, in the tests, a recording fake
 * device (tests/firmware/driver/fake_device.h).
 */
#ifndef VNPU_HAL_H
#define VNPU_HAL_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct vnpu_hal_ops {
  uint32_t (*read32)(void* context, uint32_t offset);
  void (*write32)(void* context, uint32_t offset, uint32_t value);
};

struct vnpu_hal {
  const struct vnpu_hal_ops* ops;
  void* context;
};

/* A memory-mapped NPU whose registers start at `base_address`. */
struct vnpu_hal vnpu_hal_mmio(uintptr_t base_address);

#ifdef __cplusplus
}
#endif

#endif /* VNPU_HAL_H */
