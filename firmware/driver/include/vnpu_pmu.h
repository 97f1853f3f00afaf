/*
 * The NPU's performance monitoring unit (docs/timing_model.md §6): a 48-bit
 * cycle counter and VNPU_PMU_EVENT_COUNTERS event counters, each counting the
 * event its type register selects. Event codes and names are the Ethos-U55's
 * (ethos-u-facts.md §5.5), so tools that know them read ours.
 *
 * Use: vnpu_pmu_enable() (holds a power request, so a run's soft reset does
 * not lose the setup), vnpu_pmu_set_event_type() per counter,
 * vnpu_pmu_enable_counters(), vnpu_pmu_reset_counters(), invoke, read,
 * vnpu_pmu_disable(). Every function returns VNPU_ERROR_INVALID_ARGUMENT for
 * a counter index out of range.
 */
#ifndef VNPU_PMU_H
#define VNPU_PMU_H

#include <stdint.h>

#include "vnpu_driver.h"

#ifdef __cplusplus
extern "C" {
#endif

enum vnpu_pmu_event {
  VNPU_PMU_NO_EVENT = 0x00,
  VNPU_PMU_CYCLE = 0x11,
  VNPU_PMU_NPU_IDLE = 0x20,
  VNPU_PMU_CC_STALLED_ON_BLOCKDEP = 0x21,
  VNPU_PMU_NPU_ACTIVE = 0x23,
  VNPU_PMU_MAC_ACTIVE = 0x30,
  VNPU_PMU_MAC_STALLED_BY_WD = 0x35,
  VNPU_PMU_MAC_STALLED_BY_ACC = 0x36,
  VNPU_PMU_MAC_STALLED_BY_IB = 0x37,
  VNPU_PMU_AO_ACTIVE = 0x40,
  VNPU_PMU_AO_STALLED_BY_OB = 0x45,
  VNPU_PMU_AO_STALLED_BY_ACC = 0x47,
  VNPU_PMU_AO_STALLED_BY_IB = 0x48,
  VNPU_PMU_WD_ACTIVE = 0x50,
  VNPU_PMU_WD_STALLED = 0x51,
  VNPU_PMU_WD_STALLED_BY_WS = 0x52,
  VNPU_PMU_WD_STALLED_BY_WD_BUF = 0x53,
  VNPU_PMU_AXI0_RD_TRANS_ACCEPTED = 0x80,
  VNPU_PMU_AXI0_RD_TRANS_COMPLETED = 0x81,
  VNPU_PMU_AXI0_RD_DATA_BEAT_RECEIVED = 0x82,
  VNPU_PMU_AXI0_RD_TRAN_REQ_STALLED = 0x83,
  VNPU_PMU_AXI0_WR_TRANS_ACCEPTED = 0x84,
  VNPU_PMU_AXI0_WR_TRANS_COMPLETED_M = 0x85,
  VNPU_PMU_AXI0_WR_DATA_BEAT_WRITTEN = 0x87,
  VNPU_PMU_AXI0_WR_TRAN_REQ_STALLED = 0x88,
  VNPU_PMU_AXI0_RD_STALL_LIMIT = 0x8E,
  VNPU_PMU_AXI0_WR_STALL_LIMIT = 0x8F,
  VNPU_PMU_AXI1_RD_TRANS_ACCEPTED = 0x180,
  VNPU_PMU_AXI1_RD_TRANS_COMPLETED = 0x181,
  VNPU_PMU_AXI1_RD_DATA_BEAT_RECEIVED = 0x182,
  VNPU_PMU_AXI1_RD_TRAN_REQ_STALLED = 0x183,
  VNPU_PMU_AXI1_WR_TRANS_ACCEPTED = 0x184,
  VNPU_PMU_AXI1_WR_TRANS_COMPLETED_M = 0x185,
  VNPU_PMU_AXI1_WR_DATA_BEAT_WRITTEN = 0x187,
  VNPU_PMU_AXI1_WR_TRAN_REQ_STALLED = 0x188,
  VNPU_PMU_AXI1_RD_STALL_LIMIT = 0x18E,
  VNPU_PMU_AXI1_WR_STALL_LIMIT = 0x18F
};

/* "MAC_ACTIVE", ...; NULL for a code not listed above. */
const char* vnpu_pmu_event_name(enum vnpu_pmu_event event);

/* PMCR.cnt_en on (with a power request) / off (releasing it). */
vnpu_status vnpu_pmu_enable(struct vnpu_driver* driver);
vnpu_status vnpu_pmu_disable(struct vnpu_driver* driver);

vnpu_status vnpu_pmu_set_event_type(struct vnpu_driver* driver, uint32_t counter,
                                    enum vnpu_pmu_event event);
vnpu_status vnpu_pmu_get_event_type(struct vnpu_driver* driver, uint32_t counter,
                                    enum vnpu_pmu_event* event);

/* Bit i: event counter i; VNPU_PMCNTEN_CYCLE_COUNTER: the cycle counter. */
vnpu_status vnpu_pmu_enable_counters(struct vnpu_driver* driver, uint32_t mask);
vnpu_status vnpu_pmu_disable_counters(struct vnpu_driver* driver, uint32_t mask);

/* Zeroes every event counter and the cycle counter (PMCR reset bits). */
vnpu_status vnpu_pmu_reset_counters(struct vnpu_driver* driver);

/* The 48-bit cycle counter, read so that a carry between the two halves is
 * never torn. */
vnpu_status vnpu_pmu_read_cycle_counter(struct vnpu_driver* driver, uint64_t* cycles);
vnpu_status vnpu_pmu_read_event_counter(struct vnpu_driver* driver, uint32_t counter,
                                        uint32_t* value);

#ifdef __cplusplus
}
#endif

#endif /* VNPU_PMU_H */
