#include "sim/functional/padded_ifm.h"

#include <limits>

namespace vnpu::sim {

template <typename T>
bool ifm_values_fit(const FeatureMap& ifm, int64_t zero_point) {
  if (ifm.element_bytes() > 2) return false;
  const int bits = 8 * ifm.element_bytes();
  const int64_t low = element_min(ifm.is_signed(), bits) - zero_point;
  const int64_t high = element_max(ifm.is_signed(), bits) - zero_point;
  return low >= std::numeric_limits<T>::min() && high <= std::numeric_limits<T>::max();
}

template <typename T>
bool gather_padded_ifm(const KernelGeometry& g, const FeatureMap& ifm, int32_t depth,
                       int64_t zero_point, PaddedIfm<T>* out) {
  if (!ifm_values_fit<T>(ifm, zero_point) || depth <= 0) return false;
  const int64_t rows = int64_t{g.ofm.height - 1} * g.stride_y +
                       int64_t{g.kernel_height - 1} * g.dilation_y + 1;
  const int64_t columns = int64_t{g.ofm.width - 1} * g.stride_x +
                          int64_t{g.kernel_width - 1} * g.dilation_x + 1;
  if (rows * columns > kMaxPaddedIfmElements / depth) return false;
  out->height = static_cast<int32_t>(rows);
  out->width = static_cast<int32_t>(columns);
  out->depth = depth;
  out->values.assign(static_cast<size_t>(rows * columns * depth), T{0});
  std::vector<int32_t> element(static_cast<size_t>(depth));
  for (int32_t r = 0; r < out->height; ++r) {
    for (int32_t q = 0; q < out->width; ++q) {
      int32_t y = 0;
      int32_t x = 0;
      if (!g.source(r - g.pad_top, q - g.pad_left, &y, &x)) continue;
      if (!ifm.read_channels(y, x, depth, element.data())) return false;
      T* dst = out->values.data() + (static_cast<size_t>(r) * static_cast<size_t>(out->width) +
                                     static_cast<size_t>(q)) *
                                        static_cast<size_t>(depth);
      for (int32_t c = 0; c < depth; ++c) {
        dst[c] = static_cast<T>(element[static_cast<size_t>(c)] - zero_point);
      }
    }
  }
  return true;
}

template bool ifm_values_fit<int16_t>(const FeatureMap&, int64_t);
template bool ifm_values_fit<int32_t>(const FeatureMap&, int64_t);
template bool gather_padded_ifm<int16_t>(const KernelGeometry&, const FeatureMap&, int32_t,
                                         int64_t, PaddedIfm<int16_t>*);
template bool gather_padded_ifm<int32_t>(const KernelGeometry&, const FeatureMap&, int32_t,
                                         int64_t, PaddedIfm<int32_t>*);

}  // namespace vnpu::sim
