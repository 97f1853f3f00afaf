// Element copies between strided views of tensors, for the data-movement
// operators (TRANSPOSE, SLICE, STRIDED_SLICE, REVERSE_V2, PACK, SPLIT,
// BROADCAST_TO, DEPTH_TO_SPACE, ...). A kernel here moves elements of any type:
// it is parameterised on the element size in bytes, never on the type.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "kernels/dims.h"

namespace vnpu::kernels {

// The elements of a tensor seen through per-axis extents and strides: element
// (i0, i1, ...) is at offset + sum(i_k * stride_k) elements from the data
// pointer. Strides may be negative (reversal) or zero (broadcast).
struct View {
  static constexpr int kMaxRank = 8;
  int rank = 0;
  std::array<int32_t, kMaxRank> extent{};
  std::array<int64_t, kMaxRank> stride{};
  int64_t offset = 0;

  int64_t element_count() const;
};

// The row-major view of a whole tensor of `dims`.
View contiguous_view(const Dims& dims);

// Row-major element strides of `dims` (stride of the last axis is 1).
std::array<int64_t, Dims::kMaxRank> row_major_strides(const Dims& dims);

// dst[i] = src[i] for every index i of src.extent; dst must have the same
// extents. The views must not overlap.
void copy_view(size_t element_bytes, const View& src, const uint8_t* src_data, const View& dst,
               uint8_t* dst_data);

// Writes `count` copies of one element to `dst` (FILL).
void fill_elements(size_t element_bytes, const uint8_t* element, int64_t count, uint8_t* dst);

}  // namespace vnpu::kernels
