// RequantBlock: the per-channel output-stage parameters of up to 64 output
// channels, laid out as arrays so SIMD bodies can load 16 channels at a time.
// Filled once per channel block per call (never per pixel).
#pragma once

#include <gemmlowp/fixedpoint/fixedpoint.h>

#include <cstdint>

#include "kernels/quant_math.h"

namespace vnpu::kernels {

inline constexpr int kBlockChannels = 64;   // output channels per block
inline constexpr int kVectorChannels = 16;  // int32 lanes of one 512-bit vector

struct OutputStage {
  int32_t output_offset = 0;
  int32_t activation_min = -128;
  int32_t activation_max = 127;
};

struct RequantBlock {
  alignas(64) int32_t init[kBlockChannels];  // bias + folded input-offset term (wrapping)
  alignas(64) int32_t multiplier[kBlockChannels];
  alignas(64) int32_t shift[kBlockChannels];        // QuantizedMultiplier::shift
  alignas(64) int32_t left_shift[kBlockChannels];   // max(shift, 0)
  alignas(64) int32_t right_shift[kBlockChannels];  // max(-shift, 0)
  int count = 0;                                    // valid channels
  bool any_left_shift = false;                      // some shift > 0
  bool any_min_multiplier = false;  // some multiplier == INT32_MIN (high-mul may saturate)
};

// Fills `block` for channels [first, first + count). `offset_terms` is indexed
// like `bias` (absolute channel); `multipliers` is per channel when
// `per_channel`, else multipliers[0] serves every channel. Unused slots get
// zeros, which requantize to the output offset and are never stored.
void fill_requant_block(int32_t first, int32_t count, const QuantizedMultiplier* multipliers,
                        bool per_channel, const int32_t* bias, const int32_t* offset_terms,
                        RequantBlock* block);

// The reference kernels' output stage, on one wrapped int32 accumulator:
// multiply_by_quantized_multiplier (kernels/quant_math.h) spelled inline with
// the same gemmlowp primitives, so the hot loops need no call per output.
inline int8_t requantize_portable(uint32_t acc, int32_t multiplier, int32_t shift,
                                  const OutputStage& stage) {
  const int left_shift = shift > 0 ? shift : 0;
  const int right_shift = shift > 0 ? 0 : -shift;
  const auto shifted = static_cast<int32_t>(acc << left_shift);
  const int32_t scaled = gemmlowp::RoundingDivideByPOT(
      gemmlowp::SaturatingRoundingDoublingHighMul(shifted, multiplier), right_shift);
  const auto value = static_cast<int32_t>(int64_t{scaled} + stage.output_offset);
  return static_cast<int8_t>(clamp_to(value, stage.activation_min, stage.activation_max));
}

}  // namespace vnpu::kernels
