// The PMU API against the recording fake NPU: which registers each call
// touches, range checks, a 48-bit cycle counter read that is never torn, and
// the event codes and names against the timed model's (sim/systemc/pmu.h).
#include "sim/systemc/pmu.h"

#include <gtest/gtest.h>

#include "firmware/driver/include/vnpu_pmu.h"
#include "tests/firmware/driver/test_support.h"

namespace vnpu::firmware::test {
namespace {

TEST(FirmwarePmu, EnableHoldsPowerAndSetsCntEn) {
  DriverOnFake fake;
  ASSERT_EQ(vnpu_pmu_enable(&fake.driver), VNPU_OK);
  EXPECT_EQ(fake.driver.power_requests, 1u);
  EXPECT_EQ(fake.npu.register_value(VNPU_REG_PMCR), VNPU_PMCR_CNT_EN);
  EXPECT_EQ(fake.npu.register_value(VNPU_REG_CMD) & VNPU_CMD_POWER_CLOCK_MASK, 0u);  // ungated

  // An invoke in between keeps the PMU powered: no soft reset inside it.
  AlignedBytes payload(test_payload());
  Regions regions;
  fake.npu.clear_log();
  ASSERT_EQ(vnpu_invoke(&fake.driver, payload.data(), payload.size(), regions.addresses,
                        regions.sizes, 3, nullptr),
            VNPU_OK);
  for (const Event& event : fake.npu.log()) EXPECT_NE(event.address, VNPU_REG_RESET);
  EXPECT_EQ(fake.npu.register_value(VNPU_REG_CMD) & VNPU_CMD_POWER_CLOCK_MASK, 0u);

  ASSERT_EQ(vnpu_pmu_disable(&fake.driver), VNPU_OK);
  EXPECT_EQ(fake.driver.power_requests, 0u);
  EXPECT_EQ(fake.npu.register_value(VNPU_REG_PMCR), 0u);
  EXPECT_EQ(fake.npu.register_value(VNPU_REG_CMD) & VNPU_CMD_POWER_CLOCK_MASK,
            VNPU_CMD_POWER_CLOCK_MASK);
  EXPECT_EQ(vnpu_pmu_disable(&fake.driver), VNPU_ERROR_INVALID_ARGUMENT);
}

TEST(FirmwarePmu, EventTypesCountersAndReset) {
  DriverOnFake fake;
  ASSERT_EQ(vnpu_pmu_enable(&fake.driver), VNPU_OK);
  const vnpu_pmu_event events[4] = {VNPU_PMU_MAC_ACTIVE, VNPU_PMU_AO_ACTIVE,
                                    VNPU_PMU_AXI0_RD_DATA_BEAT_RECEIVED,
                                    VNPU_PMU_AXI1_WR_DATA_BEAT_WRITTEN};
  for (uint32_t i = 0; i < 4; ++i) {
    ASSERT_EQ(vnpu_pmu_set_event_type(&fake.driver, i, events[i]), VNPU_OK);
    EXPECT_EQ(fake.npu.register_value(VNPU_REG_PMEVTYPER0 + 4 * i),
              static_cast<uint32_t>(events[i]));
    vnpu_pmu_event read_back = VNPU_PMU_NO_EVENT;
    ASSERT_EQ(vnpu_pmu_get_event_type(&fake.driver, i, &read_back), VNPU_OK);
    EXPECT_EQ(read_back, events[i]);
  }
  ASSERT_EQ(vnpu_pmu_enable_counters(&fake.driver, VNPU_PMCNTEN_CYCLE_COUNTER | 0x5u), VNPU_OK);
  ASSERT_EQ(vnpu_pmu_disable_counters(&fake.driver, 0x4u), VNPU_OK);
  const std::vector<Event> log = fake.npu.log();
  ASSERT_GE(log.size(), 2u);
  EXPECT_EQ(log[log.size() - 2],
            (Event{Event::kWrite, VNPU_REG_PMCNTENSET, VNPU_PMCNTEN_CYCLE_COUNTER | 0x5u}));
  EXPECT_EQ(log.back(), (Event{Event::kWrite, VNPU_REG_PMCNTENCLR, 0x4u}));

  fake.npu.event_counts = {11, 22, 33, 44};
  fake.npu.cycles = 0x123456789ABCull;
  for (uint32_t i = 0; i < 4; ++i) {
    uint32_t value = 0;
    ASSERT_EQ(vnpu_pmu_read_event_counter(&fake.driver, i, &value), VNPU_OK);
    EXPECT_EQ(value, 11u * (i + 1));
  }
  uint64_t cycles = 0;
  ASSERT_EQ(vnpu_pmu_read_cycle_counter(&fake.driver, &cycles), VNPU_OK);
  EXPECT_EQ(cycles, 0x123456789ABCull);

  fake.npu.clear_log();
  ASSERT_EQ(vnpu_pmu_reset_counters(&fake.driver), VNPU_OK);
  EXPECT_EQ(to_string(fake.npu.log()),
            to_string({{Event::kRead, VNPU_REG_PMCR, VNPU_PMCR_CNT_EN},
                       {Event::kWrite, VNPU_REG_PMCR,
                        VNPU_PMCR_CNT_EN | VNPU_PMCR_EVENT_CNT_RST | VNPU_PMCR_CYCLE_CNT_RST}}));
  ASSERT_EQ(vnpu_pmu_read_cycle_counter(&fake.driver, &cycles), VNPU_OK);
  EXPECT_EQ(cycles, 0u);
}

TEST(FirmwarePmu, CycleCounterReadIsNotTornByACarry) {
  DriverOnFake fake;
  fake.npu.cycles = 0x1FFFFFFF8ull;     // the low half is about to wrap
  fake.npu.cycles_per_low_read = 0x10;  // the NPU counts on between the reads
  uint64_t cycles = 0;
  ASSERT_EQ(vnpu_pmu_read_cycle_counter(&fake.driver, &cycles), VNPU_OK);
  // Read hi 1, lo 0xFFFFFFF8, hi 2 (carried): read again, lo 0x08, hi 2.
  EXPECT_EQ(cycles, 0x200000008ull);
}

TEST(FirmwarePmu, OutOfRangeArgumentsTouchNoRegister) {
  DriverOnFake fake;
  fake.npu.clear_log();
  uint32_t value = 0;
  vnpu_pmu_event event = VNPU_PMU_NO_EVENT;
  EXPECT_EQ(vnpu_pmu_set_event_type(&fake.driver, VNPU_PMU_EVENT_COUNTERS, VNPU_PMU_CYCLE),
            VNPU_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(vnpu_pmu_set_event_type(&fake.driver, 0, static_cast<vnpu_pmu_event>(0x99)),
            VNPU_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(vnpu_pmu_get_event_type(&fake.driver, 4, &event), VNPU_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(vnpu_pmu_read_event_counter(&fake.driver, 4, &value), VNPU_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(vnpu_pmu_read_event_counter(&fake.driver, 0, nullptr), VNPU_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(vnpu_pmu_enable_counters(&fake.driver, 1u << 4), VNPU_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(vnpu_pmu_read_cycle_counter(&fake.driver, nullptr), VNPU_ERROR_INVALID_ARGUMENT);
  EXPECT_TRUE(fake.npu.log().empty()) << to_string(fake.npu.log());
}

TEST(FirmwarePmu, EventCodesAndNamesAreTheTimedModels) {
  namespace systemc = vnpu::sim::systemc;
  const std::pair<vnpu_pmu_event, uint16_t> shared[] = {
      {VNPU_PMU_CYCLE, systemc::kPmuCycle},
      {VNPU_PMU_NPU_IDLE, systemc::kPmuNpuIdle},
      {VNPU_PMU_CC_STALLED_ON_BLOCKDEP, systemc::kPmuCcStalledOnBlockdep},
      {VNPU_PMU_NPU_ACTIVE, systemc::kPmuNpuActive},
      {VNPU_PMU_MAC_ACTIVE, systemc::kPmuMacActive},
      {VNPU_PMU_MAC_STALLED_BY_WD, systemc::kPmuMacStalledByWd},
      {VNPU_PMU_MAC_STALLED_BY_ACC, systemc::kPmuMacStalledByAcc},
      {VNPU_PMU_MAC_STALLED_BY_IB, systemc::kPmuMacStalledByIb},
      {VNPU_PMU_AO_ACTIVE, systemc::kPmuAoActive},
      {VNPU_PMU_AO_STALLED_BY_OB, systemc::kPmuAoStalledByOb},
      {VNPU_PMU_AO_STALLED_BY_ACC, systemc::kPmuAoStalledByAcc},
      {VNPU_PMU_AO_STALLED_BY_IB, systemc::kPmuAoStalledByIb},
      {VNPU_PMU_WD_ACTIVE, systemc::kPmuWdActive},
      {VNPU_PMU_WD_STALLED, systemc::kPmuWdStalled},
      {VNPU_PMU_WD_STALLED_BY_WS, systemc::kPmuWdStalledByWs},
      {VNPU_PMU_WD_STALLED_BY_WD_BUF, systemc::kPmuWdStalledByWdBuf},
      {VNPU_PMU_AXI0_RD_TRANS_ACCEPTED, systemc::kPmuAxi0RdTransAccepted},
      {VNPU_PMU_AXI0_RD_DATA_BEAT_RECEIVED, systemc::kPmuAxi0RdDataBeatReceived},
      {VNPU_PMU_AXI0_WR_DATA_BEAT_WRITTEN, systemc::kPmuAxi0WrDataBeatWritten},
      {VNPU_PMU_AXI0_WR_STALL_LIMIT, systemc::kPmuAxi0WrStallLimit},
      {VNPU_PMU_AXI1_RD_DATA_BEAT_RECEIVED,
       systemc::kPmuAxi0RdDataBeatReceived + systemc::kPmuAxi1Offset},
      {VNPU_PMU_AXI1_WR_STALL_LIMIT, systemc::kPmuAxi0WrStallLimit + systemc::kPmuAxi1Offset},
  };
  for (const auto& [event, code] : shared) {
    EXPECT_EQ(static_cast<uint16_t>(event), code) << vnpu_pmu_event_name(event);
  }
  EXPECT_STREQ(vnpu_pmu_event_name(VNPU_PMU_MAC_STALLED_BY_WD), "MAC_STALLED_BY_WD");
  EXPECT_STREQ(vnpu_pmu_event_name(VNPU_PMU_AXI1_RD_TRANS_ACCEPTED), "AXI1_RD_TRANS_ACCEPTED");
  EXPECT_EQ(vnpu_pmu_event_name(static_cast<vnpu_pmu_event>(0x99)), nullptr);
}

}  // namespace
}  // namespace vnpu::firmware::test
