// AVX-512 VNNI body of s8_depthwise_conv2d_fast: the row buffer is built with
// byte interleaves (depth multiplier 1; others use the portable builder), then
// each 16-channel vector of 4 outputs accumulates chunks * k_w vpdpbusd.
#include <immintrin.h>

#include <algorithm>

#include "kernels/optimized/depthwise_rows.h"

#pragma GCC push_options
#pragma GCC target("avx512f,avx512bw,avx512vl,avx512vnni")
// GCC 12 flags the deliberately undefined vector inside its own
// _mm512_set1_* intrinsics (-Wuninitialized false positive).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

#include "kernels/optimized/requant_avx512.h"

namespace vnpu::kernels {
namespace {

constexpr int kOutputsPerStep = 4;

// Rows for depth multiplier 1: four input rows of 16 channels interleaved into
// [channel][row] byte quads, offset by 128.
void build_rows_avx512(const DepthwiseArgs& args, int32_t b, int32_t oy) {
  const PackedDepthwiseFilter& packed = *args.packed;
  const __m128i pad = _mm_set1_epi8(static_cast<char>(-packed.input_offset));
  const __m128i flip = _mm_set1_epi8(static_cast<char>(0x80));
  for (int32_t t = 0; t < packed.chunks; ++t) {
    const int8_t* row_base[4];
    for (int32_t j = 0; j < 4; ++j) {
      const int32_t ky = 4 * t + j;
      const int32_t iy = args.input_row(oy, ky);
      const bool inside = ky < packed.k_h && iy >= 0 && iy < args.in_h;
      row_base[j] = inside ? args.input + (int64_t{b} * args.in_h + iy) * args.in_w * args.in_depth
                           : nullptr;
    }
    for (int32_t x = 0; x < args.padded_w; ++x) {
      const int32_t ix = x - args.params->pad_left;
      const bool column_inside = ix >= 0 && ix < args.in_w;
      uint8_t* dst = args.rows + args.row_offset(t, x, 0);
      for (int32_t c = 0; c < packed.padded_channels; c += kVectorChannels) {
        const int32_t left = packed.channels - c;
        const auto mask = static_cast<__mmask16>(left >= 16 ? 0xFFFF : (1u << left) - 1u);
        __m128i v[4];
        for (int32_t j = 0; j < 4; ++j) {
          v[j] = row_base[j] != nullptr && column_inside
                     ? _mm_maskz_loadu_epi8(mask, row_base[j] + int64_t{ix} * args.in_depth + c)
                     : pad;
        }
        const __m128i lo01 = _mm_unpacklo_epi8(v[0], v[1]);
        const __m128i hi01 = _mm_unpackhi_epi8(v[0], v[1]);
        const __m128i lo23 = _mm_unpacklo_epi8(v[2], v[3]);
        const __m128i hi23 = _mm_unpackhi_epi8(v[2], v[3]);
        __m128i* out = reinterpret_cast<__m128i*>(dst + int64_t{c} * 4);
        _mm_storeu_si128(out + 0, _mm_xor_si128(_mm_unpacklo_epi16(lo01, lo23), flip));
        _mm_storeu_si128(out + 1, _mm_xor_si128(_mm_unpackhi_epi16(lo01, lo23), flip));
        _mm_storeu_si128(out + 2, _mm_xor_si128(_mm_unpacklo_epi16(hi01, hi23), flip));
        _mm_storeu_si128(out + 3, _mm_xor_si128(_mm_unpackhi_epi16(hi01, hi23), flip));
      }
    }
  }
}

struct VectorJob {
  const DepthwiseArgs* args;
  const int8_t* weights;  // this vector's packed weights
  int32_t channel;        // first channel of the vector
  int count;              // valid channels in the vector
  int64_t out_row;        // output element offset of (b, oy, 0, 0)
};

// Outputs [ox, ox + kN) of one 16-channel vector.
template <int kN>
void run_outputs(const VectorJob& job, int32_t ox, __m512i init, const avx512::RequantVectors& r,
                 const avx512::StageVectors& s) {
  const DepthwiseArgs& args = *job.args;
  const PackedDepthwiseFilter& packed = *args.packed;
  const int64_t x_step = int64_t{args.params->stride_w} * packed.padded_channels * 4;
  __m512i acc[kN];
#pragma GCC unroll 4
  for (int n = 0; n < kN; ++n) acc[n] = init;
  const int8_t* w = job.weights;
  for (int32_t t = 0; t < packed.chunks; ++t) {
    for (int32_t kx = 0; kx < packed.k_w; ++kx, w += 64) {
      const __m512i wv = _mm512_loadu_si512(w);
      const int64_t x = int64_t{ox} * args.params->stride_w + int64_t{kx} * args.params->dilation_w;
      const uint8_t* src = args.rows + args.row_offset(t, x, job.channel);
#pragma GCC unroll 4
      for (int n = 0; n < kN; ++n) {
        acc[n] = _mm512_dpbusd_epi32(acc[n], _mm512_loadu_si512(src + n * x_step), wv);
      }
    }
  }
#pragma GCC unroll 4
  for (int n = 0; n < kN; ++n) {
    int8_t* out = args.output + job.out_row + (int64_t{ox} + n) * packed.channels + job.channel;
    avx512::store_int8(out, avx512::requantize(acc[n], r, s), job.count);
  }
}

void run_vector(const VectorJob& job, const RequantBlock& block, int vector_in_block,
                const avx512::StageVectors& s) {
  const avx512::RequantVectors r = avx512::load_requant(block, vector_in_block);
  const __m512i init = avx512::load_init(block, vector_in_block);
  const int32_t out_w = job.args->out_w;
  int32_t ox = 0;
  for (; ox + kOutputsPerStep <= out_w; ox += kOutputsPerStep) {
    run_outputs<kOutputsPerStep>(job, ox, init, r, s);
  }
  for (; ox < out_w; ++ox) run_outputs<1>(job, ox, init, r, s);
}

}  // namespace

void depthwise_avx512(const DepthwiseArgs& args) {
  const PackedDepthwiseFilter& packed = *args.packed;
  const avx512::StageVectors stage = avx512::load_stage(args.stage);
  RequantBlock block;
  for (int32_t b = 0; b < args.batches; ++b) {
    for (int32_t oy = 0; oy < args.out_h; ++oy) {
      if (packed.depth_multiplier == 1) {
        build_rows_avx512(args, b, oy);
      } else {
        build_depthwise_rows_portable(args, b, oy);
      }
      VectorJob job{};
      job.args = &args;
      job.out_row = (int64_t{b} * args.out_h + oy) * args.out_w * packed.channels;
      for (int32_t first = 0; first < packed.channels; first += kBlockChannels) {
        const int32_t count = std::min(kBlockChannels, packed.channels - first);
        fill_requant_block(first, count, args.multipliers, true, args.bias,
                           packed.offset_terms.data(), &block);
        for (int v = 0; v * kVectorChannels < count; ++v) {
          job.channel = first + v * kVectorChannels;
          job.count = std::min(kVectorChannels, count - v * kVectorChannels);
          job.weights = packed.vector_weights(job.channel / kVectorChannels);
          run_vector(job, block, v, stage);
        }
      }
    }
  }
}

}  // namespace vnpu::kernels

#pragma GCC diagnostic pop
#pragma GCC pop_options
