// The filter-bank half of TFLM's signal library, bit-exact with its reference
// kernels (signal/src/filter_bank.cc, filter_bank_square_root.cc,
// filter_bank_spectral_subtraction.cc, filter_bank_log.cc, pcan_argc_fixed.cc).
// Unsigned arithmetic wraps as in C, where TFLM's does.
#pragma once

#include <cstdint>

namespace vnpu::kernels {

// Mel filter bank: channel c sums weight * energy over its bins plus the
// previous channel's unweight * energy. `channels` + 1 entries in the three
// tables (entry 0 is scratch, as in TFLM); `output` gets channels 1.. .
// The caller has checked every start + width against the tables' sizes.
struct SignalFilterBankTables {
  const int16_t* weights;
  const int16_t* unweights;
  const int16_t* frequency_starts;
  const int16_t* weight_starts;
  const int16_t* widths;
  int32_t channels;
};
void u32_signal_filter_bank(const SignalFilterBankTables& tables, const uint32_t* energy,
                            uint64_t* output);

// sqrt(input) >> shift, rounded as TFLM's Sqrt64. A shift of 32 or more gives 0
// and a negative one none (both undefined in TFLM).
void u64_signal_filter_bank_square_root(const uint64_t* input, int32_t channels, int32_t shift,
                                        uint32_t* output);

struct SignalSpectralSubtractionParams {
  int32_t channels = 0;
  uint32_t smoothing = 0;  // even channels; 1 << spectral_subtraction_bits is 1.0
  uint32_t one_minus_smoothing = 0;
  uint32_t alternate_smoothing = 0;  // odd channels
  uint32_t alternate_one_minus_smoothing = 0;
  uint32_t min_signal_remaining = 0;
  uint32_t smoothing_bits = 0;             // 0..31
  uint32_t spectral_subtraction_bits = 0;  // 0..63
  bool clamping = false;
};
// Updates `noise_estimate` (the operator's state) and writes the signal minus
// the estimate, floored at min_signal_remaining * signal.
void u32_signal_spectral_subtraction(const SignalSpectralSubtractionParams& params,
                                     const uint32_t* input, uint32_t* noise_estimate,
                                     uint32_t* output);

// Natural log scaled by output_scale / 2^16, of input << correction_bits
// (0 for values up to 1), saturated to int16. correction_bits in 0..31.
void u32_signal_filter_bank_log(const uint32_t* input, int32_t channels, int32_t output_scale,
                                uint32_t correction_bits, int16_t* output);

// Per-channel amplitude normalisation: gain from a piecewise-polynomial table
// of the noise estimate (`gain_table` has at least kSignalPcanGainTableSize
// entries), snr = (input * gain) >> snr_shift, then the shrink function.
// snr_shift in 0..63.
constexpr int32_t kSignalPcanGainTableSize = 125;
void u32_signal_pcan(const uint32_t* input, const uint32_t* noise_estimate,
                     const int16_t* gain_table, int32_t channels, int32_t snr_shift,
                     uint32_t* output);

}  // namespace vnpu::kernels
