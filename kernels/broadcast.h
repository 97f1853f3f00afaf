// Broadcasting for the element-wise binary kernels (ADD, SUB, MUL), with the
// semantics of TensorFlow Lite's NdArrayDescsForElementwiseBroadcast: both
// shapes are right-aligned and extended to Dims::kMaxRank with leading 1s, and
// an input dimension of extent 1 is repeated along the output (stride 0).
// The traversal order does not change any element's value, so every TFLite
// broadcast path (4-D or 6-D) gives the same bytes.
#pragma once

#include <cstdint>

#include "kernels/dims.h"

namespace vnpu::kernels {

struct BroadcastWalk {
  static constexpr int kRank = Dims::kMaxRank;
  int32_t extents[kRank] = {};  // output extents, leading 1s
  int64_t stride1[kRank] = {};  // input 1 element stride per output dim, 0 if repeated
  int64_t stride2[kRank] = {};
};

// Caller guarantees `out` is the broadcast shape of `in1` and `in2`.
inline BroadcastWalk make_broadcast_walk(const Dims& in1, const Dims& in2, const Dims& out) {
  constexpr int kRank = BroadcastWalk::kRank;
  BroadcastWalk walk;
  int64_t next1 = 1;
  int64_t next2 = 1;
  for (int d = kRank - 1; d >= 0; --d) {
    const int io = out.rank() - kRank + d;
    const int i1 = in1.rank() - kRank + d;
    const int i2 = in2.rank() - kRank + d;
    const int32_t extent = io >= 0 ? out[io] : 1;
    const int32_t d1 = i1 >= 0 ? in1[i1] : 1;
    const int32_t d2 = i2 >= 0 ? in2[i2] : 1;
    walk.extents[d] = extent;
    walk.stride1[d] = d1 == extent ? next1 : 0;
    walk.stride2[d] = d2 == extent ? next2 : 0;
    next1 *= d1;
    next2 *= d2;
  }
  return walk;
}

// Calls fn(input1_index, input2_index, output_index) for every output element
// in row-major order.
template <typename Fn>
void for_each_broadcast(const BroadcastWalk& walk, Fn&& fn) {
  constexpr int kRank = BroadcastWalk::kRank;
  int64_t total = 1;
  for (int d = 0; d < kRank; ++d) total *= walk.extents[d];
  int32_t index[kRank] = {};
  int64_t offset1 = 0;
  int64_t offset2 = 0;
  for (int64_t o = 0; o < total; ++o) {
    fn(offset1, offset2, o);
    for (int d = kRank - 1; d >= 0; --d) {
      if (++index[d] < walk.extents[d]) {
        offset1 += walk.stride1[d];
        offset2 += walk.stride2[d];
        break;
      }
      index[d] = 0;
      offset1 -= walk.stride1[d] * (walk.extents[d] - 1);
      offset2 -= walk.stride2[d] * (walk.extents[d] - 1);
    }
  }
}

}  // namespace vnpu::kernels
