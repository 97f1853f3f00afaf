#include "sim/systemc/chrome_trace.h"

#include <cstdio>

namespace vnpu::sim::systemc {
namespace {

std::string escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

class EventWriter {
 public:
  explicit EventWriter(double core_clock_hz) : us_per_cycle_(1e6 / core_clock_hz) {}

  void track_name(int tid, const char* name) {
    separator();
    out_ += "{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":1,\"tid\":" + std::to_string(tid) +
            ",\"args\":{\"name\":\"" + escape(name) + "\"}}";
  }

  void span(int tid, const std::string& name, uint64_t begin, uint64_t end) {
    char times[96];
    std::snprintf(times, sizeof times, "\"ts\":%.6f,\"dur\":%.6f",
                  static_cast<double>(begin) * us_per_cycle_,
                  static_cast<double>(end - begin) * us_per_cycle_);
    separator();
    out_ += "{\"name\":\"" + escape(name) + "\",\"ph\":\"X\",\"pid\":1,\"tid\":" +
            std::to_string(tid) + "," + times + ",\"args\":{\"begin_cycle\":" +
            std::to_string(begin) + ",\"cycles\":" + std::to_string(end - begin) + "}}";
  }

  std::string finish() { return "{\"displayTimeUnit\":\"ns\",\"traceEvents\":[\n" + out_ + "\n]}\n"; }

 private:
  void separator() {
    if (!out_.empty()) out_ += ",\n";
  }
  double us_per_cycle_;
  std::string out_;
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
