/* The PMU (include/vnpu_pmu.h). */
#include "device.h"
#include "include/vnpu_pmu.h"

#define PMCCNTR_HI_MASK 0xFFFFu

struct event_name {
  enum vnpu_pmu_event event;
  const char* name;
};

static const struct event_name event_names[] = {
    {VNPU_PMU_NO_EVENT, "NO_EVENT"},
    {VNPU_PMU_CYCLE, "CYCLE"},
    {VNPU_PMU_NPU_IDLE, "NPU_IDLE"},
    {VNPU_PMU_CC_STALLED_ON_BLOCKDEP, "CC_STALLED_ON_BLOCKDEP"},
    {VNPU_PMU_NPU_ACTIVE, "NPU_ACTIVE"},
    {VNPU_PMU_MAC_ACTIVE, "MAC_ACTIVE"},
    {VNPU_PMU_MAC_STALLED_BY_WD, "MAC_STALLED_BY_WD"},
    {VNPU_PMU_MAC_STALLED_BY_ACC, "MAC_STALLED_BY_ACC"},
    {VNPU_PMU_MAC_STALLED_BY_IB, "MAC_STALLED_BY_IB"},
    {VNPU_PMU_AO_ACTIVE, "AO_ACTIVE"},
    {VNPU_PMU_AO_STALLED_BY_OB, "AO_STALLED_BY_OB"},
    {VNPU_PMU_AO_STALLED_BY_ACC, "AO_STALLED_BY_ACC"},
    {VNPU_PMU_AO_STALLED_BY_IB, "AO_STALLED_BY_IB"},
    {VNPU_PMU_WD_ACTIVE, "WD_ACTIVE"},
    {VNPU_PMU_WD_STALLED, "WD_STALLED"},
    {VNPU_PMU_WD_STALLED_BY_WS, "WD_STALLED_BY_WS"},
    {VNPU_PMU_WD_STALLED_BY_WD_BUF, "WD_STALLED_BY_WD_BUF"},
    {VNPU_PMU_AXI0_RD_TRANS_ACCEPTED, "AXI0_RD_TRANS_ACCEPTED"},
    {VNPU_PMU_AXI0_RD_TRANS_COMPLETED, "AXI0_RD_TRANS_COMPLETED"},
    {VNPU_PMU_AXI0_RD_DATA_BEAT_RECEIVED, "AXI0_RD_DATA_BEAT_RECEIVED"},
    {VNPU_PMU_AXI0_RD_TRAN_REQ_STALLED, "AXI0_RD_TRAN_REQ_STALLED"},
    {VNPU_PMU_AXI0_WR_TRANS_ACCEPTED, "AXI0_WR_TRANS_ACCEPTED"},
    {VNPU_PMU_AXI0_WR_TRANS_COMPLETED_M, "AXI0_WR_TRANS_COMPLETED_M"},
    {VNPU_PMU_AXI0_WR_DATA_BEAT_WRITTEN, "AXI0_WR_DATA_BEAT_WRITTEN"},
    {VNPU_PMU_AXI0_WR_TRAN_REQ_STALLED, "AXI0_WR_TRAN_REQ_STALLED"},
    {VNPU_PMU_AXI0_RD_STALL_LIMIT, "AXI0_RD_STALL_LIMIT"},
    {VNPU_PMU_AXI0_WR_STALL_LIMIT, "AXI0_WR_STALL_LIMIT"},
    {VNPU_PMU_AXI1_RD_TRANS_ACCEPTED, "AXI1_RD_TRANS_ACCEPTED"},
    {VNPU_PMU_AXI1_RD_TRANS_COMPLETED, "AXI1_RD_TRANS_COMPLETED"},
    {VNPU_PMU_AXI1_RD_DATA_BEAT_RECEIVED, "AXI1_RD_DATA_BEAT_RECEIVED"},
    {VNPU_PMU_AXI1_RD_TRAN_REQ_STALLED, "AXI1_RD_TRAN_REQ_STALLED"},
    {VNPU_PMU_AXI1_WR_TRANS_ACCEPTED, "AXI1_WR_TRANS_ACCEPTED"},
    {VNPU_PMU_AXI1_WR_TRANS_COMPLETED_M, "AXI1_WR_TRANS_COMPLETED_M"},
    {VNPU_PMU_AXI1_WR_DATA_BEAT_WRITTEN, "AXI1_WR_DATA_BEAT_WRITTEN"},
    {VNPU_PMU_AXI1_WR_TRAN_REQ_STALLED, "AXI1_WR_TRAN_REQ_STALLED"},
    {VNPU_PMU_AXI1_RD_STALL_LIMIT, "AXI1_RD_STALL_LIMIT"},
    {VNPU_PMU_AXI1_WR_STALL_LIMIT, "AXI1_WR_STALL_LIMIT"},
};

const char* vnpu_pmu_event_name(enum vnpu_pmu_event event) {
  for (size_t i = 0; i < sizeof(event_names) / sizeof(event_names[0]); ++i) {
    if (event_names[i].event == event) return event_names[i].name;
  }
  return NULL;
}

