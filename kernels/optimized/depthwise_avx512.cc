// AVX-512 VNNI body of s8_depthwise_conv2d_fast: the row buffer is built with
// byte interleaves (depth multiplier 1; others use the portable builder), then
// each 16-channel vector of 4 outputs accumulates chunks * k_w vpdpbusd.
#include <immintrin.h>

#include <algorithm>
#include <cstring>

#include "kernels/optimized/depthwise_rows.h"

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

constexpr int kOutputsPerStep = 4;

// Four rows of 32 channels (int8) -> [channel][row] uint8 quads at dst
// (128 bytes, channel order kept across the two 128-bit lanes).
inline void interleave_rows32(const __m256i (&v)[4], uint8_t* dst) {
  const __m256i flip = _mm256_set1_epi8(static_cast<char>(0x80));
  const __m256i lo01 = _mm256_unpacklo_epi8(v[0], v[1]);
  const __m256i hi01 = _mm256_unpackhi_epi8(v[0], v[1]);
  const __m256i lo23 = _mm256_unpacklo_epi8(v[2], v[3]);
  const __m256i hi23 = _mm256_unpackhi_epi8(v[2], v[3]);
  // Lane 0 holds channels 4k..4k+3, lane 1 channels 16+4k..16+4k+3.
  const __m256i q0 = _mm256_xor_si256(_mm256_unpacklo_epi16(lo01, lo23), flip);
  const __m256i q1 = _mm256_xor_si256(_mm256_unpackhi_epi16(lo01, lo23), flip);
  const __m256i q2 = _mm256_xor_si256(_mm256_unpacklo_epi16(hi01, hi23), flip);
  const __m256i q3 = _mm256_xor_si256(_mm256_unpackhi_epi16(hi01, hi23), flip);
  auto* out = reinterpret_cast<__m256i*>(dst);
  _mm256_storeu_si256(out + 0, _mm256_permute2x128_si256(q0, q1, 0x20));
  _mm256_storeu_si256(out + 1, _mm256_permute2x128_si256(q2, q3, 0x20));
  _mm256_storeu_si256(out + 2, _mm256_permute2x128_si256(q0, q1, 0x31));
  _mm256_storeu_si256(out + 3, _mm256_permute2x128_si256(q2, q3, 0x31));
}

