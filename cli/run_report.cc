#include "cli/run_report.h"

#include <cstdio>
#include <map>
#include <utility>

#include "cli/describe.h"
#include "core/csv.h"
#include "core/file_io.h"
#include "core/json.h"
#include "driver/npu/systemc_energy.h"
#include "ir/model_stats.h"
#include "ir/operator.h"

namespace vnpu::cli {
namespace {

ReportRow job_row(const sim::systemc::JobRecord& job, const isa::AcceleratorConfig& accelerator) {
  ReportRow row;
  const bool dma = job.kind == isa::OperationKind::kDmaStart;
  row.op = job.name;
  row.unit = dma ? "DMA" : "NPU";
  row.start_cycle = job.start_cycle;
  row.cycles = job.cycles();
  row.estimate_cycles = dma ? 0.0 : job.estimate_cycles;
  row.mac_utilisation_percent =
      row.cycles == 0 ? 0.0
                      : 100.0 * static_cast<double>(job.macs) /
                            (static_cast<double>(row.cycles) * accelerator.macs_per_cycle);
  row.blocks = job.blocks;
  row.macs = job.macs;
  row.read_bytes = job.read_bytes;
  row.write_bytes = job.write_bytes;
  row.stalls = job.stalls;
  return row;
}

void add_energy(perf::EnergyBreakdown& sum, const perf::EnergyBreakdown& part) {
  sum.mac_uj += part.mac_uj;
  sum.shram_uj += part.shram_uj;
  sum.weight_decoder_uj += part.weight_decoder_uj;
  sum.output_unit_uj += part.output_unit_uj;
  for (size_t m = 0; m < sum.memory_uj.size(); ++m) sum.memory_uj[m] += part.memory_uj[m];
  sum.command_uj += part.command_uj;
  sum.static_uj += part.static_uj;
  sum.total_uj += part.total_uj;
  sum.seconds += part.seconds;
  sum.average_power_mw = sum.seconds > 0 ? sum.total_uj / sum.seconds * 1e-3 : 0.0;
}

// The rows and summary of one ethos-u run.
Status add_run(const ir::Graph& graph, const driver::npu::SystemcOpRun& run, int32_t op_index,
               const driver::npu::SystemcOptions& options, const perf::EnergyTable& table,
               RunReport& report) {
  Expected<driver::npu::RunEnergy> energy =
      driver::npu::estimate_run_energy(graph, run, options, table);
  if (!energy) return energy.status();
  RunSummary summary;
  summary.layer = operator_label(graph, run.output_tensor);
  summary.cycles = run.record.cycles;
  summary.pmu_cycles = run.pmu_cycles;
  summary.energy = energy->total;
  summary.events = run.record.events;
  const auto run_index = static_cast<int32_t>(report.runs.size());
  for (size_t j = 0; j < run.record.jobs.size(); ++j) {
    ReportRow row = job_row(run.record.jobs[j], options.accelerator);
    row.graph_operator = op_index;
    row.layer = summary.layer;
    row.run = run_index;
    row.energy_uj = j < energy->jobs.size() ? energy->jobs[j].total_uj : 0.0;
    report.rows.push_back(std::move(row));
  }
  report.runs.push_back(std::move(summary));
  return Status::ok();
}

void add_totals(RunReport& report) {
  for (const RunSummary& run : report.runs) {
    report.total_cycles += run.cycles;
    add_energy(report.energy, run.energy);
    for (size_t e = 0; e < report.events.size(); ++e) report.events[e] += run.events[e];
  }
  report.seconds = report.energy.seconds;
  for (const ReportRow& row : report.rows) {
    report.total_macs += row.macs;
    for (size_t p = 0; p < 2; ++p) {
      report.read_bytes[p] += row.read_bytes[p];
      report.write_bytes[p] += row.write_bytes[p];
    }
  }
}

std::string stall_causes(const ReportRow& row) {
  std::string out;
  for (const sim::systemc::StallCause& cause : sim::systemc::kStallCauses) {
    const uint64_t cycles = row.stalls.*cause.cycles;
    if (cycles == 0) continue;
    out += (out.empty() ? "" : " ") + std::string(cause.label) + ":" + std::to_string(cycles);
  }
  return out.empty() ? "-" : out;
}

unsigned long long ull(uint64_t value) { return static_cast<unsigned long long>(value); }

void print_rows_of_run(const RunReport& report, int32_t run) {
  std::printf("%4s  %-20s %-4s %10s %10s %10s %6s %6s %10s %10s %10s %10s %10s  %s\n", "#",
              "operation", "unit", "start", "cycles", "estimate", "MAC%", "blocks", "AXI0 rd",
              "AXI0 wr", "AXI1 rd", "AXI1 wr", "energy uJ", "stalls (cycles)");
  int index = 0;
  for (const ReportRow& row : report.rows) {
    if (row.run != run) continue;
    const bool dma = row.unit == "DMA";
    std::printf(
        "%4d  %-20s %-4s %10llu %10llu %10.0f %6.1f %6lld %10llu %10llu %10llu %10llu "
        "%10.3f  %s\n",
        index++, row.op.c_str(), row.unit.c_str(), ull(row.start_cycle), ull(row.cycles),
        row.estimate_cycles, row.mac_utilisation_percent, static_cast<long long>(row.blocks),
        ull(row.read_bytes[0]), ull(row.write_bytes[0]), ull(row.read_bytes[1]),
        ull(row.write_bytes[1]), row.energy_uj, dma ? "-" : stall_causes(row).c_str());
  }
}

void print_pmu(const driver::npu::SystemcOpRun& run) {
  std::printf("PMU (registers): cycle counter %llu; PMEVCNTR0..3:", ull(run.pmu_cycles));
  for (size_t i = 0; i < run.pmu_counters.size(); ++i) {
    std::printf(" %s=%u", sim::systemc::pmu_event_name(driver::npu::kDriverPmuEvents[i]).c_str(),
                run.pmu_counters[i]);
  }
  std::printf("\nPMU (all events):");
  int column = 0;
  for (const sim::systemc::PmuEventInfo& event : sim::systemc::counted_pmu_events()) {
    if (column++ % 4 == 0) std::printf("\n ");
    std::printf(" %-26s %12llu", event.name, ull(run.record.events[event.code]));
  }
  std::printf("\n");
}

// The units of an energy breakdown, in report order, with their keys.
std::vector<std::pair<std::string, double>> energy_units(const perf::EnergyBreakdown& e) {
  std::vector<std::pair<std::string, double>> units = {{"mac_array", e.mac_uj},
                                                       {"internal_buffer", e.shram_uj},
                                                       {"weight_decoder", e.weight_decoder_uj},
                                                       {"output_unit", e.output_unit_uj}};
  for (size_t m = 0; m < e.memory_uj.size(); ++m) {
    const char* name = perf::memory_kind_name(static_cast<perf::MemoryKind>(m));
    units.emplace_back(std::string("memory_") + name, e.memory_uj[m]);
  }
  units.emplace_back("command_processor", e.command_uj);
  units.emplace_back("static", e.static_uj);
  return units;
}

void print_energy(const RunReport& report) {
  const perf::EnergyBreakdown& e = report.energy;
  std::printf(
      "energy (%s): %.3f uJ = %.3f uJ dynamic + %.3f uJ static; average power %.2f mW at "
      "%.0f MHz\n",
      report.energy_table.c_str(), e.total_uj, e.dynamic_uj(), e.static_uj, e.average_power_mw,
      report.clock_hz / 1e6);
  std::printf("energy by unit (uJ):");
  for (const auto& [name, uj] : energy_units(e)) {
    const double percent = e.total_uj > 0 ? 100.0 * uj / e.total_uj : 0.0;
    std::printf(" %s %.3f (%.1f%%)", name.c_str(), uj, percent);
  }
  std::printf("\n");
}

// Figures in the JSON and CSV keep 6 significant digits.
double significant(double value) { return significant_digits(value, 6); }

std::string number(double value) {
  char text[64];
  std::snprintf(text, sizeof text, "%.6g", value);
  return text;
}

Json row_json(const ReportRow& row) {
  Json json = {{"operator", row.graph_operator},
               {"layer", row.layer},
               {"op", row.op},
               {"unit", row.unit},
               {"run", row.run},
               {"start_cycle", row.start_cycle},
               {"cycles", row.cycles},
               {"estimate_cycles", significant(row.estimate_cycles)},
               {"mac_utilisation_percent", significant(row.mac_utilisation_percent)},
               {"blocks", row.blocks},
               {"macs", row.macs}};
  for (size_t p = 0; p < 2; ++p) {
    json["axi" + std::to_string(p) + "_read_bytes"] = row.read_bytes[p];
    json["axi" + std::to_string(p) + "_write_bytes"] = row.write_bytes[p];
  }
  Json stalls = Json::object();
  for (const sim::systemc::StallCause& cause : sim::systemc::kStallCauses) {
    stalls[cause.key] = row.stalls.*cause.cycles;
  }
  json["stalls"] = std::move(stalls);
  json["energy_uj"] = significant(row.energy_uj);
  json["host_us"] = significant(row.host_us);
  return json;
}

Json energy_json(const perf::EnergyBreakdown& e) {
  Json units = Json::object();
  for (const auto& [name, uj] : energy_units(e)) units[name] = significant(uj);
  return {{"total_uj", significant(e.total_uj)},
          {"dynamic_uj", significant(e.dynamic_uj())},
          {"average_power_mw", significant(e.average_power_mw)},
          {"units_uj", std::move(units)}};
}

Json events_json(const sim::systemc::PmuEvents& events) {
  Json json = Json::object();
  for (const sim::systemc::PmuEventInfo& event : sim::systemc::counted_pmu_events()) {
    json[event.name] = events[event.code];
  }
  return json;
}

}  // namespace

std::string operator_label(const ir::Graph& graph, int32_t tensor) {
  for (size_t i = 0; i < graph.operators.size(); ++i) {
    const auto& outputs = graph.operators[i].outputs;
    if (!outputs.empty() && outputs[0] == tensor) {
      return "#" + std::to_string(i) + " " + ir::op_type_name(graph.operators[i].type);
    }
  }
  return "ethos-u";
}

Expected<RunReport> build_run_report(const driver::cpu::CpuRuntime& runtime,
                                     const driver::npu::SystemcLog& log,
                                     const driver::npu::SystemcOptions& options,
                                     const perf::EnergyTable& table, const ReportLabels& labels) {
  const ir::Graph& graph = runtime.graph();
  RunReport report;
  report.model = labels.model;
  report.energy_table = labels.energy_table;
  report.backend_note = labels.backend_note;
  report.accelerator_config = options.accelerator.name;
  report.system_config = options.system.name;
  report.memory_mode = options.mode.name;
  report.clock_hz = options.system.core_clock_hz;
  std::map<int32_t, const driver::npu::SystemcOpRun*> runs;  // by output tensor
  for (const driver::npu::SystemcOpRun& run : log.runs) runs[run.output_tensor] = &run;
  for (size_t i = 0; i < graph.operators.size(); ++i) {
    const ir::Operator& op = graph.operators[i];
    const auto found = op.outputs.empty() ? runs.end() : runs.find(op.outputs[0]);
    if (found != runs.end()) {
      Status status =
          add_run(graph, *found->second, static_cast<int32_t>(i), options, table, report);
      if (!status) return status;
      continue;
    }
    ReportRow row;
    row.graph_operator = static_cast<int32_t>(i);
    row.layer = "#" + std::to_string(i) + " " + ir::op_type_name(op.type);
    row.op = ir::op_type_name(op.type);
    row.unit = "CPU";
    row.macs = ir::mac_count(graph, op);
    row.host_us = static_cast<double>(runtime.op_host_ns()[i]) / 1e3;
    report.rows.push_back(std::move(row));
  }
  add_totals(report);
  return report;
}

void print_run_report(const RunReport& report, const driver::npu::SystemcLog& log) {
  for (size_t r = 0; r < report.runs.size(); ++r) {
    const RunSummary& run = report.runs[r];
    std::printf("\nNPU run of %s (timed SystemC model): %s cycles, %.1f us at %.0f MHz, %.3f uJ\n",
                run.layer.c_str(), with_thousands(static_cast<int64_t>(run.cycles)).c_str(),
                run.energy.seconds * 1e6, report.clock_hz / 1e6, run.energy.total_uj);
    print_rows_of_run(report, static_cast<int32_t>(r));
    if (r < log.runs.size()) print_pmu(log.runs[r]);
  }
  if (report.runs.empty()) return;
  std::printf(
      "\ntotal NPU: %s cycles = %.1f us at %.0f MHz (%zu ethos-u run%s); CPU operators "
      "are not timed (see host us above)\n",
      with_thousands(static_cast<int64_t>(report.total_cycles)).c_str(), report.seconds * 1e6,
      report.clock_hz / 1e6, report.runs.size(), report.runs.size() == 1 ? "" : "s");
  std::printf("bytes per AXI port: AXI0 %s read, %s written; AXI1 %s read, %s written\n",
              with_thousands(static_cast<int64_t>(report.read_bytes[0])).c_str(),
              with_thousands(static_cast<int64_t>(report.write_bytes[0])).c_str(),
              with_thousands(static_cast<int64_t>(report.read_bytes[1])).c_str(),
              with_thousands(static_cast<int64_t>(report.write_bytes[1])).c_str());
  print_energy(report);
}

std::string run_report_json(const RunReport& report) {
  Json operations = Json::array();
  for (const ReportRow& row : report.rows) operations.push_back(row_json(row));
  Json runs = Json::array();
  for (const RunSummary& run : report.runs) {
    runs.push_back({{"layer", run.layer},
                    {"cycles", run.cycles},
                    {"pmu_cycle_counter", run.pmu_cycles},
                    {"energy", energy_json(run.energy)},
                    {"pmu", events_json(run.events)}});
  }
  Json totals = {{"cycles", report.total_cycles},
                 {"seconds", significant(report.seconds)},
                 {"macs", report.total_macs}};
  for (size_t p = 0; p < 2; ++p) {
    totals["axi" + std::to_string(p) + "_read_bytes"] = report.read_bytes[p];
    totals["axi" + std::to_string(p) + "_write_bytes"] = report.write_bytes[p];
  }
  totals["energy"] = energy_json(report.energy);
  totals["pmu"] = events_json(report.events);
  Json document = {{"model", report.model},
                   {"accelerator_config", report.accelerator_config},
                   {"system_config", report.system_config},
                   {"memory_mode", report.memory_mode},
                   {"energy_table", report.energy_table},
                   {"clock_hz", significant(report.clock_hz)},
                   {"operations", std::move(operations)},
                   {"runs", std::move(runs)},
                   {"totals", std::move(totals)}};
  if (!report.backend_note.empty()) document["backend_note"] = report.backend_note;
  return json_text(document);
}

std::string run_report_csv(const RunReport& report) {
  std::vector<std::string> header = {"operator",
                                     "layer",
                                     "op",
                                     "unit",
                                     "run",
                                     "start_cycle",
                                     "cycles",
                                     "estimate_cycles",
                                     "mac_utilisation_percent",
                                     "blocks",
                                     "macs",
                                     "axi0_read_bytes",
                                     "axi0_write_bytes",
                                     "axi1_read_bytes",
                                     "axi1_write_bytes"};
  for (const sim::systemc::StallCause& cause : sim::systemc::kStallCauses) {
    header.push_back(cause.key);
  }
  header.insert(header.end(), {"energy_uj", "host_us"});
  CsvWriter csv(header);
  for (const ReportRow& row : report.rows) {
    std::vector<std::string> fields = {std::to_string(row.graph_operator),
                                       row.layer,
                                       row.op,
                                       row.unit,
                                       std::to_string(row.run),
                                       std::to_string(row.start_cycle),
                                       std::to_string(row.cycles),
                                       number(row.estimate_cycles),
                                       number(row.mac_utilisation_percent),
                                       std::to_string(row.blocks),
                                       std::to_string(row.macs),
                                       std::to_string(row.read_bytes[0]),
                                       std::to_string(row.write_bytes[0]),
                                       std::to_string(row.read_bytes[1]),
                                       std::to_string(row.write_bytes[1])};
    for (const sim::systemc::StallCause& cause : sim::systemc::kStallCauses) {
      fields.push_back(std::to_string(row.stalls.*cause.cycles));
    }
    fields.insert(fields.end(), {number(row.energy_uj), number(row.host_us)});
    csv.add_row(fields);
  }
  if (report.backend_note.empty()) return csv.text();
  return csv.text() + "# " + report.backend_note + "\n";
}

Expected<std::string> report_format(const std::string& path) {
  const size_t dot = path.find_last_of('.');
  const std::string extension = dot == std::string::npos ? "" : path.substr(dot + 1);
  if (extension == "json" || extension == "csv") return extension;
  return Status::invalid_input("--report " + path +
                               ": unknown report format (the file name must end in .json or .csv)");
}

Status write_run_report(const RunReport& report, const std::string& path) {
  Expected<std::string> format = report_format(path);
  if (!format) return format.status();
  return write_text_file(path,
                         *format == "json" ? run_report_json(report) : run_report_csv(report));
}

}  // namespace vnpu::cli
