#include "kernels/mean.h"

#include <algorithm>
#include <limits>

namespace vnpu::kernels {
namespace {

int floor_log2(uint64_t value) {
  int result = -1;
  while (value != 0) {
    value >>= 1;
    ++result;
  }
  return result;
}

}  // namespace

QuantizedMultiplier mean_multiplier(QuantizedMultiplier multiplier, int64_t element_count) {
  // shift = 63 - clz(n), kept <= 32 against overflow and >= -31 after subtraction.
  int shift = floor_log2(static_cast<uint64_t>(element_count));
  shift = std::min(shift, 32);
  shift = std::min(shift, 31 + multiplier.shift);
  QuantizedMultiplier result;
  result.multiplier =
      static_cast<int32_t>((static_cast<int64_t>(multiplier.multiplier) << shift) / element_count);
  result.shift = multiplier.shift - shift;
  return result;
}

namespace {

template <typename T>
void mean(const MeanParams& params, const Dims& input_dims, const T* input, T* output) {
  const ReductionWalk walk(input_dims, params.reduced);
  const int64_t output_count = walk.output_count();
  const int64_t n = walk.reduced_count();
  const QuantizedMultiplier m = n > 0 ? mean_multiplier(params.multiplier, n) : params.multiplier;
  for (int64_t o = 0; o < output_count; ++o) {
    if (n == 0) {
      output[o] = 0;
      continue;
    }
    const T* base = input + walk.output_base(o);
    int64_t wide_sum = 0;
    for (int64_t r = 0; r < n; ++r) wide_sum += base[walk.reduced_offset(r)];
    // TFLite sums into a wrapping int32.
    const auto sum = static_cast<int32_t>(wide_sum);
    const auto shifted =
        static_cast<int32_t>(sum - static_cast<int64_t>(params.input_zero_point) * n);
    const int32_t scaled = multiply_by_quantized_multiplier(shifted, m);
    const auto value = static_cast<int32_t>(int64_t{scaled} + params.output_zero_point);
    output[o] = static_cast<T>(
        clamp_to(value, std::numeric_limits<T>::min(), std::numeric_limits<T>::max()));
  }
}

}  // namespace

void s8_mean(const MeanParams& params, const Dims& input_dims, const int8_t* input,
             int8_t* output) {
  mean(params, input_dims, input, output);
}

void s16_mean(const MeanParams& params, const Dims& input_dims, const int16_t* input,
              int16_t* output) {
  mean(params, input_dims, input, output);
}

}  // namespace vnpu::kernels
