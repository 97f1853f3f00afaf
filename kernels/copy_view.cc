#include "kernels/copy_view.h"

#include <cstring>

namespace vnpu::kernels {
namespace {

// Copies one row: `count` elements `src_stride` / `dst_stride` elements apart.
void copy_row(size_t element_bytes, int32_t count, const uint8_t* src, int64_t src_stride,
              uint8_t* dst, int64_t dst_stride) {
  if (src_stride == 1 && dst_stride == 1) {
    std::memcpy(dst, src, static_cast<size_t>(count) * element_bytes);
    return;
  }
  const auto src_step = static_cast<std::ptrdiff_t>(src_stride * static_cast<int64_t>(element_bytes));
  const auto dst_step = static_cast<std::ptrdiff_t>(dst_stride * static_cast<int64_t>(element_bytes));
  for (int32_t i = 0; i < count; ++i) {
    std::memcpy(dst, src, element_bytes);
    src += src_step;
    dst += dst_step;
  }
}

}  // namespace

int64_t View::element_count() const {
  int64_t count = 1;
  for (int i = 0; i < rank; ++i) count *= extent[static_cast<size_t>(i)];
  return count;
}

std::array<int64_t, Dims::kMaxRank> row_major_strides(const Dims& dims) {
  std::array<int64_t, Dims::kMaxRank> strides{};
  int64_t stride = 1;
  for (int i = dims.rank() - 1; i >= 0; --i) {
    strides[static_cast<size_t>(i)] = stride;
    stride *= dims[i];
  }
  return strides;
}

View contiguous_view(const Dims& dims) {
  View view;
  view.rank = dims.rank();
  const auto strides = row_major_strides(dims);
  for (int i = 0; i < dims.rank(); ++i) {
    view.extent[static_cast<size_t>(i)] = dims[i];
    view.stride[static_cast<size_t>(i)] = strides[static_cast<size_t>(i)];
  }
  return view;
}

void copy_view(size_t element_bytes, const View& src, const uint8_t* src_data, const View& dst,
               uint8_t* dst_data) {
  if (src.element_count() == 0) return;
  const auto bytes = static_cast<int64_t>(element_bytes);
  if (src.rank == 0) {
    std::memcpy(dst_data + dst.offset * bytes, src_data + src.offset * bytes, element_bytes);
    return;
  }
  const int last = src.rank - 1;
  const auto last_index = static_cast<size_t>(last);
  std::array<int32_t, View::kMaxRank> index{};
  int64_t src_offset = src.offset;
  int64_t dst_offset = dst.offset;
  while (true) {
    copy_row(element_bytes, src.extent[last_index], src_data + src_offset * bytes,
             src.stride[last_index], dst_data + dst_offset * bytes, dst.stride[last_index]);
    // Advance the outer axes like an odometer.
    int axis = last - 1;
    for (; axis >= 0; --axis) {
      const auto a = static_cast<size_t>(axis);
      src_offset += src.stride[a];
      dst_offset += dst.stride[a];
      if (++index[a] < src.extent[a]) break;
      src_offset -= src.stride[a] * src.extent[a];
      dst_offset -= dst.stride[a] * src.extent[a];
      index[a] = 0;
    }
    if (axis < 0) return;
  }
}

void fill_elements(size_t element_bytes, const uint8_t* element, int64_t count, uint8_t* dst) {
  for (int64_t i = 0; i < count; ++i) {
    std::memcpy(dst + i * static_cast<int64_t>(element_bytes), element, element_bytes);
  }
}

}  // namespace vnpu::kernels
