// The spectrum half of TFLM's signal library, bit-exact with its reference
// kernels (signal/src/window.cc, fft_auto_scale.cc, max_abs.cc, energy.cc):
//  - window: (input * weight) >> shift, saturated to int16;
//  - FFT auto-scale: shifts the frame left by as many bits as its largest
//    magnitude allows (15 - highest bit), returning the shift;
//  - energy: re^2 + im^2 of each complex bin in [start, end).
#pragma once

#include <cstdint>

namespace vnpu::kernels {

// `size` samples; shift in 0..31.
void s16_signal_window(const int16_t* input, const int16_t* weights, int32_t size, int32_t shift,
                       int16_t* output);

// Returns the scale bits (0..15). As TFLM's MaxAbs16, the largest magnitude is
// kept in an int16, so a frame holding -32768 scales by 0 bits.
int32_t s16_signal_fft_auto_scale(const int16_t* input, int32_t size, int16_t* output);

// `spectrum` holds interleaved (real, imaginary) int16 pairs. Writes bins
// [start, end) of `output`, and 0 to the others (TFLM leaves them untouched).
void s16_signal_energy(const int16_t* spectrum, int32_t bins, int32_t start, int32_t end,
                       uint32_t* output);

}  // namespace vnpu::kernels
