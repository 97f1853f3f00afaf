#include "kernels/svdf.h"

#include <algorithm>
#include <limits>

namespace vnpu::kernels {

namespace {

template <typename StateT>
void shift_state_left(const SvdfParams& p, StateT* state) {
  const int64_t count = static_cast<int64_t>(p.batches) * p.filters * p.memory;
  for (int64_t i = 0; i + 1 < count; ++i) state[i] = state[i + 1];
}

// The feature matmul writes each filter's newest state column.
template <typename StateT>
void feature_matmul(const SvdfParams& p, const int8_t* input, const int8_t* weights_feature,
                    StateT* state) {
  const int32_t low = std::numeric_limits<StateT>::min();
  const int32_t high = std::numeric_limits<StateT>::max();
  StateT* newest = state + (p.memory - 1);
  for (int32_t b = 0; b < p.batches; ++b) {
    const int8_t* row = weights_feature;
    for (int32_t f = 0; f < p.filters; ++f) {
      const int8_t* x = input + static_cast<int64_t>(b) * p.input_size;
      int32_t dot = 0;
      for (int32_t c = 0; c < p.input_size; ++c) {
        dot += static_cast<int32_t>(*row++) * (static_cast<int32_t>(x[c]) - p.input_zero_point);
      }
      dot = multiply_by_quantized_multiplier(dot, p.feature_to_state);
      // TFLM clamps to the state type first, then adds the zero point and
      // narrows (which wraps for an int8 state whose sum leaves the range).
      dot = clamp_to(dot, low, high);
      *newest = static_cast<StateT>(p.state_zero_point + dot);
      newest += p.memory;
    }
  }
}

}  // namespace

template <typename StateT>
void s8_svdf(const SvdfParams& p, const int8_t* input, const int8_t* weights_feature,
             const StateT* weights_time, const int32_t* bias, StateT* state, int8_t* output,
             int32_t* scratch, int32_t* unit_scratch) {
  shift_state_left(p, state);
  feature_matmul(p, input, weights_feature, state);
  for (int32_t b = 0; b < p.batches; ++b) {
    const StateT* w = weights_time;
    const StateT* s = state + static_cast<int64_t>(b) * p.memory * p.filters;
    int32_t* out = scratch + static_cast<int64_t>(b) * p.filters;
    for (int32_t f = 0; f < p.filters; ++f) {
      int32_t sum = 0;
      for (int32_t m = 0; m < p.memory; ++m) {
        sum = wrapping_add_int32(sum, int64_t{*w++} * (int64_t{*s++} - p.state_zero_point));
      }
      out[f] = sum;
    }
  }
  const int32_t units = p.filters / p.rank;
  for (int32_t b = 0; b < p.batches; ++b) {
    int32_t* acc = unit_scratch + static_cast<int64_t>(b) * units;
    const int32_t* filtered = scratch + static_cast<int64_t>(b) * p.filters;
    for (int32_t u = 0; u < units; ++u) {
      acc[u] = bias != nullptr ? bias[u] : 0;
      for (int32_t r = 0; r < p.rank; ++r) acc[u] = wrapping_add_int32(acc[u], *filtered++);
    }
  }
  const int64_t outputs = static_cast<int64_t>(p.batches) * units;
  for (int64_t i = 0; i < outputs; ++i) {
    const int32_t scaled = multiply_by_quantized_multiplier(unit_scratch[i], p.state_to_output);
    output[i] = static_cast<int8_t>(clamp_to(scaled + p.output_zero_point, -128, 127));
  }
}

template void s8_svdf<int16_t>(const SvdfParams&, const int8_t*, const int8_t*, const int16_t*,
                               const int32_t*, int16_t*, int8_t*, int32_t*, int32_t*);
template void s8_svdf<int8_t>(const SvdfParams&, const int8_t*, const int8_t*, const int8_t*,
                              const int32_t*, int8_t*, int8_t*, int32_t*, int32_t*);

}  // namespace vnpu::kernels
