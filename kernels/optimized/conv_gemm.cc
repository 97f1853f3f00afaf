#include "kernels/optimized/conv_gemm.h"

#include <algorithm>

namespace vnpu::kernels {
namespace {

int32_t round_up4(int32_t value) { return (value + 3) / 4 * 4; }

int32_t vectors_in_block(const PackedConvFilter& packed, int32_t block_index) {
  const int32_t channels =
      std::min(kBlockChannels, packed.filters_per_group - block_index * kBlockChannels);
  return (channels + kVectorChannels - 1) / kVectorChannels;
}

}  // namespace

namespace {

// Portable and AVX-512 layout (conv_gemm.h).
void pack_quad_layout(const int8_t* filter, PackedConvFilter* packed) {
  packed->weights.assign(static_cast<size_t>(int64_t{packed->groups} * packed->blocks_per_group *
                                             packed->block_bytes()),
                         0);
  const int64_t taps = packed->taps();
  const int32_t quads = packed->depth4 / 4;
  for (int32_t g = 0; g < packed->groups; ++g) {
    for (int32_t nb = 0; nb < packed->blocks_per_group; ++nb) {
      const int32_t vectors = vectors_in_block(*packed, nb);
      int8_t* dst = packed->weights.data() +
                    (int64_t{g} * packed->blocks_per_group + nb) * packed->block_bytes();
      for (int64_t tap = 0; tap < taps; ++tap) {
        for (int32_t q = 0; q < quads; ++q) {
          for (int32_t lane = 0; lane < vectors * kVectorChannels; ++lane, dst += 4) {
            const int32_t in_group = nb * kBlockChannels + lane;
            if (in_group >= packed->filters_per_group) continue;
            const int64_t oc = int64_t{g} * packed->filters_per_group + in_group;
            const int8_t* src = filter + (oc * taps + tap) * packed->filter_depth;
            for (int32_t i = 0; i < 4 && 4 * q + i < packed->filter_depth; ++i) {
              dst[i] = src[4 * q + i];
            }
          }
        }
      }
    }
  }
}

// AVX2 layout: [group][16-channel vector][tap][quad][pair][16 lanes][2] int16.
void pack_pair_layout(const int8_t* filter, PackedConvFilter* packed) {
  const int32_t vectors = packed->vectors_per_group();
  packed->weights16.assign(
      static_cast<size_t>(int64_t{packed->groups} * vectors * packed->vector16_elements()), 0);
  const int64_t taps = packed->taps();
  const int32_t quads = packed->depth4 / 4;
  int16_t* dst = packed->weights16.data();
  for (int32_t g = 0; g < packed->groups; ++g) {
    for (int32_t v = 0; v < vectors; ++v) {
      for (int64_t tap = 0; tap < taps; ++tap) {
        for (int32_t q = 0; q < quads; ++q) {
          for (int32_t pair = 0; pair < 2; ++pair) {
            for (int32_t lane = 0; lane < kVectorChannels; ++lane, dst += 2) {
              const int32_t in_group = v * kVectorChannels + lane;
              if (in_group >= packed->filters_per_group) continue;
              const int64_t oc = int64_t{g} * packed->filters_per_group + in_group;
              const int8_t* src = filter + (oc * taps + tap) * packed->filter_depth;
              for (int32_t i = 0; i < 2; ++i) {
                const int32_t c = 4 * q + 2 * pair + i;
                if (c < packed->filter_depth) dst[i] = src[c];
              }
            }
          }
        }
      }
    }
  }
}

}  // namespace

PackedConvFilter pack_conv_filter(int32_t input_offset, int32_t groups, const Dims& filter_dims,
                                  const int8_t* filter, Isa isa) {
  PackedConvFilter packed;
  packed.isa = usable_isa(isa);
  packed.input_offset = input_offset;
  packed.exact_fold = input_offset >= -127 && input_offset <= 128;
  packed.groups = groups;
  packed.k_h = filter_dims[1];
  packed.k_w = filter_dims[2];
  packed.filter_depth = filter_dims[3];
  packed.depth4 = round_up4(packed.filter_depth);
  const int32_t out_depth = filter_dims[0];
  packed.filters_per_group = out_depth / groups;
  packed.blocks_per_group = (packed.filters_per_group + kBlockChannels - 1) / kBlockChannels;
  if (packed.isa == Isa::kAvx2) {
    pack_pair_layout(filter, &packed);
  } else {
    pack_quad_layout(filter, &packed);
  }
  // Folded input offset, modulo 2^32 like TFLite's accumulator.
  packed.offset_terms.assign(static_cast<size_t>(out_depth), 0);
  const int64_t per_channel = packed.taps() * packed.filter_depth;
  const auto factor = static_cast<uint32_t>(input_offset - 128);
  for (int32_t oc = 0; oc < out_depth; ++oc) {
    uint32_t sum = 0;
    for (int64_t i = 0; i < per_channel; ++i) {
      sum += static_cast<uint32_t>(int32_t{filter[oc * per_channel + i]});
    }
    packed.offset_terms[static_cast<size_t>(oc)] = static_cast<int32_t>(sum * factor);
  }
  return packed;
}

ConvShape make_conv_shape(const ConvParams& params, const PackedConvFilter& packed,
                          const Dims& input_dims, const Dims& output_dims) {
  ConvShape shape;
  shape.batches = input_dims[0];
  shape.in_h = input_dims[1];
  shape.in_w = input_dims[2];
  shape.stride_h = params.stride_h;
  shape.stride_w = params.stride_w;
  shape.dilation_h = params.dilation_h;
  shape.dilation_w = params.dilation_w;
  shape.pad_top = params.pad_top;
  shape.pad_left = params.pad_left;
  shape.out_h = output_dims[1];
  shape.out_w = output_dims[2];
  shape.out_depth = output_dims[3];
  // An empty output needs no image (and must not give a negative size).
  const bool empty = shape.out_h <= 0 || shape.out_w <= 0 || shape.batches <= 0;
  shape.padded_h = empty ? 0
                         : (int64_t{shape.out_h} - 1) * shape.stride_h +
                               (int64_t{packed.k_h} - 1) * shape.dilation_h + 1;
  shape.padded_w = empty ? 0
                         : (int64_t{shape.out_w} - 1) * shape.stride_w +
                               (int64_t{packed.k_w} - 1) * shape.dilation_w + 1;
  shape.pixel_bytes = int64_t{packed.groups} * packed.depth4;
  shape.element_bytes = packed.isa == Isa::kAvx2 ? 2 : 1;
  return shape;
}

namespace {

// Element T holds x + 128 (uint8 or uint16); outside the input, the zero point.
template <typename T>
void build_image(const ConvShape& shape, const PackedConvFilter& packed, const int8_t* input,
                 T* image) {
  const auto pad = static_cast<T>(128 - packed.input_offset);
  const int32_t depth = packed.filter_depth;
  const int64_t in_pixel = int64_t{packed.groups} * depth;
  const bool dense = packed.depth4 == depth;  // groups' channels are contiguous as in the input
  for (int32_t b = 0; b < shape.batches; ++b) {
    for (int64_t py = 0; py < shape.padded_h; ++py) {
      const int64_t iy = py - shape.pad_top;
      T* dst_row = image + (int64_t{b} * shape.padded_h + py) * shape.padded_w * shape.pixel_bytes;
      if (iy < 0 || iy >= shape.in_h) {
        std::fill(dst_row, dst_row + shape.padded_w * shape.pixel_bytes, pad);
        continue;
      }
      for (int64_t px = 0; px < shape.padded_w; ++px) {
        const int64_t ix = px - shape.pad_left;
        T* dst = dst_row + px * shape.pixel_bytes;
        if (ix < 0 || ix >= shape.in_w) {
          std::fill(dst, dst + shape.pixel_bytes, pad);
          continue;
        }
        const int8_t* src = input + ((int64_t{b} * shape.in_h + iy) * shape.in_w + ix) * in_pixel;
        if (dense) {
          for (int64_t c = 0; c < in_pixel; ++c) {
            dst[c] = static_cast<T>(static_cast<uint8_t>(src[c] ^ 0x80));
          }
          continue;
        }
        for (int32_t g = 0; g < packed.groups; ++g) {
          T* group_dst = dst + int64_t{g} * packed.depth4;
          const int8_t* group_src = src + int64_t{g} * depth;
          for (int32_t c = 0; c < depth; ++c) {
            group_dst[c] = static_cast<T>(static_cast<uint8_t>(group_src[c] ^ 0x80));
          }
          for (int32_t c = depth; c < packed.depth4; ++c) group_dst[c] = 0;  // zero weights
        }
      }
    }
  }
}

}  // namespace

void build_padded_image(const ConvShape& shape, const PackedConvFilter& packed, const int8_t* input,
                        uint8_t* image) {
  if (shape.element_bytes == 2) {
    build_image(shape, packed, input, reinterpret_cast<uint16_t*>(image));
  } else {
    build_image(shape, packed, input, image);
  }
}

namespace {

// One output pixel, one block of up to 64 channels.
void portable_pixel_block(const ConvGemmArgs& args, const int8_t* weights, int32_t vectors,
                          const uint8_t* base, uint32_t* acc) {
  const ConvShape& shape = *args.shape;
  const PackedConvFilter& packed = *args.packed;
  const int32_t lanes = vectors * kVectorChannels;
  const int32_t quads = packed.depth4 / 4;
  std::fill(acc, acc + lanes, 0u);
  for (int32_t ky = 0; ky < packed.k_h; ++ky) {
    for (int32_t kx = 0; kx < packed.k_w; ++kx) {
      const uint8_t* src = base + (int64_t{ky} * shape.dilation_h * shape.padded_w +
                                   int64_t{kx} * shape.dilation_w) *
                                      shape.pixel_bytes;
      for (int32_t q = 0; q < quads; ++q, src += 4, weights += lanes * 4) {
        for (int32_t lane = 0; lane < lanes; ++lane) {
          const int8_t* w = weights + lane * 4;
          const int32_t dot = src[0] * w[0] + src[1] * w[1] + src[2] * w[2] + src[3] * w[3];
          acc[lane] += static_cast<uint32_t>(dot);
        }
      }
    }
  }
}

}  // namespace

void conv_gemm_portable(const ConvGemmArgs& args) {
  const ConvShape& shape = *args.shape;
  const PackedConvFilter& packed = *args.packed;
  RequantBlock block;
  uint32_t acc[kBlockChannels];
  for (int32_t g = 0; g < packed.groups; ++g) {
    for (int32_t nb = 0; nb < packed.blocks_per_group; ++nb) {
      const int32_t first = g * packed.filters_per_group + nb * kBlockChannels;
      const int32_t count =
          std::min(kBlockChannels, packed.filters_per_group - nb * kBlockChannels);
      fill_requant_block(first, count, args.multipliers, args.per_channel, args.bias,
                         packed.offset_terms.data(), &block);
      const int32_t vectors = vectors_in_block(packed, nb);
      const int8_t* weights = packed.block(g, nb);
      for (int64_t p = 0; p < shape.out_pixels(); ++p) {
        const uint8_t* base =
            args.image + image_offset_of_pixel(shape, p) + int64_t{g} * packed.depth4;
        portable_pixel_block(args, weights, vectors, base, acc);
        const uint32_t row =
            args.row_terms != nullptr ? static_cast<uint32_t>(args.row_terms[p]) : 0u;
        int8_t* out = args.output + p * shape.out_depth + first;
        for (int32_t c = 0; c < count; ++c) {
          out[c] = requantize_portable(acc[c] + static_cast<uint32_t>(block.init[c]) + row,
                                       block.multiplier[c], block.shift[c], args.stage);
        }
      }
    }
  }
}

void conv_gemm(const ConvGemmArgs& args) {
  switch (args.packed->isa) {
    case Isa::kAvx512Vnni:
      return conv_gemm_avx512(args);
    case Isa::kAvx2:
      return conv_gemm_avx2(args);
    case Isa::kPortable:
      break;
  }
  conv_gemm_portable(args);
}

}  // namespace vnpu::kernels
