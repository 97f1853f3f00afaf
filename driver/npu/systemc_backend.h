// Runs the `ethos-u` custom operator on the timed SystemC NPU model
// (sim/systemc, as driver/npu/systemc_device.h) through the driver's one invoke
// path (driver/npu/npu_invoke.h), as the Ethos-U core driver does: validate the
// COP1 payload before any register write, map the base-pointer tensors and the
// command stream, program BASEP0..7, QBASE, QSIZE, QCONFIG (the command stream
// is fetched over the port that holds the constants) and the PMU, CMD.run,
// wait for the IRQ, read STATUS and the PMU counters. A fault bit in STATUS
// stops the inference with the model's one-line message.
//
// Every run appends a SystemcOpRun to the log given at prepare time: the run's
// timing record (per-job cycles, bytes per AXI port, stalls, unit spans when
// tracing) and what the driver read from the registers.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "driver/cpu/cpu_op.h"
#include "driver/npu/npu_invoke.h"
#include "isa/accelerator_config.h"
#include "perf/system_config.h"
#include "sim/systemc/datapath.h"
#include "sim/systemc/run_record.h"

namespace vnpu::driver::npu {

struct SystemcOptions {
  isa::AcceleratorConfig accelerator;
  perf::SystemConfig system;
  perf::MemoryMode mode;
  bool trace = false;  // record the units' busy spans (for --trace)
};

struct SystemcOpRun {
  int32_t output_tensor = -1;  // the operator's first output, to find it in the graph
  sim::systemc::RunRecord record;
  uint32_t status = 0;              // STATUS after the IRQ
  uint64_t pmu_cycles = 0;          // PMCCNTR (48 bits)
  std::array<uint32_t, 4> pmu_counters{};  // PMEVCNTR0..3 (kDriverPmuEvents, npu_invoke.h)
  double core_clock_hz = 0;
};

struct SystemcLog {
  std::vector<SystemcOpRun> runs;
};

// `executor` computes the jobs' values: empty for the functional model (the
// systemc backend); the rtl backend's verilated datapath (driver/npu/rtl_backend.h).
cpu::NpuPrepare systemc_npu_prepare(const SystemcOptions& options, std::shared_ptr<SystemcLog> log,
                                    sim::systemc::OperationExecutor executor = {});

}  // namespace vnpu::driver::npu
