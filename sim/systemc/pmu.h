// The NPU's performance monitoring unit (docs/timing_model.md §6): a 48-bit
// cycle counter and four event counters selected by event code, as the U55's
// PMCR / PMCNTENSET / PMCCNTR / PMEVCNTR / PMEVTYPER registers expose them, plus
// the totals of every event the model counts (for reports).
//
// Contract: the model adds a run's events with add_run() when the run stops;
// the registers then show them (counting only what PMCR.cnt_en and the enable
// bits allowed during that run). Event codes are the U55's (pmu_ethosu.h).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "isa/npu_registers.h"

namespace vnpu::sim::systemc {

enum PmuEvent : uint16_t {
  kPmuCycle = 0x11,
  kPmuNpuIdle = 0x20,
  kPmuCcStalledOnBlockdep = 0x21,
  kPmuNpuActive = 0x23,
  kPmuMacActive = 0x30,
  kPmuMacStalledByWd = 0x35,
  kPmuMacStalledByAcc = 0x36,
  kPmuMacStalledByIb = 0x37,
  kPmuAoActive = 0x40,
  kPmuAoStalledByOb = 0x45,
  kPmuAoStalledByAcc = 0x47,
  kPmuAoStalledByIb = 0x48,
  kPmuWdActive = 0x50,
  kPmuWdStalled = 0x51,
  kPmuWdStalledByWs = 0x52,
  kPmuWdStalledByWdBuf = 0x53,
  kPmuAxi0RdTransAccepted = 0x80,
  kPmuAxi0RdTransCompleted = 0x81,
  kPmuAxi0RdDataBeatReceived = 0x82,
  kPmuAxi0RdTranReqStalled = 0x83,
  kPmuAxi0WrTransAccepted = 0x84,
  kPmuAxi0WrTransCompletedM = 0x85,
  kPmuAxi0WrDataBeatWritten = 0x87,
  kPmuAxi0WrTranReqStalled = 0x88,
  kPmuAxi0RdStallLimit = 0x8E,
  kPmuAxi0WrStallLimit = 0x8F,
  kPmuAxi1Offset = 0x100,  // AXI1 event = AXI0 event + 0x100
};

constexpr size_t kPmuEventSpace = 0x200;
constexpr int kPmuEventCounters = isa::reg::kPmuEventCounters;

// Event totals indexed by event code.
using PmuEvents = std::array<uint64_t, kPmuEventSpace>;

// The events the model counts, with their Ethos-U names, in report order.
struct PmuEventInfo {
  uint16_t code;
  const char* name;
};
const std::vector<PmuEventInfo>& counted_pmu_events();
// "MAC_ACTIVE", ...; "EVENT_0x1ab" for a code we do not name.
std::string pmu_event_name(uint16_t code);

class Pmu {
 public:
  // Register offsets and bits: the one map in isa/npu_registers.h.
  static constexpr uint32_t kPmcr = isa::reg::kPmcr;
  static constexpr uint32_t kPmcntenset = isa::reg::kPmcntenset;
  static constexpr uint32_t kPmcntenclr = isa::reg::kPmcntenclr;
  static constexpr uint32_t kPmovsset = isa::reg::kPmovsset;
  static constexpr uint32_t kPmovsclr = isa::reg::kPmovsclr;
  static constexpr uint32_t kPmintset = isa::reg::kPmintset;
  static constexpr uint32_t kPmintclr = isa::reg::kPmintclr;
  static constexpr uint32_t kPmccntrLo = isa::reg::kPmccntrLo;
  static constexpr uint32_t kPmccntrHi = isa::reg::kPmccntrHi;
  static constexpr uint32_t kPmccntrCfg = isa::reg::kPmccntrCfg;
  static constexpr uint32_t kPmcaxiChan = isa::reg::kPmcaxiChan;
  static constexpr uint32_t kPmevcntr0 = isa::reg::kPmevcntr0;
  static constexpr uint32_t kPmevtyper0 = isa::reg::kPmevtyper0;

  static constexpr uint32_t kPmcrCntEn = isa::reg::kPmcrCntEn;
  static constexpr uint32_t kPmcrEventCntRst = isa::reg::kPmcrEventCntRst;
  static constexpr uint32_t kPmcrCycleCntRst = isa::reg::kPmcrCycleCntRst;
  static constexpr uint32_t kCycleCounterEnable = isa::reg::kCycleCounterEnable;
  static constexpr uint64_t kCycleCounterMask = (uint64_t{1} << 48) - 1;

  // True when `offset` is a PMU register.
  static bool owns(uint32_t offset);
  uint32_t read(uint32_t offset) const;
  void write(uint32_t offset, uint32_t value);

  // Adds a run of `cycles` with the given event totals.
  void add_run(uint64_t cycles, const PmuEvents& events);

  uint64_t cycle_counter() const { return cycle_counter_; }
  const PmuEvents& totals() const { return totals_; }  // every run, regardless of enables

 private:
  bool counting() const { return (pmcr_ & kPmcrCntEn) != 0; }

  uint32_t pmcr_ = 0;
  uint32_t enabled_ = 0;  // PMCNTEN: bit i event counter i, bit 31 the cycle counter
  uint32_t overflow_ = 0;
  uint32_t interrupts_ = 0;
  uint32_t cycle_cfg_ = 0;
  uint32_t axi_chan_ = 0;
  uint64_t cycle_counter_ = 0;
  std::array<uint32_t, kPmuEventCounters> counters_{};
  std::array<uint32_t, kPmuEventCounters> types_{};
  PmuEvents totals_{};
};

}  // namespace vnpu::sim::systemc
