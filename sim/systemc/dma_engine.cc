// The DMA engine (docs/timing_model.md R7): one job at a time, the source read
// and the destination write as AXI transfers (or SHRAM writes at 8 B/cycle),
// the bytes moved by the functional datapath at the job's end.
#include <algorithm>

#include "sim/systemc/npu_model.h"
#include "sim/systemc/npu_registers.h"

namespace vnpu::sim::systemc {

void NpuModel::dma_thread() {
  constexpr uint64_t kShramBytesPerCycle = 8;
  while (true) {
    wait(run_event_);
    for (size_t k = 0;; ++k) {
      while (running_ && k >= dma_jobs_.size()) wait_update();
      if (!running_) break;
      const DmaJob& job = dma_jobs_[k];
      const DmaPlan& plan = job.plan;
      const auto job_index = static_cast<int32_t>(job.record);
      const uint64_t start = now();
      const uint64_t read_done = transfer(plan.src_port, start, {AxiDirection::kRead, plan.bytes, 0, 0},
                                          Unit::kDma, job_index);
      if (!wait_until(start + plan.src_latency_cycles)) break;
      uint64_t write_done = now();
      if (plan.dst_internal) {
        write_done += (plan.bytes + kShramBytesPerCycle - 1) / kShramBytesPerCycle;
      } else {
        write_done = transfer(plan.dst_port, now(), {AxiDirection::kWrite, plan.bytes, 0, 0},
                              Unit::kDma, job_index);
      }
      const uint64_t end = plan.bytes == 0 ? start : std::max(read_done, write_done);
      JobRecord& rec = record_.jobs[job.record];
      rec.start_cycle = start - run_start_;
      rec.read_bytes[static_cast<size_t>(plan.src_port)] += plan.bytes;
      if (!plan.dst_internal) rec.write_bytes[static_cast<size_t>(plan.dst_port)] += plan.bytes;
      add_span(Unit::kDma, start, end, job_index);
      if (!wait_until(end)) break;
      const ExecResult result = datapath_.execute(job.operation);
      if (!result.ok()) {
        stop_run(result.fault, job.operation.word_offset, reg::kChannelMem2Mem,
                 "word " + std::to_string(job.operation.word_offset) + ": NPU_OP_DMA_START: " +
                     result.message);
        break;
      }
      record_.jobs[job.record].end_cycle = end - run_start_;
      active_.emplace_back(start, end);
      dmas_completed_ = k + 1;
      notify_update();
    }
  }
}

}  // namespace vnpu::sim::systemc
