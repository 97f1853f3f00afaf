#include "kernels/signal_spectrum.h"

#include <algorithm>

#include "kernels/signal_math.h"

namespace vnpu::kernels {

void s16_signal_window(const int16_t* input, const int16_t* weights, int32_t size, int32_t shift,
                       int16_t* output) {
  for (int32_t i = 0; i < size; ++i) {
    const int32_t raw = (static_cast<int32_t>(input[i]) * weights[i]) >> shift;
    output[i] = static_cast<int16_t>(std::clamp<int32_t>(raw, INT16_MIN, INT16_MAX));
  }
}

int32_t s16_signal_fft_auto_scale(const int16_t* input, int32_t size, int16_t* output) {
  int16_t max = 0;
  for (int32_t i = 0; i < size; ++i) {
    const int16_t value = input[i];
    if (value > max) {
      max = value;
    } else if (-value > max) {
      max = static_cast<int16_t>(-value);  // -(-32768) wraps to -32768, as in TFLM
    }
  }
  const auto max_bits = static_cast<uint32_t>(static_cast<int32_t>(max));
  const int32_t scale_bits =
      std::max<int32_t>(0, 16 - static_cast<int32_t>(signal_most_significant_bit32(max_bits)) - 1);
  for (int32_t i = 0; i < size; ++i) {
    output[i] = static_cast<int16_t>(input[i] * (1 << scale_bits));
  }
  return scale_bits;
}

void s16_signal_energy(const int16_t* spectrum, int32_t bins, int32_t start, int32_t end,
                       uint32_t* output) {
  for (int32_t i = 0; i < bins; ++i) {
    if (i < start || i >= end) {
      output[i] = 0;
      continue;
    }
    const int64_t real = spectrum[2 * i];
    const int64_t imaginary = spectrum[2 * i + 1];
    output[i] = static_cast<uint32_t>(real * real + imaginary * imaginary);
  }
}

}  // namespace vnpu::kernels
