#include "kernels/softmax_s16.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace vnpu::kernels {
namespace {

// TFLite gen_lut<float, int16_t, int16_t> with output range [-1, 1]: 512
// samples of func over [input_min, input_max], each corrected by half the
// error of linear interpolation at the midpoint, all in float.
void generate_lut(float (*func)(float), float input_min, float input_max, int16_t* lut) {
  constexpr int kSteps = 512;
  const float step = (input_max - input_min) / kSteps;
  const float half_step = step / 2;
  const float output_scaling_inv = 65536.0f / 2.0f;
  const float table_min = std::numeric_limits<int16_t>::min();
  const float table_max = std::numeric_limits<int16_t>::max();
  for (int i = 0; i < kSteps; ++i) {
    const float value = func(input_min + static_cast<float>(i) * step);
    const float value_midpoint = func(input_min + static_cast<float>(i) * step + half_step);
    const float value_next = func(input_min + static_cast<float>(i + 1) * step);
    const float sample = std::round(value * output_scaling_inv);
    const float midpoint_interpolated =
        std::round((value_next * output_scaling_inv + std::round(value * output_scaling_inv)) / 2);
    const float midpoint = std::round(value_midpoint * output_scaling_inv);
    const float bias = std::round((midpoint_interpolated - midpoint) / 2);
    lut[i] = static_cast<int16_t>(std::min(std::max(sample - bias, table_min), table_max));
  }
  lut[kSteps] = static_cast<int16_t>(
      std::min(std::max(std::round(func(input_max) * output_scaling_inv), table_min), table_max));
}

float exp_of(float x) { return std::exp(x); }
float one_over_one_plus(float x) { return 1.0f / (1.0f + x); }

int count_leading_zeros(uint32_t x) {
  int zeros = 0;
  for (uint32_t bit = uint32_t{1} << 31; bit != 0 && (x & bit) == 0; bit >>= 1) ++zeros;
  return zeros;
}

int16_t saturate_to_int16(int32_t x) {
  return static_cast<int16_t>(std::min<int32_t>(std::max<int32_t>(x, -32768), 32767));
}

}  // namespace

bool make_s16_softmax_params(float input_scale, float beta, Softmax16Params* params) {
  const double rescale =
      static_cast<double>(input_scale) * static_cast<double>(beta) / (10.0 / 65535.0);
  params->input_multiplier = quantize_multiplier(rescale);
  if (params->input_multiplier.shift > 31) return false;
  generate_lut(exp_of, -10.0f, 0.0f, params->exp_lut.data());
  generate_lut(one_over_one_plus, 0.0f, 1.0f, params->one_over_one_plus_x_lut.data());
  return true;
}

int16_t s16_lut_lookup(int16_t value, const int16_t* lut) {
  const int index = 256 + (value >> 7);
  const int offset = value & 0x7F;
  const int16_t base = lut[index];
  const auto slope = static_cast<int16_t>(lut[index + 1] - lut[index]);
  const int delta = (slope * offset + 64) >> 7;
  return static_cast<int16_t>(base + delta);
}

void s16_softmax(const Softmax16Params& params, const Dims& input_dims, const int16_t* input,
                 const Dims& /*output_dims*/, int16_t* output) {
  const int32_t depth = input_dims[input_dims.rank() - 1];
  const int64_t rows = depth > 0 ? input_dims.flat_size() / depth : 0;
  for (int64_t row = 0; row < rows; ++row) {
    const int16_t* in = input + row * depth;
    int16_t* out = output + row * depth;  // holds the exps until the last loop
    int16_t max_in_row = std::numeric_limits<int16_t>::min();
    for (int32_t c = 0; c < depth; ++c) max_in_row = std::max(max_in_row, in[c]);
    int32_t sum_of_exps = 0;  // Q16.15
    for (int32_t c = 0; c < depth; ++c) {
      const int32_t scaled_diff =
          multiply_by_quantized_multiplier(in[c] - max_in_row, params.input_multiplier);
      out[c] = s16_lut_lookup(saturate_to_int16(scaled_diff + 32767), params.exp_lut.data());
      sum_of_exps += out[c];
    }
    const int headroom_plus_one = count_leading_zeros(static_cast<uint32_t>(sum_of_exps));
    const auto shifted_sum = static_cast<int32_t>(
        ((static_cast<int64_t>(sum_of_exps) << (headroom_plus_one - 1)) + (1 << 13)) >> 14);
    const int16_t reciprocal =
        s16_lut_lookup(saturate_to_int16(shifted_sum - ((1 << 15) + (1 << 16))),
                       params.one_over_one_plus_x_lut.data());
    const int right_shift = 31 - headroom_plus_one;
    const int64_t round = int64_t{1} << (right_shift - 1);
    for (int32_t c = 0; c < depth; ++c) {
      const auto result =
          static_cast<int32_t>((int64_t{out[c]} * reciprocal + round) >> right_shift);
      out[c] = static_cast<int16_t>(std::min(std::max(result, 0), 32767));
    }
  }
}

}  // namespace vnpu::kernels
