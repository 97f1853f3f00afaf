// The NPU's requantization arithmetic, one definition for the simulators that
// execute it and the compiler that predicts it (docs/npu_semantics.md §3):
// scale_value(v, M, s, mode) = v * M / 2^s rounded by `mode`, exact in 128-bit.
// DBL adds 2^(s-1), and for s > 31 another ±2^30 with the sign of v (TFLite's
// SaturatingRoundingDoublingHighMul + RoundingDivideByPOT), then floors;
// NATURAL adds 2^(s-1) and floors; TRUNCATE rounds toward 0. Results beyond
// int64 saturate.
#pragma once

#include <cstdint>

#include "isa/register_state.h"

namespace vnpu::isa {

int64_t scale_value(int64_t value, uint32_t multiplier, int shift, RoundMode mode);

// v / 2^shift rounded by `mode` (a scale with multiplier 1).
inline int64_t shift_right_rounded(int64_t value, int shift, RoundMode mode) {
  return scale_value(value, 1, shift, mode);
}

}  // namespace vnpu::isa
