// CAST: element-wise C++ conversion between the tensor element types, as TFLM
// cast.cc does with static_cast: no quantization; narrowing integer casts wrap
// (two's complement); any value to bool is value != 0; bool is 0 or 1. A float
// out of the target integer range, which is undefined behaviour for
// static_cast, saturates here, and NaN becomes 0.
#pragma once

#include <cstdint>

namespace vnpu::kernels {

enum class CastType { kInt8, kUInt8, kInt16, kInt32, kInt64, kUInt32, kUInt64, kFloat32, kBool };

void cast_elements(CastType from, const void* input, CastType to, void* output, int64_t count);

}  // namespace vnpu::kernels
