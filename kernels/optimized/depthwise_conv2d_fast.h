// s8_depthwise_conv2d_fast: byte-identical to s8_depthwise_conv2d
// (kernels/depthwise_conv2d.h) for every input, single thread, AVX-512 VNNI
// or AVX2 when the CPU has it.
//
// Method. For each output row, 4 filter rows at a time are interleaved into a
// uint8 row buffer R[x][channel][4] (input value + 128, or the zero point
// outside the input), so one vpdpbusd does 4 filter rows of 16 channels. The
// input offset is folded into per-channel terms exactly as in conv_gemm.h.
// The AVX2 body keeps the same values as int16 (pairs of rows for vpmaddwd).
// Depth multiplier M > 1 is handled by building R in output-channel space.
// For filters of up to 3 rows with stride_h == dilation_h, one buffer of 4
// rows serves two output rows (the second with the weights one slot later).
//
// Use: pack at prepare time, size the scratch, then call with the reference
// kernel's arguments plus both. The filter passed at eval must be the one
// packed; an input offset other than the packed one (or one with no int8 zero
// point) runs the reference kernel. No allocation at eval.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "kernels/depthwise_conv2d.h"
#include "kernels/optimized/isa.h"

namespace vnpu::kernels {

struct PackedDepthwiseFilter {
  Isa isa = Isa::kPortable;
  bool exact_fold = true;  // false: no uint8 zero point exists; the reference kernel runs
  int32_t input_offset = 0;
  int32_t k_h = 1;
  int32_t k_w = 1;
  int32_t channels = 0;  // output channels (input channels * depth multiplier)
  int32_t depth_multiplier = 1;
  int32_t chunks = 1;           // ceil(k_h / 4): filter rows taken 4 at a time
  int32_t padded_channels = 0;  // channels rounded up to 16
  // [16-channel vector][chunk][kx][16 channels][4 filter rows], zero-padded.
  std::vector<int8_t> weights;
  // For k_h <= 3: the same weights one row slot later (slot j = ky + 1), so
  // one row buffer also serves the next output row when stride_h ==
  // dilation_h. Empty otherwise.
  std::vector<int8_t> next_row_weights;
  // AVX2 (int16 for vpmaddwd): [16-channel vector][chunk][kx][half of 8
  // channels][pair of filter rows][8][2], and its next-row twin; the other
  // ISAs leave these empty and the AVX2 body leaves the int8 ones empty.
  std::vector<int16_t> weights16;
  std::vector<int16_t> next_row_weights16;
  std::vector<int32_t> offset_terms;  // (input_offset - 128) * sum of weights, per channel

  const int8_t* vector_weights(int32_t vector, bool next_row = false) const {
    return (next_row ? next_row_weights : weights).data() + int64_t{vector} * chunks * k_w * 64;
  }
  const int16_t* vector_weights16(int32_t vector, bool next_row = false) const {
    return (next_row ? next_row_weights16 : weights16).data() + int64_t{vector} * chunks * k_w * 64;
  }
};

PackedDepthwiseFilter pack_s8_depthwise_conv2d_filter(const DepthwiseConvParams& params,
                                                      const Dims& filter_dims, const int8_t* filter,
                                                      Isa isa = best_isa());

size_t s8_depthwise_conv2d_fast_scratch_bytes(const DepthwiseConvParams& params,
                                              const PackedDepthwiseFilter& packed,
                                              const Dims& output_dims);

void s8_depthwise_conv2d_fast(const DepthwiseConvParams& params,
                              const QuantizedMultiplier* channel_multipliers,
                              const Dims& input_dims, const int8_t* input, const Dims& filter_dims,
                              const int8_t* filter, const int32_t* bias, const Dims& output_dims,
                              int8_t* output, const PackedDepthwiseFilter& packed,
                              uint8_t* scratch);

}  // namespace vnpu::kernels
