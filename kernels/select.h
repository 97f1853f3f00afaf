// SELECT_V2 (and SELECT): output = condition ? x : y, element by element, with
// the three shapes broadcast to the output shape (TFLM select.cc,
// reference_ops::BroadcastSelect5DSlow / Select). The values are copied as
// stored: TFLite gives x, y and the output one quantization.
#pragma once

#include <cstdint>

#include "kernels/broadcast.h"
#include "kernels/dims.h"

namespace vnpu::kernels {

// Each input shape must broadcast to `output_dims`.
template <typename T>
void select(const Dims& condition_dims, const bool* condition, const Dims& x_dims, const T* x,
            const Dims& y_dims, const T* y, const Dims& output_dims, T* output) {
  constexpr int kRank = BroadcastWalk::kRank;
  const BroadcastWalk xy = make_broadcast_walk(x_dims, y_dims, output_dims);
  const BroadcastWalk c = make_broadcast_walk(condition_dims, condition_dims, output_dims);
  int64_t total = 1;
  for (int d = 0; d < kRank; ++d) total *= xy.extents[d];
  int32_t index[kRank] = {};
  int64_t offset_c = 0;
  int64_t offset_x = 0;
  int64_t offset_y = 0;
  for (int64_t o = 0; o < total; ++o) {
    output[o] = condition[offset_c] ? x[offset_x] : y[offset_y];
    for (int d = kRank - 1; d >= 0; --d) {
      if (++index[d] < xy.extents[d]) {
        offset_c += c.stride1[d];
        offset_x += xy.stride1[d];
        offset_y += xy.stride2[d];
        break;
      }
      index[d] = 0;
      offset_c -= c.stride1[d] * (xy.extents[d] - 1);
      offset_x -= xy.stride1[d] * (xy.extents[d] - 1);
      offset_y -= xy.stride2[d] * (xy.extents[d] - 1);
    }
  }
}

}  // namespace vnpu::kernels
