/* Register-level operations of the driver (private): every register access
 * of the driver goes through these functions and the hardware layer. */
#ifndef VNPU_DEVICE_H
#define VNPU_DEVICE_H

#include "include/vnpu_driver.h"

/* Polls of STATUS.reset_status before a soft reset counts as failed. */
#define VNPU_RESET_POLLS 100000u

uint32_t vnpu_device_read(const struct vnpu_driver* driver, uint32_t offset);
void vnpu_device_write(const struct vnpu_driver* driver, uint32_t offset, uint32_t value);

/* RESET into the driver's security/privilege levels, wait for reset_status
 * to clear, check PROT, program QCONFIG, REGIONCFG and AXI_LIMIT0..3. */
vnpu_status vnpu_device_soft_reset(const struct vnpu_driver* driver);
/* CMD clock_q_enable / power_q_enable both set (`gated`) or both clear. */
void vnpu_device_set_power_gating(const struct vnpu_driver* driver, bool gated);
/* QBASE, QBASE_HI, QSIZE, BASEP0..n-1, then CMD.run. */
void vnpu_device_run(const struct vnpu_driver* driver, const uint8_t* stream,
                     uint32_t stream_bytes);
/* CMD.clear_irq, then STATUS decoded into the run's result; `*status` = STATUS. */
vnpu_status vnpu_device_acknowledge_irq(const struct vnpu_driver* driver, uint32_t* status);

#endif /* VNPU_DEVICE_H */
