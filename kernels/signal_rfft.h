// SignalRfft's int16 real FFT, bit-exact with TFLM's signal library
// (signal/src/rfft_int16.cc), which runs kissfft v130 built with FIXED_POINT=16
// (kiss_fft.c and tools/kiss_fftr.c, under TFLM's patch, which changes no
// arithmetic).
//
// Written here rather than linked: Debian ships kissfft 131 built for float
// only (libkissfft-float131), and the fixed-point rounding is the whole point.
// The kissfft facts this must reproduce, in 32-bit intermediate arithmetic:
//  - twiddles floor(0.5 + 32767 * cos/sin(phase)) in double;
//  - a product rounds as sround(x) = (x + 2^14) >> 15 (C_MUL sums the two
//    products before rounding);
//  - each butterfly first divides its inputs by its radix as
//    sround(x * (32767 / radix)) (C_FIXDIV);
//  - additions and subtractions wrap to int16;
//  - the real-FFT post-pass halves with >> 1 (HALF_OF).
// Only the radix-4 and radix-2 butterflies are written, so the complex FFT
// length fft_length / 2 must be a power of two (micro_speech uses 512).
#pragma once

#include <cstdint>
#include <vector>

namespace vnpu::kernels {

struct SignalComplex16 {
  int16_t r;
  int16_t i;
};

struct SignalRfftPlan {
  int32_t fft_length = 0;  // real samples in; fft_length / 2 + 1 complex bins out
  std::vector<int32_t> factors;          // kissfft's (radix, remaining length) pairs
  std::vector<int16_t> twiddles;         // fft_length / 2 complex, interleaved
  std::vector<int16_t> super_twiddles;   // fft_length / 4 complex, interleaved
};

// True for an even fft_length whose half is a power of two, at least 2.
bool signal_rfft_length_supported(int32_t fft_length);

// The plan of a supported length (kiss_fftr_alloc).
SignalRfftPlan make_signal_rfft_plan(int32_t fft_length);

// `input`: fft_length samples. `work`: fft_length / 2 complex values.
// `output`: fft_length / 2 + 1 interleaved (real, imaginary) pairs.
void s16_signal_rfft(const SignalRfftPlan& plan, const int16_t* input, SignalComplex16* work,
                     int16_t* output);

}  // namespace vnpu::kernels
