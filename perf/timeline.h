// The estimate's timeline (docs/perf_model.md §6): two job queues (NPU, DMA)
// and the command processor between them, with the U55's limits (two kernel
// jobs, one DMA job outstanding) and the stream's DMA_WAIT / KERNEL_WAIT.
//
// With `timed_terms` (docs/perf_model.md §6.1) it also keeps, per memory, the
// cycle its data path is free: kernel jobs, DMA jobs and the command fetch
// take their access cycles from it in stream order, so a DMA that reads the
// flash beside a flash-bound kernel, or the command stream fetched from the
// flash, lengthens whichever comes later; and the command processor cannot
// pass an operation before its command words have arrived.
#pragma once

#include <array>
#include <vector>

#include "perf/estimator.h"
#include "perf/system_config.h"

namespace vnpu::perf {

class Timeline {
 public:
  explicit Timeline(bool timed_terms) : timed_(timed_terms) {}

  // R2: `cycles` of the command memory carry the words up to the next
  // operation; `latency` is paid when the fetch starts a stream.
  void fetch_commands(MemoryKind memory, double cycles, double latency);
  // A DMA job reading `src_cycles` from `src` and writing `dst_cycles` to `dst`.
  void dma(OperationEstimate& e, MemoryKind src, double src_cycles, MemoryKind dst,
           double dst_cycles, bool dst_is_memory);
  void dma_wait(uint16_t outstanding) { wait(dma_ends_, outstanding); }
  void kernel_wait(uint16_t outstanding) { wait(kernel_ends_, outstanding); }
  // Places a block operation; returns the cycles it waited for the command
  // processor past the NPU's previous job. `overlap` cycles of the previous
  // job's tail may run beside this job's start (BLOCKDEP > 0).
  double kernel(OperationEstimate& e, double overlap);
  // Ends it, after its memories are free (timed terms): adds the wait to
  // e.memory_wait_cycles and e.cycles.
  void kernel_done(OperationEstimate& e);
  // R3: NPU_OP_STOP waits until every job has ended (timed terms); the next
  // stream starts after it.
  void stop();
  double end() const;

 private:
  void wait(const std::vector<double>& ends, uint16_t outstanding);
  // Claims `cycles` of memory m from `from` on; returns when they end.
  double claim(size_t m, double from, double cycles);

  bool timed_;
  double cp_ = 0;
  double npu_free_ = 0;
  double dma_free_ = 0;
  std::array<double, kMemoryKinds> memory_free_{};
  std::vector<double> dma_ends_;
  std::vector<double> kernel_ends_;
};

}  // namespace vnpu::perf
