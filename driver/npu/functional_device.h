// FunctionalDevice: the functional NPU (sim/functional) behind the host
// register map (isa/npu_registers.h), so the driver programs it through the
// same invoke path as the timed model (driver/npu/npu_invoke.h).
//
// Registers it honours: ID, CONFIG (the accelerator's), STATUS, CMD (run,
// clear_irq), QBASE, QSIZE, QCONFIG, REGIONCFG, AXI_LIMIT0..3 (stored, read
// back), BASEP0..7, and the PMU control registers (PMCR, PMCNTENSET/CLR,
// PMEVTYPERn: stored, read back). CMD.run resolves QBASE/QSIZE and BASEPn
// through the mappings and runs the whole stream synchronously; the IRQ is
// raised when it returns. STATUS then holds irq_raised and either
// cmd_end_reached or the fault bit (cmd_parse_error, bus_status, wd_fault);
// fault_detail() is the model's one-line message (command and word offset).
// A command stream that QBASE/QSIZE do not cover is a bus error on the
// command channel.
//
// What it does not count: the model is untimed and has no AXI ports, so
// PMCCNTR and every PMEVCNTRn read 0 whatever event they select; QREAD and
// STATUS.faulting_channel stay 0 except for the command-fetch bus error.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "driver/npu/npu_device.h"
#include "isa/accelerator_config.h"
#include "isa/host_registers.h"
#include "isa/npu_registers.h"
#include "sim/functional/functional_npu.h"
#include "sim/functional/memory_map.h"

namespace vnpu::driver::npu {

class FunctionalDevice final : public NpuDevice {
 public:
  explicit FunctionalDevice(const isa::AcceleratorConfig& config);

  uint32_t read(uint32_t offset) override;
  void write(uint32_t offset, uint32_t value) override;
  void map(uint64_t address, uint8_t* data, uint64_t size) override;
  void unmap_all() override;
  bool wait_for_irq() override;
  std::string fault_detail() const override { return fault_detail_; }
  const char* name() const override { return "npu:functional"; }

 private:
  void run();
  uint32_t* resolve_command_stream();
  uint32_t pmu_read(uint32_t offset) const;
  void pmu_write(uint32_t offset, uint32_t value);

  isa::AcceleratorConfig config_;
  sim::FunctionalNpu npu_;
  sim::MemoryMap memory_map_;
  isa::HostRegisters regs_;
  std::string fault_detail_;
  uint32_t pmcr_ = 0;
  uint32_t pmu_enabled_ = 0;
  std::array<uint32_t, isa::reg::kPmuEventCounters> pmu_types_{};
};

}  // namespace vnpu::driver::npu
