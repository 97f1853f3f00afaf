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
  uint8_t* rows = nullptr;  // scratch: chunks * padded_w * padded_channels * 4 bytes
  int32_t batches = 1, in_h = 1, in_w = 1, in_depth = 1;
  int32_t out_h = 1, out_w = 1;
  int32_t padded_w = 1;  // row buffer columns
  OutputStage stage;

  // Byte offset in `rows` of column x, channel c, of chunk t.
  int64_t row_offset(int32_t t, int64_t x, int32_t c) const {
    return ((int64_t{t} * padded_w + x) * packed->padded_channels + c) * 4;
  }
  // Input row of filter row `ky` for output row `oy`.
  int32_t input_row(int32_t oy, int32_t ky) const {
    return oy * params->stride_h - params->pad_top + ky * params->dilation_h;
  }
};

// Fills the row buffer for output row `oy` of batch `b` (any depth multiplier).
void build_depthwise_rows_portable(const DepthwiseArgs& args, int32_t b, int32_t oy);

void depthwise_portable(const DepthwiseArgs& args);
void depthwise_avx512(const DepthwiseArgs& args);  // only after isa_supported(kAvx512Vnni)

}  // namespace vnpu::kernels
