// SUM, REDUCE_MAX and REDUCE_MIN over any set of axes, bit-exact with
// TensorFlow Lite Micro (reduce_common.cc):
//  - REDUCE_MAX / REDUCE_MIN: the stored values, starting from the type's
//    lowest / highest value (reference_ops::ReduceGeneric); TFLM requires the
//    input and output to share one quantization;
//  - SUM (int8, int16): the int32 sum of the stored values, minus
//    zp_in * count, requantized by in_scale / out_scale, plus zp_out, clamped
//    (reference_ops::QuantizedMeanOrSum with compute_sum).
// The output holds the kept dimensions in input order, so keep_dims does not
// change its layout.
#pragma once

#include <array>
#include <cstdint>
#include <limits>

#include "kernels/dims.h"
#include "kernels/quant_math.h"

namespace vnpu::kernels {

using ReducedAxes = std::array<bool, Dims::kMaxRank>;  // true: dimension i is reduced

// The kept and the reduced dimensions of an input, outermost first.
class ReductionWalk {
 public:
  ReductionWalk(const Dims& input_dims, const ReducedAxes& reduced);

  int64_t output_count() const { return kept_.count_elements(); }
  int64_t reduced_count() const { return summed_.count_elements(); }
  // Input offset of the first element that output `o` reduces.
  int64_t output_base(int64_t o) const { return kept_.offset(o); }
  // Offset, from an output's base, of its `r`-th reduced element.
  int64_t reduced_offset(int64_t r) const { return summed_.offset(r); }

 private:
  struct Axes {
    int count = 0;
    std::array<int64_t, Dims::kMaxRank> size{};
    std::array<int64_t, Dims::kMaxRank> stride{};
    int64_t count_elements() const;
    int64_t offset(int64_t linear) const;
  };
  Axes kept_;
  Axes summed_;
};

template <typename T>
void reduce_max_min(bool maximum, const Dims& input_dims, const ReducedAxes& reduced,
                    const T* input, T* output) {
  const ReductionWalk walk(input_dims, reduced);
  const int64_t n = walk.reduced_count();
  for (int64_t o = 0; o < walk.output_count(); ++o) {
    const T* base = input + walk.output_base(o);
    T value = maximum ? std::numeric_limits<T>::lowest() : std::numeric_limits<T>::max();
    for (int64_t r = 0; r < n; ++r) {
      const T in = base[walk.reduced_offset(r)];
      value = maximum ? (in > value ? in : value) : (in < value ? in : value);
    }
    output[o] = value;
  }
}

struct SumParams {
  ReducedAxes reduced{};
  int32_t input_zero_point = 0;
  int32_t output_zero_point = 0;
  QuantizedMultiplier multiplier;  // input_scale / output_scale
};

template <typename T>
void quantized_sum(const SumParams& params, const Dims& input_dims, const T* input, T* output);

}  // namespace vnpu::kernels
