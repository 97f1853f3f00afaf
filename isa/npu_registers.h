// Offsets and bit fields of the NPU's host registers (U55 map,
// ../shared/reference/ethos-u-facts.md §5.4, docs/ARCHITECTURE.md §8.3): the
// one register map that every NPU device (the timed SystemC model, the
// functional NPU's register shim, later RTL co-simulation) and the driver's
// invoke path (driver/npu/npu_invoke.h) share.
#pragma once

#include <cstdint>

namespace vnpu::isa::reg {

constexpr uint32_t kId = 0x000;
constexpr uint32_t kStatus = 0x004;
constexpr uint32_t kCmd = 0x008;
constexpr uint32_t kReset = 0x00C;
constexpr uint32_t kQbase = 0x010;
constexpr uint32_t kQbaseHi = 0x014;
constexpr uint32_t kQread = 0x018;
constexpr uint32_t kQconfig = 0x01C;
constexpr uint32_t kQsize = 0x020;
constexpr uint32_t kProt = 0x024;
constexpr uint32_t kConfig = 0x028;
constexpr uint32_t kRegioncfg = 0x03C;
constexpr uint32_t kAxiLimit0 = 0x040;
constexpr uint32_t kBasep0 = 0x080;  // kBasePointers x 64-bit, lo/hi words
constexpr int kBasePointers = 8;
constexpr uint32_t kBasepEnd = 0x0C0;
constexpr uint32_t kRegisterSpace = 0x400;

// STATUS bits.
constexpr uint32_t kStatusRunning = 1u << 0;
constexpr uint32_t kStatusIrqRaised = 1u << 1;
constexpr uint32_t kStatusBusError = 1u << 2;
constexpr uint32_t kStatusResetStatus = 1u << 3;
constexpr uint32_t kStatusCmdParseError = 1u << 4;
constexpr uint32_t kStatusCmdEndReached = 1u << 5;
constexpr uint32_t kStatusWdFault = 1u << 7;
constexpr uint32_t kStatusFaultingChannelShift = 12;

// CMD bits.
constexpr uint32_t kCmdRun = 1u << 0;
constexpr uint32_t kCmdClearIrq = 1u << 1;
constexpr uint32_t kCmdStopRequest = 1u << 4;

// STATUS.faulting_channel codes.
constexpr uint32_t kChannelCommand = 0;
constexpr uint32_t kChannelIfm = 1;
constexpr uint32_t kChannelWeights = 2;
constexpr uint32_t kChannelMem2Mem = 4;

// PMU registers (U55 NPU_REG_PM*).
constexpr uint32_t kPmcr = 0x180;
constexpr uint32_t kPmcntenset = 0x184;
constexpr uint32_t kPmcntenclr = 0x188;
constexpr uint32_t kPmovsset = 0x18C;
constexpr uint32_t kPmovsclr = 0x190;
constexpr uint32_t kPmintset = 0x194;
constexpr uint32_t kPmintclr = 0x198;
constexpr uint32_t kPmccntrLo = 0x1A0;
constexpr uint32_t kPmccntrHi = 0x1A4;
constexpr uint32_t kPmccntrCfg = 0x1A8;
constexpr uint32_t kPmcaxiChan = 0x1AC;
constexpr uint32_t kPmevcntr0 = 0x300;
constexpr uint32_t kPmevtyper0 = 0x380;
constexpr int kPmuEventCounters = 4;

// PMCR and PMCNTENSET bits.
constexpr uint32_t kPmcrCntEn = 1u << 0;
constexpr uint32_t kPmcrEventCntRst = 1u << 1;
constexpr uint32_t kPmcrCycleCntRst = 1u << 2;
constexpr uint32_t kCycleCounterEnable = 1u << 31;

}  // namespace vnpu::isa::reg
