// ARG_MAX and ARG_MIN along one axis, as TensorFlow Lite Micro's
// reference_ops::ArgMinMax: the first index of the largest (smallest) stored
// value; ties keep the earlier index. No rescaling: the order of quantized
// values is the order of the real values.
#pragma once

#include <cstdint>

#include "kernels/dims.h"

namespace vnpu::kernels {

// `axis` in [0, rank); the output holds the other dimensions in order.
template <typename T, typename Index>
void arg_min_max(bool maximum, const Dims& input_dims, int axis, const T* input, Index* output) {
  int64_t outer = 1;
  for (int i = 0; i < axis; ++i) outer *= input_dims[i];
  int64_t inner = 1;
  for (int i = axis + 1; i < input_dims.rank(); ++i) inner *= input_dims[i];
  const int64_t axis_size = input_dims[axis];
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t k = 0; k < inner; ++k) {
      const T* base = input + o * axis_size * inner + k;
      T best = base[0];
      Index best_index = 0;
      for (int64_t i = 1; i < axis_size; ++i) {
        const T value = base[i * inner];
        if (maximum ? value > best : value < best) {
          best = value;
          best_index = static_cast<Index>(i);
        }
      }
      output[o * inner + k] = best_index;
    }
  }
}

}  // namespace vnpu::kernels
