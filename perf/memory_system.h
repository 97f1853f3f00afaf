// The memory system an estimate runs against: per memory its bandwidth, burst
// length and latencies (from a SystemConfig), and which memory each of the eight
// base-pointer regions lives in (from a MemoryMode). Formulas: docs/perf_model.md §2.
#pragma once

#include <array>
#include <cstdint>

#include "isa/accelerator_config.h"
#include "isa/opcodes.h"
#include "perf/system_config.h"

namespace vnpu::perf {

struct MemorySystem {
  double core_clock_hz = 500e6;
  std::array<double, kMemoryKinds> bandwidth_bytes_per_cycle{};
  std::array<int32_t, kMemoryKinds> burst_length_bytes{};
  std::array<int32_t, kMemoryKinds> read_latency_cycles{};
  std::array<int32_t, kMemoryKinds> write_latency_cycles{};
  // Region 0 = constants (const_mem_area), 1 = arena (arena_mem_area),
  // 2 = fast scratch (cache_mem_area), 3..7 = arena.
  std::array<MemoryKind, 8> region_memory{};

  MemoryKind memory_of_region(uint8_t region) const { return region_memory[region & 7u]; }
  double bandwidth(MemoryKind kind) const {
    return bandwidth_bytes_per_cycle[static_cast<size_t>(kind)];
  }
};

MemorySystem make_memory_system(const SystemConfig& system, const MemoryMode& mode,
                                const isa::AcceleratorConfig& accelerator);

struct Shape {
  int64_t height = 1;
  int64_t width = 1;
  int64_t depth = 1;
  int64_t elements() const { return height * width * depth; }
};

// Vela 3.10 _estimate_memory_transfer_efficiency: `bytes` scaled by
// burst_length / achievable burst, where the achievable burst depends on the
// format, the block and (through the strides) the feature-map shape.
double burst_scaled_bytes(const MemorySystem& memory, MemoryKind kind, bool is_read,
                          isa::DataFormat format, int32_t element_bits, const Shape& block,
                          const Shape& shape, double bytes);

// Vela 3.10 measure_mem2mem_cycles: max(floor(bytes / BW_src) + read latency_src,
// floor(bytes / BW_dst)). A transfer into the NPU's internal SHRAM uses the AXI
// width (8 B/cycle) as its destination bandwidth.
double mem2mem_cycles(const MemorySystem& memory, MemoryKind from, MemoryKind to, double bytes);

}  // namespace vnpu::perf
