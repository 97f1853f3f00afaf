// The `systemc` backend: a run on the timed SystemC NPU (driver/npu/
// systemc_backend.h) as a registry session, and everything the CLI needs from
// the process's SystemC platform (progress, the --vcd waveform, the --trace
// timeline) so that the CLI never touches the platform itself.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "driver/npu/backend_registry.h"
#include "driver/npu/systemc_backend.h"

namespace vnpu::driver::npu {

// What the --vcd waveform holds after the run.
struct VcdSummary {
  uint64_t late_cycles = 0;  // unit-busy cycles drawn from when the model learnt them
  uint64_t busy_cycles = 0;
};

// Where a timed session's job values come from (the timing is always the SystemC model's).
struct TimedValues {
  std::string label = "systemc (timed) NPU";  // the summary's first words
  sim::systemc::OperationExecutor executor;   // empty: the functional model
  std::function<std::string()> note;          // run_note(); empty: none
};

class SystemcSession final : public NpuSession {
 public:
  // Resolves the INI, system config and memory mode, and opens the VCD (before
  // the platform elaborates): invalid_input / io_error naming the option.
  static Expected<std::unique_ptr<SystemcSession>> open(const BackendChoice& choice,
                                                        TimedValues values = {});

  cpu::NpuPrepare npu_prepare() const override;
  std::string summary() const override;
  void set_progress(std::function<void(uint64_t run_cycles)> progress,
                    uint64_t slice_cycles) override;
  uint64_t npu_cycles() const override;
  std::string run_note() const override;

  const SystemcOptions& options() const { return options_; }
  const SystemcLog& log() const { return *log_; }
  bool has_vcd() const { return has_vcd_; }

  // Writes the Chrome/Perfetto timeline of the runs so far; `label` names the
  // operator whose first output is the given tensor.
  Status write_trace(const std::string& path,
                     const std::function<std::string(int32_t output_tensor)>& label) const;
  // Flushes and closes the VCD (the platform lives on).
  VcdSummary close_vcd() const;

 private:
  SystemcSession(SystemcOptions options, bool has_vcd, TimedValues values);
  SystemcOptions options_;
  TimedValues values_;
  std::shared_ptr<SystemcLog> log_ = std::make_shared<SystemcLog>();
  bool has_vcd_ = false;
};

// systemc: ethos-u operators on the timed SystemC NPU (SystemcSession).
void register_systemc_backend(BackendRegistry& registry);

}  // namespace vnpu::driver::npu
