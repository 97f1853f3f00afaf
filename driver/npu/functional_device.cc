#include "driver/npu/functional_device.h"

#include <cstdint>

namespace vnpu::driver::npu {
namespace {

namespace reg = isa::reg;

uint32_t fault_bit(sim::NpuFault fault) {
  switch (fault) {
    case sim::NpuFault::kNone: return 0;
    case sim::NpuFault::kCommandParse: return reg::kStatusCmdParseError;
    case sim::NpuFault::kBus: return reg::kStatusBusError;
    case sim::NpuFault::kWeightDecode: return reg::kStatusWdFault;
  }
  return reg::kStatusCmdParseError;
}

}  // namespace

FunctionalDevice::FunctionalDevice(const isa::AcceleratorConfig& config)
    : config_(config), npu_(config) {}

uint32_t FunctionalDevice::read(uint32_t offset) {
  if (offset >= reg::kPmcr && offset < reg::kPmevtyper0 + 4 * reg::kPmuEventCounters) {
    return pmu_read(offset);
  }
  return regs_.read(offset, config_.config_register()).value_or(0);
}

void FunctionalDevice::write(uint32_t offset, uint32_t value) {
  if (offset >= reg::kPmcr && offset < reg::kPmevtyper0 + 4 * reg::kPmuEventCounters) {
    pmu_write(offset, value);
    return;
  }
  if (regs_.write(offset, value)) return;
  if (offset == reg::kCmd) {
    if ((value & reg::kCmdClearIrq) != 0) regs_.status &= ~reg::kStatusIrqRaised;
    if ((value & reg::kCmdRun) != 0) run();
  }
}

void FunctionalDevice::map(uint64_t address, uint8_t* data, uint64_t size) {
  memory_map_.map(address, data, size);
}

void FunctionalDevice::unmap_all() { memory_map_.clear(); }

bool FunctionalDevice::wait_for_irq() { return (regs_.status & reg::kStatusIrqRaised) != 0; }

// The stream at QBASE when QSIZE bytes of it are mapped and word aligned.
uint32_t* FunctionalDevice::resolve_command_stream() {
  const sim::MemoryRegion stream = memory_map_.resolve(regs_.qbase);
  if (regs_.qsize == 0 || stream.data == nullptr || stream.size < regs_.qsize || regs_.qsize % 4 != 0 ||
      reinterpret_cast<uintptr_t>(stream.data) % alignof(uint32_t) != 0) {
    return nullptr;
  }
  return reinterpret_cast<uint32_t*>(stream.data);
}

void FunctionalDevice::run() {
  fault_detail_.clear();
  for (size_t i = 0; i < regs_.basep.size(); ++i) {
    npu_.set_base_pointer(static_cast<int>(i), memory_map_.resolve(regs_.basep[i]));
  }
  const uint32_t* words = resolve_command_stream();
  if (words == nullptr && regs_.qsize != 0) {
    regs_.status = reg::kStatusIrqRaised | reg::kStatusBusError |
              (reg::kChannelCommand << reg::kStatusFaultingChannelShift);
    fault_detail_ = "QBASE/QSIZE: the command stream is not mapped, or not whole 32-bit words";
    return;
  }
  const sim::NpuRunResult result = npu_.run(words, regs_.qsize / 4);
  regs_.status = reg::kStatusIrqRaised | fault_bit(result.fault);
  if (result.ok()) regs_.status |= reg::kStatusCmdEndReached;
  fault_detail_ = result.message;
}

uint32_t FunctionalDevice::pmu_read(uint32_t offset) const {
  if (offset >= reg::kPmevtyper0) return pmu_types_[(offset - reg::kPmevtyper0) / 4];
  switch (offset) {
    case reg::kPmcr: return pmcr_;
    case reg::kPmcntenset:
    case reg::kPmcntenclr: return pmu_enabled_;
    default: return 0;  // PMCCNTR, PMEVCNTRn: nothing timed to count
  }
}

void FunctionalDevice::pmu_write(uint32_t offset, uint32_t value) {
  if (offset >= reg::kPmevtyper0) {
    pmu_types_[(offset - reg::kPmevtyper0) / 4] = value;
    return;
  }
  switch (offset) {
    case reg::kPmcr: pmcr_ = value; break;
    case reg::kPmcntenset: pmu_enabled_ |= value; break;
    case reg::kPmcntenclr: pmu_enabled_ &= ~value; break;
    default: break;
  }
}

}  // namespace vnpu::driver::npu
