// AVX2 body of s8_depthwise_conv2d_fast: the row buffer holds uint16 pairs of
// filter rows (depthwise_lane_index), so each tap of 8 channels is two
// vpmaddwd against int16 weight pairs; nothing can saturate.
#include <immintrin.h>

#include <algorithm>
#include <cstring>

#include "kernels/optimized/depthwise_rows.h"

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

constexpr int kOutputsPerStep = 4;

// Four rows of 16 channels -> [half][pair of rows][8][2] uint16 (128 bytes).
inline void interleave_rows16(const __m128i (&v)[4], uint8_t* dst) {
  const __m128i flip = _mm_set1_epi8(static_cast<char>(0x80));
  const __m128i r0 = _mm_xor_si128(v[0], flip);
  const __m128i r1 = _mm_xor_si128(v[1], flip);
  const __m128i r2 = _mm_xor_si128(v[2], flip);
  const __m128i r3 = _mm_xor_si128(v[3], flip);
  auto* out = reinterpret_cast<__m256i*>(dst);
  _mm256_storeu_si256(out + 0, _mm256_cvtepu8_epi16(_mm_unpacklo_epi8(r0, r1)));
  _mm256_storeu_si256(out + 1, _mm256_cvtepu8_epi16(_mm_unpacklo_epi8(r2, r3)));
  _mm256_storeu_si256(out + 2, _mm256_cvtepu8_epi16(_mm_unpackhi_epi8(r0, r1)));
  _mm256_storeu_si256(out + 3, _mm256_cvtepu8_epi16(_mm_unpackhi_epi8(r2, r3)));
}

// Rows for depth multiplier 1.
void build_rows_avx2(const DepthwiseArgs& args, int32_t b, int32_t oy) {
  const PackedDepthwiseFilter& packed = *args.packed;
  const __m128i pad = _mm_set1_epi8(static_cast<char>(-packed.input_offset));
  for (int32_t t = 0; t < packed.chunks; ++t) {
    const int8_t* row_base[4];
    for (int32_t j = 0; j < 4; ++j) {
      const int64_t iy = args.input_row(oy, 4 * t + j);
      row_base[j] = iy >= 0 && iy < args.in_h
                        ? args.input + (int64_t{b} * args.in_h + iy) * args.in_w * args.in_depth
                        : nullptr;
    }
    for (int64_t x = 0; x < args.padded_w; ++x) {
      const int64_t ix = x - args.params->pad_left;
      const bool column_inside = ix >= 0 && ix < args.in_w;
      for (int32_t c = 0; c < packed.padded_channels; c += kVectorChannels) {
        const int32_t left = packed.channels - c;
        __m128i v[4];
        for (int32_t j = 0; j < 4; ++j) {
          if (row_base[j] == nullptr || !column_inside) {
            v[j] = pad;
            continue;
          }
          const int8_t* src = row_base[j] + int64_t{ix} * args.in_depth + c;
          if (left >= kVectorChannels) {
            v[j] = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src));
          } else {  // channel tail: padding lanes meet zero weights
            alignas(16) int8_t lanes[kVectorChannels] = {};
            std::memcpy(lanes, src, static_cast<size_t>(left));
            v[j] = _mm_load_si128(reinterpret_cast<const __m128i*>(lanes));
          }
        }
        interleave_rows16(v, args.rows + args.row_offset(t, x, c));
      }
    }
  }
}

struct HalfStreams {
  const uint8_t* src;  // row buffer at column 0 of chunk 0, this half's lanes
  const int16_t* w;    // this half's weights of tap 0
  int8_t* out;         // output at column 0, this half's channels
  int64_t src_step;    // row-buffer bytes per output column
  int64_t out_step;    // output bytes per output column
  int64_t chunk_step;  // row-buffer bytes between chunks of 4 filter rows
  int64_t kx_step;     // row-buffer bytes between filter columns
  int32_t chunks, k_w;
  int count;  // valid channels (<= 8)
};

