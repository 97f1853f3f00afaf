// The values of a job: by default the functional datapath (sim/functional) run
// on one kick-off against the memory the base pointers map; an executor given
// from outside (the rtl backend's verilated datapath, sim/rtl) replaces it with
// the same contract. The timed model calls it at the job's end cycle
// (docs/timing_model.md §7); the executor never changes a cycle.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

#include "isa/accelerator_config.h"
#include "isa/register_state.h"
#include "sim/functional/exec_result.h"
#include "sim/functional/functional_npu.h"
#include "sim/functional/weight_cache.h"

namespace vnpu::sim::systemc {

// Computes one operation's values: sim::execute_operation's contract.
using OperationExecutor = std::function<ExecResult(
    const isa::Operation& operation, const NpuMemory& memory, const isa::AcceleratorConfig& config)>;

class Datapath {
 public:
  explicit Datapath(const isa::AcceleratorConfig& config);

  void configure(const isa::AcceleratorConfig& config);
  void set_region(int index, MemoryRegion region) { regions_[static_cast<size_t>(index & 7)] = region; }
  const MemoryRegion& region(int index) const { return regions_[static_cast<size_t>(index & 7)]; }

  // Between runs: who computes the values; empty for the functional model.
  void set_executor(OperationExecutor executor) { executor_ = std::move(executor); }

  // Computes a CONV, DEPTHWISE, POOL, ELEMENTWISE or DMA_START; other kinds do nothing.
  ExecResult execute(const isa::Operation& operation);

 private:
  isa::AcceleratorConfig config_;
  std::array<MemoryRegion, 8> regions_{};
  std::vector<uint8_t> shram_;
  OperationExecutor executor_;
  WeightCache weight_cache_;  // decoded weight streams, reused across runs
};

}  // namespace vnpu::sim::systemc
