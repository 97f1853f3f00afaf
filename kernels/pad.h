// s8_pad, s16_pad: int8 / int16 PAD / PADV2 (constant padding), bit-exact with TensorFlow Lite
// Micro's reference_ops::Pad. Every output element whose index lies inside
// [left, left + input extent) on all dimensions is the input element; all
// others are `pad_value` (the output zero point for PAD, the constant
// operand for PADV2). Rank up to kMaxPadRank, as TFLite Micro allows.
#pragma once

#include <array>
#include <cstdint>

#include "kernels/dims.h"

namespace vnpu::kernels {

constexpr int kMaxPadRank = 5;

struct PadParams {
  std::array<int32_t, kMaxPadRank> left{};   // leading padding per dimension (>= 0)
  std::array<int32_t, kMaxPadRank> right{};  // trailing padding per dimension (>= 0)
  int32_t pad_value = 0;  // in the element type's range
};

// input_dims and output_dims have the same rank (<= kMaxPadRank) and
// output_dims[i] == left[i] + input_dims[i] + right[i].
void s8_pad(const PadParams& params, const Dims& input_dims, const int8_t* input,
            const Dims& output_dims, int8_t* output);
// The int16 variant (an int16 PAD without a constant pads with 0).
void s16_pad(const PadParams& params, const Dims& input_dims, const int16_t* input,
             const Dims& output_dims, int16_t* output);

}  // namespace vnpu::kernels
