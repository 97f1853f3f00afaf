#include "sim/systemc/pmu.h"

#include <cstdio>

namespace vnpu::sim::systemc {

const std::vector<PmuEventInfo>& counted_pmu_events() {
  static const std::vector<PmuEventInfo> kEvents = {
      {kPmuCycle, "CYCLE"},
      {kPmuNpuActive, "NPU_ACTIVE"},
      {kPmuNpuIdle, "NPU_IDLE"},
      {kPmuCcStalledOnBlockdep, "CC_STALLED_ON_BLOCKDEP"},
      {kPmuMacActive, "MAC_ACTIVE"},
      {kPmuMacStalledByWd, "MAC_STALLED_BY_WD"},
      {kPmuMacStalledByAcc, "MAC_STALLED_BY_ACC"},
      {kPmuMacStalledByIb, "MAC_STALLED_BY_IB"},
      {kPmuAoActive, "AO_ACTIVE"},
      {kPmuAoStalledByOb, "AO_STALLED_BY_OB"},
      {kPmuAoStalledByAcc, "AO_STALLED_BY_ACC"},
      {kPmuAoStalledByIb, "AO_STALLED_BY_IB"},
      {kPmuWdActive, "WD_ACTIVE"},
      {kPmuWdStalled, "WD_STALLED"},
      {kPmuWdStalledByWs, "WD_STALLED_BY_WS"},
      {kPmuWdStalledByWdBuf, "WD_STALLED_BY_WD_BUF"},
      {kPmuAxi0RdTransAccepted, "AXI0_RD_TRANS_ACCEPTED"},
      {kPmuAxi0RdTransCompleted, "AXI0_RD_TRANS_COMPLETED"},
      {kPmuAxi0RdDataBeatReceived, "AXI0_RD_DATA_BEAT_RECEIVED"},
      {kPmuAxi0RdTranReqStalled, "AXI0_RD_TRAN_REQ_STALLED"},
      {kPmuAxi0RdStallLimit, "AXI0_RD_STALL_LIMIT"},
      {kPmuAxi0WrTransAccepted, "AXI0_WR_TRANS_ACCEPTED"},
      {kPmuAxi0WrTransCompletedM, "AXI0_WR_TRANS_COMPLETED_M"},
      {kPmuAxi0WrDataBeatWritten, "AXI0_WR_DATA_BEAT_WRITTEN"},
      {kPmuAxi0WrTranReqStalled, "AXI0_WR_TRAN_REQ_STALLED"},
      {kPmuAxi0WrStallLimit, "AXI0_WR_STALL_LIMIT"},
      {kPmuAxi0RdTransAccepted + kPmuAxi1Offset, "AXI1_RD_TRANS_ACCEPTED"},
      {kPmuAxi0RdTransCompleted + kPmuAxi1Offset, "AXI1_RD_TRANS_COMPLETED"},
      {kPmuAxi0RdDataBeatReceived + kPmuAxi1Offset, "AXI1_RD_DATA_BEAT_RECEIVED"},
      {kPmuAxi0RdTranReqStalled + kPmuAxi1Offset, "AXI1_RD_TRAN_REQ_STALLED"},
      {kPmuAxi0RdStallLimit + kPmuAxi1Offset, "AXI1_RD_STALL_LIMIT"},
      {kPmuAxi0WrTransAccepted + kPmuAxi1Offset, "AXI1_WR_TRANS_ACCEPTED"},
      {kPmuAxi0WrTransCompletedM + kPmuAxi1Offset, "AXI1_WR_TRANS_COMPLETED_M"},
      {kPmuAxi0WrDataBeatWritten + kPmuAxi1Offset, "AXI1_WR_DATA_BEAT_WRITTEN"},
      {kPmuAxi0WrTranReqStalled + kPmuAxi1Offset, "AXI1_WR_TRAN_REQ_STALLED"},
      {kPmuAxi0WrStallLimit + kPmuAxi1Offset, "AXI1_WR_STALL_LIMIT"},
  };
  return kEvents;
}

std::string pmu_event_name(uint16_t code) {
  for (const PmuEventInfo& info : counted_pmu_events()) {
    if (info.code == code) return info.name;
  }
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, "EVENT_0x%x", code);
  return buffer;
}

