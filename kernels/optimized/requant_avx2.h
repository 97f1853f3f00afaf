// AVX2 requantization of 8 lanes, bit-exact with multiply_by_quantized_multiplier;
// the same arithmetic as requant_avx512.h (see there), with compares and
// blends in place of mask registers.
//
// Include ONLY inside a `#pragma GCC target("avx2")` region of a .cc file
// whose functions run after an isa_supported(Isa::kAvx2) check.
#pragma once

#include <immintrin.h>

#include <climits>
#include <cstring>

#include "kernels/optimized/requant_block.h"

namespace vnpu::kernels::avx2 {
namespace {

struct RequantVectors {
  __m256i multiplier, multiplier_odd, left_shift, right_shift, round_mask, threshold;
  bool general;  // some left shift or INT32_MIN multiplier in the block
};

struct StageVectors {
  __m256i output_offset, activation_min, activation_max;
};

inline StageVectors load_stage(const OutputStage& stage) {
  return {_mm256_set1_epi32(stage.output_offset), _mm256_set1_epi32(stage.activation_min),
          _mm256_set1_epi32(stage.activation_max)};
}

// Channels [first, first + 8) of `block`.
inline RequantVectors load_requant(const RequantBlock& block, int first) {
  RequantVectors r;
  r.multiplier = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(block.multiplier + first));
  r.multiplier_odd = _mm256_srli_epi64(r.multiplier, 32);
  r.left_shift = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(block.left_shift + first));
  r.right_shift = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(block.right_shift + first));
  const __m256i one = _mm256_set1_epi32(1);
  r.round_mask = _mm256_sub_epi32(_mm256_sllv_epi32(one, r.right_shift), one);
  r.threshold = _mm256_srli_epi32(r.round_mask, 1);
  r.general = block.any_left_shift || block.any_min_multiplier;
  return r;
}

inline __m256i load_init(const RequantBlock& block, int first) {
  return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(block.init + first));
}

inline __m256i requantize(__m256i acc, const RequantVectors& r, const StageVectors& s) {
  const __m256i a = r.general ? _mm256_sllv_epi32(acc, r.left_shift) : acc;
  // SaturatingRoundingDoublingHighMul: bits 31..62 of a * b + 2^30.
  const __m256i nudge = _mm256_set1_epi64x(int64_t{1} << 30);
  const __m256i even = _mm256_add_epi64(_mm256_mul_epi32(a, r.multiplier), nudge);
  const __m256i odd =
      _mm256_add_epi64(_mm256_mul_epi32(_mm256_srli_epi64(a, 32), r.multiplier_odd), nudge);
  __m256i high = _mm256_blend_epi32(_mm256_srli_epi64(even, 31), _mm256_slli_epi64(odd, 1), 0xAA);
  if (r.general) {
    const __m256i int_min = _mm256_set1_epi32(INT32_MIN);
    const __m256i overflow =
        _mm256_and_si256(_mm256_cmpeq_epi32(a, int_min), _mm256_cmpeq_epi32(r.multiplier, int_min));
    high = _mm256_blendv_epi8(high, _mm256_set1_epi32(INT32_MAX), overflow);
  }
  // RoundingDivideByPOT: add one where remainder > threshold (+1 if negative).
  const __m256i remainder = _mm256_and_si256(high, r.round_mask);
  const __m256i threshold = _mm256_sub_epi32(r.threshold, _mm256_srai_epi32(high, 31));
  const __m256i round_up = _mm256_cmpgt_epi32(remainder, threshold);  // -1 where rounding up
  const __m256i scaled = _mm256_sub_epi32(_mm256_srav_epi32(high, r.right_shift), round_up);
  const __m256i shifted = _mm256_add_epi32(scaled, s.output_offset);
  return _mm256_min_epi32(_mm256_max_epi32(shifted, s.activation_min), s.activation_max);
}

// Stores the low byte of the first `count` (<= 8) lanes (static_cast<int8_t>).
inline void store_int8(int8_t* out, __m256i values, int count) {
  const __m256i pick =
      _mm256_setr_epi8(0, 4, 8, 12, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0, 4, 8, 12, -1,
                       -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1);
  const __m256i bytes = _mm256_permutevar8x32_epi32(_mm256_shuffle_epi8(values, pick),
                                                    _mm256_setr_epi32(0, 4, 1, 1, 1, 1, 1, 1));
  const __m128i low = _mm256_castsi256_si128(bytes);
  if (count >= 8) {
    _mm_storel_epi64(reinterpret_cast<__m128i*>(out), low);
  } else {
    alignas(16) int8_t lanes[16];
    _mm_store_si128(reinterpret_cast<__m128i*>(lanes), low);
    std::memcpy(out, lanes, static_cast<size_t>(count));
  }
}

}  // namespace
}  // namespace vnpu::kernels::avx2
