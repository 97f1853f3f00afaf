// AVX-512 requantization, bit-exact with multiply_by_quantized_multiplier.
//
// Include ONLY inside a `#pragma GCC target("avx512f,avx512bw,avx512vl,avx512vnni")`
// region of a .cc file whose functions run after an isa_supported() check.
//
// SaturatingRoundingDoublingHighMul: for every product ab of two int32 values,
// gemmlowp's (ab + nudge) / 2^31 with truncating division equals
// floor((ab + 2^30) / 2^31) (for ab < 0 the nudge 1 - 2^30 and the truncation
// toward zero combine into the same floor), so bits 31..62 of ab + 2^30 are the
// result; only a == b == INT32_MIN saturates. RoundingDivideByPOT follows
// gemmlowp's mask/threshold form lane by lane.
#pragma once

#include <immintrin.h>

#include "kernels/optimized/requant_block.h"

namespace vnpu::kernels::avx512 {
namespace {

struct RequantVectors {
  __m512i multiplier, multiplier_odd, left_shift, right_shift, round_mask, threshold;
  bool left_shift_used;      // else left_shift is all zero
  bool saturation_possible;  // else no multiplier is INT32_MIN

  // False when requantize<false> (no left shift, no saturation) is exact.
  bool general() const { return left_shift_used || saturation_possible; }
};

struct StageVectors {
  __m512i output_offset, activation_min, activation_max;
};

inline StageVectors load_stage(const OutputStage& stage) {
  return {_mm512_set1_epi32(stage.output_offset), _mm512_set1_epi32(stage.activation_min),
          _mm512_set1_epi32(stage.activation_max)};
}

// Channels [16 * vector, 16 * vector + 16) of `block`.
inline RequantVectors load_requant(const RequantBlock& block, int vector) {
  const int first = vector * kVectorChannels;
  RequantVectors r;
  r.multiplier = _mm512_load_si512(block.multiplier + first);
  r.multiplier_odd = _mm512_srli_epi64(r.multiplier, 32);
  r.left_shift_used = block.any_left_shift;
  r.saturation_possible = block.any_min_multiplier;
  r.left_shift = _mm512_load_si512(block.left_shift + first);
  r.right_shift = _mm512_load_si512(block.right_shift + first);
  r.round_mask = _mm512_sub_epi32(_mm512_sllv_epi32(_mm512_set1_epi32(1), r.right_shift),
                                  _mm512_set1_epi32(1));
  r.threshold = _mm512_srli_epi32(r.round_mask, 1);
  return r;
}

inline __m512i load_init(const RequantBlock& block, int vector) {
  return _mm512_load_si512(block.init + vector * kVectorChannels);
}

template <bool kGeneral>
inline __m512i saturating_rounding_doubling_high_mul(__m512i a, const RequantVectors& r) {
  const __m512i nudge = _mm512_set1_epi64(int64_t{1} << 30);
  const __m512i even = _mm512_add_epi64(_mm512_mul_epi32(a, r.multiplier), nudge);
  const __m512i odd =
      _mm512_add_epi64(_mm512_mul_epi32(_mm512_srli_epi64(a, 32), r.multiplier_odd), nudge);
  // Bits 31..62: low dword of even >> 31, high dword of odd << 1.
  const __m512i high = _mm512_mask_blend_epi32(
      static_cast<__mmask16>(0xAAAA), _mm512_srli_epi64(even, 31), _mm512_slli_epi64(odd, 1));
  if (!kGeneral || !r.saturation_possible) return high;
  const __m512i int_min = _mm512_set1_epi32(INT32_MIN);
  const __mmask16 overflow =
      _mm512_cmpeq_epi32_mask(a, int_min) & _mm512_cmpeq_epi32_mask(r.multiplier, int_min);
  return _mm512_mask_mov_epi32(high, overflow, _mm512_set1_epi32(INT32_MAX));
}

inline __m512i rounding_divide_by_pot(__m512i x, const RequantVectors& r) {
  const __m512i remainder = _mm512_and_si512(x, r.round_mask);
  // threshold + 1 where x < 0: subtracting x >> 31 (all ones) adds one.
  const __m512i threshold = _mm512_sub_epi32(r.threshold, _mm512_srai_epi32(x, 31));
  const __m512i shifted = _mm512_srav_epi32(x, r.right_shift);
  const __mmask16 round_up = _mm512_cmpgt_epi32_mask(remainder, threshold);
  return _mm512_mask_add_epi32(shifted, round_up, shifted, _mm512_set1_epi32(1));
}

// Wrapped int32 accumulators -> clamped int32 outputs (in int8 range when the
// activation range is). kGeneral = false is exact only when !r.general().
template <bool kGeneral>
inline __m512i requantize(__m512i acc, const RequantVectors& r, const StageVectors& s) {
  const __m512i shifted =
      kGeneral && r.left_shift_used ? _mm512_sllv_epi32(acc, r.left_shift) : acc;
  const __m512i high = saturating_rounding_doubling_high_mul<kGeneral>(shifted, r);
  const __m512i scaled = _mm512_add_epi32(rounding_divide_by_pot(high, r), s.output_offset);
  return _mm512_min_epi32(_mm512_max_epi32(scaled, s.activation_min), s.activation_max);
}

inline __m512i requantize(__m512i acc, const RequantVectors& r, const StageVectors& s) {
  return r.general() ? requantize<true>(acc, r, s) : requantize<false>(acc, r, s);
}

// Stores the low byte of the first `count` lanes (static_cast<int8_t>).
inline void store_int8(int8_t* out, __m512i values, int count) {
  const auto mask = static_cast<__mmask16>(count >= 16 ? 0xFFFF : (1u << count) - 1u);
  _mm512_mask_cvtepi32_storeu_epi8(out, mask, values);
}

}  // namespace
}  // namespace vnpu::kernels::avx512
