// The integer helpers of TFLM's signal library (signal/src/msb_32.cc,
// msb_64.cc, square_root_32.cc, square_root_64.cc, log.cc), bit-exact.
#pragma once

#include <cstdint>

namespace vnpu::kernels {

// Index (1-based) of the highest set bit: 1 for 1, 32 for 0x80000000. As TFLM
// built with GCC, 0 gives 32 (64 for the 64-bit one), not 0.
uint32_t signal_most_significant_bit32(uint32_t x);
uint32_t signal_most_significant_bit64(uint64_t x);

// Rounded integer square roots, digit by digit. The 64-bit one takes the
// 32-bit path when the upper word is clear, as TFLM does (rounding there stops
// at 0xFFFF).
uint16_t signal_sqrt32(uint32_t value);
uint32_t signal_sqrt64(uint64_t value);

// ln(x) * out_scale / 2^16 from a 128-segment piecewise-linear log2 table;
// x must be above 0.
uint32_t signal_log32(uint32_t x, uint32_t out_scale);

}  // namespace vnpu::kernels
