#include "kernels/hard_swish.h"

#include <gemmlowp/fixedpoint/fixedpoint.h>

#include <algorithm>
#include <limits>

#include "kernels/quant_math.h"

namespace vnpu::kernels {
namespace {

// TFLite DownScaleInt32ToInt16Multiplier: round a Q31 multiplier to Q15.
int16_t down_scale_to_int16(int32_t multiplier) {
  constexpr int32_t kRoundingOffset = 1 << 15;
  if (multiplier >= std::numeric_limits<int32_t>::max() - kRoundingOffset) {
    return std::numeric_limits<int16_t>::max();
  }
  return static_cast<int16_t>((multiplier + kRoundingOffset) >> 16);
}

int16_t saturating_left_shift(int16_t value, int amount) {
  const int64_t result = static_cast<int64_t>(value) * (int64_t{1} << amount);
  return static_cast<int16_t>(std::clamp<int64_t>(result, std::numeric_limits<int16_t>::min(),
                                                  std::numeric_limits<int16_t>::max()));
}

// Like gemmlowp's SaturatingRoundingDoublingHighMul but truncating (ARM SQDMULH).
int16_t saturating_doubling_high_mul(int16_t a, int16_t b) {
  if (a == b && a == std::numeric_limits<int16_t>::min()) {
    return std::numeric_limits<int16_t>::max();
  }
  const int32_t product = static_cast<int32_t>(a) * static_cast<int32_t>(b);
  return static_cast<int16_t>(product / (1 << 15));
}

int8_t hard_swish_element(int8_t x, const HardSwishParams& p) {
  const auto input_value = static_cast<int16_t>(x - p.input_zero_point);
  const auto hires_input = static_cast<int16_t>(input_value * (1 << 7));
  const int16_t preshift_output =
      gemmlowp::SaturatingRoundingDoublingHighMul(hires_input, p.output_multiplier_fixedpoint_int16);
  // Relu-ish value: the input on a scale where 3.0 is 32768, saturated to int16.
  int16_t reluish = hires_input;
  if (p.reluish_multiplier_exponent > 0) {
    reluish = saturating_left_shift(reluish, p.reluish_multiplier_exponent - 1);
  }
  reluish = gemmlowp::SaturatingRoundingDoublingHighMul(reluish,
                                                        p.reluish_multiplier_fixedpoint_int16);
  if (p.reluish_multiplier_exponent > 0) reluish = saturating_left_shift(reluish, 1);
  if (p.reluish_multiplier_exponent < 0) {
    reluish = gemmlowp::RoundingDivideByPOT(reluish, -p.reluish_multiplier_exponent);
  }
  // [-1, 1] -> [0, 1] in Q0.15.
  reluish = static_cast<int16_t>((reluish + (1 << 15)) >> 1);
  const int16_t preshift_result = saturating_doubling_high_mul(reluish, preshift_output);
  auto output =
      gemmlowp::RoundingDivideByPOT(preshift_result, -p.output_multiplier_exponent);
  // TFLite adds the zero point in int16 (wrapping) before clamping.
  output = static_cast<int16_t>(output + p.output_zero_point);
  return static_cast<int8_t>(std::clamp<int16_t>(output, -128, 127));
}

}  // namespace

bool make_s8_hard_swish_params(float input_scale, int32_t input_zero_point, float output_scale,
                               int32_t output_zero_point, HardSwishParams* params) {
  params->input_zero_point = static_cast<int16_t>(input_zero_point);
  params->output_zero_point = static_cast<int16_t>(output_zero_point);
  const float hires_input_scale = (1.0f / 128.0f) * input_scale;
  const float reluish_scale = 3.0f / 32768.0f;
  const QuantizedMultiplier output_multiplier =
      quantize_multiplier(static_cast<double>(hires_input_scale / output_scale));
  const QuantizedMultiplier reluish_multiplier =
      quantize_multiplier(static_cast<double>(hires_input_scale / reluish_scale));
  params->output_multiplier_fixedpoint_int16 = down_scale_to_int16(output_multiplier.multiplier);
  params->output_multiplier_exponent = output_multiplier.shift;
  params->reluish_multiplier_fixedpoint_int16 = down_scale_to_int16(reluish_multiplier.multiplier);
  params->reluish_multiplier_exponent = reluish_multiplier.shift;
  return output_multiplier.shift <= 0 && reluish_multiplier.shift >= -31 &&
         reluish_multiplier.shift <= 31;
}

void s8_hard_swish(const HardSwishParams& params, const Dims& input_dims, const int8_t* input,
                   const Dims& /*output_dims*/, int8_t* output) {
  const int64_t size = input_dims.flat_size();
  for (int64_t i = 0; i < size; ++i) output[i] = hard_swish_element(input[i], params);
}

}  // namespace vnpu::kernels
