// The firmware's C register map (firmware/driver/include/vnpu_registers.h)
// equals the project's C++ one (isa/npu_registers.h) wherever both define a
// value: two spellings of one fact, held together here.
#include <gtest/gtest.h>

#include "firmware/driver/include/vnpu_registers.h"
#include "isa/npu_registers.h"

namespace vnpu::firmware::test {
namespace {

namespace reg = isa::reg;

TEST(FirmwareRegisters, OffsetsMatchTheIsaMap) {
  EXPECT_EQ(VNPU_REG_ID, reg::kId);
  EXPECT_EQ(VNPU_REG_STATUS, reg::kStatus);
  EXPECT_EQ(VNPU_REG_CMD, reg::kCmd);
  EXPECT_EQ(VNPU_REG_RESET, reg::kReset);
  EXPECT_EQ(VNPU_REG_QBASE, reg::kQbase);
  EXPECT_EQ(VNPU_REG_QBASE_HI, reg::kQbaseHi);
  EXPECT_EQ(VNPU_REG_QREAD, reg::kQread);
  EXPECT_EQ(VNPU_REG_QCONFIG, reg::kQconfig);
  EXPECT_EQ(VNPU_REG_QSIZE, reg::kQsize);
  EXPECT_EQ(VNPU_REG_PROT, reg::kProt);
  EXPECT_EQ(VNPU_REG_CONFIG, reg::kConfig);
  EXPECT_EQ(VNPU_REG_REGIONCFG, reg::kRegioncfg);
  EXPECT_EQ(VNPU_REG_AXI_LIMIT0, reg::kAxiLimit0);
  EXPECT_EQ(VNPU_REG_BASEP0, reg::kBasep0);
  EXPECT_EQ(VNPU_BASE_POINTERS, reg::kBasePointers);
  EXPECT_EQ(VNPU_REG_BASEP0 + 8 * VNPU_BASE_POINTERS, reg::kBasepEnd);
  EXPECT_EQ(VNPU_REG_PMCR, reg::kPmcr);
  EXPECT_EQ(VNPU_REG_PMCNTENSET, reg::kPmcntenset);
  EXPECT_EQ(VNPU_REG_PMCNTENCLR, reg::kPmcntenclr);
  EXPECT_EQ(VNPU_REG_PMOVSSET, reg::kPmovsset);
  EXPECT_EQ(VNPU_REG_PMOVSCLR, reg::kPmovsclr);
  EXPECT_EQ(VNPU_REG_PMINTSET, reg::kPmintset);
  EXPECT_EQ(VNPU_REG_PMINTCLR, reg::kPmintclr);
  EXPECT_EQ(VNPU_REG_PMCCNTR_LO, reg::kPmccntrLo);
  EXPECT_EQ(VNPU_REG_PMCCNTR_HI, reg::kPmccntrHi);
  EXPECT_EQ(VNPU_REG_PMCCNTR_CFG, reg::kPmccntrCfg);
  EXPECT_EQ(VNPU_REG_PMCAXI_CHAN, reg::kPmcaxiChan);
  EXPECT_EQ(VNPU_REG_PMEVCNTR0, reg::kPmevcntr0);
  EXPECT_EQ(VNPU_REG_PMEVTYPER0, reg::kPmevtyper0);
  EXPECT_EQ(VNPU_PMU_EVENT_COUNTERS, reg::kPmuEventCounters);
}

TEST(FirmwareRegisters, BitsMatchTheIsaMap) {
  EXPECT_EQ(VNPU_STATUS_STATE_RUNNING, reg::kStatusRunning);
  EXPECT_EQ(VNPU_STATUS_IRQ_RAISED, reg::kStatusIrqRaised);
  EXPECT_EQ(VNPU_STATUS_BUS_ERROR, reg::kStatusBusError);
  EXPECT_EQ(VNPU_STATUS_RESET_STATUS, reg::kStatusResetStatus);
  EXPECT_EQ(VNPU_STATUS_CMD_PARSE_ERROR, reg::kStatusCmdParseError);
  EXPECT_EQ(VNPU_STATUS_CMD_END_REACHED, reg::kStatusCmdEndReached);
  EXPECT_EQ(VNPU_STATUS_WD_FAULT, reg::kStatusWdFault);
  EXPECT_EQ(VNPU_STATUS_FAULTING_CHANNEL_SHIFT, reg::kStatusFaultingChannelShift);
  EXPECT_EQ(VNPU_CMD_RUN, reg::kCmdRun);
  EXPECT_EQ(VNPU_CMD_CLEAR_IRQ, reg::kCmdClearIrq);
  EXPECT_EQ(VNPU_CMD_STOP_REQUEST, reg::kCmdStopRequest);
  EXPECT_EQ(VNPU_PMCR_CNT_EN, reg::kPmcrCntEn);
  EXPECT_EQ(VNPU_PMCR_EVENT_CNT_RST, reg::kPmcrEventCntRst);
  EXPECT_EQ(VNPU_PMCR_CYCLE_CNT_RST, reg::kPmcrCycleCntRst);
  EXPECT_EQ(VNPU_PMCNTEN_CYCLE_COUNTER, reg::kCycleCounterEnable);
}

}  // namespace
}  // namespace vnpu::firmware::test
