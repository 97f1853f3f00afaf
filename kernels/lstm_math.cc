#include "kernels/lstm_math.h"

#include <algorithm>
#include <cstdlib>

namespace vnpu::kernels {
namespace {

// sigmoid(i / 24) in unsigned Q0.16, i = 0..255 (TFLite's sigmoid_table_uint16;
// tanh(x) = 2 * sigmoid(2x) - 1 uses the same table).
constexpr uint16_t kSigmoidTable[256] = {
    32768, 33451, 34133, 34813, 35493, 36169, 36843, 37513, 38180, 38841, 39498, 40149,
    40794, 41432, 42064, 42688, 43304, 43912, 44511, 45102, 45683, 46255, 46817, 47369,
    47911, 48443, 48964, 49475, 49975, 50464, 50942, 51409, 51865, 52311, 52745, 53169,
    53581, 53983, 54374, 54755, 55125, 55485, 55834, 56174, 56503, 56823, 57133, 57433,
    57724, 58007, 58280, 58544, 58800, 59048, 59288, 59519, 59743, 59959, 60168, 60370,
    60565, 60753, 60935, 61110, 61279, 61441, 61599, 61750, 61896, 62036, 62172, 62302,
    62428, 62549, 62666, 62778, 62886, 62990, 63090, 63186, 63279, 63368, 63454, 63536,
    63615, 63691, 63765, 63835, 63903, 63968, 64030, 64090, 64148, 64204, 64257, 64308,
    64357, 64405, 64450, 64494, 64536, 64576, 64614, 64652, 64687, 64721, 64754, 64786,
    64816, 64845, 64873, 64900, 64926, 64950, 64974, 64997, 65019, 65039, 65060, 65079,
    65097, 65115, 65132, 65149, 65164, 65179, 65194, 65208, 65221, 65234, 65246, 65258,
    65269, 65280, 65291, 65301, 65310, 65319, 65328, 65337, 65345, 65352, 65360, 65367,
    65374, 65381, 65387, 65393, 65399, 65404, 65410, 65415, 65420, 65425, 65429, 65433,
    65438, 65442, 65445, 65449, 65453, 65456, 65459, 65462, 65465, 65468, 65471, 65474,
    65476, 65479, 65481, 65483, 65485, 65488, 65489, 65491, 65493, 65495, 65497, 65498,
    65500, 65501, 65503, 65504, 65505, 65507, 65508, 65509, 65510, 65511, 65512, 65513,
    65514, 65515, 65516, 65517, 65517, 65518, 65519, 65520, 65520, 65521, 65522, 65522,
    65523, 65523, 65524, 65524, 65525, 65525, 65526, 65526, 65526, 65527, 65527, 65528,
    65528, 65528, 65529, 65529, 65529, 65529, 65530, 65530, 65530, 65530, 65531, 65531,
    65531, 65531, 65531, 65532, 65532, 65532, 65532, 65532, 65532, 65533, 65533, 65533,
    65533, 65533, 65533, 65533, 65533, 65534, 65534, 65534, 65534, 65534, 65534, 65534,
    65534, 65534, 65534, 65535,};

// The LUT functions' input scaling: TFLite turns multiplier 0 into 3 << shift.
struct LutInputScale {
  int32_t multiplier;
  int32_t shift;
};

LutInputScale lut_input_scale(int32_t multiplier, int32_t shift) {
  if (multiplier == 0) return {3 << shift, 0};
  return {multiplier, shift};
}

int32_t scale_lut_input(int16_t value, LutInputScale scale) {
  const int32_t round = scale.shift > 0 ? 1 << (scale.shift - 1) : 0;
  return (static_cast<int32_t>(value) * scale.multiplier + round) >> scale.shift;
}

}  // namespace

int32_t multiply_by_quantized_multiplier_wide(int64_t x, QuantizedMultiplier m) {
  const int32_t reduced =
      m.multiplier < 0x7FFF0000 ? ((m.multiplier + (1 << 15)) >> 16) : 0x7FFF;
  const int64_t total_shift = 15 - m.shift;
  const int64_t round = int64_t{1} << (total_shift - 1);
  const int64_t result = (x * static_cast<int64_t>(reduced) + round) >> total_shift;
  return static_cast<int32_t>(result);
}

void s16_lstm_sigmoid(int64_t count, int16_t* data) {
  const LutInputScale scale = lut_input_scale(0, 0);
  for (int64_t i = 0; i < count; ++i) {
    const int32_t x = scale_lut_input(data[i], scale);
    const auto magnitude = static_cast<uint32_t>(std::abs(x));
    const uint32_t index = magnitude >> 9;
    uint32_t result = 0;
    if (index >= 255) {
      result = 0x7FFFu << 10;
    } else {
      const uint32_t low = kSigmoidTable[index];
      const uint32_t high = kSigmoidTable[index + 1];
      result = (low << 9) + (magnitude & 0x1FF) * (high - low);
    }
    result = x >= 0 ? result + (1u << 9) : (1u << 25) - result + (1u << 9) - 1;
    data[i] = static_cast<int16_t>(result >> 10);
  }
}

void s16_lstm_tanh(int32_t scale_power, int64_t count, const int16_t* input, int16_t* output) {
  int32_t left_shift = 15 + scale_power - 3;
  int32_t multiplier = 0;
  if (left_shift < 0) {
    left_shift = -left_shift;
    multiplier = 3;
  }
  const LutInputScale scale = lut_input_scale(multiplier, left_shift);
  for (int64_t i = 0; i < count; ++i) {
    const int32_t x = scale_lut_input(input[i], scale);
    const auto magnitude = static_cast<uint32_t>(std::abs(x));
    const uint32_t index = magnitude >> 8;
    int32_t result = 0;
    if (index >= 255) {
      result = 0xFFFF << 8;
    } else {
      const uint32_t low = kSigmoidTable[index];
      const uint32_t high = kSigmoidTable[index + 1];
      result = static_cast<int32_t>((low << 8) + (magnitude & 0xFF) * (high - low));
    }
    result = x >= 0 ? result - (1 << 23) + (1 << 7) : -result + (1 << 23) + (1 << 7) - 1;
    output[i] = static_cast<int16_t>(result >> 8);
  }
}

void s8_lstm_fully_connected(const LstmFcParams& p, int32_t rows, int32_t depth_in,
                             int32_t depth_out, const int8_t* input, const int8_t* weights,
                             const int32_t* bias, int16_t* output) {
  for (int32_t r = 0; r < rows; ++r) {
    const int8_t* x = input + static_cast<int64_t>(r) * depth_in;
    for (int32_t o = 0; o < depth_out; ++o) {
      const int8_t* w = weights + static_cast<int64_t>(o) * depth_in;
      int32_t acc = 0;
      for (int32_t d = 0; d < depth_in; ++d) {
        acc += (static_cast<int32_t>(w[d]) + p.weights_offset) *
               (static_cast<int32_t>(x[d]) + p.input_offset);
      }
      if (bias != nullptr) acc += bias[o];
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
      int64_t acc = 0;
      for (int32_t d = 0; d < depth_in; ++d) {
        acc += (static_cast<int32_t>(w[d]) + p.weights_offset) *
               (static_cast<int32_t>(x[d]) + p.input_offset);
      }
      if (bias != nullptr) acc += bias[o];
      const int32_t scaled = multiply_by_quantized_multiplier_wide(acc, p.multiplier);
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