// Outputs [ox, ox + kN) of 8 channels.
template <int kN>
inline void run_outputs(const HalfStreams& io, int64_t ox, __m256i init,
                        const avx2::RequantVectors& r, const avx2::StageVectors& s) {
  __m256i acc[kN];
#pragma GCC unroll 8
  for (int n = 0; n < kN; ++n) acc[n] = init;
  const int16_t* w = io.w;
  for (int32_t t = 0; t < io.chunks; ++t) {
    const uint8_t* src = io.src + ox * io.src_step + t * io.chunk_step;
    for (int32_t kx = 0; kx < io.k_w; ++kx, w += 64, src += io.kx_step) {
      const __m256i w01 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(w));
      const __m256i w23 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(w + 16));
#pragma GCC unroll 8
      for (int n = 0; n < kN; ++n) {
        const auto* u = reinterpret_cast<const __m256i*>(src + n * io.src_step);
        acc[n] = _mm256_add_epi32(acc[n], _mm256_madd_epi16(_mm256_loadu_si256(u), w01));
        acc[n] = _mm256_add_epi32(acc[n], _mm256_madd_epi16(_mm256_loadu_si256(u + 1), w23));
      }
    }
  }
#pragma GCC unroll 8
  for (int n = 0; n < kN; ++n) {
    avx2::store_int8(io.out + (ox + n) * io.out_step, avx2::requantize(acc[n], r, s), io.count);
  }
}

// Output row oy of batch b from the current row buffer.
void compute_row(const DepthwiseArgs& args, int32_t b, int32_t oy, bool next_row_weights,
                 const avx2::StageVectors& stage) {
  const PackedDepthwiseFilter& packed = *args.packed;
  RequantBlock block;
  int8_t* out_row = args.output + (int64_t{b} * args.out_h + oy) * args.out_w * packed.channels;
  const int64_t out_w = args.out_w;
  for (int32_t first = 0; first < packed.channels; first += kBlockChannels) {
    const int32_t count = std::min(kBlockChannels, packed.channels - first);
    fill_requant_block(first, count, args.multipliers, true, args.bias, packed.offset_terms.data(),
                       &block);
    for (int32_t lane0 = 0; lane0 < count; lane0 += 8) {
      const int32_t channel = first + lane0;
      const int32_t vector_start = channel / kVectorChannels * kVectorChannels;
      const int half = (channel % kVectorChannels) / 8;
      HalfStreams io;
      io.src = args.rows + args.row_offset(0, 0, vector_start) + half * 64;
      io.w = packed.vector_weights16(channel / kVectorChannels, next_row_weights) + half * 32;
      io.out = out_row + channel;
      io.src_step = args.row_offset(0, args.params->stride_w, 0);
      io.out_step = packed.channels;
      io.chunk_step = args.row_offset(1, 0, 0);
      io.kx_step = args.row_offset(0, args.params->dilation_w, 0);
      io.chunks = packed.chunks;
      io.k_w = packed.k_w;
      io.count = std::min(8, count - lane0);
      const avx2::RequantVectors r = avx2::load_requant(block, lane0);
      const __m256i init = avx2::load_init(block, lane0);
      int64_t ox = 0;
      for (; ox + kOutputsPerStep <= out_w; ox += kOutputsPerStep) {
        run_outputs<kOutputsPerStep>(io, ox, init, r, stage);
      }
      for (; ox < out_w; ++ox) run_outputs<1>(io, ox, init, r, stage);
    }
  }
}

}  // namespace

void depthwise_avx2(const DepthwiseArgs& args) {
  const PackedDepthwiseFilter& packed = *args.packed;
  const avx2::StageVectors stage = avx2::load_stage(args.stage);
  const bool two_rows =
      !packed.next_row_weights16.empty() && args.params->stride_h == args.params->dilation_h;
  for (int32_t b = 0; b < args.batches; ++b) {
    for (int32_t oy = 0; oy < args.out_h; oy += two_rows ? 2 : 1) {
      if (packed.depth_multiplier == 1) {
        build_rows_avx2(args, b, oy);
      } else {
        build_depthwise_rows_portable(args, b, oy);
      }
      compute_row(args, b, oy, false, stage);
      if (two_rows && oy + 1 < args.out_h) compute_row(args, b, oy + 1, true, stage);
    }
  }
}

}  // namespace vnpu::kernels

#pragma GCC diagnostic pop
