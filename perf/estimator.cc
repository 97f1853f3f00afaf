#include "perf/estimator.h"

#include <algorithm>
#include <cmath>

#include "isa/command_fields.h"
#include "isa/operation_summary.h"
#include "perf/memory_traffic.h"
#include "perf/timed_terms.h"
#include "perf/timeline.h"

namespace vnpu::perf {
namespace {

// "CONV", "POOL.MAX", "ELEMENTWISE.ADD": the operation kind, and for pooling and
// elementwise operations the mode's name from the command table. Average
// pooling is labelled POOL.AVG, as the estimate tables and reports have always
// spelt it.
std::string operation_name(const isa::Operation& operation) {
  std::string name = isa::operation_kind_name(operation.kind);
  if (operation.kind == isa::OperationKind::kPool) {
    const isa::PoolingMode mode = operation.pooling_mode();
    name += std::string(".") +
            (mode == isa::PoolingMode::kAverage
                 ? "AVG"
                 : isa::code_name(isa::field::kPoolingMode, static_cast<uint32_t>(mode)));
  } else if (operation.kind == isa::OperationKind::kElementwise) {
    name += std::string(".") + isa::code_name(isa::field::kElementwiseMode,
                                              static_cast<uint32_t>(operation.elementwise_mode()));
  }
  return name;
}

void add_bytes(Traffic& t, const MemorySystem& memory, const SystemConfig& system, uint8_t region,
               double bytes, bool write) {
  const MemoryKind kind = memory.memory_of_region(region);
  (write ? t.region_written_bytes : t.region_read_bytes)[region & 7u] += bytes;
  (write ? t.memory_written_bytes : t.memory_read_bytes)[static_cast<size_t>(kind)] += bytes;
  if (system.axi0_port == kind) {
    t.port_bytes[0] += bytes;
  } else if (system.axi1_port == kind) {
    t.port_bytes[1] += bytes;
  }
}

void accumulate(Traffic& total, const Traffic& t) {
  for (size_t i = 0; i < 8; ++i) {
    total.region_read_bytes[i] += t.region_read_bytes[i];
    total.region_written_bytes[i] += t.region_written_bytes[i];
  }
  for (size_t i = 0; i < kMemoryKinds; ++i) {
    total.memory_read_bytes[i] += t.memory_read_bytes[i];
    total.memory_written_bytes[i] += t.memory_written_bytes[i];
  }
  total.port_bytes[0] += t.port_bytes[0];
  total.port_bytes[1] += t.port_bytes[1];
}

void finish_cycles(OperationEstimate& e, double macs_per_cycle) {
  e.cycles = e.npu_cycles;
  e.bound = e.kind == isa::OperationKind::kDmaStart ? Bound::kDma : Bound::kCompute;
  for (size_t i = 0; i < kMemoryKinds; ++i) {
    if (e.access_cycles[i] > e.cycles) {
      e.cycles = e.access_cycles[i];
      e.bound = static_cast<Bound>(static_cast<size_t>(Bound::kSram) + i);
    }
  }
  if (!e.is_block && e.kind != isa::OperationKind::kDmaStart) e.bound = Bound::kNone;
  e.mac_utilisation =
      e.cycles > 0 ? static_cast<double>(e.macs) / (e.cycles * macs_per_cycle) : 0.0;
}

OperationEstimate estimate_dma(const isa::Operation& operation, const isa::AcceleratorConfig& a,
                               const MemorySystem& memory, const SystemConfig& system) {
  OperationEstimate e;
  const isa::DmaState& dma = operation.state.dma;
  e.dma_bytes = static_cast<double>(dma.length);
  const MemoryKind from = memory.memory_of_region(dma.src_region);
  if (!dma.src_internal) add_bytes(e.traffic, memory, system, dma.src_region, e.dma_bytes, false);
  if (dma.dst_internal) {
    // Into SHRAM (e.g. a LUT): the destination side runs at the AXI width.
    const double from_cycles = std::floor(e.dma_bytes / memory.bandwidth(from)) +
                               memory.read_latency_cycles[static_cast<size_t>(from)];
    e.dma_cycles = std::max(from_cycles, std::floor(e.dma_bytes / a.axi_bytes_per_cycle));
  } else {
    add_bytes(e.traffic, memory, system, dma.dst_region, e.dma_bytes, true);
    e.dma_cycles =
        mem2mem_cycles(memory, from, memory.memory_of_region(dma.dst_region), e.dma_bytes);
  }
  e.npu_cycles = e.dma_cycles;
  return e;
}

int64_t count_macs(const OpGeometry& g) {
  const int64_t kernel = int64_t{g.kernel_width} * g.kernel_height;
  switch (g.type) {
    case BlockType::kConvolution:
    case BlockType::kReduceSum:
      return kernel * g.ifm.depth * g.ofm.elements();
    case BlockType::kDepthwise:
    case BlockType::kPooling:
      return kernel * g.ofm.elements();
    case BlockType::kElementwise:
      return 0;
  }
  return 0;
}

void estimate_block(const isa::Operation& operation, const isa::AcceleratorConfig& a,
                    const MemorySystem& memory, const SystemConfig& system, bool buffered_weights,
                    bool buffered_scales, OperationEstimate& e) {
  const isa::RegisterState& s = operation.state;
  const OpGeometry g = make_op_geometry(operation, a);
  e.block_type = g.type;
  e.ofm = g.ofm;
  e.ofm_block = g.ofm_block_config;
  e.ofm_blocks = g.ofm_blocks;
  e.macs = count_macs(g);
  const ElementAccess access = measure_element_access(g, s.ifm.format, s.ofm.format);
  BlockCycleInputs in;
  in.ifm_memory = memory.memory_of_region(s.ifm.region);
  in.ofm_memory = memory.memory_of_region(s.ofm.region);
  in.ifm_format = s.ifm.format;
  in.ofm_format = s.ofm.format;
  in.has_scales = access.reads_scales;
  in.scale_memory = memory.memory_of_region(s.scales.region);
  e.compute = estimate_compute_cycles(operation, g, in, a, memory);
  e.npu_cycles = e.compute.total;

  auto scaled = [&](MemoryKind kind, double bytes) {
    e.access_cycles[static_cast<size_t>(kind)] += bytes / memory.bandwidth(kind);
  };
  e.ofm_bytes = access.ofm_write * g.ofm_bits / 8;
  add_bytes(e.traffic, memory, system, s.ofm.region, e.ofm_bytes, true);
  scaled(in.ofm_memory, burst_scaled_bytes(memory, in.ofm_memory, false, s.ofm.format, g.ofm_bits,
                                           g.ofm_block_config, g.ofm, e.ofm_bytes));
  e.ifm_bytes = access.ifm_read * g.ifm_bits / 8;
  add_bytes(e.traffic, memory, system, s.ifm.region, e.ifm_bytes, false);
  scaled(in.ifm_memory, burst_scaled_bytes(memory, in.ifm_memory, true, s.ifm.format, g.ifm_bits,
                                           g.ifm_block_config, g.ifm, e.ifm_bytes));
  if (access.ifm2_read > 0) {
    const MemoryKind ifm2_memory = memory.memory_of_region(s.ifm2.region);
    e.ifm2_bytes = access.ifm2_read * g.ifm2_bits / 8;
    add_bytes(e.traffic, memory, system, s.ifm2.region, e.ifm2_bytes, false);
    scaled(ifm2_memory, burst_scaled_bytes(memory, ifm2_memory, true, s.ifm2.format, g.ifm2_bits,
                                           g.ifm_block_config, g.ifm2, e.ifm2_bytes));
  }
  if (access.weight_passes > 0) {
    e.weight_bytes = static_cast<double>(s.weights.length) * access.weight_passes;
    add_bytes(e.traffic, memory, system, s.weights.region, e.weight_bytes, false);
    if (!buffered_weights) scaled(memory.memory_of_region(s.weights.region), e.weight_bytes);
  }
  if (access.reads_scales) {
    e.scale_bytes = static_cast<double>(s.scales.length);
    add_bytes(e.traffic, memory, system, s.scales.region, e.scale_bytes, false);
    if (!buffered_scales) scaled(in.scale_memory, e.scale_bytes);
  }
}

struct DmaRange {
  uint8_t region;
  uint64_t begin;
  uint64_t end;
};

bool filled_by_dma(const std::vector<DmaRange>& ranges, const isa::StreamState& stream) {
  return std::any_of(ranges.begin(), ranges.end(), [&](const DmaRange& r) {
    return r.region == stream.region && stream.base < r.end &&
           stream.base + stream.length > r.begin;
  });
}

// The command words fetched for operation i: from the word after the previous
// operation's kick-off (the stream's first word after a STOP) to its own.
double command_bytes(const std::vector<isa::Operation>& operations, size_t i, bool stream_start) {
  const uint32_t from = stream_start ? 0 : operations[i - 1].word_offset + 1;
  const uint32_t to = operations[i].word_offset + 1;
  return to > from ? 4.0 * (to - from) : 0.0;
}

// The timed terms of a block operation (docs/perf_model.md §6.1), before the
// timeline places it.
void add_kernel_latency(const isa::Operation& op, const isa::AcceleratorConfig& accelerator,
                        const MemorySystem& memory, OperationEstimate& e) {
  const KernelLatency latency = kernel_latency(op, accelerator, memory, e);
  e.head_latency_cycles = latency.head_cycles;
  e.tail_latency_cycles = latency.tail_cycles;
  e.cycles += latency.head_cycles + latency.tail_cycles;
}

}  // namespace

const char* bound_name(Bound bound) {
  switch (bound) {
    case Bound::kCompute:
      return "compute";
    case Bound::kSram:
      return "Sram";
    case Bound::kDram:
      return "Dram";
    case Bound::kOnChipFlash:
      return "OnChipFlash";
    case Bound::kOffChipFlash:
      return "OffChipFlash";
    case Bound::kDma:
      return "dma";
    case Bound::kNone:
      return "-";
  }
  return "?";
}

OperationEstimate estimate_operation(const isa::Operation& operation,
                                     const isa::AcceleratorConfig& accelerator,
                                     const MemorySystem& memory, const SystemConfig& system,
                                     bool buffered_weights, bool buffered_scales) {
  OperationEstimate e;
  if (operation.kind == isa::OperationKind::kDmaStart) {
    e = estimate_dma(operation, accelerator, memory, system);
  } else if (isa::is_block_operation(operation.kind)) {
    e.is_block = true;
    estimate_block(operation, accelerator, memory, system, buffered_weights, buffered_scales, e);
  }
  e.kind = operation.kind;
  e.word_offset = operation.word_offset;
  e.name = operation_name(operation);
  finish_cycles(e, accelerator.macs_per_cycle);
  return e;
}

Estimate estimate_stream(const std::vector<isa::Operation>& operations,
                         const isa::AcceleratorConfig& accelerator, const SystemConfig& system,
                         const MemoryMode& mode, const EstimateOptions& options) {
  const bool timed = !options.vela_compatible;
  const MemorySystem memory = make_memory_system(system, mode, accelerator);
  const MemoryKind command = command_memory(memory);
  Estimate out;
  out.core_clock_hz = system.core_clock_hz;
  std::vector<DmaRange> dma_ranges;
  Timeline timeline(timed);
  double previous_tail = 0;
  for (size_t i = 0; i < operations.size(); ++i) {
    const isa::Operation& op = operations[i];
    const bool stream_start = i == 0 || operations[i - 1].kind == isa::OperationKind::kStop;
    if (stream_start) previous_tail = 0;
    // Vela leaves reads of DMA-buffered weights out; the timed model's weight
    // decoder reads them from where the DMA put them.
    const bool weights_buffered = !timed && filled_by_dma(dma_ranges, op.state.weights);
    const bool scales_buffered = !timed && filled_by_dma(dma_ranges, op.state.scales);
    OperationEstimate e =
        estimate_operation(op, accelerator, memory, system, weights_buffered, scales_buffered);
    e.index = i;
    if (timed) {
      e.command_bytes = command_bytes(operations, i, stream_start);
      e.command_fetch_cycles = e.command_bytes / memory.bandwidth(command);
      const double latency =
          stream_start ? memory.read_latency_cycles[static_cast<size_t>(command)] : 0.0;
      timeline.fetch_commands(command, e.command_fetch_cycles, latency);
    }
    if (op.kind == isa::OperationKind::kDmaStart) {
      const isa::DmaState& dma = op.state.dma;
      if (!dma.dst_internal) dma_ranges.push_back({dma.dst_region, dma.dst, dma.dst + dma.length});
      const MemoryKind src = memory.memory_of_region(dma.src_region);
      const MemoryKind dst = memory.memory_of_region(dma.dst_region);
      if (timed) {
        e.dma_cycles += dma_write_tail_cycles(op, accelerator, memory);
        e.npu_cycles = e.dma_cycles;
        e.cycles = e.dma_cycles;
      }
      timeline.dma(e, src, e.dma_bytes / memory.bandwidth(src), dst,
                   e.dma_bytes / memory.bandwidth(dst), !dma.dst_internal);
      out.dma_transfers += 1;
      out.dma_bytes += e.dma_bytes;
    } else if (op.kind == isa::OperationKind::kDmaWait) {
      timeline.dma_wait(op.param);
    } else if (op.kind == isa::OperationKind::kKernelWait) {
      timeline.kernel_wait(op.param);
    } else if (op.kind == isa::OperationKind::kStop) {
      timeline.stop();
    } else if (e.is_block) {
      // R5: with BLOCKDEP > 0 this job starts while the previous one drains.
      const double overlap = op.state.blockdep > 0 ? previous_tail : 0.0;
      e.dma_stall_cycles = timeline.kernel(e, overlap);
      e.npu_cycles += e.dma_stall_cycles;
      finish_cycles(e, accelerator.macs_per_cycle);
      if (timed) add_kernel_latency(op, accelerator, memory, e);
      timeline.kernel_done(e);
      previous_tail = e.tail_latency_cycles;
      out.npu_cycles += e.npu_cycles;
      out.macs += e.macs;
      for (size_t m = 0; m < kMemoryKinds; ++m) out.access_cycles[m] += e.access_cycles[m];
    }
    accumulate(out.traffic, e.traffic);
    out.operations.push_back(std::move(e));
  }
  out.total_cycles = timeline.end();
  out.mac_utilisation = out.total_cycles > 0 ? static_cast<double>(out.macs) /
                                                   (out.total_cycles * accelerator.macs_per_cycle)
                                             : 0.0;
  return out;
}

}  // namespace vnpu::perf
