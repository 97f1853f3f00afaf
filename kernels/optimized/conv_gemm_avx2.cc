// AVX2 body of the conv GEMM: tiles of up to 6 output pixels by 16 output
// channels (12 ymm accumulators); each broadcast int16 pair of input channels
// meets 16 channels' weight pairs in two vpmaddwd. The image holds uint16
// elements (x + 128, or the zero point), so no product can saturate.
#include <immintrin.h>

#include <algorithm>
#include <cstring>

#include "kernels/optimized/conv_gemm.h"

// GCC 12 flags the deliberately undefined vector inside its own
// _mm256_set1_* intrinsics (-Wuninitialized false positive).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#if !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include "kernels/optimized/requant_avx2.h"

namespace vnpu::kernels {
namespace {

constexpr int kTilePixels = 6;

struct TileContext {
  const ConvGemmArgs* args;
  const uint16_t* image;
  const int16_t* weights;  // this vector's packed weights
  const RequantBlock* block;
  int vector_in_block;    // which 16 channels of the block
  int32_t first_channel;  // absolute output channel of the vector
  int count;              // valid channels in the vector
  int64_t group_offset;   // image elements of the group's first channel
  int64_t row_step;       // image elements between filter rows
  int64_t col_step;       // image elements between filter columns
  int32_t quads;
  int32_t k_h, k_w;
  int64_t out_depth;
};

inline __m256i broadcast_pair(const uint16_t* src) {
  int32_t pair;
  std::memcpy(&pair, src, sizeof(pair));
  return _mm256_set1_epi32(pair);
}

template <int kM>
void run_tile(const TileContext& ctx, int64_t first_pixel) {
  const ConvShape& shape = *ctx.args->shape;
  const uint16_t* base[kM];
#pragma GCC unroll 8
  for (int m = 0; m < kM; ++m) {
    base[m] = ctx.image + image_offset_of_pixel(shape, first_pixel + m) + ctx.group_offset;
  }
  __m256i acc[kM][2];
#pragma GCC unroll 8
  for (int m = 0; m < kM; ++m) acc[m][0] = acc[m][1] = _mm256_setzero_si256();
  const int16_t* w = ctx.weights;
  for (int32_t ky = 0; ky < ctx.k_h; ++ky) {
    for (int32_t kx = 0; kx < ctx.k_w; ++kx) {
      const int64_t tap_offset = ky * ctx.row_step + kx * ctx.col_step;
      const uint16_t* src[kM];
#pragma GCC unroll 8
      for (int m = 0; m < kM; ++m) src[m] = base[m] + tap_offset;
      for (int32_t pair = 0; pair < 2 * ctx.quads; ++pair, w += 32) {
        const __m256i w0 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(w));
        const __m256i w1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(w + 16));
#pragma GCC unroll 8
        for (int m = 0; m < kM; ++m) {
          const __m256i a = broadcast_pair(src[m] + 2 * pair);
          acc[m][0] = _mm256_add_epi32(acc[m][0], _mm256_madd_epi16(a, w0));
          acc[m][1] = _mm256_add_epi32(acc[m][1], _mm256_madd_epi16(a, w1));
        }
      }
    }
  }
  const avx2::StageVectors stage = avx2::load_stage(ctx.args->stage);
  const int32_t* row_terms = ctx.args->row_terms;
  int8_t* out_base = ctx.args->output + ctx.first_channel;
  for (int half = 0; half < 2; ++half) {
    const int first = ctx.vector_in_block * kVectorChannels + half * 8;
    const int count = std::min(8, ctx.count - half * 8);
    if (count <= 0) break;
    const avx2::RequantVectors r = avx2::load_requant(*ctx.block, first);
    const __m256i init = avx2::load_init(*ctx.block, first);
#pragma GCC unroll 8
    for (int m = 0; m < kM; ++m) {
      __m256i v = _mm256_add_epi32(acc[m][half], init);
      if (row_terms != nullptr) {
        v = _mm256_add_epi32(v, _mm256_set1_epi32(row_terms[first_pixel + m]));
      }
      int8_t* out = out_base + (first_pixel + m) * ctx.out_depth + half * 8;
      avx2::store_int8(out, avx2::requantize(v, r, stage), count);
    }
  }
}

using TileFn = void (*)(const TileContext&, int64_t);

TileFn tile_for(int pixels) {
  switch (pixels) {
    case 1:
      return run_tile<1>;
    case 2:
      return run_tile<2>;
    case 3:
      return run_tile<3>;
    case 4:
      return run_tile<4>;
    case 5:
      return run_tile<5>;
    default:
      return run_tile<6>;
  }
}

}  // namespace

void conv_gemm_avx2(const ConvGemmArgs& args) {
  const ConvShape& shape = *args.shape;
  const PackedConvFilter& packed = *args.packed;
  const int64_t pixels = shape.out_pixels();
  RequantBlock block;
  TileContext ctx{};
  ctx.args = &args;
  ctx.image = reinterpret_cast<const uint16_t*>(args.image);
  ctx.block = &block;
  ctx.row_step = int64_t{shape.dilation_h} * shape.padded_w * shape.pixel_bytes;
  ctx.col_step = int64_t{shape.dilation_w} * shape.pixel_bytes;
  ctx.quads = packed.depth4 / 4;
  ctx.k_h = packed.k_h;
  ctx.k_w = packed.k_w;
  ctx.out_depth = shape.out_depth;
  for (int32_t g = 0; g < packed.groups; ++g) {
    ctx.group_offset = int64_t{g} * packed.depth4;
    for (int32_t nb = 0; nb < packed.blocks_per_group; ++nb) {
      const int32_t count =
          std::min(kBlockChannels, packed.filters_per_group - nb * kBlockChannels);
      const int32_t block_first = g * packed.filters_per_group + nb * kBlockChannels;
      fill_requant_block(block_first, count, args.multipliers, args.per_channel, args.bias,
                         packed.offset_terms.data(), &block);
      for (int v = 0; v * kVectorChannels < count; ++v) {
        ctx.vector_in_block = v;
        ctx.first_channel = block_first + v * kVectorChannels;
        ctx.count = std::min(kVectorChannels, count - v * kVectorChannels);
        ctx.weights = packed.vector16(g, nb * (kBlockChannels / kVectorChannels) + v);
        int64_t p = 0;
        for (; p + kTilePixels <= pixels; p += kTilePixels) run_tile<kTilePixels>(ctx, p);
        if (p < pixels) tile_for(static_cast<int>(pixels - p))(ctx, p);
      }
    }
  }
}

}  // namespace vnpu::kernels

#pragma GCC diagnostic pop
