// What the timed model needs to know about one job before it runs
// (docs/timing_model.md §3, R6, R7): for a kernel, its blocks, the MAC and
// output-unit cycles per block (the analytic estimator's per-block formulas)
// and its byte streams with the AXI port and transaction shape each uses; for
// a DMA, its endpoints.
//
// Contract: plain C++, no SystemC; a pure function of the register snapshot,
// the accelerator configuration and the memory system.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "isa/accelerator_config.h"
#include "isa/register_state.h"
#include "perf/memory_system.h"
#include "perf/system_config.h"
#include "sim/systemc/axi_port.h"

namespace vnpu::sim::systemc {

// The memory system as the timed model sees it: the system config, the memory
// mode, and the AXI port parameters derived from them.
struct TimedSystem {
  isa::AcceleratorConfig accelerator;
  perf::SystemConfig system;
  perf::MemoryMode mode;
  perf::MemorySystem memory;  // the estimator's view (bandwidths, region memories)
  std::array<AxiPortParams, 2> ports{};

  // The AXI port (0, 1) region `region` uses (Vela's base-pointer convention).
  int region_port(uint8_t region) const;
};

TimedSystem make_timed_system(const isa::AcceleratorConfig& accelerator,
                              const perf::SystemConfig& system, const perf::MemoryMode& mode);

// One byte stream of a kernel: which port, how many bytes in total, and the
// transaction shape (R6).
struct StreamPlan {
  int port = 0;
  uint64_t bytes = 0;
  double burst_factor = 1.0;  // R6: Vela's burst-scaled bytes / bytes

  AxiTransfer block_transfer(AxiDirection direction, uint64_t block_bytes) const {
    return {direction, block_bytes, 0, burst_factor};
  }
};

struct KernelPlan {
  std::string name;  // "CONV", "POOL.MAX", ...
  int64_t blocks = 0;
  uint64_t mac_cycles_per_block = 0;  // M (0 for elementwise)
  uint64_t output_cycles_per_block = 0;  // O (MAC ops)
  uint64_t output_cycles_total = 0;      // elementwise: T, split over the blocks
  bool elementwise = false;
  int64_t macs = 0;
  StreamPlan ifm;      // IFM + IFM2
  StreamPlan weights;  // weights + scales
  StreamPlan ofm;
  double estimate_cycles = 0;  // the analytic estimate of the op alone, for reports

  uint64_t output_cycles(int64_t block) const;
};

// share(total, b, n): block b's part of `total` split over n blocks,
// floor((b+1)·total/n) − floor(b·total/n).
uint64_t share(uint64_t total, int64_t block, int64_t blocks);

KernelPlan plan_kernel(const isa::Operation& operation, const TimedSystem& system,
                       bool weights_buffered, bool scales_buffered);

struct DmaPlan {
  uint64_t bytes = 0;
  int src_port = 0;
  int dst_port = 0;
  bool dst_internal = false;  // into SHRAM: no port on the write side
  uint64_t src_latency_cycles = 0;
};

DmaPlan plan_dma(const isa::Operation& operation, const TimedSystem& system);

}  // namespace vnpu::sim::systemc
