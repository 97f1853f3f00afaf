// AVX-512 VNNI body of the conv GEMM: tiles of up to 6 output pixels by up to
// 64 output channels (24 zmm accumulators), one vpdpbusd per 4 input channels
// per 16 output channels, with the input quad broadcast from memory.
#include <immintrin.h>

#include <algorithm>
#include <cstring>

#include "kernels/optimized/conv_gemm.h"

// GCC 12 flags the deliberately undefined vector inside its own
// _mm512_set1_* intrinsics (-Wuninitialized false positive).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#if !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include "kernels/optimized/requant_avx512.h"

namespace vnpu::kernels {
namespace {

constexpr int kTilePixels = 6;

struct TileContext {
  const ConvGemmArgs* args;
  const int8_t* weights;  // this block's packed weights
  const RequantBlock* block;
  int64_t group_offset;   // image bytes of the group's first channel
  int32_t first_channel;  // absolute output channel of the block
  int64_t row_step;       // image bytes between filter rows
  int64_t col_step;       // image bytes between filter columns
  int32_t quads;
};

inline __m512i broadcast_quad(const uint8_t* src) {
  int32_t quad;
  std::memcpy(&quad, src, sizeof(quad));
  return _mm512_set1_epi32(quad);
}

template <int kM, int kNB>
void run_tile(const TileContext& ctx, int64_t first_pixel) {
  const ConvGemmArgs& args = *ctx.args;
  const ConvShape& shape = *args.shape;
  const PackedConvFilter& packed = *args.packed;
  const uint8_t* base[kM];
#pragma GCC unroll 8
  for (int m = 0; m < kM; ++m) {
    base[m] = args.image + image_offset_of_pixel(shape, first_pixel + m) + ctx.group_offset;
  }
  __m512i acc[kM][kNB];
#pragma GCC unroll 8
  for (int m = 0; m < kM; ++m) {
#pragma GCC unroll 4
    for (int j = 0; j < kNB; ++j) acc[m][j] = _mm512_setzero_si512();
  }
  const int8_t* w = ctx.weights;
  for (int32_t ky = 0; ky < packed.k_h; ++ky) {
    for (int32_t kx = 0; kx < packed.k_w; ++kx) {
      const int64_t tap_offset = ky * ctx.row_step + kx * ctx.col_step;
      const uint8_t* src[kM];
#pragma GCC unroll 8
      for (int m = 0; m < kM; ++m) src[m] = base[m] + tap_offset;
      for (int32_t q = 0; q < ctx.quads; ++q) {
        __m512i wv[kNB];
#pragma GCC unroll 4
        for (int j = 0; j < kNB; ++j) wv[j] = _mm512_loadu_si512(w + j * 64);
        w += kNB * 64;
#pragma GCC unroll 8
        for (int m = 0; m < kM; ++m) {
          const __m512i a = broadcast_quad(src[m] + 4 * q);
#pragma GCC unroll 4
          for (int j = 0; j < kNB; ++j) acc[m][j] = _mm512_dpbusd_epi32(acc[m][j], a, wv[j]);
        }
      }
    }
  }
  const avx512::StageVectors stage = avx512::load_stage(args.stage);
#pragma GCC unroll 4
  for (int j = 0; j < kNB; ++j) {
    const avx512::RequantVectors r = avx512::load_requant(*ctx.block, j);
    const __m512i init = avx512::load_init(*ctx.block, j);
    const int count = std::min(kVectorChannels, ctx.block->count - j * kVectorChannels);
#pragma GCC unroll 8
    for (int m = 0; m < kM; ++m) {
      __m512i v = _mm512_add_epi32(acc[m][j], init);
      if (args.row_terms != nullptr) {
        v = _mm512_add_epi32(v, _mm512_set1_epi32(args.row_terms[first_pixel + m]));
      }
      int8_t* out = args.output + (first_pixel + m) * shape.out_depth + ctx.first_channel +
                    j * kVectorChannels;
      avx512::store_int8(out, avx512::requantize(v, r, stage), count);
    }
  }
}

using TileFn = void (*)(const TileContext&, int64_t);

template <int kNB>
TileFn tile_for_pixels(int pixels) {
  switch (pixels) {
    case 1:
      return run_tile<1, kNB>;
    case 2:
      return run_tile<2, kNB>;
    case 3:
      return run_tile<3, kNB>;
    case 4:
      return run_tile<4, kNB>;
    case 5:
      return run_tile<5, kNB>;
    default:
      return run_tile<6, kNB>;
  }
}

TileFn tile_for(int pixels, int vectors) {
  switch (vectors) {
    case 1:
      return tile_for_pixels<1>(pixels);
    case 2:
      return tile_for_pixels<2>(pixels);
    case 3:
      return tile_for_pixels<3>(pixels);
    default:
      return tile_for_pixels<4>(pixels);
  }
}

}  // namespace

void conv_gemm_avx512(const ConvGemmArgs& args) {
  const ConvShape& shape = *args.shape;
  const PackedConvFilter& packed = *args.packed;
  const int64_t pixels = shape.out_pixels();
  RequantBlock block;
  TileContext ctx{};
  ctx.args = &args;
  ctx.block = &block;
  ctx.row_step = int64_t{shape.dilation_h} * shape.padded_w * shape.pixel_bytes;
  ctx.col_step = int64_t{shape.dilation_w} * shape.pixel_bytes;
  ctx.quads = packed.depth4 / 4;
  for (int32_t g = 0; g < packed.groups; ++g) {
    ctx.group_offset = int64_t{g} * packed.depth4;
    for (int32_t nb = 0; nb < packed.blocks_per_group; ++nb) {
      const int32_t count =
          std::min(kBlockChannels, packed.filters_per_group - nb * kBlockChannels);
      ctx.first_channel = g * packed.filters_per_group + nb * kBlockChannels;
      ctx.weights = packed.block(g, nb);
      fill_requant_block(ctx.first_channel, count, args.multipliers, args.per_channel, args.bias,
                         packed.offset_terms.data(), &block);
      const int vectors = (count + kVectorChannels - 1) / kVectorChannels;
      const TileFn full = tile_for(kTilePixels, vectors);
      int64_t p = 0;
      for (; p + kTilePixels <= pixels; p += kTilePixels) full(ctx, p);
      if (p < pixels) tile_for(static_cast<int>(pixels - p), vectors)(ctx, p);
    }
  }
}

}  // namespace vnpu::kernels

#pragma GCC diagnostic pop
