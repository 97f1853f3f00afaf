#include "perf/timeline.h"

#include <algorithm>

namespace vnpu::perf {

double Timeline::claim(size_t m, double from, double cycles) {
  const double begin = std::max(from, memory_free_[m]);
  memory_free_[m] = begin + cycles;
  return memory_free_[m];
}

void Timeline::fetch_commands(MemoryKind memory, double cycles, double latency) {
  if (!timed_) return;
  const auto m = static_cast<size_t>(memory);
  cp_ = std::max(cp_, claim(m, cp_ + latency, cycles));
}

void Timeline::dma(OperationEstimate& e, MemoryKind src, double src_cycles, MemoryKind dst,
                   double dst_cycles, bool dst_is_memory) {
  e.start_cycle = std::max(cp_, dma_free_);
  cp_ = std::max(cp_, dma_free_);  // one outstanding DMA job on U55
  double end = e.start_cycle + e.dma_cycles;
  if (timed_) {
    // The source's data path may still carry earlier jobs' reads.
    const double read_end = claim(static_cast<size_t>(src), e.start_cycle, src_cycles);
    if (dst_is_memory) claim(static_cast<size_t>(dst), e.start_cycle, dst_cycles);
    const double unshared = e.start_cycle + src_cycles;
    e.memory_wait_cycles = std::max(0.0, read_end - unshared);
    e.dma_cycles += e.memory_wait_cycles;
    e.npu_cycles = e.dma_cycles;
    e.cycles = std::max(e.cycles, e.dma_cycles);
    end = e.start_cycle + e.dma_cycles;
  }
  e.end_cycle = end;
  dma_free_ = e.end_cycle;
  dma_ends_.push_back(e.end_cycle);
}

double Timeline::kernel(OperationEstimate& e, double overlap) {
  if (kernel_ends_.size() >= 2) cp_ = std::max(cp_, kernel_ends_[kernel_ends_.size() - 2]);
  const double npu_free = timed_ ? std::max(0.0, npu_free_ - overlap) : npu_free_;
  const double stall = std::max(0.0, cp_ - npu_free);
  e.start_cycle = std::max(cp_, npu_free);
  return stall;
}

void Timeline::kernel_done(OperationEstimate& e) {
  double own = e.cycles - e.dma_stall_cycles;
  if (timed_) {
    // Each memory's accesses start once the memory is free; the job ends no
    // earlier than its latest memory's last access plus its own latencies.
    const double latency = e.head_latency_cycles + e.tail_latency_cycles;
    double needed = own;
    for (size_t m = 0; m < kMemoryKinds; ++m) {
      if (e.access_cycles[m] <= 0) continue;
      const double end = claim(m, e.start_cycle, e.access_cycles[m]);
      needed = std::max(needed, end - e.start_cycle + latency);
    }
    e.memory_wait_cycles = needed - own;
    e.cycles += e.memory_wait_cycles;
    own = needed;
  }
  e.end_cycle = e.start_cycle + own;
  npu_free_ = e.end_cycle;
  kernel_ends_.push_back(e.end_cycle);
}

void Timeline::stop() {
  if (timed_) cp_ = end();
}

double Timeline::end() const { return std::max({cp_, npu_free_, dma_free_}); }

void Timeline::wait(const std::vector<double>& ends, uint16_t outstanding) {
  if (ends.size() > outstanding) cp_ = std::max(cp_, ends[ends.size() - 1 - outstanding]);
}

}  // namespace vnpu::perf
