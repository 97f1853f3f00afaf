// The analytic performance estimate of a decoded Ethos-U55 command stream:
// per NPU operation and in total, MAC / output-unit / command-issue cycles, OFM
// blocks, bytes per region and per memory, memory access cycles, the resulting
// cycles with the binding resource, MACs and utilisation, and DMA transfers,
// following Vela 3.10's model (docs/perf_model.md). It is what the compiler's
// scheduler optimises and what the timed model is checked against.
//
// Operations run in stream order on two queues: block operations on the NPU
// and DMA_START transfers on the DMA engine, joined by NPU_OP_DMA_WAIT and
// NPU_OP_KERNEL_WAIT; a block operation that waits for a DMA carries the wait
// as `dma_stall_cycles` (Vela's exposed weight transfer).
//
// By default the stream estimate also charges what the timed model
// (docs/timing_model.md) does and Vela leaves out (docs/perf_model.md §6.1):
// reads of DMA-buffered weights, the command fetch, per-job read and write
// latency, and memories shared between jobs. EstimateOptions::vela_view()
// leaves them out, for comparisons with Vela's own estimate.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "isa/accelerator_config.h"
#include "isa/register_state.h"
#include "perf/compute_cycles.h"
#include "perf/memory_system.h"
#include "perf/op_geometry.h"

namespace vnpu::perf {

// What bounds an operation's cycles.
enum class Bound : uint8_t { kCompute, kSram, kDram, kOnChipFlash, kOffChipFlash, kDma, kNone };
const char* bound_name(Bound bound);

struct Traffic {
  std::array<double, 8> region_read_bytes{};
  std::array<double, 8> region_written_bytes{};
  std::array<double, kMemoryKinds> memory_read_bytes{};
  std::array<double, kMemoryKinds> memory_written_bytes{};
  // Per AXI port (0, 1) by the system config's port mapping.
  std::array<double, 2> port_bytes{};
};

struct OperationEstimate {
  size_t index = 0;  // in the operation list
  uint32_t word_offset = 0;
  isa::OperationKind kind = isa::OperationKind::kStop;
  std::string name;  // "CONV", "POOL.MAX", "ELEMENTWISE.ADD", "DMA", ...
  bool is_block = false;
  BlockType block_type = BlockType::kConvolution;
  Shape ofm;
  Shape ofm_block;
  int64_t ofm_blocks = 0;
  int64_t macs = 0;
  ComputeCycles compute;
  double ifm_bytes = 0;  // incl. re-reads
  double ifm2_bytes = 0;
  double weight_bytes = 0;  // incl. re-streaming
  double scale_bytes = 0;
  double ofm_bytes = 0;
  double dma_bytes = 0;
  Traffic traffic;                                   // real bytes
  std::array<double, kMemoryKinds> access_cycles{};  // burst-scaled bytes / bandwidth
  double dma_cycles = 0;                             // DMA: the transfer time (runs beside the NPU)
  double dma_stall_cycles = 0;  // block op: time waiting for a DMA before it starts
  // Timed terms (zero in the Vela view), docs/perf_model.md §6.1:
  double command_bytes = 0;         // command words fetched for this operation
  double command_fetch_cycles = 0;  // their transfer on the command memory
  double head_latency_cycles = 0;   // block op: first read latency
  double tail_latency_cycles = 0;   // block op: last output stage and OFM write
  double memory_wait_cycles = 0;    // waiting for a memory other jobs were using
  double npu_cycles = 0;            // compute + dma stall (Vela's "NPU" column)
  // max(npu, each memory's access cycles) (+ latencies and memory wait)
  double cycles = 0;
  Bound bound = Bound::kNone;
  double mac_utilisation = 0;  // macs / (cycles * MACs per cycle)
  double start_cycle = 0;
  double end_cycle = 0;
};

struct Estimate {
  std::vector<OperationEstimate> operations;
  double total_cycles = 0;  // end of the last job on either queue
  double npu_cycles = 0;    // sum of npu_cycles
  std::array<double, kMemoryKinds> access_cycles{};
  Traffic traffic;
  int64_t macs = 0;
  double mac_utilisation = 0;
  size_t dma_transfers = 0;
  double dma_bytes = 0;
  double core_clock_hz = 0;
  double inference_seconds() const { return total_cycles / core_clock_hz; }
};

struct EstimateOptions {
  // true: Vela 3.10's model only (buffered weights free, no command fetch, no
  // latencies, memories not shared between jobs).
  bool vela_compatible = false;

  static EstimateOptions vela_view() {
    EstimateOptions options;
    options.vela_compatible = true;
    return options;
  }
};

// Estimates one operation in isolation (no queue interaction); `buffered_*`
// say whether the weight / scale stream was filled by an earlier DMA, in which
// case its reads stay out of the access cycles as in Vela.
OperationEstimate estimate_operation(const isa::Operation& operation,
                                     const isa::AcceleratorConfig& accelerator,
                                     const MemorySystem& memory, const SystemConfig& system,
                                     bool buffered_weights, bool buffered_scales);

// Estimates a whole stream (or several, each ending at NPU_OP_STOP).
Estimate estimate_stream(const std::vector<isa::Operation>& operations,
                         const isa::AcceleratorConfig& accelerator, const SystemConfig& system,
                         const MemoryMode& mode, const EstimateOptions& options = {});

}  // namespace vnpu::perf
