#include "kernels/optimized/requant_block.h"

#include <climits>

namespace vnpu::kernels {

void fill_requant_block(int32_t first, int32_t count, const QuantizedMultiplier* multipliers,
                        bool per_channel, const int32_t* bias, const int32_t* offset_terms,
                        RequantBlock* block) {
  block->count = count;
  block->any_left_shift = false;
  block->any_min_multiplier = false;
  for (int32_t i = 0; i < kBlockChannels; ++i) {
    if (i >= count) {
      block->init[i] = 0;
      block->multiplier[i] = 0;
      block->shift[i] = 0;
      block->left_shift[i] = 0;
      block->right_shift[i] = 0;
      continue;
    }
    const int32_t channel = first + i;
    uint32_t init = offset_terms != nullptr ? static_cast<uint32_t>(offset_terms[channel]) : 0u;
    if (bias != nullptr) init += static_cast<uint32_t>(bias[channel]);
    const QuantizedMultiplier& m = multipliers[per_channel ? channel : 0];
    block->init[i] = static_cast<int32_t>(init);
    block->multiplier[i] = m.multiplier;
    block->shift[i] = m.shift;
    block->left_shift[i] = m.shift > 0 ? m.shift : 0;
    block->right_shift[i] = m.shift > 0 ? 0 : -m.shift;
    block->any_left_shift = block->any_left_shift || m.shift > 0;
    block->any_min_multiplier = block->any_min_multiplier || m.multiplier == INT32_MIN;
  }
}

}  // namespace vnpu::kernels
