// The system's physical address space as the NPU's AXI ports see it (shared by
// the timed model and the driver's functional register shim): host
// buffers mapped at physical addresses. BASEPn and QBASE are resolved through
// it; an address outside every mapping resolves to an empty region, so any
// access there is a bus error (STATUS.bus_status), never a host access.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/functional/functional_npu.h"

namespace vnpu::sim {

class MemoryMap {
 public:
  void clear() { entries_.clear(); }
  void map(uint64_t address, uint8_t* data, uint64_t size) { entries_.push_back({address, data, size}); }

  // The bytes from `address` to the end of the mapping that holds it.
  MemoryRegion resolve(uint64_t address) const;

 private:
  struct Entry {
    uint64_t address;
    uint8_t* data;
    uint64_t size;
  };
  std::vector<Entry> entries_;
};

}  // namespace vnpu::sim
