// The one invoke path of every NPU backend: how the driver runs a command
// stream on an NpuDevice (driver/npu/npu_device.h), as the Ethos-U core driver
// does on hardware.
//
//   validate  the invocation (regions, stream size, command port) before the
//             first register write; the COP1 payload itself was validated at
//             prepare (driver/npu/ethos_u_operator.h)
//   map       the command stream at kCommandStreamAddress and region i at
//             region_address(i) (every address 16-byte aligned)
//   program   BASEP0..7 (slots past the invocation's regions: 0), QBASE,
//             QSIZE, QCONFIG (the command fetch's AXI port)
//   PMU       PMEVTYPER0..3 = the invocation's events, PMCNTENSET (cycle
//             counter + 4 event counters), PMCR (count, both counters reset)
//   run       CMD.run, wait for the IRQ
//   read      STATUS, PMCCNTR, PMEVCNTR0..3, the device's fault detail; then
//             CMD.clear_irq and unmap everything
//   decode    decode_npu_status(): ok, or the fault as a Status
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "driver/npu/npu_device.h"

namespace vnpu::driver::npu {

// Where the driver maps things in the NPU's physical address space.
constexpr uint64_t kCommandStreamAddress = 0xF0000000u;
constexpr uint64_t region_address(size_t index) { return static_cast<uint64_t>(index + 1) << 28; }

// The PMU events the driver programs into PMEVTYPER0..3 by default.
constexpr std::array<uint16_t, 4> kDriverPmuEvents = {0x30 /*MAC_ACTIVE*/, 0x40 /*AO_ACTIVE*/,
                                                      0x82 /*AXI0_RD_DATA_BEAT_RECEIVED*/,
                                                      0x182 /*AXI1_RD_DATA_BEAT_RECEIVED*/};

// Host memory behind one base pointer; data == nullptr leaves the region
// unmapped (BASEP still points at its address, so any access is a bus error).
struct NpuRegion {
  uint8_t* data = nullptr;
  uint64_t size = 0;
};

struct NpuInvocation {
  uint32_t* command_stream = nullptr;  // the NPU only reads it
  size_t command_words = 0;
  std::vector<NpuRegion> regions;  // BASEP i, at most isa::reg::kBasePointers
  int command_port = 0;            // AXI port of the command fetch (QCONFIG): 0 or 1
  std::array<uint16_t, 4> pmu_events = kDriverPmuEvents;
};

// What the driver read back after the run.
struct NpuInvokeResult {
  bool irq = false;                        // the device raised its IRQ
  uint32_t status = 0;                     // STATUS after the IRQ
  uint64_t pmu_cycles = 0;                 // PMCCNTR (48 bits)
  std::array<uint32_t, 4> pmu_counters{};  // PMEVCNTR0..3
  std::string fault_detail;                // NpuDevice::fault_detail() after the run
};

// invalid_input (and no register access) for an invocation the driver cannot
// program: more than 8 regions, a stream QSIZE cannot hold, a bad port.
Expected<NpuInvokeResult> invoke_npu(NpuDevice& device, const NpuInvocation& invocation);

// ok when the run reached NPU_OP_STOP; invalid_input "NPU stopped with
// <fault>: <detail>" for a STATUS fault bit, or when the IRQ came without
// cmd_end_reached; internal when the device stopped without its IRQ.
Status decode_npu_status(const NpuInvokeResult& result);

}  // namespace vnpu::driver::npu
