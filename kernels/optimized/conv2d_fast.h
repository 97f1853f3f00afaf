// s8_conv2d_fast: byte-identical to s8_conv2d (kernels/conv2d.h) for every
// input, single thread, AVX-512 VNNI when the CPU has it.
//
// Use: at prepare time pack the filter once (it also folds the input offset
// into per-channel terms) and size a scratch buffer; at eval call the kernel
// with the reference kernel's arguments plus both. The filter passed at eval
// must be the one packed; an input offset other than the packed one (or one
// with no int8 zero point) runs the reference kernel. No allocation at eval.
#pragma once

#include <cstddef>
#include <cstdint>

#include "kernels/conv2d.h"
#include "kernels/optimized/conv_gemm.h"
#include "kernels/optimized/isa.h"

namespace vnpu::kernels {

// Groups are input_dims[3] / filter_dims[3], as in s8_conv2d. `isa` is a
// request: an ISA this CPU lacks falls back to Isa::kPortable.
PackedConvFilter pack_s8_conv2d_filter(const ConvParams& params, const Dims& input_dims,
                                       const Dims& filter_dims, const int8_t* filter,
                                       Isa isa = best_isa());

// Bytes of scratch s8_conv2d_fast needs for these shapes (the input copied
// with zero-point padding).
size_t s8_conv2d_fast_scratch_bytes(const ConvParams& params, const PackedConvFilter& packed,
                                    const Dims& input_dims, const Dims& output_dims);

void s8_conv2d_fast(const ConvParams& params, const QuantizedMultiplier* channel_multipliers,
                    const Dims& input_dims, const int8_t* input, const Dims& filter_dims,
                    const int8_t* filter, const int32_t* bias, const Dims& output_dims,
                    int8_t* output, const PackedConvFilter& packed, uint8_t* scratch);

}  // namespace vnpu::kernels
