// Internals of s8_depthwise_conv2d_fast shared by its portable and AVX-512
// bodies: the row-buffer geometry and the portable row builder.
#pragma once

#include <cstdint>

#include "kernels/optimized/depthwise_conv2d_fast.h"
#include "kernels/optimized/requant_block.h"

namespace vnpu::kernels {

struct DepthwiseArgs {
  const DepthwiseConvParams* params = nullptr;
  const PackedDepthwiseFilter* packed = nullptr;
  const QuantizedMultiplier* multipliers = nullptr;
  const int8_t* input = nullptr;
  const int32_t* bias = nullptr;
  int8_t* output = nullptr;
  uint8_t* rows = nullptr;    // scratch: chunks * padded_w * padded_channels * 4 elements
  int64_t element_bytes = 1;  // uint8 rows, or uint16 for AVX2
  int32_t batches = 1, in_h = 1, in_w = 1, in_depth = 1;
  int32_t out_h = 1, out_w = 1;
  int64_t padded_w = 1;  // row buffer columns
  OutputStage stage;

  // Byte offset in `rows` of column x, channel c, of chunk t (for AVX2's
  // uint16 rows, c must start a 16-channel vector).
  int64_t row_offset(int32_t t, int64_t x, int32_t c) const {
    return ((int64_t{t} * padded_w + x) * packed->padded_channels + c) * 4 * element_bytes;
  }
  // Input row of filter row `ky` for output row `oy`.
  int64_t input_row(int32_t oy, int32_t ky) const {
    return int64_t{oy} * params->stride_h - params->pad_top + int64_t{ky} * params->dilation_h;
  }
};

// Element index, from the start of a column (or of a tap's weights), of
// channel c and filter-row slot j (0..3): [c][4] quads, or for AVX2 int16
// pairs [16-channel vector][half][pair][8][2].
inline int64_t depthwise_lane_index(bool pairs, int32_t c, int32_t j) {
  if (!pairs) return int64_t{c} * 4 + j;
  return int64_t{c / 16} * 64 + ((c % 16) / 8) * 32 + (j / 2) * 16 + (c % 8) * 2 + j % 2;
}

// Fills the row buffer for output row `oy` of batch `b` (any depth
// multiplier; uint8 or AVX2's uint16 layout by args.element_bytes).
void build_depthwise_rows_portable(const DepthwiseArgs& args, int32_t b, int32_t oy);

void depthwise_portable(const DepthwiseArgs& args);
void depthwise_avx2(const DepthwiseArgs& args);    // only after isa_supported(kAvx2)
void depthwise_avx512(const DepthwiseArgs& args);  // only after isa_supported(kAvx512Vnni)

}  // namespace vnpu::kernels
