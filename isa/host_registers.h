// The NPU's host-visible storage registers: the ones a device only stores and
// returns (STATUS, QBASE, QREAD, QCONFIG, QSIZE, REGIONCFG, AXI_LIMIT0..3,
// BASEP0..7; ID and CONFIG read as constants). Every NPU device model keeps them
// in one HostRegisters and forwards plain accesses to it; CMD (which acts) and
// the PMU registers (which count) stay with the device. Offsets and bits:
// isa/npu_registers.h.
#pragma once

#include <array>
#include <cstdint>
#include <optional>

#include "isa/npu_registers.h"

namespace vnpu::isa {

struct HostRegisters {
  uint32_t status = 0;
  uint64_t qbase = 0;
  uint32_t qsize = 0;
  uint32_t qread = 0;  // byte offset of the next command word, where a device tracks it
  uint32_t qconfig = 0;
  uint32_t regioncfg = 0;
  std::array<uint32_t, 4> axi_limit{};
  std::array<uint64_t, reg::kBasePointers> basep{};

  // The value of the storage register at `offset`, or nullopt when the
  // register is not a storage register (CMD, the PMU, an unknown offset).
  // `config_register` is the value CONFIG reads (the accelerator preset's).
  std::optional<uint32_t> read(uint32_t offset, uint32_t config_register) const;

  // Stores `value` when `offset` is a writable storage register and returns
  // true; false for any other offset (the device handles it). QREAD, ID,
  // STATUS and CONFIG are read-only.
  bool write(uint32_t offset, uint32_t value);
};

}  // namespace vnpu::isa
