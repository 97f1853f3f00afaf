#include "perf/report.h"

#include <cmath>
#include <cstdio>

#include "core/csv.h"
#include "core/json.h"
#include "core/text_format.h"

namespace vnpu::perf {
namespace {

// "%.<decimals>f", the CSV's number format.
std::string fixed(double value, int decimals) { return format_text("%.*f", decimals, value); }

bool listed(const OperationEstimate& e) {
  return e.is_block || e.kind == isa::OperationKind::kDmaStart;
}

double memory_bytes(const Traffic& t, size_t m) {
  return t.memory_read_bytes[m] + t.memory_written_bytes[m];
}

// The JSON figures keep the precision the report documents: cycles to 2
// decimals, utilisation to 5, time to 9; bytes and the clock are whole numbers.
double cycles(double value) { return fixed_decimals(value, 2); }
double ratio(double value) { return fixed_decimals(value, 5); }
int64_t whole(double value) { return std::llround(value); }

Json per_memory(const std::array<double, kMemoryKinds>& values) {
  Json out = Json::object();
  for (size_t m = 0; m < kMemoryKinds; ++m) {
    out[memory_kind_name(static_cast<MemoryKind>(m))] = cycles(values[m]);
  }
  return out;
}

Json operation_json(const OperationEstimate& o) {
  Json access = Json::array();
  for (double value : o.access_cycles) access.push_back(cycles(value));
  return {{"op", o.index},
          {"word_offset", o.word_offset},
          {"kind", o.name},
          {"ofm", {o.ofm.height, o.ofm.width, o.ofm.depth}},
          {"ofm_blocks", o.ofm_blocks},
          {"mac_cycles", cycles(o.compute.mac_cycles)},
          {"output_cycles", cycles(o.compute.output_cycles)},
          {"dma_stall_cycles", cycles(o.dma_stall_cycles)},
          {"npu_cycles", cycles(o.npu_cycles)},
          {"access_cycles", std::move(access)},
          {"cycles", cycles(o.is_block ? o.cycles : o.dma_cycles)},
          {"bound", bound_name(o.bound)},
          {"macs", o.macs},
          {"mac_utilisation", ratio(o.mac_utilisation)}};
}

}  // namespace

std::string format_table(const Estimate& e, const ReportContext& c) {
  std::string out = format_text("model: %s\nnpu: %s, system config %s, memory mode %s\n\n",
                                  c.model.c_str(), c.accelerator.c_str(), c.system_config.c_str(),
                                  c.memory_mode.c_str());
  out += format_text("%4s %7s %-22s %13s %6s %10s %9s %9s %9s %9s %10s %-12s %10s %6s\n", "op",
                       "word", "kind", "ofm HxWxC", "blocks", "mac cyc", "out cyc", "stall",
                       "sram cyc", "flash cyc", "cycles", "bound", "MACs", "util%");
  for (const OperationEstimate& o : e.operations) {
    if (!listed(o)) continue;
    const std::string shape =
        o.is_block ? format_text("%lldx%lldx%lld", static_cast<long long>(o.ofm.height),
                                   static_cast<long long>(o.ofm.width),
                                   static_cast<long long>(o.ofm.depth))
                   : format_text("%.0f B", o.dma_bytes);
    out += format_text("%4zu %7u %-22s %13s %6lld %10.1f %9.1f %9.1f %9.1f %9.1f %10.1f %-12s "
                         "%10lld %6.1f\n",
                         o.index, o.word_offset, o.name.c_str(), shape.c_str(),
                         static_cast<long long>(o.ofm_blocks), o.compute.mac_cycles,
                         o.compute.output_cycles, o.dma_stall_cycles, o.access_cycles[0],
                         o.access_cycles[2] + o.access_cycles[3],
                         o.is_block ? o.cycles : o.dma_cycles, bound_name(o.bound),
                         static_cast<long long>(o.macs), 100.0 * o.mac_utilisation);
  }
  out += format_text("\ntotal: %.1f cycles (%.3f ms at %.0f MHz), NPU %.1f, SRAM access %.1f, "
                       "DRAM %.1f, on-chip flash %.1f, off-chip flash %.1f\n",
                       e.total_cycles, 1e3 * e.inference_seconds(), e.core_clock_hz / 1e6,
                       e.npu_cycles, e.access_cycles[0], e.access_cycles[1], e.access_cycles[2],
                       e.access_cycles[3]);
  out += format_text("bytes: SRAM %.0f, DRAM %.0f, on-chip flash %.0f, off-chip flash %.0f; "
                       "AXI0 %.0f, AXI1 %.0f\n",
                       memory_bytes(e.traffic, 0), memory_bytes(e.traffic, 1),
                       memory_bytes(e.traffic, 2), memory_bytes(e.traffic, 3),
                       e.traffic.port_bytes[0], e.traffic.port_bytes[1]);
  out += format_text("MACs %lld, MAC utilisation %.1f%%, DMA transfers %zu (%.0f bytes)\n",
                       static_cast<long long>(e.macs), 100.0 * e.mac_utilisation, e.dma_transfers,
                       e.dma_bytes);
  return out;
}

std::string format_csv(const Estimate& e) {
  CsvWriter csv({"op",
                 "word_offset",
                 "kind",
                 "ofm_height",
                 "ofm_width",
                 "ofm_depth",
                 "ofm_blocks",
                 "mac_cycles",
                 "output_cycles",
                 "cmd_floor_cycles_per_block",
                 "dma_stall_cycles",
                 "npu_cycles",
                 "sram_access_cycles",
                 "dram_access_cycles",
                 "on_chip_flash_access_cycles",
                 "off_chip_flash_access_cycles",
                 "cycles",
                 "bound",
                 "ifm_bytes",
                 "ifm2_bytes",
                 "weight_bytes",
                 "scale_bytes",
                 "ofm_bytes",
                 "dma_bytes",
                 "macs",
                 "mac_utilisation"});
  for (const OperationEstimate& o : e.operations) {
    if (!listed(o)) continue;
    csv.add_row({std::to_string(o.index),
                 std::to_string(o.word_offset),
                 o.name,
                 std::to_string(o.ofm.height),
                 std::to_string(o.ofm.width),
                 std::to_string(o.ofm.depth),
                 std::to_string(o.ofm_blocks),
                 fixed(o.compute.mac_cycles, 2),
                 fixed(o.compute.output_cycles, 2),
                 fixed(o.compute.cmd_floor_cycles_per_block, 2),
                 fixed(o.dma_stall_cycles, 2),
                 fixed(o.npu_cycles, 2),
                 fixed(o.access_cycles[0], 2),
                 fixed(o.access_cycles[1], 2),
                 fixed(o.access_cycles[2], 2),
                 fixed(o.access_cycles[3], 2),
                 fixed(o.is_block ? o.cycles : o.dma_cycles, 2),
                 bound_name(o.bound),
                 fixed(o.ifm_bytes, 0),
                 fixed(o.ifm2_bytes, 0),
                 fixed(o.weight_bytes, 0),
                 fixed(o.scale_bytes, 0),
                 fixed(o.ofm_bytes, 0),
                 fixed(o.dma_bytes, 0),
                 std::to_string(o.macs),
                 fixed(o.mac_utilisation, 5)});
  }
  std::vector<std::string> total(26);
  total[0] = "total";
  total[11] = fixed(e.npu_cycles, 2);
  for (size_t m = 0; m < 4; ++m) total[12 + m] = fixed(e.access_cycles[m], 2);
  total[16] = fixed(e.total_cycles, 2);
  total[23] = fixed(e.dma_bytes, 0);
  total[24] = std::to_string(e.macs);
  total[25] = fixed(e.mac_utilisation, 5);
  csv.add_row(total);
  return csv.text();
}

std::string format_json(const Estimate& e, const ReportContext& c) {
  Json bytes = Json::object();
  for (size_t m = 0; m < kMemoryKinds; ++m) {
    bytes[memory_kind_name(static_cast<MemoryKind>(m))] = whole(memory_bytes(e.traffic, m));
  }
  bytes["axi0"] = whole(e.traffic.port_bytes[0]);
  bytes["axi1"] = whole(e.traffic.port_bytes[1]);
  Json operations = Json::array();
  for (const OperationEstimate& o : e.operations) {
    if (listed(o)) operations.push_back(operation_json(o));
  }
  const Json document = {{"model", c.model},
                         {"accelerator_config", c.accelerator},
                         {"system_config", c.system_config},
                         {"memory_mode", c.memory_mode},
                         {"core_clock_hz", whole(e.core_clock_hz)},
                         {"total_cycles", cycles(e.total_cycles)},
                         {"npu_cycles", cycles(e.npu_cycles)},
                         {"inference_time_s", fixed_decimals(e.inference_seconds(), 9)},
                         {"access_cycles", per_memory(e.access_cycles)},
                         {"bytes", std::move(bytes)},
                         {"macs", e.macs},
                         {"mac_utilisation", ratio(e.mac_utilisation)},
                         {"dma_transfers", e.dma_transfers},
                         {"dma_bytes", whole(e.dma_bytes)},
                         {"operations", std::move(operations)}};
  return json_text(document);
}

}  // namespace vnpu::perf
