// SystemcDevice: the timed SystemC NPU (sim/systemc) as an NpuDevice. Register
// accesses go over the platform's TLM-2.0 register port, mappings into the
// model's memory map, wait_for_irq() simulates until the IRQ line rises. CONFIG
// reads the device's own accelerator even before its first run.
//
// The process has one SystemC platform (sim/systemc/platform.h); every
// SystemcDevice drives it. Its memory system and tracing are applied when the
// host writes CMD.run, so devices with different systems can share the one
// platform. Its PMU counts every event of sim/systemc/pmu.h.
#pragma once

#include <cstdint>
#include <string>

#include "driver/npu/npu_device.h"
#include "sim/systemc/datapath.h"
#include "sim/systemc/job_plan.h"
#include "sim/systemc/run_record.h"

namespace vnpu::driver::npu {

class SystemcDevice final : public NpuDevice {
 public:
  // trace: record the units' busy spans in the run record; executor: who
  // computes the jobs' values (empty: the functional model, sim/systemc/datapath.h).
  SystemcDevice(const sim::systemc::TimedSystem& system, bool trace,
                sim::systemc::OperationExecutor executor = {});

  uint32_t read(uint32_t offset) override;
  void write(uint32_t offset, uint32_t value) override;
  void map(uint64_t address, uint8_t* data, uint64_t size) override;
  void unmap_all() override;
  bool wait_for_irq() override;
  // The run record's one-line fault message (command and word offset).
  std::string fault_detail() const override;
  const char* name() const override { return "npu:systemc"; }

  // The timed record of the last run: cycles, jobs, bytes per port, spans.
  const sim::systemc::RunRecord& last_run() const;
  const sim::systemc::TimedSystem& system() const { return system_; }

 private:
  sim::systemc::TimedSystem system_;
  bool trace_ = false;
  sim::systemc::OperationExecutor executor_;
};

}  // namespace vnpu::driver::npu
