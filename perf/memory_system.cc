#include "perf/memory_system.h"

#include <algorithm>
#include <cmath>

namespace vnpu::perf {

MemorySystem make_memory_system(const SystemConfig& system, const MemoryMode& mode,
                                const isa::AcceleratorConfig& accelerator) {
  MemorySystem out;
  out.core_clock_hz = system.core_clock_hz;
  for (size_t i = 0; i < kMemoryKinds; ++i) {
    const auto kind = static_cast<MemoryKind>(i);
    out.bandwidth_bytes_per_cycle[i] =
        bandwidth_bytes_per_cycle(system, kind, accelerator.axi_bytes_per_cycle);
    out.burst_length_bytes[i] = system.memories[i].burst_length_bytes;
    out.read_latency_cycles[i] = system.memories[i].read_latency_cycles;
    out.write_latency_cycles[i] = system.memories[i].write_latency_cycles;
  }
  const MemoryKind arena = system.port_memory(mode.arena_area);
  out.region_memory.fill(arena);
  out.region_memory[0] = system.port_memory(mode.const_area);
  out.region_memory[2] = system.port_memory(mode.cache_area);
  return out;
}

double burst_scaled_bytes(const MemorySystem& memory, MemoryKind kind, bool is_read,
                          isa::DataFormat format, int32_t element_bits, const Shape& block,
                          const Shape& shape, double bytes) {
  // Strides in bytes as Vela's _strides_for_shape computes them; Vela compares
  // them with the block depth (an element count), and so do we.
  const double bits = element_bits;
  int64_t burst_bits = 0;
  if (format == isa::DataFormat::kNhcwb16) {
    const double stride_c = bits * 16 * static_cast<double>(shape.width) / 8;
    if (stride_c == static_cast<double>(block.depth)) {
      burst_bits = element_bits * block.depth * block.width;
    } else {
      burst_bits = 16 * element_bits * block.width;  // one core on U55, read or write
    }
  } else {
    const double stride_z = bits / 8;
    const bool unit_depth = stride_z == static_cast<double>(block.depth);
    if (is_read) {
      burst_bits = unit_depth ? element_bits * block.depth * block.width
                              : element_bits * block.depth;
    } else if (block.depth <= 16 && unit_depth) {
      burst_bits = element_bits * block.depth * block.width;
    } else {
      burst_bits = std::min<int64_t>({64 * 8, 16 * int64_t{element_bits}, block.depth * element_bits});
    }
  }
  const int32_t configured = memory.burst_length_bytes[static_cast<size_t>(kind)];
  const int64_t burst_bytes = std::max<int64_t>(1, std::min<int64_t>(configured, burst_bits / 8));
  return bytes * (static_cast<double>(configured) / static_cast<double>(burst_bytes));
}

double mem2mem_cycles(const MemorySystem& memory, MemoryKind from, MemoryKind to, double bytes) {
  const double from_cycles = std::floor(bytes / memory.bandwidth(from)) +
                             memory.read_latency_cycles[static_cast<size_t>(from)];
  const double to_cycles = std::floor(bytes / memory.bandwidth(to));
  return std::max(from_cycles, to_cycles);
}

}  // namespace vnpu::perf
