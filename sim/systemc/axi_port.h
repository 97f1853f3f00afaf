// One AXI manager port of the NPU and the memory behind it (docs/timing_model.md
// R1, R6): transfers split into transactions, an outstanding-transaction limit
// per direction, a latency per transaction, and one data path shared by reads and
// writes and by every requester, served in the order requests are made.
//
// Contract: plain C++, no SystemC. transfer() is called at the cycle the request
// is made (`now`, nondecreasing across calls) and returns the cycle the last
// transaction completes; the port's state (data path, outstanding slots) and its
// counters advance as if the transactions had run. reset() makes the port idle.
#pragma once

#include <cstdint>
#include <deque>

namespace vnpu::sim::systemc {

// The memory's AXI-side parameters, in NPU cycles and bytes (perf::MemoryParams
// with the bandwidth resolved).
struct AxiPortParams {
  double bytes_per_cycle = 8.0;   // AXI width x clock_scale x ports_used
  int32_t burst_bytes = 32;       // Lb
  int32_t read_latency_cycles = 0;
  int32_t write_latency_cycles = 0;
  int32_t max_reads = 0;   // outstanding read transactions, 0 = unlimited
  int32_t max_writes = 0;
  int32_t transaction_bytes = 128;  // largest AXI transaction (AXI_LIMITn max_beats: 128 B)
};

enum class AxiDirection : uint8_t { kRead, kWrite };

// Counters of one port (PMU AXIn_* events).
struct AxiPortCounters {
  uint64_t read_transactions = 0;   // RD_TRANS_ACCEPTED = RD_TRANS_COMPLETED
  uint64_t write_transactions = 0;  // WR_TRANS_ACCEPTED = WR_TRANS_COMPLETED_M
  uint64_t read_beats = 0;          // RD_DATA_BEAT_RECEIVED
  uint64_t write_beats = 0;         // WR_DATA_BEAT_WRITTEN
  uint64_t read_bytes = 0;
  uint64_t write_bytes = 0;
  uint64_t read_stall_limit_cycles = 0;   // issue held by the outstanding limit
  uint64_t write_stall_limit_cycles = 0;
  uint64_t read_data_stall_cycles = 0;    // waiting for the shared data path
  uint64_t write_data_stall_cycles = 0;
  uint64_t busy_cycles = 0;               // data path occupied
};

// A transfer: `bytes` moved in transactions of `transaction_bytes` (0: the
// port's largest transaction), each occupying the data path for
// ceil(size x burst_factor / bandwidth) cycles. burst_factor >= 1 is Vela's
// burst efficiency for a stream whose contiguous runs are shorter than the
// memory's burst (R6); 1 for linear streams.
struct AxiTransfer {
  AxiDirection direction = AxiDirection::kRead;
  uint64_t bytes = 0;
  uint64_t transaction_bytes = 0;
  double burst_factor = 1.0;
};

// Where the data path was busy for one transfer, for traces.
struct AxiBusySpan {
  uint64_t first_data_cycle = 0;
  uint64_t end_cycle = 0;
  uint64_t last_issue_cycle = 0;  // when the port accepted the last transaction
};

class AxiPort {
 public:
  AxiPort() = default;
  explicit AxiPort(const AxiPortParams& params) : params_(params) {}

  void configure(const AxiPortParams& params) { params_ = params; }
  const AxiPortParams& params() const { return params_; }

  // Makes the port idle at `now` (data path free, no transaction outstanding).
  void reset(uint64_t now);

  // Runs a transfer requested at `now`; returns its completion cycle (`now` for 0 bytes).
  uint64_t transfer(uint64_t now, const AxiTransfer& transfer, AxiBusySpan* span = nullptr);

  const AxiPortCounters& counters() const { return counters_; }
  void clear_counters() { counters_ = AxiPortCounters{}; }

  // Data-path cycles one transaction of `bytes` occupies.
  uint64_t occupancy_cycles(uint64_t bytes, double burst_factor = 1.0) const;

 private:
  AxiPortParams params_;
  uint64_t data_free_ = 0;
  std::deque<uint64_t> read_completions_;   // the last max_reads completions
  std::deque<uint64_t> write_completions_;
  AxiPortCounters counters_;
};

}  // namespace vnpu::sim::systemc
