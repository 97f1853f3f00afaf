#include "cli/run_progress.h"

#include <unistd.h>

#include <cstdio>

namespace vnpu::cli {

void RunProgress::operator_done(size_t index, uint64_t npu_cycles) {
  done_ = index + 1;
  finished_cycles_ = npu_cycles;
  run_cycles_ = 0;
  show(false);
}

void RunProgress::npu_running(uint64_t run_cycles) {
  run_cycles_ = run_cycles;
  show(false);
}

void RunProgress::finish() {
  if (!printed_) return;
  show(true);
  std::fputc('\n', stderr);
  printed_ = false;
}

void RunProgress::show(bool force) {
  const auto now = std::chrono::steady_clock::now();
  const std::chrono::duration<double> since = now - last_;
  if (!force && printed_ && since.count() < 1.0 / kUpdatesPerSecond) return;
  if (!force && !printed_ && !immediate_ && since.count() < kQuietSeconds) return;
  last_ = now;
  printed_ = true;
  const size_t current = done_ < operators_ ? done_ + 1 : operators_;
  const double cycles = static_cast<double>(finished_cycles_ + run_cycles_);
  std::fprintf(stderr, "\roperator %zu/%zu, %.1f M NPU cycles   ", current, operators_,
               cycles / 1e6);
  std::fflush(stderr);
}

bool stderr_is_terminal() { return isatty(STDERR_FILENO) == 1; }

}  // namespace vnpu::cli
