// Energy events of a run of the timed SystemC NPU model (docs/energy_model.md
// §3): what the run record counted (MACs, bytes per AXI port, NPU_ACTIVE /
// NPU_IDLE, cycles) plus what it does not count, derived from each job's
// register snapshot with the estimator's formulas (weight bytes decoded, OFM
// elements, SHRAM traffic) and from the command stream (words fetched).
//
// Contract: pure functions of the run record, the command stream it ran and the
// options it ran with; no I/O.
#pragma once

#include <cstdint>
#include <vector>

#include "core/status.h"
#include "driver/npu/systemc_backend.h"
#include "ir/graph.h"
#include "perf/energy_model.h"

namespace vnpu::driver::npu {

struct RunEnergyEvents {
  // One per run.record.jobs entry: the job's own work (no command words, no
  // cycles, so no static energy).
  std::vector<perf::EnergyEvents> jobs;
  // The jobs + the command stream's words (decoded, and read from the command
  // port's memory) + the run's NPU_ACTIVE / NPU_IDLE / cycles.
  perf::EnergyEvents total;
};

// `command_stream` is the stream the run executed (the COP1 payload's words).
// Errors: a stream that does not decode, or a job whose kick-off is not in it.
Expected<RunEnergyEvents> events_from_run(const SystemcOpRun& run,
                                          const std::vector<uint32_t>& command_stream,
                                          const SystemcOptions& options);

// The command stream of the ethos-u operator whose first output is
// `output_tensor` (SystemcOpRun::output_tensor), from its COP1 payload.
Expected<std::vector<uint32_t>> ethosu_command_stream(const ir::Graph& graph,
                                                      int32_t output_tensor);

// What `vnpu run --backend systemc` prints: per job (dynamic energy) and per
// run (everything, incl. static energy and average power at the run's clock).
struct RunEnergy {
  std::vector<perf::EnergyBreakdown> jobs;
  perf::EnergyBreakdown total;
};

// ethosu_command_stream + events_from_run + perf::estimate_energy at
// run.core_clock_hz.
Expected<RunEnergy> estimate_run_energy(const ir::Graph& graph, const SystemcOpRun& run,
                                        const SystemcOptions& options,
                                        const perf::EnergyTable& table);

}  // namespace vnpu::driver::npu
