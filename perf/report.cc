#include "perf/report.h"

#include <cstdarg>
#include <cstdio>

namespace vnpu::perf {
namespace {

std::string printf_string(const char* format, ...) __attribute__((format(printf, 1, 2)));

std::string printf_string(const char* format, ...) {
  char buffer[1024];
  va_list args;
  va_start(args, format);
  std::vsnprintf(buffer, sizeof(buffer), format, args);
  va_end(args);
  return buffer;
}

bool listed(const OperationEstimate& e) {
  return e.is_block || e.kind == isa::OperationKind::kDmaStart;
}

double memory_bytes(const Traffic& t, size_t m) {
  return t.memory_read_bytes[m] + t.memory_written_bytes[m];
}

std::string json_string(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) {
      out += printf_string("\\u%04x", static_cast<unsigned>(c));
      continue;
    }
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string format_table(const Estimate& e, const ReportContext& c) {
  std::string out = printf_string("model: %s\nnpu: %s, system config %s, memory mode %s\n\n",
                                  c.model.c_str(), c.accelerator.c_str(), c.system_config.c_str(),
                                  c.memory_mode.c_str());
  out += printf_string("%4s %7s %-22s %13s %6s %10s %9s %9s %9s %9s %10s %-12s %10s %6s\n", "op",
                       "word", "kind", "ofm HxWxC", "blocks", "mac cyc", "out cyc", "stall",
                       "sram cyc", "flash cyc", "cycles", "bound", "MACs", "util%");
  for (const OperationEstimate& o : e.operations) {
    if (!listed(o)) continue;
    const std::string shape =
        o.is_block ? printf_string("%lldx%lldx%lld", static_cast<long long>(o.ofm.height),
                                   static_cast<long long>(o.ofm.width),
                                   static_cast<long long>(o.ofm.depth))
                   : printf_string("%.0f B", o.dma_bytes);
    out += printf_string("%4zu %7u %-22s %13s %6lld %10.1f %9.1f %9.1f %9.1f %9.1f %10.1f %-12s "
                         "%10lld %6.1f\n",
                         o.index, o.word_offset, o.name.c_str(), shape.c_str(),
                         static_cast<long long>(o.ofm_blocks), o.compute.mac_cycles,
                         o.compute.output_cycles, o.dma_stall_cycles, o.access_cycles[0],
                         o.access_cycles[2] + o.access_cycles[3],
                         o.is_block ? o.cycles : o.dma_cycles, bound_name(o.bound),
                         static_cast<long long>(o.macs), 100.0 * o.mac_utilisation);
  }
  out += printf_string("\ntotal: %.1f cycles (%.3f ms at %.0f MHz), NPU %.1f, SRAM access %.1f, "
                       "DRAM %.1f, on-chip flash %.1f, off-chip flash %.1f\n",
                       e.total_cycles, 1e3 * e.inference_seconds(), e.core_clock_hz / 1e6,
                       e.npu_cycles, e.access_cycles[0], e.access_cycles[1], e.access_cycles[2],
                       e.access_cycles[3]);
  out += printf_string("bytes: SRAM %.0f, DRAM %.0f, on-chip flash %.0f, off-chip flash %.0f; "
                       "AXI0 %.0f, AXI1 %.0f\n",
                       memory_bytes(e.traffic, 0), memory_bytes(e.traffic, 1),
                       memory_bytes(e.traffic, 2), memory_bytes(e.traffic, 3),
                       e.traffic.port_bytes[0], e.traffic.port_bytes[1]);
  out += printf_string("MACs %lld, MAC utilisation %.1f%%, DMA transfers %zu (%.0f bytes)\n",
                       static_cast<long long>(e.macs), 100.0 * e.mac_utilisation, e.dma_transfers,
                       e.dma_bytes);
  return out;
}

std::string format_csv(const Estimate& e) {
  std::string out =
      "op,word_offset,kind,ofm_height,ofm_width,ofm_depth,ofm_blocks,mac_cycles,output_cycles,"
      "cmd_floor_cycles_per_block,dma_stall_cycles,npu_cycles,sram_access_cycles,"
      "dram_access_cycles,on_chip_flash_access_cycles,off_chip_flash_access_cycles,cycles,bound,"
      "ifm_bytes,ifm2_bytes,weight_bytes,scale_bytes,ofm_bytes,dma_bytes,macs,mac_utilisation\n";
  for (const OperationEstimate& o : e.operations) {
    if (!listed(o)) continue;
    out += printf_string(
        "%zu,%u,%s,%lld,%lld,%lld,%lld,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,%s,%.0f,"
        "%.0f,%.0f,%.0f,%.0f,%.0f,%lld,%.5f\n",
        o.index, o.word_offset, o.name.c_str(), static_cast<long long>(o.ofm.height),
        static_cast<long long>(o.ofm.width), static_cast<long long>(o.ofm.depth),
        static_cast<long long>(o.ofm_blocks), o.compute.mac_cycles, o.compute.output_cycles,
        o.compute.cmd_floor_cycles_per_block, o.dma_stall_cycles, o.npu_cycles,
        o.access_cycles[0], o.access_cycles[1], o.access_cycles[2], o.access_cycles[3],
        o.is_block ? o.cycles : o.dma_cycles, bound_name(o.bound), o.ifm_bytes, o.ifm2_bytes,
        o.weight_bytes, o.scale_bytes, o.ofm_bytes, o.dma_bytes, static_cast<long long>(o.macs),
        o.mac_utilisation);
  }
  out += printf_string("total,,,,,,,,,,,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,,,,,,,%.0f,%lld,%.5f\n",
                       e.npu_cycles, e.access_cycles[0], e.access_cycles[1], e.access_cycles[2],
                       e.access_cycles[3], e.total_cycles, e.dma_bytes,
                       static_cast<long long>(e.macs), e.mac_utilisation);
  return out;
}

std::string format_json(const Estimate& e, const ReportContext& c) {
  std::string out = "{\n";
  out += "  \"model\": " + json_string(c.model) + ",\n";
  out += "  \"accelerator_config\": " + json_string(c.accelerator) + ",\n";
  out += "  \"system_config\": " + json_string(c.system_config) + ",\n";
  out += "  \"memory_mode\": " + json_string(c.memory_mode) + ",\n";
  out += printf_string("  \"core_clock_hz\": %.0f,\n  \"total_cycles\": %.2f,\n"
                       "  \"npu_cycles\": %.2f,\n  \"inference_time_s\": %.9f,\n",
                       e.core_clock_hz, e.total_cycles, e.npu_cycles, e.inference_seconds());
  out += printf_string("  \"access_cycles\": {\"Sram\": %.2f, \"Dram\": %.2f, \"OnChipFlash\": "
                       "%.2f, \"OffChipFlash\": %.2f},\n",
                       e.access_cycles[0], e.access_cycles[1], e.access_cycles[2],
                       e.access_cycles[3]);
  out += printf_string("  \"bytes\": {\"Sram\": %.0f, \"Dram\": %.0f, \"OnChipFlash\": %.0f, "
                       "\"OffChipFlash\": %.0f, \"axi0\": %.0f, \"axi1\": %.0f},\n",
                       memory_bytes(e.traffic, 0), memory_bytes(e.traffic, 1),
                       memory_bytes(e.traffic, 2), memory_bytes(e.traffic, 3),
                       e.traffic.port_bytes[0], e.traffic.port_bytes[1]);
  out += printf_string("  \"macs\": %lld,\n  \"mac_utilisation\": %.5f,\n  \"dma_transfers\": "
                       "%zu,\n  \"dma_bytes\": %.0f,\n  \"operations\": [",
                       static_cast<long long>(e.macs), e.mac_utilisation, e.dma_transfers,
                       e.dma_bytes);
  bool first = true;
  for (const OperationEstimate& o : e.operations) {
    if (!listed(o)) continue;
    out += first ? "\n" : ",\n";
    first = false;
    out += printf_string(
        "    {\"op\": %zu, \"word_offset\": %u, \"kind\": %s, \"ofm\": [%lld, %lld, %lld], "
        "\"ofm_blocks\": %lld, \"mac_cycles\": %.2f, \"output_cycles\": %.2f, "
        "\"dma_stall_cycles\": %.2f, \"npu_cycles\": %.2f, \"access_cycles\": [%.2f, %.2f, %.2f, "
        "%.2f], \"cycles\": %.2f, \"bound\": %s, \"macs\": %lld, \"mac_utilisation\": %.5f}",
        o.index, o.word_offset, json_string(o.name).c_str(), static_cast<long long>(o.ofm.height),
        static_cast<long long>(o.ofm.width), static_cast<long long>(o.ofm.depth),
        static_cast<long long>(o.ofm_blocks), o.compute.mac_cycles, o.compute.output_cycles,
        o.dma_stall_cycles, o.npu_cycles, o.access_cycles[0], o.access_cycles[1],
        o.access_cycles[2], o.access_cycles[3], o.is_block ? o.cycles : o.dma_cycles,
        json_string(bound_name(o.bound)).c_str(), static_cast<long long>(o.macs),
        o.mac_utilisation);
  }
  out += "\n  ]\n}\n";
  return out;
}

}  // namespace vnpu::perf
