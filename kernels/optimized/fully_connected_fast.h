// s8_fully_connected_fast: byte-identical to s8_fully_connected
// (kernels/fully_connected.h), run as a 1x1 convolution over the batch rows by
// the conv GEMM engine. A per-tensor filter offset adds
// filter_offset * (sum of the row + depth * input_offset) per row, computed
// at eval from the input. Same contract as s8_conv2d_fast (conv2d_fast.h):
// pack at prepare time, size the scratch, pass both at eval.
#pragma once

#include <cstddef>
#include <cstdint>

#include "kernels/fully_connected.h"
#include "kernels/optimized/conv_gemm.h"
#include "kernels/optimized/isa.h"

namespace vnpu::kernels {

PackedConvFilter pack_s8_fully_connected_filter(const FullyConnectedParams& params,
                                                const Dims& filter_dims, const int8_t* filter,
                                                Isa isa = best_isa());

size_t s8_fully_connected_fast_scratch_bytes(const FullyConnectedParams& params,
                                             const PackedConvFilter& packed,
                                             const Dims& input_dims);

void s8_fully_connected_fast(const FullyConnectedParams& params,
                             const QuantizedMultiplier* multipliers, const Dims& input_dims,
                             const int8_t* input, const Dims& filter_dims, const int8_t* filter,
                             const int32_t* bias, const Dims& output_dims, int8_t* output,
                             const PackedConvFilter& packed, uint8_t* scratch);

}  // namespace vnpu::kernels
