// The process's one SystemC elaboration (SystemC allows one per process,
// ../shared/reference/toolchain-notes.md): a timed NPU model, the host's
// register port (a TLM-2.0 initiator) and the IRQ line. Everything the
// simulation needs between runs is plain data on the model, so one
// elaboration serves every run, model and configuration of the process.
//
// Contract: Platform::get() elaborates on first use; register accesses are
// made while the simulation is paused; run_until_irq() advances the
// simulation until the NPU raises its IRQ. Not thread-safe (nor is SystemC).
//
// Waveform: open_vcd(PATH) before the first get() elaborates the platform with
// a SystemC VCD trace file of the top-level signals (the IRQ line, STATUS, the
// running flag, each unit's busy flag: NpuModel::trace_signals), timescale one
// cycle; close_vcd() flushes and closes it (the platform itself lives on).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/status.h"

#include "sim/systemc/job_plan.h"
#include "sim/systemc/npu_model.h"

namespace vnpu::sim::systemc {

class Platform {
 public:
  static Platform& get();
  // PATH must end in ".vcd" (SystemC's writer appends it). Fails once the
  // platform is elaborated (traces are registered before the simulation starts)
  // or when the file cannot be created.
  static Status open_vcd(const std::string& path);
  void close_vcd();
  bool has_vcd() const;

  // While set, run_until_irq() simulates in slices of `slice_cycles` and calls
  // `progress` after each with the cycles of the current run so far. The
  // slicing does not change the simulation. An empty function turns it off.
  void set_progress(std::function<void(uint64_t run_cycles)> progress, uint64_t slice_cycles);

  NpuModel& npu();
  uint32_t read(uint32_t offset);
  void write(uint32_t offset, uint32_t value);
  // Simulates until the IRQ rises; false when the simulation ran out of events first.
  bool run_until_irq();
  // Cycles simulated by this process so far.
  uint64_t now_cycles() const;

  Platform(const Platform&) = delete;
  Platform& operator=(const Platform&) = delete;

 private:
  explicit Platform(const std::string& vcd_base);
  static Platform*& instance();
  struct Parts;
  Parts* parts_;  // SystemC objects must outlive the kernel: never destroyed
  std::function<void(uint64_t)> progress_;
  uint64_t slice_cycles_ = 0;
};

}  // namespace vnpu::sim::systemc
