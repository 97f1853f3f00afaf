/* Register-level operations (device.h). */
#include "device.h"

uint32_t vnpu_device_read(const struct vnpu_driver* driver, uint32_t offset) {
  return driver->hal.ops->read32(driver->hal.context, offset);
}

void vnpu_device_write(const struct vnpu_driver* driver, uint32_t offset, uint32_t value) {
  driver->hal.ops->write32(driver->hal.context, offset, value);
}

static void program_axi(const struct vnpu_driver* driver) {
  vnpu_device_write(driver, VNPU_REG_QCONFIG, VNPU_DEFAULT_QCONFIG);
  vnpu_device_write(driver, VNPU_REG_REGIONCFG, VNPU_DEFAULT_REGIONCFG);
  for (uint32_t i = 0; i < 4; ++i) {
    vnpu_device_write(driver, VNPU_REG_AXI_LIMIT0 + 4 * i, VNPU_DEFAULT_AXI_LIMIT);
  }
}

vnpu_status vnpu_device_soft_reset(const struct vnpu_driver* driver) {
  const uint32_t levels = (driver->privileged ? VNPU_RESET_PENDING_CPL_PRIVILEGED : 0u) |
                          (driver->secure ? VNPU_RESET_PENDING_CSL_SECURE : 0u);
  vnpu_device_write(driver, VNPU_REG_RESET, levels);
  uint32_t polls = 0;
  while ((vnpu_device_read(driver, VNPU_REG_STATUS) & VNPU_STATUS_RESET_STATUS) != 0) {
    if (++polls == VNPU_RESET_POLLS) return VNPU_ERROR_RESET_FAILED;
  }
  const uint32_t active = vnpu_device_read(driver, VNPU_REG_PROT) &
                          (VNPU_PROT_ACTIVE_CPL_PRIVILEGED | VNPU_PROT_ACTIVE_CSL_SECURE);
  if (active != levels) return VNPU_ERROR_RESET_FAILED;
  program_axi(driver);
  return VNPU_OK;
}

void vnpu_device_set_power_gating(const struct vnpu_driver* driver, bool gated) {
  const uint32_t cmd = vnpu_device_read(driver, VNPU_REG_CMD) & VNPU_CMD_POWER_CLOCK_MASK;
  vnpu_device_write(driver, VNPU_REG_CMD,
                    gated ? (cmd | VNPU_CMD_POWER_CLOCK_MASK) : (cmd & ~VNPU_CMD_POWER_CLOCK_MASK));
}

static void write64(const struct vnpu_driver* driver, uint32_t offset, uint64_t value) {
  vnpu_device_write(driver, offset, (uint32_t)value);
  vnpu_device_write(driver, offset + 4, (uint32_t)(value >> 32));
}

void vnpu_device_run(const struct vnpu_driver* driver, const uint8_t* stream,
                     uint32_t stream_bytes) {
  write64(driver, VNPU_REG_QBASE, (uint64_t)(uintptr_t)stream);
  vnpu_device_write(driver, VNPU_REG_QSIZE, stream_bytes);
  for (int i = 0; i < driver->job.num_base_addr; ++i) {
    write64(driver, VNPU_REG_BASEP0 + 8u * (uint32_t)i, driver->job.base_addr[i]);
  }
  const uint32_t cmd = vnpu_device_read(driver, VNPU_REG_CMD) & VNPU_CMD_POWER_CLOCK_MASK;
  vnpu_device_write(driver, VNPU_REG_CMD, cmd | VNPU_CMD_RUN);
}

/* The first fault bit of STATUS, in the order a user would look for them. */
static vnpu_status decode_status(uint32_t status) {
  if ((status & VNPU_STATUS_CMD_PARSE_ERROR) != 0) return VNPU_ERROR_CMD_PARSE;
  if ((status & VNPU_STATUS_BUS_ERROR) != 0) return VNPU_ERROR_BUS;
  if ((status & VNPU_STATUS_WD_FAULT) != 0) return VNPU_ERROR_WD_FAULT;
  if ((status & VNPU_STATUS_ECC_FAULT) != 0) return VNPU_ERROR_ECC_FAULT;
  if ((status & VNPU_STATUS_CMD_END_REACHED) == 0) return VNPU_ERROR_NO_STOP;
  return VNPU_OK;
}

vnpu_status vnpu_device_acknowledge_irq(const struct vnpu_driver* driver, uint32_t* status) {
  const uint32_t cmd = vnpu_device_read(driver, VNPU_REG_CMD) & VNPU_CMD_POWER_CLOCK_MASK;
  vnpu_device_write(driver, VNPU_REG_CMD, cmd | VNPU_CMD_CLEAR_IRQ);
  *status = vnpu_device_read(driver, VNPU_REG_STATUS);
  return decode_status(*status);
}
