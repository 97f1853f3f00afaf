// The report of `vnpu run --backend systemc`: one row per operation (each NPU
// job of every ethos-u run, each CPU operator), per ethos-u run its cycles,
// energy and PMU counters, and the totals. Printed as tables, written as JSON
// or CSV (--report FILE.json|.csv).
//
// Contract: build_run_report reads the runtime's graph and host times and the
// SystemC log (one SystemcOpRun per ethos-u invocation); the energy of each run
// comes from driver::npu::estimate_run_energy with the table given. Rows' energy
// is the job's dynamic energy; a run's energy adds its command stream and the
// static (leakage + active-cycle) energy, so the total is more than the rows' sum.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "driver/cpu/cpu_runtime.h"
#include "driver/npu/systemc_backend.h"
#include "perf/energy_model.h"
#include "sim/systemc/pmu.h"
#include "sim/systemc/run_record.h"

namespace vnpu::cli {

struct ReportRow {
  int32_t graph_operator = -1;  // index in the graph
  std::string layer;            // "#3 ethos-u", "#5 SOFTMAX"
  std::string op;               // NPU: the job's operation ("CONV", "DMA"); CPU: the operator type
  std::string unit;             // "NPU", "DMA" or "CPU"
  int32_t run = -1;             // index into RunReport::runs (NPU and DMA rows)
  uint64_t start_cycle = 0;     // in its run
  uint64_t cycles = 0;          // 0 for CPU rows (not timed)
  double estimate_cycles = 0;
  double mac_utilisation_percent = 0;
  int64_t blocks = 0;
  int64_t macs = 0;
  std::array<uint64_t, 2> read_bytes{};  // per AXI port
  std::array<uint64_t, 2> write_bytes{};
  sim::systemc::StallCycles stalls;  // NPU rows
  double energy_uj = 0;  // dynamic energy of the job
  double host_us = 0;    // CPU rows: host time
};

struct RunSummary {
  std::string layer;  // the ethos-u operator
  uint64_t cycles = 0;
  uint64_t pmu_cycles = 0;  // PMCCNTR as the driver read it
  perf::EnergyBreakdown energy;
  sim::systemc::PmuEvents events{};
};

struct RunReport {
  std::string model;
  std::string accelerator_config;
  std::string system_config;
  std::string memory_mode;
  std::string energy_table;
  // The backend's closing note ("rtl: RTL computed ..."), "" for none. JSON:
  // "backend_note"; CSV: a last line "# <note>" after the rows.
  std::string backend_note;
  double clock_hz = 0;
  std::vector<ReportRow> rows;
  std::vector<RunSummary> runs;
  // Totals over the runs.
  uint64_t total_cycles = 0;
  double seconds = 0;
  perf::EnergyBreakdown energy;  // summed per unit; average power over `seconds`
  sim::systemc::PmuEvents events{};
  int64_t total_macs = 0;
  std::array<uint64_t, 2> read_bytes{};  // the rows' sum per AXI port
  std::array<uint64_t, 2> write_bytes{};
};

struct ReportLabels {
  std::string model;
  std::string energy_table;
  std::string backend_note;  // NpuSession::run_note()
};

Expected<RunReport> build_run_report(const driver::cpu::CpuRuntime& runtime,
                                     const driver::npu::SystemcLog& log,
                                     const driver::npu::SystemcOptions& options,
                                     const perf::EnergyTable& table, const ReportLabels& labels);

// The tables, PMU counters, totals and energy breakdown on stdout.
void print_run_report(const RunReport& report, const driver::npu::SystemcLog& log);

std::string run_report_json(const RunReport& report);
// One row per operation, a header line first.
std::string run_report_csv(const RunReport& report);

// "json" or "csv" from the path's extension, or invalid_input naming the path.
Expected<std::string> report_format(const std::string& path);
// Writes the report in the format of the path's extension.
Status write_run_report(const RunReport& report, const std::string& path);

// The operator whose first output is `tensor`, as "#i OPTYPE".
std::string operator_label(const ir::Graph& graph, int32_t tensor);

}  // namespace vnpu::cli
