// A 64-byte-aligned byte buffer for kernel scratch space, sized at prepare
// time so eval never allocates.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace vnpu::driver::cpu {

class ScratchBuffer {
 public:
  void resize(size_t bytes) { blocks_.resize((bytes + sizeof(Block) - 1) / sizeof(Block)); }
  uint8_t* data() { return blocks_.empty() ? nullptr : blocks_.front().bytes; }

 private:
  struct alignas(64) Block {
    uint8_t bytes[64];
  };
  std::vector<Block> blocks_;
};

}  // namespace vnpu::driver::cpu
