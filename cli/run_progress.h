// A one-line progress display for long `vnpu run` invocations, on stderr:
// "operator 12/31, 1.2 M NPU cycles", rewritten in place (carriage return) at
// most kUpdatesPerSecond times a second, and ended with a newline by finish().
// Unless `immediate`, nothing is shown for the first kQuietSeconds (short runs
// stay quiet on a terminal).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace vnpu::cli {

class RunProgress {
 public:
  static constexpr double kUpdatesPerSecond = 4.0;
  static constexpr double kQuietSeconds = 0.5;

  RunProgress(size_t operators, bool immediate)
      : operators_(operators), immediate_(immediate), last_(std::chrono::steady_clock::now()) {}

  // After operator `index` finished; `npu_cycles` are the finished NPU runs' cycles.
  void operator_done(size_t index, uint64_t npu_cycles);
  // During an NPU run: `run_cycles` simulated so far in it.
  void npu_running(uint64_t run_cycles);
  // Prints the final state and a newline (nothing if nothing was printed).
  void finish();

 private:
  void show(bool force);

  size_t operators_ = 0;
  bool immediate_ = false;
  size_t done_ = 0;
  uint64_t finished_cycles_ = 0;
  uint64_t run_cycles_ = 0;
  bool printed_ = false;
  std::chrono::steady_clock::time_point last_{};
};

// Whether stderr is a terminal.
bool stderr_is_terminal();

}  // namespace vnpu::cli
