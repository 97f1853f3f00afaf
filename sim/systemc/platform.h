// The process's one SystemC elaboration (SystemC allows one per process,
// ../shared/reference/toolchain-notes.md): a timed NPU model, the host's
// register port (a TLM-2.0 initiator) and the IRQ line. Everything the
// simulation needs between runs is plain data on the model, so one
// elaboration serves every run, model and configuration of the process.
//
// Contract: Platform::get() elaborates on first use; register accesses are
// made while the simulation is paused; run_until_irq() advances the
// simulation until the NPU raises its IRQ. Not thread-safe (nor is SystemC).
#pragma once

#include <cstdint>
#include <memory>

#include "sim/systemc/job_plan.h"
#include "sim/systemc/npu_model.h"

namespace vnpu::sim::systemc {

class Platform {
 public:
  static Platform& get();

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
  Platform();
  struct Parts;
  Parts* parts_;  // SystemC objects must outlive the kernel: never destroyed
};

}  // namespace vnpu::sim::systemc