bool Pmu::owns(uint32_t offset) {
  return (offset >= kPmcr && offset <= kPmcaxiChan) ||
         (offset >= kPmevcntr0 && offset < kPmevcntr0 + 4 * kPmuEventCounters) ||
         (offset >= kPmevtyper0 && offset < kPmevtyper0 + 4 * kPmuEventCounters);
}

uint32_t Pmu::read(uint32_t offset) const {
  if (offset >= kPmevcntr0 && offset < kPmevcntr0 + 4 * kPmuEventCounters) {
    return counters_[(offset - kPmevcntr0) / 4];
  }
  if (offset >= kPmevtyper0 && offset < kPmevtyper0 + 4 * kPmuEventCounters) {
    return types_[(offset - kPmevtyper0) / 4];
  }
  switch (offset) {
    case kPmcr:
      return pmcr_ | (static_cast<uint32_t>(kPmuEventCounters) << 11);  // num_event_cnt
    case kPmcntenset:
    case kPmcntenclr:
      return enabled_;
    case kPmovsset:
    case kPmovsclr:
      return overflow_;
    case kPmintset:
    case kPmintclr:
      return interrupts_;
    case kPmccntrLo:
      return static_cast<uint32_t>(cycle_counter_);
    case kPmccntrHi:
      return static_cast<uint32_t>(cycle_counter_ >> 32) & 0xFFFFu;
    case kPmccntrCfg:
      return cycle_cfg_;
    case kPmcaxiChan:
      return axi_chan_;
    default:
      return 0;
  }
}

void Pmu::write(uint32_t offset, uint32_t value) {
  if (offset >= kPmevcntr0 && offset < kPmevcntr0 + 4 * kPmuEventCounters) {
    counters_[(offset - kPmevcntr0) / 4] = value;
    return;
  }
  if (offset >= kPmevtyper0 && offset < kPmevtyper0 + 4 * kPmuEventCounters) {
    types_[(offset - kPmevtyper0) / 4] = value & 0x3FFu;
    return;
  }
  switch (offset) {
    case kPmcr:
      pmcr_ = value & kPmcrCntEn;
      if ((value & kPmcrEventCntRst) != 0) counters_.fill(0);
      if ((value & kPmcrCycleCntRst) != 0) cycle_counter_ = 0;
      break;
    case kPmcntenset:
      enabled_ |= value & (kCycleCounterEnable | 0xFu);
      break;
    case kPmcntenclr:
      enabled_ &= ~value;
      break;
    case kPmovsset:
      overflow_ |= value;
      break;
    case kPmovsclr:
      overflow_ &= ~value;
      break;
    case kPmintset:
      interrupts_ |= value;
      break;
    case kPmintclr:
      interrupts_ &= ~value;
      break;
    case kPmccntrLo:
      cycle_counter_ = (cycle_counter_ & ~uint64_t{0xFFFFFFFF}) | value;
      break;
    case kPmccntrHi:
      cycle_counter_ = (cycle_counter_ & 0xFFFFFFFFu) | (uint64_t{value & 0xFFFFu} << 32);
      break;
    case kPmccntrCfg:
      cycle_cfg_ = value;
      break;
    case kPmcaxiChan:
      axi_chan_ = value;
      break;
    default:
      break;
  }
}

void Pmu::add_run(uint64_t cycles, const PmuEvents& events) {
  for (size_t i = 0; i < kPmuEventSpace; ++i) totals_[i] += events[i];
  if (!counting()) return;
  if ((enabled_ & kCycleCounterEnable) != 0) {
    const uint64_t sum = cycle_counter_ + cycles;
    if (sum > kCycleCounterMask) overflow_ |= kCycleCounterEnable;
    cycle_counter_ = sum & kCycleCounterMask;
  }
  for (int i = 0; i < kPmuEventCounters; ++i) {
    if ((enabled_ & (1u << i)) == 0) continue;
    const uint32_t type = types_[static_cast<size_t>(i)];
    if (type >= kPmuEventSpace) continue;
    const uint64_t sum = uint64_t{counters_[static_cast<size_t>(i)]} + events[type];
    if (sum > 0xFFFFFFFFu) overflow_ |= 1u << i;
    counters_[static_cast<size_t>(i)] = static_cast<uint32_t>(sum);
  }
}

}  // namespace vnpu::sim::systemc
