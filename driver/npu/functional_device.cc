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

void set_word(uint64_t& value, bool high, uint32_t word) {
  value = high ? (value & 0xFFFFFFFFu) | (uint64_t{word} << 32)
               : (value & ~uint64_t{0xFFFFFFFF}) | word;
}

}  // namespace

FunctionalDevice::FunctionalDevice(const isa::AcceleratorConfig& config)
    : config_(config), npu_(config) {}

uint32_t FunctionalDevice::read(uint32_t offset) {
  if (offset >= reg::kPmcr && offset < reg::kPmevtyper0 + 4 * reg::kPmuEventCounters) {
    return pmu_read(offset);
  }
  if (offset >= reg::kBasep0 && offset < reg::kBasepEnd) {
    const uint64_t value = basep_[(offset - reg::kBasep0) / 8];
    return static_cast<uint32_t>((offset & 4u) != 0 ? value >> 32 : value);
  }
  if (offset >= reg::kAxiLimit0 && offset < reg::kAxiLimit0 + 16) {
    return axi_limit_[(offset - reg::kAxiLimit0) / 4];
  }
  switch (offset) {
    case reg::kId: return isa::kIdRegister;
    case reg::kStatus: return status_;
    case reg::kQbase: return static_cast<uint32_t>(qbase_);
    case reg::kQbaseHi: return static_cast<uint32_t>(qbase_ >> 32);
    case reg::kQconfig: return qconfig_;
    case reg::kQsize: return qsize_;
    case reg::kConfig: return config_.config_register();
    case reg::kRegioncfg: return regioncfg_;
    default: return 0;
  }
}

void FunctionalDevice::write(uint32_t offset, uint32_t value) {
  if (offset >= reg::kPmcr && offset < reg::kPmevtyper0 + 4 * reg::kPmuEventCounters) {
    pmu_write(offset, value);
    return;
  }
  if (offset >= reg::kBasep0 && offset < reg::kBasepEnd) {
    set_word(basep_[(offset - reg::kBasep0) / 8], (offset & 4u) != 0, value);
    return;
  }
  if (offset >= reg::kAxiLimit0 && offset < reg::kAxiLimit0 + 16) {
    axi_limit_[(offset - reg::kAxiLimit0) / 4] = value;
    return;
  }
  switch (offset) {
    case reg::kCmd:
      if ((value & reg::kCmdClearIrq) != 0) status_ &= ~reg::kStatusIrqRaised;
      if ((value & reg::kCmdRun) != 0) run();
      break;
    case reg::kQbase: set_word(qbase_, false, value); break;
    case reg::kQbaseHi: set_word(qbase_, true, value); break;
    case reg::kQconfig: qconfig_ = value & 3u; break;
    case reg::kQsize: qsize_ = value; break;
    case reg::kRegioncfg: regioncfg_ = value; break;
    default: break;
  }
}

void FunctionalDevice::map(uint64_t address, uint8_t* data, uint64_t size) {
  memory_map_.map(address, data, size);
}

void FunctionalDevice::unmap_all() { memory_map_.clear(); }

bool FunctionalDevice::wait_for_irq() { return (status_ & reg::kStatusIrqRaised) != 0; }

// The stream at QBASE when QSIZE bytes of it are mapped and word aligned.
uint32_t* FunctionalDevice::resolve_command_stream() {
  const sim::MemoryRegion stream = memory_map_.resolve(qbase_);
  if (qsize_ == 0 || stream.data == nullptr || stream.size < qsize_ || qsize_ % 4 != 0 ||
      reinterpret_cast<uintptr_t>(stream.data) % alignof(uint32_t) != 0) {
    return nullptr;
  }
  return reinterpret_cast<uint32_t*>(stream.data);
}

void FunctionalDevice::run() {
  fault_detail_.clear();
  for (size_t i = 0; i < basep_.size(); ++i) {
    npu_.set_base_pointer(static_cast<int>(i), memory_map_.resolve(basep_[i]));
  }
  const uint32_t* words = resolve_command_stream();
  if (words == nullptr && qsize_ != 0) {
    status_ = reg::kStatusIrqRaised | reg::kStatusBusError |
              (reg::kChannelCommand << reg::kStatusFaultingChannelShift);
    fault_detail_ = "QBASE/QSIZE: the command stream is not mapped, or not whole 32-bit words";
    return;
  }
  const sim::NpuRunResult result = npu_.run(words, qsize_ / 4);
  status_ = reg::kStatusIrqRaised | fault_bit(result.fault);
  if (result.ok()) status_ |= reg::kStatusCmdEndReached;
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
