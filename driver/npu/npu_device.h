// NpuDevice: the one seam between the driver and an NPU, whatever implements
// it (the timed SystemC platform, a register-level shim around the functional
// NPU, later an RTL co-simulation or a firmware driver's MMIO). The driver
// programs every device the same way, through driver/npu/npu_invoke.h.
//
// Why here: the interface is the driver's view of hardware, so it lives in
// driver/npu/ with its adapters beside it, each wrapping a sim/ object
// (dependencies point down: driver -> sim -> isa; sim/ never sees this). The
// register map both sides agree on is isa/npu_registers.h.
//
// Contract (every implementation):
//  - read(offset) / write(offset, value): one 32-bit access to the host
//    register at `offset` (isa::reg, U55 map). Offsets are 4-byte aligned and
//    below isa::reg::kRegisterSpace; an unknown register reads 0 and ignores
//    writes. Accesses happen while the NPU is idle or stopped (the invoke path
//    never touches registers while waiting).
//  - map(address, data, size): makes `size` host bytes at `data` visible to the
//    NPU at physical `address` (BASEPn and QBASE are resolved through these
//    mappings when CMD.run is written). unmap_all() forgets every mapping; the
//    device never touches host memory after it. An address outside every
//    mapping reads as absent memory: any access there is a bus error.
//  - write(CMD, run) starts the NPU on the stream at QBASE/QSIZE with the
//    regions at BASEP0..7. wait_for_irq() returns once the IRQ is raised
//    (true), or false when the device stopped and can never raise it (a model
//    that ran out of events: an internal error, not a user fault).
//  - Faults look like hardware: the run stops, STATUS has irq_raised plus one
//    fault bit (cmd_parse_error, bus_status, wd_fault) and no cmd_end_reached;
//    the device never aborts or throws. fault_detail() may add one line (the
//    faulting command and its word offset) when the device knows it; real
//    hardware returns "" and the driver reports the STATUS bits alone.
//  - PMU: PMCR / PMCNTENSET / PMEVTYPERn / PMCCNTR / PMEVCNTRn at their U55
//    offsets. A device counts what it can and documents what it does not;
//    a counter it cannot count reads 0.
//  - Not thread-safe; one invoke at a time.
#pragma once

#include <cstdint>
#include <string>

namespace vnpu::driver::npu {

class NpuDevice {
 public:
  virtual ~NpuDevice() = default;

  virtual uint32_t read(uint32_t offset) = 0;
  virtual void write(uint32_t offset, uint32_t value) = 0;

  virtual void map(uint64_t address, uint8_t* data, uint64_t size) = 0;
  virtual void unmap_all() = 0;

  virtual bool wait_for_irq() = 0;
  virtual std::string fault_detail() const = 0;

  // Where an operator ran, for reports: "npu:functional", "npu:systemc", ...
  virtual const char* name() const = 0;
};

}  // namespace vnpu::driver::npu
