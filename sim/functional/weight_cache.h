// Decoded weight streams of earlier operations, so that a network run again
// decodes each stream once (execute_operation, through NpuMemory::weight_cache).
// An entry is found only when the layout parameters are equal and the stream's
// bytes are equal to the ones decoded, compared in full: a rewritten stream
// decodes again, so the cache cannot change a result. At most kMaxBytes are held;
// past that the cache starts over.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "isa/weight_layout.h"

namespace vnpu::sim {

class WeightCache {
 public:
  static constexpr size_t kMaxBytes = size_t{256} << 20;

  // The OHWI weights decoded from `stream` [0, length) with `params`, or nullptr.
  const std::vector<int16_t>* find(const isa::WeightLayoutParams& params, const uint8_t* stream,
                                   size_t length) const;
  void insert(const isa::WeightLayoutParams& params, const uint8_t* stream, size_t length,
              const std::vector<int16_t>& ohwi);

 private:
  struct Entry {
    isa::WeightLayoutParams params;
    std::vector<uint8_t> stream;
    std::vector<int16_t> ohwi;
  };
  std::vector<Entry> entries_;
  size_t bytes_ = 0;
};

}  // namespace vnpu::sim
