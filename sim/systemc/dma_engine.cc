// The DMA engine (docs/timing_model.md R7): one job at a time. The reader
// requests the source in AXI transactions; the writer requests each
// transaction's write on the destination port when its read completes (or
// writes SHRAM at 8 B/cycle); the job ends with its last write, and then the
// functional datapath moves the bytes.
#include <algorithm>

#include "sim/systemc/npu_model.h"
#include "sim/systemc/npu_registers.h"

namespace vnpu::sim::systemc {

void NpuModel::dma_thread() {
  while (true) {
    wait(run_event_);
    for (size_t k = 0;; ++k) {
      while (running_ && k >= dma_jobs_.size()) wait_update();
      if (!running_) break;
      DmaJob& job = dma_jobs_[k];
      const auto size = static_cast<uint64_t>(
          std::max(1, ports_[static_cast<size_t>(job.plan.src_port)].params().transaction_bytes));
      record_.jobs[job.record].start_cycle = now() - run_start_;
      set_known(job.start, now());
      notify_update();
      for (uint64_t offset = 0; offset < job.plan.bytes; offset += size) {
        const uint64_t bytes = std::min(size, job.plan.bytes - offset);
        const uint64_t done = transfer(job.plan.src_port, Requester::kDmaRead,
                                       {AxiDirection::kRead, bytes, size, 1.0},
                                       static_cast<int32_t>(job.record));
        if (!running_) break;
        dma_jobs_[k].read_done.push_back(done);
        notify_update();
        // transfer() returned when the port accepted this read: request the next.
      }
      if (!running_) break;
      // The reader takes the next job only after this one ended (one DMA job at a time).
      while (running_ && dmas_completed_ <= k) wait_update();
      if (!running_) break;
    }
  }
}

void NpuModel::dma_writer_thread() {
  constexpr uint64_t kShramBytesPerCycle = 8;
  while (true) {
    wait(run_event_);
    for (size_t k = 0;; ++k) {
      while (running_ && (k >= dma_jobs_.size() || !dma_jobs_[k].start.known)) wait_update();
      if (!running_) break;
      const size_t record = dma_jobs_[k].record;
      const DmaPlan plan = dma_jobs_[k].plan;
      const uint64_t start = dma_jobs_[k].start.value;
      const auto size = static_cast<uint64_t>(
          std::max(1, ports_[static_cast<size_t>(plan.src_port)].params().transaction_bytes));
      const uint64_t transactions = (plan.bytes + size - 1) / size;
      uint64_t end = std::max(start, dma_jobs_[k].issue);
      uint64_t shram_free = 0;
      for (uint64_t i = 0; i < transactions && running_; ++i) {
        while (running_ && dma_jobs_[k].read_done.size() <= i) wait_update();
        if (!wait_until(dma_jobs_[k].read_done[i])) break;
        const uint64_t bytes = std::min(size, plan.bytes - i * size);
        if (plan.dst_internal) {
          shram_free = std::max(shram_free, now()) +
                       (bytes + kShramBytesPerCycle - 1) / kShramBytesPerCycle;
          end = std::max(end, shram_free);
        } else {
          end = std::max(end, transfer(plan.dst_port, Requester::kDmaWrite,
                                       {AxiDirection::kWrite, bytes, 0, 1.0},
                                       static_cast<int32_t>(record)));
        }
      }
      if (!running_) break;
      JobRecord& rec = record_.jobs[record];
      rec.read_bytes[static_cast<size_t>(plan.src_port)] += plan.bytes;
      if (!plan.dst_internal) rec.write_bytes[static_cast<size_t>(plan.dst_port)] += plan.bytes;
      add_span(Unit::kDma, start, end, static_cast<int32_t>(record));
      if (!wait_until(end)) break;
      const ExecResult result = datapath_.execute(dma_jobs_[k].operation);
      if (!result.ok()) {
        stop_run(result.fault, dma_jobs_[k].operation.word_offset, reg::kChannelMem2Mem,
                 "word " + std::to_string(dma_jobs_[k].operation.word_offset) +
                     ": NPU_OP_DMA_START: " + result.message);
        break;
      }
      rec.end_cycle = end - run_start_;
      active_.emplace_back(start, end);
      dmas_completed_ = k + 1;
      notify_update();
    }
  }
}

}  // namespace vnpu::sim::systemc
