// The engine shared by s8_conv2d_fast and s8_fully_connected_fast: an
// implicit GEMM over a zero-point-padded uint8 copy of the input.
//
// Exactness. The input is copied once with every value x stored as
// u = x + 128 (uint8) and every tap outside the input stored as the input
// zero point, u = 128 - input_offset. Then for any output
//   sum over all taps of f * u + (input_offset - 128) * sum of f
//     = sum over taps inside the input of f * (x + input_offset),
// because padded taps have x + input_offset = 0. Everything is computed
// modulo 2^32, which is what TFLite's wrapping int32 accumulator gives, so the
// order of the additions does not matter. The second term is precomputed per
// output channel when the filter is packed (offset_terms).
//
// Layout. Each group's input channels are padded to a multiple of 4 (depth4),
// and weights are packed per group and per block of 64 output channels as
// [tap][quad of 4 input channels][16-channel vector][16][4] bytes: one 64-byte
// row is the operand of one vpdpbusd. Padding channels have zero weights.
// The AVX2 body has no byte dot product that cannot saturate, so it uses an
// image of uint16 elements and int16 weight pairs for vpmaddwd instead.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "kernels/conv2d.h"
#include "kernels/dims.h"
#include "kernels/optimized/isa.h"
#include "kernels/optimized/requant_block.h"

namespace vnpu::kernels {

struct PackedConvFilter {
  Isa isa = Isa::kPortable;
  // False when -input_offset is not an int8 zero point (no uint8 pad value
  // exists); the kernels then run the reference kernel.
  bool exact_fold = true;
  int32_t input_offset = 0;
  int32_t groups = 1;
  int32_t filter_depth = 0;  // input channels per group
  int32_t depth4 = 0;        // filter_depth rounded up to 4
  int32_t filters_per_group = 0;
  int32_t k_h = 1;
  int32_t k_w = 1;
  int32_t blocks_per_group = 0;  // ceil(filters_per_group / 64)
  std::vector<int8_t> weights;   // portable and AVX-512 layout (empty for AVX2)
  // AVX2 layout: [group][16-channel vector][tap][quad][pair of input channels]
  // [16 lanes][2] int16, the operands of vpmaddwd (empty for other ISAs).
  std::vector<int16_t> weights16;
  std::vector<int32_t> offset_terms;  // (input_offset - 128) * sum of weights, per output channel

  int64_t taps() const { return int64_t{k_h} * k_w; }
  // Bytes reserved per block (4 vectors per quad, used or not).
  int64_t block_bytes() const { return taps() * (depth4 / 4) * kBlockChannels * 4; }
  const int8_t* block(int32_t group, int32_t block_index) const {
    return weights.data() + (int64_t{group} * blocks_per_group + block_index) * block_bytes();
  }
  int32_t vectors_per_group() const {
    return (filters_per_group + kVectorChannels - 1) / kVectorChannels;
  }
  int64_t vector16_elements() const { return taps() * (depth4 / 4) * 2 * kVectorChannels * 2; }
  const int16_t* vector16(int32_t group, int32_t vector) const {
    return weights16.data() + (int64_t{group} * vectors_per_group() + vector) * vector16_elements();
  }
};

// Packs filter [Cout, KH, KW, filter_depth] for `groups` groups.
PackedConvFilter pack_conv_filter(int32_t input_offset, int32_t groups, const Dims& filter_dims,
                                  const int8_t* filter, Isa isa);

// Geometry of one call, from the reference kernel's arguments.
struct ConvShape {
  int32_t batches = 1, in_h = 1, in_w = 1;
  int32_t stride_h = 1, stride_w = 1, dilation_h = 1, dilation_w = 1;
  int32_t pad_top = 0, pad_left = 0;
  int32_t out_h = 1, out_w = 1, out_depth = 1;
  int64_t padded_h = 1, padded_w = 1;  // extent of the padded image
  int64_t pixel_bytes = 0;             // elements per pixel: groups * depth4
  int64_t element_bytes = 1;           // uint8 image, or uint16 for AVX2

  int64_t out_pixels() const { return int64_t{batches} * out_h * out_w; }
  // Saturates at INT64_MAX (a size no caller can allocate) instead of overflowing.
  int64_t image_bytes() const {
    int64_t bytes = int64_t{batches};
    for (int64_t factor : {padded_h, padded_w, pixel_bytes, element_bytes}) {
      if (__builtin_mul_overflow(bytes, factor, &bytes)) return INT64_MAX;
    }
    return bytes;
  }
};

ConvShape make_conv_shape(const ConvParams& params, const PackedConvFilter& packed,
                          const Dims& input_dims, const Dims& output_dims);

// Writes the padded image (shape.image_bytes() bytes): uint8 elements, or
// uint16 ones (same values) for AVX2.
void build_padded_image(const ConvShape& shape, const PackedConvFilter& packed, const int8_t* input,
                        uint8_t* image);

struct ConvGemmArgs {
  const ConvShape* shape = nullptr;
  const PackedConvFilter* packed = nullptr;
  const uint8_t* image = nullptr;
  const int32_t* bias = nullptr;       // per output channel, or nullptr
  const int32_t* row_terms = nullptr;  // per output pixel, added to the accumulator, or nullptr
  const QuantizedMultiplier* multipliers = nullptr;
  bool per_channel = true;
  OutputStage stage;
  int8_t* output = nullptr;  // [pixels, out_depth]
};

// Image offset (in elements) of output pixel `pixel` (flattened b, oy, ox)
// for group 0.
inline int64_t image_offset_of_pixel(const ConvShape& shape, int64_t pixel) {
  const int64_t ox = pixel % shape.out_w;
  const int64_t rest = pixel / shape.out_w;
  const int64_t oy = rest % shape.out_h;
  const int64_t b = rest / shape.out_h;
  return ((b * shape.padded_h + oy * shape.stride_h) * shape.padded_w + ox * shape.stride_w) *
         shape.pixel_bytes;
}

void conv_gemm_portable(const ConvGemmArgs& args);
void conv_gemm_avx2(const ConvGemmArgs& args);    // only after isa_supported(kAvx2)
void conv_gemm_avx512(const ConvGemmArgs& args);  // only after isa_supported(kAvx512Vnni)

// Runs the body the filter was packed for.
void conv_gemm(const ConvGemmArgs& args);

}  // namespace vnpu::kernels
