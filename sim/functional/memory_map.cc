#include "sim/functional/memory_map.h"

namespace vnpu::sim {

MemoryRegion MemoryMap::resolve(uint64_t address) const {
  for (const Entry& e : entries_) {
    if (e.data != nullptr && address >= e.address && address - e.address < e.size) {
      return {e.data + (address - e.address), e.size - (address - e.address)};
    }
  }
  return {};
}

}  // namespace vnpu::sim
