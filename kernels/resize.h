// RESIZE_NEAREST_NEIGHBOR (bytes of any element type) and RESIZE_BILINEAR
// (int8) on 4-d NHWC tensors, as TFLite's reference_ops::ResizeNearestNeighbor
// (float source coordinates) and ResizeBilinearInteger (10-bit fixed-point
// coordinates, 20-bit weights, TFLM's default double rounding) compute them.
#pragma once

#include <cstddef>
#include <cstdint>

#include "kernels/dims.h"

namespace vnpu::kernels {

struct ResizeParams {
  bool align_corners = false;
  bool half_pixel_centers = false;
  size_t element_bytes = 1;  // RESIZE_NEAREST_NEIGHBOR only
};

// TFLite GetNearestNeighbor: the input row (column) RESIZE_NEAREST_NEIGHBOR
// reads for output row (column) `out_index` (the compiler checks its NPU
// copies against it).
int32_t nearest_neighbor_index(int32_t out_index, int32_t in_size, int32_t out_size,
                               const ResizeParams& params);

// TFLite ComputeInterpolationValuesInteger for output row (column)
// `out_index` of RESIZE_BILINEAR: the source position in 10-bit fixed point
// and the two input rows (columns) it interpolates between (the compiler
// checks its NPU lowering against it).
struct BilinearSource {
  int32_t position = 0;
  int32_t lower = 0;
  int32_t upper = 0;
};
BilinearSource bilinear_source(int32_t out_index, int32_t in_size, int32_t out_size,
                               const ResizeParams& params);

void resize_nearest_neighbor(const ResizeParams& params, const Dims& input_dims,
                             const uint8_t* input, const Dims& output_dims, uint8_t* output);

void s8_resize_bilinear(const ResizeParams& params, const Dims& input_dims, const int8_t* input,
                        const Dims& output_dims, int8_t* output);

}  // namespace vnpu::kernels
