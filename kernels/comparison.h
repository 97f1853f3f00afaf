// EQUAL, NOT_EQUAL, GREATER, GREATER_EQUAL, LESS, LESS_EQUAL with broadcasting,
// bit-exact with TensorFlow Lite Micro (comparisons.cc, reference_ops
// ComparisonImpl / ComparisonWithScaling):
//  - int32, int64, float32 and bool compare the stored values;
//  - int8 rescales both sides first: (x - zp) << 8, times the input's own scale
//    as a Q31 multiplier (MultiplyByQuantizedMultiplierSmallerThanOneExp), so
//    inputs of different quantization compare by real value.
// The output is one bool per element of the broadcast shape.
#pragma once

#include <cstdint>

#include "kernels/broadcast.h"
#include "kernels/dims.h"
#include "kernels/quant_math.h"

namespace vnpu::kernels {

enum class Comparison { kEqual, kNotEqual, kGreater, kGreaterEqual, kLess, kLessEqual };

template <typename T>
bool compare(Comparison kind, T lhs, T rhs) {
  switch (kind) {
    case Comparison::kEqual: return lhs == rhs;
    case Comparison::kNotEqual: return lhs != rhs;
    case Comparison::kGreater: return lhs > rhs;
    case Comparison::kGreaterEqual: return lhs >= rhs;
    case Comparison::kLess: return lhs < rhs;
    case Comparison::kLessEqual: return lhs <= rhs;
  }
  return false;
}

// `output_dims` must be the broadcast shape of the input shapes.
template <typename T>
void compare_values(Comparison kind, const Dims& input1_dims, const T* input1,
                    const Dims& input2_dims, const T* input2, const Dims& output_dims,
                    bool* output) {
  const BroadcastWalk walk = make_broadcast_walk(input1_dims, input2_dims, output_dims);
  for_each_broadcast(walk, [&](int64_t i1, int64_t i2, int64_t o) {
    output[o] = compare(kind, input1[i1], input2[i2]);
  });
}

struct ComparisonRescale {
  int32_t input1_offset = 0;  // -zero point
  int32_t input2_offset = 0;
  QuantizedMultiplier input1_multiplier;  // quantize_multiplier(input1 scale)
  QuantizedMultiplier input2_multiplier;
  int left_shift = 8;
};

ComparisonRescale make_comparison_rescale(float input1_scale, int32_t input1_zero_point,
                                          float input2_scale, int32_t input2_zero_point);

void s8_compare(Comparison kind, const ComparisonRescale& params, const Dims& input1_dims,
                const int8_t* input1, const Dims& input2_dims, const int8_t* input2,
                const Dims& output_dims, bool* output);

}  // namespace vnpu::kernels