// Rows for depth multiplier 1: four input rows interleaved into [channel][row]
// byte quads, offset by 128; the zero point outside the input. (256-bit steps
// measured faster than 512-bit ones with a lane transpose on this machine.)
void build_rows_avx512(const DepthwiseArgs& args, int32_t b, int32_t oy) {
  const PackedDepthwiseFilter& packed = *args.packed;
  const __m256i pad = _mm256_set1_epi8(static_cast<char>(-packed.input_offset));
  for (int32_t t = 0; t < packed.chunks; ++t) {
    const int8_t* row_base[4];
    for (int32_t j = 0; j < 4; ++j) {
      const int32_t ky = 4 * t + j;
      const int64_t iy = args.input_row(oy, ky);
      const bool inside = iy >= 0 && iy < args.in_h;
      row_base[j] =
          inside ? args.input + (int64_t{b} * args.in_h + iy) * args.in_w * args.in_depth : nullptr;
    }
    for (int64_t x = 0; x < args.padded_w; ++x) {
      const int64_t ix = x - args.params->pad_left;
      const bool column_inside = ix >= 0 && ix < args.in_w;
      uint8_t* dst = args.rows + args.row_offset(t, x, 0);
      for (int32_t c = 0; c < packed.padded_channels; c += 32) {
        const int32_t left = packed.channels - c;
        __m256i v[4];
        for (int32_t j = 0; j < 4; ++j) {
          if (row_base[j] == nullptr || !column_inside) {
            v[j] = pad;
            continue;
          }
          const int8_t* src = row_base[j] + int64_t{ix} * args.in_depth + c;
          v[j] = left >= 32
                     ? _mm256_loadu_si256(reinterpret_cast<const __m256i*>(src))
                     : _mm256_maskz_loadu_epi8(static_cast<__mmask32>((1u << left) - 1u), src);
        }
        if (c + 32 <= packed.padded_channels) {
          interleave_rows32(v, dst + int64_t{c} * 4);
        } else {  // 16 padded channels left: keep the first 64 bytes
          alignas(32) uint8_t tail[128];
          interleave_rows32(v, tail);
          std::memcpy(dst + int64_t{c} * 4, tail, 64);
        }
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

// Where one 16-channel vector reads and writes, copied out of the arguments
// so that int8 output stores (which may alias anything) force no reloads.
struct VectorStreams {
  const uint8_t* src;  // row buffer at column 0 of chunk 0, this vector's channels
  int8_t* out;         // output at column 0, this vector's channels
  int64_t src_step;    // row-buffer bytes per output column (stride_w columns)
  int64_t out_step;    // output bytes per output column
  __mmask16 store_mask;
};

// Outputs [ox, ox + kN) of one 16-channel vector; kTaps = chunks * k_w
// weight vectors held in registers, tap_offsets in row-buffer bytes.
template <int kTaps, int kN, bool kGeneral>
inline void run_outputs(const VectorStreams& io, const __m512i (&w)[kTaps],
                        const int64_t (&tap_offsets)[kTaps], int64_t ox, __m512i init,
                        const avx512::RequantVectors& r, const avx512::StageVectors& s) {
  const uint8_t* src = io.src + ox * io.src_step;
  __m512i acc[kN];
#pragma GCC unroll 8
  for (int n = 0; n < kN; ++n) {
    acc[n] = init;
#pragma GCC unroll 16
    for (int tap = 0; tap < kTaps; ++tap) {
      acc[n] = _mm512_dpbusd_epi32(
          acc[n], _mm512_loadu_si512(src + n * io.src_step + tap_offsets[tap]), w[tap]);
    }
  }
  int8_t* out = io.out + ox * io.out_step;
#pragma GCC unroll 8
  for (int n = 0; n < kN; ++n) {
    _mm512_mask_cvtepi32_storeu_epi8(out + n * io.out_step, io.store_mask,
                                     avx512::requantize<kGeneral>(acc[n], r, s));
  }
}

template <int kTaps, bool kGeneral>
void run_vector_taps_as(const VectorJob& job, const RequantBlock& block, int vector_in_block,
                        const avx512::StageVectors& s) {
  const DepthwiseArgs& args = *job.args;
  const PackedDepthwiseFilter& packed = *args.packed;
  const avx512::RequantVectors r = avx512::load_requant(block, vector_in_block);
  const __m512i init = avx512::load_init(block, vector_in_block);
  __m512i w[kTaps];
  int64_t tap_offsets[kTaps];
  for (int tap = 0; tap < kTaps; ++tap) {
    w[tap] = _mm512_loadu_si512(job.weights + tap * 64);
    const int32_t t = tap / packed.k_w;
    const int32_t kx = tap % packed.k_w;
    tap_offsets[tap] = args.row_offset(t, int64_t{kx} * args.params->dilation_w, 0);
  }
  VectorStreams io;
  io.src = args.rows + args.row_offset(0, 0, job.channel);
  io.out = args.output + job.out_row + job.channel;
  io.src_step = args.row_offset(0, args.params->stride_w, 0);
  io.out_step = packed.channels;
  io.store_mask = static_cast<__mmask16>(job.count >= 16 ? 0xFFFF : (1u << job.count) - 1u);
  const int64_t out_w = args.out_w;
  int64_t ox = 0;
  for (; ox + kOutputsPerStep <= out_w; ox += kOutputsPerStep) {
    run_outputs<kTaps, kOutputsPerStep, kGeneral>(io, w, tap_offsets, ox, init, r, s);
  }
  for (; ox < out_w; ++ox) run_outputs<kTaps, 1, kGeneral>(io, w, tap_offsets, ox, init, r, s);
}

template <int kTaps>
void run_vector_taps(const VectorJob& job, const RequantBlock& block, int vector_in_block,
                     const avx512::StageVectors& s) {
  if (block.any_left_shift || block.any_min_multiplier) {
    run_vector_taps_as<kTaps, true>(job, block, vector_in_block, s);
  } else {
    run_vector_taps_as<kTaps, false>(job, block, vector_in_block, s);
  }
}

// Any number of taps (wide filters): weights from memory, one output at a time.
void run_vector_generic(const VectorJob& job, const RequantBlock& block, int vector_in_block,
                        const avx512::StageVectors& s) {
  const DepthwiseArgs& args = *job.args;
  const PackedDepthwiseFilter& packed = *args.packed;
  const avx512::RequantVectors r = avx512::load_requant(block, vector_in_block);
  const __m512i init = avx512::load_init(block, vector_in_block);
  for (int32_t ox = 0; ox < args.out_w; ++ox) {
    __m512i acc = init;
    const int8_t* w = job.weights;
    for (int32_t t = 0; t < packed.chunks; ++t) {
      for (int32_t kx = 0; kx < packed.k_w; ++kx, w += 64) {
        const int64_t x =
            int64_t{ox} * args.params->stride_w + int64_t{kx} * args.params->dilation_w;
        acc = _mm512_dpbusd_epi32(
            acc, _mm512_loadu_si512(args.rows + args.row_offset(t, x, job.channel)),
            _mm512_loadu_si512(w));
      }
    }
    int8_t* out = args.output + job.out_row + int64_t{ox} * packed.channels + job.channel;
    avx512::store_int8(out, avx512::requantize(acc, r, s), job.count);
  }
}

void run_vector(const VectorJob& job, const RequantBlock& block, int vector_in_block,
                const avx512::StageVectors& s) {
  switch (job.args->packed->chunks * job.args->packed->k_w) {
    case 1:
      return run_vector_taps<1>(job, block, vector_in_block, s);
    case 2:
      return run_vector_taps<2>(job, block, vector_in_block, s);
    case 3:
      return run_vector_taps<3>(job, block, vector_in_block, s);
    case 4:
      return run_vector_taps<4>(job, block, vector_in_block, s);
    case 5:
      return run_vector_taps<5>(job, block, vector_in_block, s);
    case 6:
      return run_vector_taps<6>(job, block, vector_in_block, s);
    case 7:
      return run_vector_taps<7>(job, block, vector_in_block, s);
    case 8:
      return run_vector_taps<8>(job, block, vector_in_block, s);
    case 9:
      return run_vector_taps<9>(job, block, vector_in_block, s);
    case 10:
      return run_vector_taps<10>(job, block, vector_in_block, s);
    default:
      return run_vector_generic(job, block, vector_in_block, s);
  }
}

}  // namespace

namespace {

// Output row oy of batch b from the current row buffer.
void compute_row(const DepthwiseArgs& args, int32_t b, int32_t oy, bool next_row_weights,
                 const avx512::StageVectors& stage) {
  const PackedDepthwiseFilter& packed = *args.packed;
  RequantBlock block;
  VectorJob job{};
  job.args = &args;
  job.out_row = (int64_t{b} * args.out_h + oy) * args.out_w * packed.channels;
  for (int32_t first = 0; first < packed.channels; first += kBlockChannels) {
    const int32_t count = std::min(kBlockChannels, packed.channels - first);
    fill_requant_block(first, count, args.multipliers, true, args.bias, packed.offset_terms.data(),
                       &block);
    for (int v = 0; v * kVectorChannels < count; ++v) {
      job.channel = first + v * kVectorChannels;
      job.count = std::min(kVectorChannels, count - v * kVectorChannels);
      job.weights = packed.vector_weights(job.channel / kVectorChannels, next_row_weights);
      run_vector(job, block, v, stage);
    }
  }
}

}  // namespace

void depthwise_avx512(const DepthwiseArgs& args) {
  const PackedDepthwiseFilter& packed = *args.packed;
  const avx512::StageVectors stage = avx512::load_stage(args.stage);
  const bool two_rows =
      !packed.next_row_weights.empty() && args.params->stride_h == args.params->dilation_h;
  for (int32_t b = 0; b < args.batches; ++b) {
    for (int32_t oy = 0; oy < args.out_h; oy += two_rows ? 2 : 1) {
      if (packed.depth_multiplier == 1) {
        build_rows_avx512(args, b, oy);
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
