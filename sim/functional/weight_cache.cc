#include "sim/functional/weight_cache.h"

#include <cstring>

namespace vnpu::sim {
namespace {

bool same_layout(const isa::WeightLayoutParams& a, const isa::WeightLayoutParams& b) {
  return a.ofm_depth == b.ofm_depth && a.kernel_height == b.kernel_height &&
         a.kernel_width == b.kernel_width && a.ifm_depth == b.ifm_depth &&
         a.ofm_ublock_depth == b.ofm_ublock_depth && a.ifm_ublock_depth == b.ifm_ublock_depth &&
         a.ofm_block_depth == b.ofm_block_depth && a.ifm_bits == b.ifm_bits &&
         a.order == b.order && a.depthwise == b.depthwise && a.dilation_x == b.dilation_x &&
         a.dilation_y == b.dilation_y;
}

}  // namespace

const std::vector<int16_t>* WeightCache::find(const isa::WeightLayoutParams& params,
                                              const uint8_t* stream, size_t length) const {
  for (const Entry& e : entries_) {
    if (e.stream.size() != length || !same_layout(e.params, params)) continue;
    if (length == 0 || std::memcmp(e.stream.data(), stream, length) == 0) return &e.ohwi;
  }
  return nullptr;
}

void WeightCache::insert(const isa::WeightLayoutParams& params, const uint8_t* stream,
                         size_t length, const std::vector<int16_t>& ohwi) {
  const size_t bytes = length + ohwi.size() * sizeof(int16_t);
  if (bytes > kMaxBytes || (length > 0 && stream == nullptr)) return;
  if (bytes_ + bytes > kMaxBytes) {
    entries_.clear();
    bytes_ = 0;
  }
  entries_.push_back({params, std::vector<uint8_t>(stream, stream + length), ohwi});
  bytes_ += bytes;
}

}  // namespace vnpu::sim
