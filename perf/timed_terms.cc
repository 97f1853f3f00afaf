#include "perf/timed_terms.h"

#include <algorithm>

#include "perf/op_geometry.h"

namespace vnpu::perf {
namespace {

Bound memory_bound(MemoryKind kind) {
  return static_cast<Bound>(static_cast<size_t>(Bound::kSram) + static_cast<size_t>(kind));
}

}  // namespace

KernelLatency kernel_latency(const isa::Operation& operation, const isa::AcceleratorConfig& a,
                             const MemorySystem& memory, const OperationEstimate& e) {
  const isa::RegisterState& s = operation.state;
  const OpGeometry g = make_op_geometry(operation, a);
  KernelLatency out;
  const double blocks = static_cast<double>(std::max<int64_t>(1, e.ofm_blocks));
  const bool compute_bound = e.bound == Bound::kCompute;
  // Per read stream: its latency, its first transaction (the MAC waits for its
  // completion) and the rest of a block's bytes, in cycles.
  auto first_read = [&](MemoryKind kind, double block_bytes) {
    const double bandwidth = memory.bandwidth(kind);
    const double first = std::min(kAxiTransactionBytes, block_bytes) / bandwidth;
    // A memory-bound estimate already counts the first transaction.
    return memory.read_latency_cycles[static_cast<size_t>(kind)] + (compute_bound ? first : 0.0);
  };
  double stream_rest = 0;  // the binding stream's cycles per block after its first transaction
  auto add_stream = [&](MemoryKind kind, double bytes) {
    if (bytes <= 0) return;
    const double block_bytes = bytes / blocks;
    out.head_cycles = std::max(out.head_cycles, first_read(kind, block_bytes));
    if (e.bound == memory_bound(kind)) {
      stream_rest =
          std::max(stream_rest, (block_bytes - std::min(kAxiTransactionBytes, block_bytes)) /
                                    memory.bandwidth(kind));
    }
  };
  add_stream(memory.memory_of_region(s.ifm.region), e.ifm_bytes + e.ifm2_bytes);
  add_stream(memory.memory_of_region(s.weights.region), e.weight_bytes + e.scale_bytes);
  const MemoryKind ofm_memory = memory.memory_of_region(s.ofm.region);
  const double burst_factor =
      std::max(1.0, burst_scaled_bytes(memory, ofm_memory, false, s.ofm.format, g.ofm_bits,
                                       g.ofm_block_config, g.ofm, 1.0));
  const double write_cycles = memory.write_latency_cycles[static_cast<size_t>(ofm_memory)] +
                              e.ofm_bytes / blocks * burst_factor / memory.bandwidth(ofm_memory);
  const double last_output = g.type == BlockType::kElementwise ? e.compute.total / blocks
                                                               : e.compute.output_cycles_per_block;
  // The write overlaps the last output stage. A memory-bound estimate ends at
  // the last read, so the last block's output stage comes on top, and so does
  // the part of its MAC stage that the rest of its stream does not cover.
  out.tail_cycles = std::max(0.0, write_cycles - last_output);
  if (!compute_bound) {
    out.tail_cycles += last_output + std::max(0.0, e.compute.mac_cycles_per_block - stream_rest);
  }
  return out;
}

double dma_write_tail_cycles(const isa::Operation& operation, const isa::AcceleratorConfig& a,
                             const MemorySystem& memory) {
  const isa::DmaState& dma = operation.state.dma;
  const double last = std::min(kAxiTransactionBytes, static_cast<double>(dma.length));
  if (last <= 0) return 0;
  if (dma.dst_internal) return last / a.axi_bytes_per_cycle;
  const MemoryKind to = memory.memory_of_region(dma.dst_region);
  return memory.write_latency_cycles[static_cast<size_t>(to)] + last / memory.bandwidth(to);
}

}  // namespace vnpu::perf
