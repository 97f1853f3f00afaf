// A Chrome / Perfetto trace-event timeline (JSON, "traceEvents") of timed-model
// runs: one track (thread) per unit — the NPU run, command processor, DMA,
// weight decoder, MAC array, output unit, AXI0, AXI1 — with one complete event
// ("ph": "X") per busy span. Timestamps are microseconds at the core clock;
// every event also carries its exact cycles in args (begin_cycle, cycles).
// Runs are laid end to end in the order given.
#pragma once

#include <string>
#include <vector>

#include "sim/systemc/run_record.h"

namespace vnpu::sim::systemc {

struct TraceRun {
  std::string label;  // the NPU run track's event name, e.g. the operator
  const RunRecord* record = nullptr;
};

std::string chrome_trace_json(const std::vector<TraceRun>& runs, double core_clock_hz);

// Track (tid) numbers: 1 = the NPU run, 2 + Unit for each unit.
constexpr int kRunTrack = 1;
inline int unit_track(Unit unit) { return 2 + static_cast<int>(unit); }

}  // namespace vnpu::sim::systemc
