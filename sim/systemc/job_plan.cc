#include "sim/systemc/job_plan.h"

#include <algorithm>
#include <cmath>

#include "perf/estimator.h"
#include "perf/op_geometry.h"

namespace vnpu::sim::systemc {
namespace {

uint64_t whole(double value) { return static_cast<uint64_t>(std::llround(std::max(0.0, value))); }

uint64_t ceil_cycles(double value) { return static_cast<uint64_t>(std::ceil(std::max(0.0, value))); }

// R6: a stream whose contiguous run is shorter than the burst occupies the data
// path longer by Vela's burst-efficiency factor.
StreamPlan feature_map_stream(const TimedSystem& s, uint8_t region, bool is_read,
                              isa::DataFormat format, int32_t bits, const perf::Shape& block,
                              const perf::Shape& shape, double bytes) {
  StreamPlan plan;
  plan.port = s.region_port(region);
  plan.bytes = whole(bytes);
  const perf::MemoryKind kind = s.memory.memory_of_region(region);
  plan.burst_factor = std::max(
      1.0, perf::burst_scaled_bytes(s.memory, kind, is_read, format, bits, block, shape, 1.0));
  return plan;
}

}  // namespace

int TimedSystem::region_port(uint8_t region) const {
  perf::AxiPort area = mode.arena_area;
  if ((region & 7u) == 0) area = mode.const_area;
  if ((region & 7u) == 2) area = mode.cache_area;
  return static_cast<int>(area);
}

TimedSystem make_timed_system(const isa::AcceleratorConfig& accelerator,
                              const perf::SystemConfig& system, const perf::MemoryMode& mode) {
  TimedSystem out;
  out.accelerator = accelerator;
  out.system = system;
  out.mode = mode;
  out.memory = perf::make_memory_system(system, mode, accelerator);
  for (size_t p = 0; p < 2; ++p) {
    const perf::MemoryKind kind = system.port_memory(static_cast<perf::AxiPort>(p));
    const perf::MemoryParams& m = system.memory(kind);
    AxiPortParams& port = out.ports[p];
    port.bytes_per_cycle = out.memory.bandwidth(kind);
    port.burst_bytes = m.burst_length_bytes;
    port.read_latency_cycles = m.read_latency_cycles;
    port.write_latency_cycles = m.write_latency_cycles;
    port.max_reads = m.max_reads;
    port.max_writes = m.max_writes;
  }
  return out;
}

uint64_t share(uint64_t total, int64_t block, int64_t blocks) {
  if (blocks <= 0) return 0;
  // Block counts and byte totals stay far below 2^32, so the products fit.
  const auto b = static_cast<uint64_t>(block);
  const auto n = static_cast<uint64_t>(blocks);
  return (b + 1) * total / n - b * total / n;
}

uint64_t KernelPlan::output_cycles(int64_t block) const {
  return elementwise ? share(output_cycles_total, block, blocks) : output_cycles_per_block;
}

KernelPlan plan_kernel(const isa::Operation& operation, const TimedSystem& s,
                       bool weights_buffered, bool scales_buffered) {
  const isa::RegisterState& r = operation.state;
  const perf::OpGeometry g = perf::make_op_geometry(operation, s.accelerator);
  const perf::OperationEstimate e = perf::estimate_operation(
      operation, s.accelerator, s.memory, s.system, weights_buffered, scales_buffered);
  KernelPlan plan;
  plan.name = e.name;
  plan.blocks = std::max<int64_t>(1, g.ofm_blocks);
  plan.elementwise = g.type == perf::BlockType::kElementwise;
  plan.macs = e.macs;
  plan.estimate_cycles = e.cycles;
  if (plan.elementwise) {
    plan.output_cycles_total = ceil_cycles(e.compute.total);
  } else {
    plan.mac_cycles_per_block = ceil_cycles(e.compute.mac_cycles_per_block);
    plan.output_cycles_per_block = ceil_cycles(e.compute.output_cycles_per_block);
  }
  plan.ifm = feature_map_stream(s, r.ifm.region, true, r.ifm.format, g.ifm_bits,
                                g.ifm_block_config, g.ifm, e.ifm_bytes + e.ifm2_bytes);
  plan.ofm = feature_map_stream(s, r.ofm.region, false, r.ofm.format, g.ofm_bits,
                                g.ofm_block_config, g.ofm, e.ofm_bytes);
  plan.weights.port = s.region_port(r.weights.region);
  plan.weights.bytes = whole(e.weight_bytes + e.scale_bytes);
  return plan;
}

DmaPlan plan_dma(const isa::Operation& operation, const TimedSystem& s) {
  const isa::DmaState& dma = operation.state.dma;
  DmaPlan plan;
  plan.bytes = dma.length;
  plan.src_port = s.region_port(dma.src_region);
  plan.dst_port = s.region_port(dma.dst_region);
  plan.dst_internal = dma.dst_internal;
  plan.src_latency_cycles = static_cast<uint64_t>(
      std::max(0, s.ports[static_cast<size_t>(plan.src_port)].read_latency_cycles));
  return plan;
}

}  // namespace vnpu::sim::systemc
