#include "kernels/lstm_math.h"

#include <algorithm>
#include <cstdlib>

#include "kernels/sigmoid_s16.h"

namespace vnpu::kernels {

void s16_lstm_sigmoid(int64_t count, int16_t* data) {
  // reference_integer_ops::Logistic with input_multiplier 0, input_left_shift 0: x * 3.
  const Dims dims{static_cast<int32_t>(count)};
  s16_logistic(Sigmoid16Params{3, 0}, dims, data, dims, data);
}

void s16_lstm_tanh(int32_t scale_power, int64_t count, const int16_t* input, int16_t* output) {
  // reference_integer_ops::Tanh with the LSTM's left shift 15 + scale_power - 3: multiplier 0
  // (x * (3 << shift)) when it is not negative, else multiplier 3 and a right shift.
  const int32_t left_shift = 15 + scale_power - 3;
  const Sigmoid16Params params =
      left_shift >= 0 ? Sigmoid16Params{3 << left_shift, 0} : Sigmoid16Params{3, -left_shift};
  const Dims dims{static_cast<int32_t>(count)};
  s16_tanh(params, dims, input, dims, output);
}

void s8_lstm_fully_connected(const LstmFcParams& p, int32_t rows, int32_t depth_in,
                             int32_t depth_out, const int8_t* input, const int8_t* weights,
                             const int32_t* bias, int16_t* output) {
  for (int32_t r = 0; r < rows; ++r) {
    const int8_t* x = input + static_cast<int64_t>(r) * depth_in;
    for (int32_t o = 0; o < depth_out; ++o) {
      const int8_t* w = weights + static_cast<int64_t>(o) * depth_in;
      // TFLite sums in int32, which wraps on every target it runs on: modulo 2^32 here.
      int32_t acc = 0;
      for (int32_t d = 0; d < depth_in; ++d) {
        acc = wrapping_add_int32(acc, (int64_t{w[d]} + p.weights_offset) *
                                          (int64_t{x[d]} + p.input_offset));
      }
      if (bias != nullptr) acc = wrapping_add_int32(acc, bias[o]);
      const int32_t scaled = multiply_by_quantized_multiplier(acc, p.multiplier);
      output[static_cast<int64_t>(r) * depth_out + o] =
          static_cast<int16_t>(clamp_to(scaled, -32768, 32767));
    }
  }
}

void s16_lstm_fully_connected(const LstmFcParams& p, int32_t rows, int32_t depth_in,
                              int32_t depth_out, const int16_t* input, const int8_t* weights,
                              const int64_t* bias, int16_t* output) {
  for (int32_t r = 0; r < rows; ++r) {
    const int16_t* x = input + static_cast<int64_t>(r) * depth_in;
    for (int32_t o = 0; o < depth_out; ++o) {
      const int8_t* w = weights + static_cast<int64_t>(o) * depth_in;
      // The products sum exactly in int64; an int64 bias may be anything, and
      // TFLite's int64 add would overflow: modulo 2^64 here, the same answer without UB.
      int64_t acc = 0;
      for (int32_t d = 0; d < depth_in; ++d) {
        acc += (int64_t{w[d]} + p.weights_offset) * (int64_t{x[d]} + p.input_offset);
      }
      if (bias != nullptr) acc = wrapping_add(acc, bias[o]);
      const int32_t scaled = multiply_by_quantized_multiplier_64(acc, p.multiplier);
      output[static_cast<int64_t>(r) * depth_out + o] =
          static_cast<int16_t>(clamp_to(scaled, -32768, 32767));
    }
  }
}

template <typename OutputT>
void lstm_mul(const LstmMulParams& p, int64_t count, const int16_t* input1, const int16_t* input2,
              OutputT* output) {
  for (int64_t i = 0; i < count; ++i) {
    const int32_t product = static_cast<int32_t>(input1[i]) * static_cast<int32_t>(input2[i]);
    const int32_t value = p.output_offset + multiply_by_quantized_multiplier(product, p.multiplier);
    output[i] = static_cast<OutputT>(clamp_to(value, p.activation_min, p.activation_max));
  }
}

template void lstm_mul<int8_t>(const LstmMulParams&, int64_t, const int16_t*, const int16_t*,
                               int8_t*);
template void lstm_mul<int16_t>(const LstmMulParams&, int64_t, const int16_t*, const int16_t*,
                                int16_t*);

}  // namespace vnpu::kernels
