#include "sim/systemc/axi_port.h"

#include <algorithm>
#include <cmath>

namespace vnpu::sim::systemc {
namespace {

constexpr uint64_t kBeatBytes = 8;  // 64-bit AXI on U55

}  // namespace

void AxiPort::reset(uint64_t now) {
  data_free_ = now;
  read_completions_.clear();
  write_completions_.clear();
}

uint64_t AxiPort::occupancy_cycles(uint64_t bytes, double burst_factor) const {
  const double cycles =
      std::ceil(static_cast<double>(bytes) * burst_factor / params_.bytes_per_cycle - 1e-9);
  return std::max<uint64_t>(1, static_cast<uint64_t>(cycles));
}

uint64_t AxiPort::transfer(uint64_t now, const AxiTransfer& t, AxiBusySpan* span) {
  if (t.bytes == 0) {
    if (span != nullptr) *span = {now, now, now};
    return now;
  }
  const bool read = t.direction == AxiDirection::kRead;
  const uint64_t latency = static_cast<uint64_t>(
      std::max(0, read ? params_.read_latency_cycles : params_.write_latency_cycles));
  const auto limit = static_cast<size_t>(std::max(0, read ? params_.max_reads : params_.max_writes));
  std::deque<uint64_t>& completions = read ? read_completions_ : write_completions_;
  const uint64_t size = t.transaction_bytes > 0
                            ? t.transaction_bytes
                            : static_cast<uint64_t>(std::max(1, params_.transaction_bytes));
  uint64_t done = now;
  uint64_t first_data = 0;
  uint64_t previous_issue = now;
  for (uint64_t offset = 0; offset < t.bytes; offset += size) {
    const uint64_t bytes = std::min(size, t.bytes - offset);
    uint64_t issue = now;
    if (limit > 0 && completions.size() >= limit) {
      issue = std::max(issue, completions[completions.size() - limit]);
    }
    const uint64_t held = issue - previous_issue;  // issue delay the limit added
    previous_issue = issue;
    const uint64_t ready = issue + latency;
    const uint64_t data = std::max(ready, data_free_);
    const uint64_t busy = occupancy_cycles(bytes, std::max(1.0, t.burst_factor));
    done = data + busy;
    data_free_ = done;
    if (offset == 0) first_data = data;
    if (limit > 0) {
      completions.push_back(done);
      if (completions.size() > limit) completions.pop_front();
    }
    const uint64_t beats = (bytes + kBeatBytes - 1) / kBeatBytes;
    counters_.busy_cycles += busy;
    if (read) {
      counters_.read_transactions += 1;
      counters_.read_beats += beats;
      counters_.read_bytes += bytes;
      counters_.read_stall_limit_cycles += held;
      counters_.read_data_stall_cycles += data - ready;
    } else {
      counters_.write_transactions += 1;
      counters_.write_beats += beats;
      counters_.write_bytes += bytes;
      counters_.write_stall_limit_cycles += held;
      counters_.write_data_stall_cycles += data - ready;
    }
  }
  if (span != nullptr) *span = {first_data, done, previous_issue};
  return done;
}

}  // namespace vnpu::sim::systemc
