// MAXIMUM and MINIMUM with broadcasting, as TensorFlow Lite Micro's
// maximum_minimum.cc (reference_ops::MaximumMinimumBroadcastSlow): the stored
// values are compared as they are, with no rescaling (TFLite requires the
// inputs and the output to share one quantization), for every element type.
#pragma once

#include <cstdint>

#include "kernels/broadcast.h"
#include "kernels/dims.h"

namespace vnpu::kernels {

template <typename T>
void maximum_minimum(bool maximum, const Dims& input1_dims, const T* input1,
                     const Dims& input2_dims, const T* input2, const Dims& output_dims,
                     T* output) {
  const BroadcastWalk walk = make_broadcast_walk(input1_dims, input2_dims, output_dims);
  for_each_broadcast(walk, [&](int64_t i1, int64_t i2, int64_t o) {
    const T a = input1[i1];
    const T b = input2[i2];
    output[o] = maximum ? (a > b ? a : b) : (a < b ? a : b);
  });
}

}  // namespace vnpu::kernels
