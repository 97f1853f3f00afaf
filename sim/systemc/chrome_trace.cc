#include "sim/systemc/chrome_trace.h"

#include "core/json.h"

namespace vnpu::sim::systemc {
namespace {

class EventWriter {
 public:
  explicit EventWriter(double core_clock_hz) : us_per_cycle_(1e6 / core_clock_hz) {}

  void track_name(int tid, const char* name) {
    events_.push_back({{"name", "thread_name"},
                       {"ph", "M"},
                       {"pid", 1},
                       {"tid", tid},
                       {"args", {{"name", name}}}});
  }

  // Times in microseconds to 6 decimals (picoseconds); the exact cycles in args.
  void span(int tid, const std::string& name, uint64_t begin, uint64_t end) {
    events_.push_back({{"name", name},
                       {"ph", "X"},
                       {"pid", 1},
                       {"tid", tid},
                       {"ts", fixed_decimals(static_cast<double>(begin) * us_per_cycle_, 6)},
                       {"dur", fixed_decimals(static_cast<double>(end - begin) * us_per_cycle_, 6)},
                       {"args", {{"begin_cycle", begin}, {"cycles", end - begin}}}});
  }

  // Compact, as trace files are large: one line.
  std::string finish() {
    const Json document = {{"displayTimeUnit", "ns"}, {"traceEvents", std::move(events_)}};
    return document.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
  }

 private:
  double us_per_cycle_;
  Json events_ = Json::array();
};

}  // namespace

std::string chrome_trace_json(const std::vector<TraceRun>& runs, double core_clock_hz) {
  EventWriter writer(core_clock_hz);
  writer.track_name(kRunTrack, "NPU run");
  for (int u = 0; u < kUnits; ++u) {
    writer.track_name(unit_track(static_cast<Unit>(u)), unit_name(static_cast<Unit>(u)));
  }
  uint64_t offset = 0;
  for (const TraceRun& run : runs) {
    const RunRecord& r = *run.record;
    writer.span(kRunTrack, run.label, offset, offset + r.cycles);
    for (const UnitSpan& span : r.spans) {
      std::string name = unit_name(span.unit);
      if (span.job >= 0 && static_cast<size_t>(span.job) < r.jobs.size()) {
        name = r.jobs[static_cast<size_t>(span.job)].name;
      }
      writer.span(unit_track(span.unit), name, offset + span.begin, offset + span.end);
    }
    offset += r.cycles;
  }
  return writer.finish();
}

}  // namespace vnpu::sim::systemc
