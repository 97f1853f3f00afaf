#include "kernels/gather.h"

#include <cstring>

namespace vnpu::kernels {
namespace {

int64_t index_at(const void* indices, size_t index_bytes, int64_t i) {
  if (index_bytes == 8) return static_cast<const int64_t*>(indices)[i];
  return static_cast<const int32_t*>(indices)[i];
}

}  // namespace

IndexCheck gather(const GatherParams& p, const uint8_t* input, const void* indices, size_t index_bytes,
            uint8_t* output) {
  const auto slice_bytes = static_cast<size_t>(p.inner) * p.element_bytes;
  for (int64_t b = 0; b < p.batch; ++b) {
    for (int64_t o = 0; o < p.outer; ++o) {
      for (int64_t i = 0; i < p.coords; ++i) {
        const int64_t from = index_at(indices, index_bytes, b * p.coords + i);
        if (from < 0 || from >= p.axis_size) return IndexCheck{false, from, p.axis_size};
        const int64_t src = ((b * p.outer + o) * p.axis_size + from) * p.inner;
        const int64_t dst = ((b * p.outer + o) * p.coords + i) * p.inner;
        std::memcpy(output + static_cast<size_t>(dst) * p.element_bytes,
                    input + static_cast<size_t>(src) * p.element_bytes, slice_bytes);
      }
    }
  }
  return IndexCheck{};
}

IndexCheck gather_nd(const GatherNdParams& p, const uint8_t* input, const void* indices,
               size_t index_bytes, uint8_t* output) {
  const auto slice_bytes = static_cast<size_t>(p.slice_elements) * p.element_bytes;
  for (int64_t i = 0; i < p.count; ++i) {
    int64_t from = 0;
    for (int j = 0; j < p.depth; ++j) {
      const int64_t index = index_at(indices, index_bytes, i * p.depth + j);
      if (index < 0 || index >= p.dims[j]) return IndexCheck{false, index, p.dims[j]};
      from += index * p.strides[j];
    }
    std::memcpy(output + static_cast<size_t>(i) * slice_bytes,
                input + static_cast<size_t>(from) * p.element_bytes, slice_bytes);
  }
  return IndexCheck{};
}

IndexCheck s8_embedding_lookup_f32(const int32_t* ids, int64_t id_count, const int8_t* value, int64_t rows,
                             int64_t columns, float scale, float* output) {
  for (int64_t i = 0; i < id_count; ++i) {
    const int32_t id = ids[i];
    if (id < 0 || id >= rows) return IndexCheck{false, id, rows};
    const int8_t* row = value + id * columns;
    for (int64_t c = 0; c < columns; ++c) {
      // TFLM Dequantize: (value - zero_point) * scale with zero point 0.
      output[i * columns + c] = static_cast<float>(row[c]) * scale;
    }
  }
  return IndexCheck{};
}

}  // namespace vnpu::kernels
