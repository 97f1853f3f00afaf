// The kernel units (docs/timing_model.md R4, R5): the dispatcher places each
// job's blocks after its BLOCKDEP condition; the IFM reader (IB), weight
// decoder (WD), MAC array and output unit (AO) each walk the blocks in order
// with the buffer rules of R4; the completion unit computes a job's values at
// its end cycle. Block cycles that lie in the future are known early (the MAC
// and AO stages are fixed-latency); AXI requests are made at their own cycle.
#include <algorithm>

#include "sim/systemc/npu_model.h"
#include "sim/systemc/npu_registers.h"

namespace vnpu::sim::systemc {

void NpuModel::kernel_dispatch_thread() {
  while (true) {
    wait(run_event_);
    for (size_t k = 0;; ++k) {
      while (running_ && k >= kernel_jobs_.size()) wait_update();
      if (!running_) break;
      uint64_t ready = kernel_jobs_[k].issue;
      if (k > 0) {
        const KernelJob& prev = kernel_jobs_[k - 1];
        const int64_t depth = kernel_jobs_[k].operation.state.blockdep;
        if (depth < prev.plan.blocks) {
          const auto index = static_cast<size_t>(prev.first_block + prev.plan.blocks - 1 - depth);
          while (running_ && !blocks_[index].ofm_done.known) wait_update();
          if (!running_) break;
          ready = std::max(ready, blocks_[index].ofm_done.value);
        }
      }
      KernelJob& job = kernel_jobs_[k];
      job.first_block = static_cast<int64_t>(blocks_.size());
      for (int64_t b = 0; b < job.plan.blocks; ++b) {
        Block block;
        block.job = static_cast<int32_t>(k);
        block.index = b;
        blocks_.push_back(block);
      }
      set_known(job.start, ready);
      record_.jobs[job.record].start_cycle = ready - run_start_;
      kernels_dispatched_ = k + 1;
      notify_update();
    }
  }
}

void NpuModel::ifm_reader_thread() {
  while (true) {
    wait(run_event_);
    for (size_t g = 0;; ++g) {
      while (running_ && g >= blocks_.size()) wait_update();
      while (running_ && g >= 2 && !blocks_[g - 2].mac_start.known) wait_update();
      if (!running_) break;
      const KernelJob& job = kernel_jobs_[static_cast<size_t>(blocks_[g].job)];
      uint64_t t = job.start.value;
      if (g >= 2) t = std::max(t, blocks_[g - 2].mac_start.value);
      if (!wait_until(t)) break;
      const uint64_t bytes = share(job.plan.ifm.bytes, blocks_[g].index, job.plan.blocks);
      uint64_t first = 0;
      const uint64_t done = transfer(job.plan.ifm.port, Requester::kIfm,
                                     job.plan.ifm.block_transfer(AxiDirection::kRead, bytes),
                                     static_cast<int32_t>(job.record), true, &first);
      if (!running_) break;
      record_.jobs[job.record].read_bytes[static_cast<size_t>(job.plan.ifm.port)] += bytes;
      set_known(blocks_[g].ib_first, first);
      set_known(blocks_[g].ib_done, done);
      notify_update();
    }
  }
}

void NpuModel::weight_decoder_thread() {
  while (true) {
    wait(run_event_);
    for (size_t g = 0;; ++g) {
      while (running_ && g >= blocks_.size()) wait_update();
      while (running_ && g >= 2 && !blocks_[g - 2].mac_start.known) wait_update();
      if (!running_) break;
      const KernelJob& job = kernel_jobs_[static_cast<size_t>(blocks_[g].job)];
      uint64_t t = job.start.value;
      // Ready for this block: the job has started and the previous block of the job is decoded.
      const bool same_job = g > 0 && blocks_[g - 1].job == blocks_[g].job;
      const uint64_t ready = same_job ? std::max(t, blocks_[g - 1].wd_done.value) : t;
      if (g >= 2) t = std::max(t, blocks_[g - 2].mac_start.value);  // two weight buffers
      if (!wait_until(t)) break;
      if (t > ready) record_.jobs[job.record].wd_stalled_by_buf += t - ready;
      const uint64_t bytes = share(job.plan.weights.bytes, blocks_[g].index, job.plan.blocks);
      uint64_t done = now();
      uint64_t first = done;
      if (bytes > 0) {
        const uint64_t begin = now();
        done = transfer(job.plan.weights.port, Requester::kWeights,
                        job.plan.weights.block_transfer(AxiDirection::kRead, bytes),
                        static_cast<int32_t>(job.record), true, &first);
        if (!running_) break;
        JobRecord& rec = record_.jobs[job.record];
        rec.read_bytes[static_cast<size_t>(job.plan.weights.port)] += bytes;
        rec.wd_active += done - begin;
        rec.wd_stalled_by_ws += first - begin;
        add_span(Unit::kWeightDecoder, begin, done, static_cast<int32_t>(job.record));
      }
      set_known(blocks_[g].wd_first, first);
      set_known(blocks_[g].wd_done, done);
      notify_update();
    }
  }
}

void NpuModel::mac_thread() {
  while (true) {
    wait(run_event_);
    for (size_t g = 0;; ++g) {
      while (running_ && (g >= blocks_.size() || !blocks_[g].ib_done.known ||
                          !blocks_[g].wd_done.known || (g >= 2 && !blocks_[g - 2].ao_end.known))) {
        wait_update();
      }
      if (!running_) break;
      Block& block = blocks_[g];
      const KernelJob& job = kernel_jobs_[static_cast<size_t>(block.job)];
      JobRecord& rec = record_.jobs[job.record];
      const uint64_t previous = g >= 1 ? blocks_[g - 1].mac_end.value : 0;
      const uint64_t ib = block.ib_first.value;
      const uint64_t wd = block.wd_first.value;
      const uint64_t acc = g >= 2 ? blocks_[g - 2].ao_end.value : 0;
      const uint64_t start = std::max({previous, ib, wd, acc, job.start.value});
      const uint64_t cycles = job.plan.mac_cycles_per_block;
      // The block's IFM and weights stream through the array: it ends no earlier
      // than their last data.
      const uint64_t end = std::max({start + cycles, block.ib_done.value, block.wd_done.value});
      if (block.index == 0 && g >= 1) {
        const uint64_t free = std::max(job.issue, previous);
        rec.stalls.blockdep = job.start.value > free ? job.start.value - free : 0;
      }
      if (cycles > 0) {
        if (block.index >= 1 && start > previous) {
          const uint64_t stall = start - previous;
          if (ib >= wd && ib >= acc) {
            rec.stalls.mac_by_ib += stall;
          } else if (wd >= acc) {
            rec.stalls.mac_by_wd += stall;
          } else {
            rec.stalls.mac_by_acc += stall;
          }
        }
        if (end > start + cycles) {
          (block.ib_done.value >= block.wd_done.value ? rec.stalls.mac_by_ib
                                                      : rec.stalls.mac_by_wd) +=
              end - (start + cycles);
        }
      }
      set_known(block.mac_start, start);
      set_known(block.mac_end, end);
      rec.mac_active += cycles;
      add_span(Unit::kMac, start, start + cycles, static_cast<int32_t>(job.record));
      notify_update();
    }
  }
}

void NpuModel::output_unit_thread() {
  while (true) {
    wait(run_event_);
    for (size_t g = 0;; ++g) {
      while (running_ && (g >= blocks_.size() || !blocks_[g].mac_end.known ||
                          (g >= 2 && !blocks_[g - 2].ofm_done.known))) {
        wait_update();
      }
      if (!running_) break;
      const KernelJob& job = kernel_jobs_[static_cast<size_t>(blocks_[g].job)];
      const auto job_index = static_cast<int32_t>(job.record);
      const int64_t index = blocks_[g].index;
      const uint64_t previous = g >= 1 ? blocks_[g - 1].ao_end.value : 0;
      const uint64_t input = blocks_[g].mac_end.value;
      const uint64_t output_buffer = g >= 2 ? blocks_[g - 2].ofm_done.value : 0;
      const uint64_t start = std::max({previous, input, output_buffer});
      const uint64_t cycles = job.plan.output_cycles(index);
      {
        JobRecord& rec = record_.jobs[job.record];
        if (index >= 1 && start > previous) {
          uint64_t& cause = output_buffer > input ? rec.stalls.ao_by_ob
                            : job.plan.elementwise ? rec.stalls.ao_by_ib
                                                   : rec.stalls.ao_by_acc;
          cause += start - previous;
        }
        rec.ao_active += cycles;
      }
      set_known(blocks_[g].ao_end, start + cycles);
      add_span(Unit::kOutputUnit, start, start + cycles, job_index);
      notify_update();
      // The output buffer drains to memory while the AO fills it: the write is
      // requested when the block starts and is done no earlier than the AO.
      if (!wait_until(start)) break;
      const uint64_t bytes = share(job.plan.ofm.bytes, index, job.plan.blocks);
      const uint64_t done = transfer(job.plan.ofm.port, Requester::kOfm,
                                     job.plan.ofm.block_transfer(AxiDirection::kWrite, bytes),
                                     job_index);
      if (!running_) break;
      record_.jobs[job.record].write_bytes[static_cast<size_t>(job.plan.ofm.port)] += bytes;
      set_known(blocks_[g].ofm_done, std::max(done, start + cycles));
      notify_update();
    }
  }
}

void NpuModel::completion_thread() {
  while (true) {
    wait(run_event_);
    for (size_t k = 0;; ++k) {
      while (running_ && (k >= kernels_dispatched_ ||
                          !blocks_[static_cast<size_t>(kernel_jobs_[k].first_block +
                                                       kernel_jobs_[k].plan.blocks - 1)]
                               .ofm_done.known)) {
        wait_update();
      }
      if (!running_) break;
      const KernelJob& job = kernel_jobs_[k];
      const Block& last = blocks_[static_cast<size_t>(job.first_block + job.plan.blocks - 1)];
      const uint64_t end = std::max(last.ao_end.value, last.ofm_done.value);
      if (!wait_until(end)) break;
      const ExecResult result = datapath_.execute(job.operation);
      if (!result.ok()) {
        const uint32_t channel =
            result.fault == NpuFault::kWeightDecode ? reg::kChannelWeights : reg::kChannelIfm;
        stop_run(result.fault, job.operation.word_offset, channel,
                 "word " + std::to_string(job.operation.word_offset) + ": " +
                     record_.jobs[job.record].name + ": " + result.message);
        break;
      }
      record_.jobs[job.record].end_cycle = end - run_start_;
      active_.emplace_back(job.start.value, end);
      kernels_completed_ = k + 1;
      notify_update();
    }
  }
}

}  // namespace vnpu::sim::systemc
