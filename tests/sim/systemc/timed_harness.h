// Test helpers for the timed SystemC NPU: hand-made memory systems, a run of a
// command stream through the driver's one invoke path (driver/npu/npu_invoke.h
// on a driver/npu/systemc_device.h), and small
// register-state builders. Every run uses the process's one elaboration
// (sim/systemc/platform.h).
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "isa/accelerator_config.h"
#include "isa/register_state.h"
#include "perf/system_config.h"
#include "sim/systemc/job_plan.h"
#include "sim/systemc/run_record.h"

namespace vnpu::testing {

// Ethos_U55_High_End_Embedded with Shared_Sram (the defaults), on `accelerator`.
sim::systemc::TimedSystem high_end_system(const char* accelerator = "ethos-u55-256");

// A system whose memories are nearly free: SRAM and on-chip flash at 128 B/cycle
// (clock scale 4 x 4 ports), 128-byte bursts, no latency, no outstanding limit;
// constants on AXI1 (OnChipFlash), arena and cache on AXI0 (SRAM).
sim::systemc::TimedSystem fast_system(const char* accelerator = "ethos-u55-256");

struct TimedRun {
  sim::systemc::RunRecord record;
  uint32_t status = 0;
  uint64_t pmu_cycles = 0;
  std::array<uint32_t, 4> pmu_counters{};
  bool irq = false;
};

// Runs `words` with BASEPn mapped to regions[n] (empty vectors stay unmapped),
// the stream fetched over AXI0 (QCONFIG 0) unless `command_port` is 1, the PMU's
// four event counters set to `events`.
TimedRun run_stream(const sim::systemc::TimedSystem& system, const std::vector<uint32_t>& words,
                    std::array<std::vector<uint8_t>, 8>& regions, bool trace = false,
                    int command_port = 0,
                    std::array<uint16_t, 4> events = {0x30, 0x40, 0x50, 0x21});

// The record of the job with this kind (the first one after `after` jobs).
const sim::systemc::JobRecord* find_job(const sim::systemc::RunRecord& record,
                                        isa::OperationKind kind, size_t after = 0);

// A one-tile int8 feature map (h, w, c) at `base` in `region`.
isa::FeatureMapState feature_map(uint8_t region, uint64_t base, int32_t h, int32_t w, int32_t c,
                                 isa::DataFormat format);

}  // namespace vnpu::testing
