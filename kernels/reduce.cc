#include "kernels/reduce.h"

#include <algorithm>

namespace vnpu::kernels {

int64_t ReductionWalk::Axes::count_elements() const {
  int64_t n = 1;
  for (int i = 0; i < count; ++i) n *= size[static_cast<size_t>(i)];
  return n;
}

int64_t ReductionWalk::Axes::offset(int64_t linear) const {
  int64_t result = 0;
  for (int i = count - 1; i >= 0; --i) {
    const auto k = static_cast<size_t>(i);
    result += (linear % size[k]) * stride[k];
    linear /= size[k];
  }
  return result;
}

ReductionWalk::ReductionWalk(const Dims& input_dims, const ReducedAxes& reduced) {
  int64_t stride = 1;
  for (int i = input_dims.rank() - 1; i >= 0; --i) {
    Axes& axes = reduced[static_cast<size_t>(i)] ? summed_ : kept_;
    axes.size[static_cast<size_t>(axes.count)] = input_dims[i];
    axes.stride[static_cast<size_t>(axes.count)] = stride;
    ++axes.count;
    stride *= input_dims[i];
  }
  // Collected innermost first; offset() wants outermost first.
  for (Axes* axes : {&kept_, &summed_}) {
    std::reverse(axes->size.begin(), axes->size.begin() + axes->count);
    std::reverse(axes->stride.begin(), axes->stride.begin() + axes->count);
  }
}

template <typename T>
void quantized_sum(const SumParams& params, const Dims& input_dims, const T* input, T* output) {
  constexpr int32_t kMin = std::numeric_limits<T>::min();
  constexpr int32_t kMax = std::numeric_limits<T>::max();
  const ReductionWalk walk(input_dims, params.reduced);
  const int64_t n = walk.reduced_count();
  for (int64_t o = 0; o < walk.output_count(); ++o) {
    const T* base = input + walk.output_base(o);
    uint32_t sum = 0;  // TFLite sums into a wrapping int32
    for (int64_t r = 0; r < n; ++r) {
      sum += static_cast<uint32_t>(static_cast<int32_t>(base[walk.reduced_offset(r)]));
    }
    const auto shifted = static_cast<int32_t>(
        sum - static_cast<uint32_t>(static_cast<int64_t>(params.input_zero_point) * n));
    const int32_t scaled = multiply_by_quantized_multiplier(shifted, params.multiplier);
    const auto value = static_cast<int32_t>(int64_t{scaled} + params.output_zero_point);
    output[o] = static_cast<T>(clamp_to(value, kMin, kMax));
  }
}

template void quantized_sum<int8_t>(const SumParams&, const Dims&, const int8_t*, int8_t*);
template void quantized_sum<int16_t>(const SumParams&, const Dims&, const int16_t*, int16_t*);

}  // namespace vnpu::kernels
