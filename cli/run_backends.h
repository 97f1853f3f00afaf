// The backends `vnpu run` offers (driver/npu/backend_registry.h) and the timed
// report of a session that has one: the one place in the CLI that knows which
// backends this build has.
#pragma once

#include <string>

#include "core/status.h"
#include "driver/cpu/cpu_runtime.h"
#include "driver/npu/backend_registry.h"
#include "perf/energy_model.h"

namespace vnpu::cli {

// cpu, functional and, when built with SystemC, systemc.
const driver::npu::BackendRegistry& run_backends();

struct TimedReportRequest {
  std::string model_label;
  const perf::EnergyTable* energy = nullptr;
  std::string report_path;  // --report FILE.json|.csv, or empty
  std::string trace_path;   // --trace FILE.json, or empty
  std::string vcd_path;     // --vcd FILE.vcd, or empty
};

// For a timed session (systemc): prints the per-operation report, energy and
// PMU counters (cli/run_report.h) and writes the --report, --trace and --vcd
// files. Any other session has no timed report: ok, nothing printed.
Status report_timed_run(const driver::npu::NpuSession& session,
                        const driver::cpu::CpuRuntime& runtime, const TimedReportRequest& request);

// "json" or "csv" from --report's extension, or invalid_input naming the path.
Expected<std::string> timed_report_format(const std::string& path);

}  // namespace vnpu::cli
