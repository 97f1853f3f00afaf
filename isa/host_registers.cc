#include "isa/host_registers.h"

#include "isa/accelerator_config.h"

namespace vnpu::isa {
namespace {

// One 32-bit half of a 64-bit register.
void set_half(uint64_t& value, bool high, uint32_t word) {
  value = high ? (value & 0xFFFFFFFFu) | (uint64_t{word} << 32)
               : (value & ~uint64_t{0xFFFFFFFF}) | word;
}

bool in_basep(uint32_t offset) { return offset >= reg::kBasep0 && offset < reg::kBasepEnd; }
bool in_axi_limit(uint32_t offset) {
  return offset >= reg::kAxiLimit0 && offset < reg::kAxiLimit0 + 16;
}

}  // namespace

std::optional<uint32_t> HostRegisters::read(uint32_t offset, uint32_t config_register) const {
  if (in_basep(offset)) {
    const uint64_t value = basep[(offset - reg::kBasep0) / 8];
    return static_cast<uint32_t>((offset & 4u) != 0 ? value >> 32 : value);
  }
  if (in_axi_limit(offset)) return axi_limit[(offset - reg::kAxiLimit0) / 4];
  switch (offset) {
    case reg::kId:
      return kIdRegister;
    case reg::kStatus:
      return status;
    case reg::kQbase:
      return static_cast<uint32_t>(qbase);
    case reg::kQbaseHi:
      return static_cast<uint32_t>(qbase >> 32);
    case reg::kQread:
      return qread;
    case reg::kQconfig:
      return qconfig;
    case reg::kQsize:
      return qsize;
    case reg::kConfig:
      return config_register;
    case reg::kRegioncfg:
      return regioncfg;
    default:
      return std::nullopt;
  }
}

bool HostRegisters::write(uint32_t offset, uint32_t value) {
  if (in_basep(offset)) {
    set_half(basep[(offset - reg::kBasep0) / 8], (offset & 4u) != 0, value);
    return true;
  }
  if (in_axi_limit(offset)) {
    axi_limit[(offset - reg::kAxiLimit0) / 4] = value;
    return true;
  }
  switch (offset) {
    case reg::kQbase:
      set_half(qbase, false, value);
      return true;
    case reg::kQbaseHi:
      set_half(qbase, true, value);
      return true;
    case reg::kQconfig:
      qconfig = value & 3u;
      return true;
    case reg::kQsize:
      qsize = value;
      return true;
    case reg::kRegioncfg:
      regioncfg = value;
      return true;
    default:
      return false;
  }
}

}  // namespace vnpu::isa
