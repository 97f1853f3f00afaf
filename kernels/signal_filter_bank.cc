#include "kernels/signal_filter_bank.h"

#include "kernels/signal_math.h"

namespace vnpu::kernels {
namespace {

constexpr uint32_t kPcanSnrBits = 12;
constexpr uint32_t kPcanOutputBits = 6;

// A signed table value as the uint64 C converts it to (sign-extended, wrapped).
uint64_t as_u64(int16_t value) { return static_cast<uint64_t>(static_cast<int64_t>(value)); }

// TFLM's WideDynamicFunction: a quadratic per quarter of each octave of x.
int16_t pcan_gain(uint32_t x, const int16_t* table) {
  if (x <= 2) return table[x];
  const auto interval = static_cast<int32_t>(signal_most_significant_bit32(x));
  const int16_t* segment = table + 4 * interval - 6;
  const auto fraction = static_cast<int32_t>(
      ((interval < 11) ? (x << (11 - interval)) : (x >> (interval - 11))) & 0x3FF);
  int64_t result = (static_cast<int32_t>(segment[2]) * fraction) >> 5;
  result += static_cast<int32_t>(static_cast<uint32_t>(static_cast<int32_t>(segment[1])) << 5);
  result = static_cast<int32_t>(static_cast<uint32_t>(result * fraction));
  result = (result + (1 << 14)) >> 15;
  result += segment[0];
  return static_cast<int16_t>(result);
}

// x^2 / 4 below 2, x - 1 above, from kPcanSnrBits to kPcanOutputBits fractional bits.
uint32_t pcan_shrink(uint32_t x) {
  if (x < (2u << kPcanSnrBits)) {
    return (x * x) >> (2 + 2 * kPcanSnrBits - kPcanOutputBits);
  }
  return (x >> (kPcanSnrBits - kPcanOutputBits)) - (1u << kPcanOutputBits);
}

}  // namespace

void u32_signal_filter_bank(const SignalFilterBankTables& tables, const uint32_t* energy,
                            uint64_t* output) {
  uint64_t weighted = 0;
  uint64_t unweighted = 0;
  for (int32_t c = 0; c <= tables.channels; ++c) {
    const int32_t frequency_start = tables.frequency_starts[c];
    const int32_t weight_start = tables.weight_starts[c];
    for (int32_t j = 0; j < tables.widths[c]; ++j) {
      const uint64_t value = energy[frequency_start + j];
      weighted += as_u64(tables.weights[weight_start + j]) * value;
      unweighted += as_u64(tables.unweights[weight_start + j]) * value;
    }
    if (c > 0) output[c - 1] = weighted;  // channel 0 is scratch
    weighted = unweighted;
    unweighted = 0;
  }
}

void u64_signal_filter_bank_square_root(const uint64_t* input, int32_t channels, int32_t shift,
                                        uint32_t* output) {
  for (int32_t i = 0; i < channels; ++i) {
    const uint32_t root = signal_sqrt64(input[i]);
    output[i] = shift >= 32 ? 0u : shift <= 0 ? root : root >> shift;
  }
}

void u32_signal_spectral_subtraction(const SignalSpectralSubtractionParams& params,
                                     const uint32_t* input, uint32_t* noise_estimate,
                                     uint32_t* output) {
  for (int32_t i = 0; i < params.channels; ++i) {
    const bool even = (i & 1) == 0;
    const uint64_t smoothing = even ? params.smoothing : params.alternate_smoothing;
    const uint64_t one_minus_smoothing =
        even ? params.one_minus_smoothing : params.alternate_one_minus_smoothing;
    const uint32_t signal_scaled_up = input[i] << params.smoothing_bits;
    noise_estimate[i] = static_cast<uint32_t>(
        (signal_scaled_up * smoothing + noise_estimate[i] * one_minus_smoothing) >>
        params.spectral_subtraction_bits);
    uint32_t estimate_scaled_up = noise_estimate[i];
    // The signal minus the estimate cannot go negative.
    if (estimate_scaled_up > signal_scaled_up) {
      estimate_scaled_up = signal_scaled_up;
      if (params.clamping) noise_estimate[i] = estimate_scaled_up;
    }
    const auto floor = static_cast<uint32_t>(
        (static_cast<uint64_t>(input[i]) * params.min_signal_remaining) >>
        params.spectral_subtraction_bits);
    const uint32_t subtracted = (signal_scaled_up - estimate_scaled_up) >> params.smoothing_bits;
    output[i] = subtracted > floor ? subtracted : floor;
  }
}

void u32_signal_filter_bank_log(const uint32_t* input, int32_t channels, int32_t output_scale,
                                uint32_t correction_bits, int16_t* output) {
  for (int32_t i = 0; i < channels; ++i) {
    const uint32_t scaled = input[i] << correction_bits;
    if (scaled > 1) {
      const uint32_t log_value = signal_log32(scaled, static_cast<uint32_t>(output_scale));
      output[i] = static_cast<int16_t>(log_value < 32767u ? log_value : 32767u);
    } else {
      output[i] = 0;
    }
  }
}

void u32_signal_pcan(const uint32_t* input, const uint32_t* noise_estimate,
                     const int16_t* gain_table, int32_t channels, int32_t snr_shift,
                     uint32_t* output) {
  for (int32_t i = 0; i < channels; ++i) {
    const auto gain = static_cast<uint32_t>(static_cast<int32_t>(pcan_gain(noise_estimate[i],
                                                                           gain_table)));
    const auto snr = static_cast<uint32_t>((static_cast<uint64_t>(input[i]) * gain) >> snr_shift);
    output[i] = pcan_shrink(snr);
  }
}

}  // namespace vnpu::kernels