static bool usable(const struct vnpu_driver* driver) {
  return driver != NULL && driver->initialized;
}

static void update_pmcr(struct vnpu_driver* driver, uint32_t set, uint32_t clear) {
  const uint32_t pmcr = vnpu_device_read(driver, VNPU_REG_PMCR);
  vnpu_device_write(driver, VNPU_REG_PMCR, (pmcr & ~clear) | set);
}

vnpu_status vnpu_pmu_enable(struct vnpu_driver* driver) {
  if (!usable(driver)) return VNPU_ERROR_INVALID_ARGUMENT;
  const vnpu_status power = vnpu_request_power(driver);
  if (power != VNPU_OK) return power;
  update_pmcr(driver, VNPU_PMCR_CNT_EN, 0);
  return VNPU_OK;
}

vnpu_status vnpu_pmu_disable(struct vnpu_driver* driver) {
  if (!usable(driver) || driver->power_requests == 0) return VNPU_ERROR_INVALID_ARGUMENT;
  update_pmcr(driver, 0, VNPU_PMCR_CNT_EN);
  return vnpu_release_power(driver);
}

vnpu_status vnpu_pmu_set_event_type(struct vnpu_driver* driver, uint32_t counter,
                                    enum vnpu_pmu_event event) {
  if (!usable(driver) || counter >= VNPU_PMU_EVENT_COUNTERS) return VNPU_ERROR_INVALID_ARGUMENT;
  if (vnpu_pmu_event_name(event) == NULL) return VNPU_ERROR_INVALID_ARGUMENT;
  vnpu_device_write(driver, VNPU_REG_PMEVTYPER0 + 4 * counter, (uint32_t)event);
  return VNPU_OK;
}

vnpu_status vnpu_pmu_get_event_type(struct vnpu_driver* driver, uint32_t counter,
                                    enum vnpu_pmu_event* event) {
  if (!usable(driver) || event == NULL || counter >= VNPU_PMU_EVENT_COUNTERS) {
    return VNPU_ERROR_INVALID_ARGUMENT;
  }
  *event =
      (enum vnpu_pmu_event)(vnpu_device_read(driver, VNPU_REG_PMEVTYPER0 + 4 * counter) & 0x3FFu);
  return VNPU_OK;
}

static bool valid_counter_mask(uint32_t mask) {
  const uint32_t all = VNPU_PMCNTEN_CYCLE_COUNTER | ((1u << VNPU_PMU_EVENT_COUNTERS) - 1u);
  return (mask & ~all) == 0;
}

vnpu_status vnpu_pmu_enable_counters(struct vnpu_driver* driver, uint32_t mask) {
  if (!usable(driver) || !valid_counter_mask(mask)) return VNPU_ERROR_INVALID_ARGUMENT;
  vnpu_device_write(driver, VNPU_REG_PMCNTENSET, mask);
  return VNPU_OK;
}

vnpu_status vnpu_pmu_disable_counters(struct vnpu_driver* driver, uint32_t mask) {
  if (!usable(driver) || !valid_counter_mask(mask)) return VNPU_ERROR_INVALID_ARGUMENT;
  vnpu_device_write(driver, VNPU_REG_PMCNTENCLR, mask);
  return VNPU_OK;
}

vnpu_status vnpu_pmu_reset_counters(struct vnpu_driver* driver) {
  if (!usable(driver)) return VNPU_ERROR_INVALID_ARGUMENT;
  update_pmcr(driver, VNPU_PMCR_EVENT_CNT_RST | VNPU_PMCR_CYCLE_CNT_RST, 0);
  return VNPU_OK;
}

vnpu_status vnpu_pmu_read_cycle_counter(struct vnpu_driver* driver, uint64_t* cycles) {
  if (!usable(driver) || cycles == NULL) return VNPU_ERROR_INVALID_ARGUMENT;
  uint32_t high = vnpu_device_read(driver, VNPU_REG_PMCCNTR_HI) & PMCCNTR_HI_MASK;
  uint32_t low;
  for (;;) {
    low = vnpu_device_read(driver, VNPU_REG_PMCCNTR_LO);
    const uint32_t again = vnpu_device_read(driver, VNPU_REG_PMCCNTR_HI) & PMCCNTR_HI_MASK;
    if (again == high) break;
    high = again; /* the low half wrapped between the reads */
  }
  *cycles = (uint64_t)high << 32 | low;
  return VNPU_OK;
}

vnpu_status vnpu_pmu_read_event_counter(struct vnpu_driver* driver, uint32_t counter,
                                        uint32_t* value) {
  if (!usable(driver) || value == NULL || counter >= VNPU_PMU_EVENT_COUNTERS) {
    return VNPU_ERROR_INVALID_ARGUMENT;
  }
  *value = vnpu_device_read(driver, VNPU_REG_PMEVCNTR0 + 4 * counter);
  return VNPU_OK;
}
