// The IFM as a kernel traversal sees it, gathered once for the fast paths
// (convolution_fast.h): row r, column q hold the upscaled position
// (r - pad_top, q - pad_left), i.e. channels [0, depth) of the stored element
// KernelGeometry::source() maps it to, minus the IFM zero point, or 0 where
// source() gives none (padding, an inserted upscale zero). The rows span
// (OFM height - 1) * stride_y + (kernel_height - 1) * dilation_y + 1, every
// row any tap reaches (columns alike), so the traversal needs no bounds test.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/functional/feature_map.h"
#include "sim/functional/kernel_geometry.h"

namespace vnpu::sim {

// Largest gathered IFM (elements); bigger operations take the per-element path.
constexpr int64_t kMaxPaddedIfmElements = int64_t{1} << 24;

template <typename T>
struct PaddedIfm {
  int32_t height = 0;
  int32_t width = 0;
  int32_t depth = 0;
  std::vector<T> values;  // [height][width][depth]

  const T* at(int32_t row, int32_t column) const {
    return values.data() +
           (static_cast<size_t>(row) * static_cast<size_t>(width) + static_cast<size_t>(column)) *
               static_cast<size_t>(depth);
  }
};

// True when every value of the 8- or 16-bit `ifm` minus `zero_point` fits T.
template <typename T>
bool ifm_values_fit(const FeatureMap& ifm, int64_t zero_point);

// Gathers channels [0, depth) of `ifm` for traversal `g`. False (nothing latched on
// `ifm`) when the buffer would pass kMaxPaddedIfmElements, a value does not fit T,
// or an element lies outside its region.
template <typename T>
bool gather_padded_ifm(const KernelGeometry& g, const FeatureMap& ifm, int32_t depth,
                       int64_t zero_point, PaddedIfm<T>* out);

}  // namespace vnpu::sim
