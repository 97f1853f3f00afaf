#include "kernels/signal_math.h"

#include <cstddef>

namespace vnpu::kernels {
namespace {

// log2(1 + f) - f in 1/65536 at the 129 segment ends (TFLM log.cc kLogLut).
constexpr uint16_t kLogTable[] = {
    0,    224,  442,  654,  861,  1063, 1259, 1450, 1636, 1817, 1992, 2163, 2329, 2490, 2646,
    2797, 2944, 3087, 3224, 3358, 3487, 3611, 3732, 3848, 3960, 4068, 4172, 4272, 4368, 4460,
    4549, 4633, 4714, 4791, 4864, 4934, 5001, 5063, 5123, 5178, 5231, 5280, 5326, 5368, 5408,
    5444, 5477, 5507, 5533, 5557, 5578, 5595, 5610, 5622, 5631, 5637, 5640, 5641, 5638, 5633,
    5626, 5615, 5602, 5586, 5568, 5547, 5524, 5498, 5470, 5439, 5406, 5370, 5332, 5291, 5249,
    5203, 5156, 5106, 5054, 5000, 4944, 4885, 4825, 4762, 4697, 4630, 4561, 4490, 4416, 4341,
    4264, 4184, 4103, 4020, 3935, 3848, 3759, 3668, 3575, 3481, 3384, 3286, 3186, 3084, 2981,
    2875, 2768, 2659, 2549, 2437, 2323, 2207, 2090, 1971, 1851, 1729, 1605, 1480, 1353, 1224,
    1094, 963,  830,  695,  559,  421,  282,  142,  0,    0};
constexpr int kLogSegmentsLog2 = 7;
constexpr int kLogScaleLog2 = 16;
constexpr uint32_t kLogScale = 1u << kLogScaleLog2;
constexpr uint64_t kLogCoefficient = 45426;  // ln(2) * 2^16

// The fractional part of log2(x) in 1/65536, x's highest bit being `log2x`.
uint32_t log2_fraction(uint32_t x, uint32_t log2x) {
  auto fraction = static_cast<int32_t>(static_cast<int64_t>(x) - (int64_t{1} << log2x));
  if (log2x < kLogScaleLog2) {
    fraction = static_cast<int32_t>(static_cast<uint32_t>(fraction) << (kLogScaleLog2 - log2x));
  } else {
    fraction >>= log2x - kLogScaleLog2;
  }
  const auto segment = static_cast<uint32_t>(fraction) >> (kLogScaleLog2 - kLogSegmentsLog2);
  const uint32_t segment_unit = kLogScale >> kLogSegmentsLog2;
  const int32_t c0 = kLogTable[segment];
  const int32_t c1 = kLogTable[segment + 1];
  const auto segment_base = static_cast<int32_t>(segment_unit * segment);
  const int32_t relative = ((c1 - c0) * (fraction - segment_base)) >> kLogScaleLog2;
  return static_cast<uint32_t>(fraction + c0 + relative);
}

}  // namespace

uint32_t signal_most_significant_bit32(uint32_t x) {
  return x == 0 ? 32u : 32u - static_cast<uint32_t>(__builtin_clz(x));
}

uint32_t signal_most_significant_bit64(uint64_t x) {
  return x == 0 ? 64u : 64u - static_cast<uint32_t>(__builtin_clzll(x));
}

namespace {

// TFLM's bit-by-bit integer square root of `value`, rounded to nearest and
// capped at `max_result`; `msb` is the 1-based highest set bit of `value`.
template <typename Unsigned>
Unsigned bitwise_sqrt(Unsigned value, uint32_t msb, Unsigned max_result) {
  constexpr int kTopBit = static_cast<int>(sizeof(Unsigned) * 8) - 1;
  Unsigned result = 0;
  const int max_bit_number = static_cast<int>(kTopBit + 1 - msb) | 1;
  Unsigned bit = Unsigned{1} << (kTopBit - max_bit_number);
  for (int iterations = (kTopBit - max_bit_number) / 2 + 1; iterations > 0; --iterations) {
    if (value >= result + bit) {
      value -= result + bit;
      result = (result >> 1) + bit;
    } else {
      result >>= 1;
    }
    bit >>= 2;
  }
  if (value > result && result != max_result) ++result;
  return result;
}

}  // namespace

uint16_t signal_sqrt32(uint32_t value) {
  if (value == 0) return 0;
  return static_cast<uint16_t>(
      bitwise_sqrt<uint32_t>(value, signal_most_significant_bit32(value), 0xFFFFu));
}

uint32_t signal_sqrt64(uint64_t value) {
  if ((value >> 32) == 0) return signal_sqrt32(static_cast<uint32_t>(value));
  return static_cast<uint32_t>(
      bitwise_sqrt<uint64_t>(value, signal_most_significant_bit64(value), 0xFFFFFFFFu));
}

uint32_t signal_log32(uint32_t x, uint32_t out_scale) {
  const uint32_t integer = signal_most_significant_bit32(x) - 1;
  const uint32_t fraction = log2_fraction(x, integer);
  const uint32_t log2 = (integer << kLogScaleLog2) + fraction;
  const uint32_t round = kLogScale / 2;
  const auto loge = static_cast<uint32_t>((kLogCoefficient * log2 + round) >> kLogScaleLog2);
  return (out_scale * loge + round) >> kLogScaleLog2;
}

}  // namespace vnpu::kernels
