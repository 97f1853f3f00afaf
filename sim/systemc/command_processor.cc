// The command processor (docs/timing_model.md R2, R3): fetches the stream over
// the command port in burst-sized chunks through a 256-byte buffer, handles one
// command per cycle, issues kernel and DMA jobs with the queue limits, and
// stops the run at NPU_OP_STOP once every job has ended.
#include <algorithm>
#include <array>
#include <cstring>
#include <string>
#include <vector>

#include "isa/command_decoder.h"
#include "isa/operation_summary.h"
#include "sim/systemc/npu_model.h"
#include "sim/systemc/npu_registers.h"

namespace vnpu::sim::systemc {
namespace {

constexpr uint64_t kFetchBufferBytes = 256;
constexpr size_t kMaxKernelJobs = 2;  // outstanding kernel jobs (U55)
constexpr size_t kMaxDmaJobs = 1;     // outstanding DMA jobs (U55)

bool filled_by_dma(const std::vector<std::array<uint64_t, 3>>& ranges,
                   const isa::StreamState& stream) {
  return std::any_of(ranges.begin(), ranges.end(), [&](const std::array<uint64_t, 3>& r) {
    return r[0] == stream.region && stream.base < r[2] && stream.base + stream.length > r[1];
  });
}

}  // namespace

void NpuModel::command_processor_thread() {
  while (true) {
    wait(run_event_);
    run_commands();
  }
}

bool NpuModel::run_commands() {
  const MemoryRegion stream = memory_map_.resolve(regs_.qbase);
  if (regs_.qsize % 4 != 0 || stream.data == nullptr || regs_.qsize > stream.size || regs_.qsize == 0) {
    stop_run(NpuFault::kBus, 0, reg::kChannelCommand,
             "command stream [" + std::to_string(regs_.qbase) + ", +" + std::to_string(regs_.qsize) +
                 ") is not in mapped memory (or QSIZE is not a whole number of words)");
    return false;
  }
  const size_t count = regs_.qsize / 4;
  std::vector<uint32_t> words(count);
  std::memcpy(words.data(), stream.data, regs_.qsize);

  // R2: chunks of the command port's burst length through the fetch buffer.
  const int port = regs_.qconfig >= 2 ? 1 : 0;
  const auto chunk_bytes =
      static_cast<uint64_t>(std::max(4, ports_[static_cast<size_t>(port)].params().burst_bytes));
  const uint64_t chunks = (regs_.qsize + chunk_bytes - 1) / chunk_bytes;
  const uint64_t buffered = std::max<uint64_t>(1, kFetchBufferBytes / chunk_bytes);
  std::vector<uint64_t> chunk_done(chunks, 0);
  std::vector<bool> requested(chunks, false);
  auto request = [&](uint64_t j) {
    if (j >= chunks || requested[j]) return;
    const uint64_t bytes = std::min<uint64_t>(chunk_bytes, regs_.qsize - j * chunk_bytes);
    chunk_done[j] = transfer(port, Requester::kCommandFetch, {AxiDirection::kRead, bytes, 0, 1.0},
                             -1, false);
    requested[j] = true;
  };
  for (uint64_t j = 0; j < buffered; ++j) request(j);
  uint64_t consumed_chunks = 0;

  isa::RegisterFile registers;
  dma_filled_.clear();
  uint64_t cc_free = now();
  size_t offset = 0;
  while (true) {
    if (offset >= count) {
      if (!wait_until(cc_free)) return false;
      stop_run(NpuFault::kCommandParse, static_cast<uint32_t>(offset), reg::kChannelCommand,
               "word " + std::to_string(offset) + ": command stream ends without NPU_OP_STOP");
      return false;
    }
    Expected<isa::Command> command = isa::decode_command(words.data(), count, offset);
    const size_t last_word = command ? offset + command->size_words() - 1 : offset;
    const uint64_t chunk = last_word * 4 / chunk_bytes;
    request(chunk);
    const uint64_t start = std::max(cc_free, chunk_done[chunk]);
    if (!wait_until(start)) return false;
    if (!command) {
      stop_run(NpuFault::kCommandParse, static_cast<uint32_t>(offset), reg::kChannelCommand,
               command.status().message());
      return false;
    }
    cc_free = start + 1;  // R3: one cycle per command
    add_span(Unit::kCommandProcessor, start, cc_free, -1);
    if (!active_.empty() && active_.back().second == start) {
      active_.back().second = cc_free;
    } else {
      active_.emplace_back(start, cc_free);
    }
    if (!wait_until(cc_free)) return false;
    offset += command->size_words();
    regs_.qread = static_cast<uint32_t>(offset * 4);
    while ((consumed_chunks + 1) * chunk_bytes <= offset * 4 && consumed_chunks < chunks) {
      ++consumed_chunks;
      request(consumed_chunks + buffered - 1);
    }
    if (!command->is_operation()) {
      registers.apply(*command);
      continue;
    }
    const isa::Operation op = registers.kick_off(*command);
    bool stopped = false;
    if (!handle_operation(op, &stopped)) return false;
    if (stopped) return true;
  }
}

bool NpuModel::handle_operation(const isa::Operation& op, bool* stopped) {
  switch (op.kind) {
    case isa::OperationKind::kConv:
    case isa::OperationKind::kDepthwise:
    case isa::OperationKind::kPool:
    case isa::OperationKind::kElementwise:
      return issue_kernel(op);
    case isa::OperationKind::kDmaStart:
      return issue_dma(op);
    case isa::OperationKind::kDmaWait:
      while (dma_jobs_.size() - dmas_completed_ > op.param) {
        if (!wait_update()) return false;
      }
      return true;
    case isa::OperationKind::kKernelWait:
      while (kernel_jobs_.size() - kernels_completed_ > op.param) {
        if (!wait_update()) return false;
      }
      return true;
    case isa::OperationKind::kStop:
      while (kernel_jobs_.size() > kernels_completed_ || dma_jobs_.size() > dmas_completed_) {
        if (!wait_update()) return false;
      }
      stop_run(NpuFault::kNone, op.word_offset, 0, "");
      *stopped = true;
      return true;
    default:
      return true;  // IRQ, PMU mask: nothing to time
  }
}

JobRecord NpuModel::new_record(const isa::Operation& op, const std::string& name) const {
  JobRecord rec;
  rec.kind = op.kind;
  rec.name = name;
  rec.word_offset = op.word_offset;
  rec.issue_cycle = now() - run_start_;
  return rec;
}

bool NpuModel::issue_kernel(const isa::Operation& op) {
  while (kernel_jobs_.size() - kernels_completed_ >= kMaxKernelJobs) {
    if (!wait_update()) return false;
  }
  KernelJob job;
  job.operation = op;
  job.plan = plan_kernel(op, system_, filled_by_dma(dma_filled_, op.state.weights),
                         filled_by_dma(dma_filled_, op.state.scales));
  job.issue = now();
  job.record = record_.jobs.size();
  JobRecord rec = new_record(op, job.plan.name);
  rec.blocks = job.plan.blocks;
  rec.macs = job.plan.macs;
  rec.mac_cycles_per_block = job.plan.mac_cycles_per_block;
  rec.output_cycles_per_block = job.plan.output_cycles_per_block;
  rec.estimate_cycles = job.plan.estimate_cycles;
  record_.jobs.push_back(rec);
  kernel_jobs_.push_back(std::move(job));
  notify_update();
  return true;
}

bool NpuModel::issue_dma(const isa::Operation& op) {
  while (dma_jobs_.size() - dmas_completed_ >= kMaxDmaJobs) {
    if (!wait_update()) return false;
  }
  DmaJob job;
  job.operation = op;
  job.plan = plan_dma(op, system_);
  job.issue = now();
  job.record = record_.jobs.size();
  record_.jobs.push_back(new_record(op, "DMA"));
  const isa::DmaState& dma = op.state.dma;
  if (!dma.dst_internal) dma_filled_.push_back({dma.dst_region, dma.dst, dma.dst + dma.length});
  dma_jobs_.push_back(std::move(job));
  notify_update();
  return true;
}

}  // namespace vnpu::sim::systemc
