// What a run of the timed model reports: its cycles, fault, per-job timing
// records and, when tracing, the busy spans of every unit (docs/timing_model.md).
// Cycles in records are relative to the run's start (CMD.run).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "isa/register_state.h"
#include "sim/functional/functional_npu.h"
#include "sim/systemc/pmu.h"

namespace vnpu::sim::systemc {

enum class Unit : uint8_t {
  kCommandProcessor,
  kDma,
  kWeightDecoder,
  kMac,
  kOutputUnit,
  kAxi0,
  kAxi1,
};
constexpr int kUnits = 7;
const char* unit_name(Unit unit);

struct UnitSpan {
  Unit unit = Unit::kCommandProcessor;
  uint64_t begin = 0;
  uint64_t end = 0;
  int32_t job = -1;  // index into RunRecord::jobs, -1 for none
};

// Cycles a job's MAC array (mac), output unit (ao) and command processor
// (blockdep) waited, by cause: the PMU's stall events of docs/ARCHITECTURE.md §8.
struct StallCycles {
  uint64_t mac_by_ib = 0;   // IFM data not yet in the input buffer
  uint64_t mac_by_wd = 0;   // weights not yet decoded
  uint64_t mac_by_acc = 0;  // both accumulator buffers still draining
  uint64_t ao_by_acc = 0;   // the output unit waiting for accumulators
  uint64_t ao_by_ob = 0;    // ... for room in the output buffer
  uint64_t ao_by_ib = 0;    // ... for elementwise operands
  uint64_t blockdep = 0;    // the job's start held back by BLOCKDEP
};

// Every stall cause once: the label of the run table and the key of the JSON and CSV reports.
struct StallCause {
  const char* label;
  const char* key;
  uint64_t StallCycles::*cycles;
};
inline constexpr std::array<StallCause, 7> kStallCauses = {{
    {"IB", "mac_stalled_by_ib", &StallCycles::mac_by_ib},
    {"WD", "mac_stalled_by_wd", &StallCycles::mac_by_wd},
    {"ACC", "mac_stalled_by_acc", &StallCycles::mac_by_acc},
    {"AO>ACC", "ao_stalled_by_acc", &StallCycles::ao_by_acc},
    {"AO>OB", "ao_stalled_by_ob", &StallCycles::ao_by_ob},
    {"AO>IB", "ao_stalled_by_ib", &StallCycles::ao_by_ib},
    {"BLOCKDEP", "blockdep_stall", &StallCycles::blockdep},
}};

struct JobRecord {
  isa::OperationKind kind = isa::OperationKind::kStop;
  std::string name;  // "CONV", "DMA", ...
  uint32_t word_offset = 0;
  uint64_t issue_cycle = 0;  // the CC issued the kick-off
  uint64_t start_cycle = 0;  // after BLOCKDEP (kernels)
  uint64_t end_cycle = 0;
  int64_t blocks = 0;
  int64_t macs = 0;
  uint64_t mac_cycles_per_block = 0;
  uint64_t output_cycles_per_block = 0;
  double estimate_cycles = 0;  // the analytic estimate of the op alone
  uint64_t mac_active = 0;
  uint64_t ao_active = 0;
  uint64_t wd_active =
      0;  // weight decoder busy: from its stream request to the block's last weight
  uint64_t wd_stalled_by_ws = 0;   // ... of which waiting for the weight stream's first data
  uint64_t wd_stalled_by_buf = 0;  // decoder ready but both weight buffers full (the MAC behind)
  StallCycles stalls;
  std::array<uint64_t, 2> read_bytes{};  // per AXI port
  std::array<uint64_t, 2> write_bytes{};

  uint64_t cycles() const { return end_cycle - start_cycle; }
};

struct RunRecord {
  uint64_t cycles = 0;
  bool stopped = false;  // NPU_OP_STOP reached
  NpuFault fault = NpuFault::kNone;
  uint32_t fault_word_offset = 0;
  std::string message;  // one line for a fault
  std::vector<JobRecord> jobs;
  std::vector<UnitSpan> spans;  // only when tracing
  PmuEvents events{};

  bool ok() const { return stopped && fault == NpuFault::kNone; }
};

}  // namespace vnpu::sim::systemc
