#include "kernels/sigmoid_s16.h"

#include <cmath>

namespace vnpu::kernels {
namespace {

// sigmoid(i / 24) in unsigned Q0.16 for i in [0, 256), the last entry
// saturated to 65535: TFLite's sigmoid_table_uint16 (data, not recomputed:
// a few entries differ by one from rounding the exact values).
constexpr uint16_t kSigmoidTable[256] = {
    32768, 33451, 34133, 34813, 35493, 36169, 36843, 37513, 38180, 38841, 39498, 40149, 40794,
    41432, 42064, 42688, 43304, 43912, 44511, 45102, 45683, 46255, 46817, 47369, 47911, 48443,
    48964, 49475, 49975, 50464, 50942, 51409, 51865, 52311, 52745, 53169, 53581, 53983, 54374,
    54755, 55125, 55485, 55834, 56174, 56503, 56823, 57133, 57433, 57724, 58007, 58280, 58544,
    58800, 59048, 59288, 59519, 59743, 59959, 60168, 60370, 60565, 60753, 60935, 61110, 61279,
    61441, 61599, 61750, 61896, 62036, 62172, 62302, 62428, 62549, 62666, 62778, 62886, 62990,
    63090, 63186, 63279, 63368, 63454, 63536, 63615, 63691, 63765, 63835, 63903, 63968, 64030,
    64090, 64148, 64204, 64257, 64308, 64357, 64405, 64450, 64494, 64536, 64576, 64614, 64652,
    64687, 64721, 64754, 64786, 64816, 64845, 64873, 64900, 64926, 64950, 64974, 64997, 65019,
    65039, 65060, 65079, 65097, 65115, 65132, 65149, 65164, 65179, 65194, 65208, 65221, 65234,
    65246, 65258, 65269, 65280, 65291, 65301, 65310, 65319, 65328, 65337, 65345, 65352, 65360,
    65367, 65374, 65381, 65387, 65393, 65399, 65404, 65410, 65415, 65420, 65425, 65429, 65433,
    65438, 65442, 65445, 65449, 65453, 65456, 65459, 65462, 65465, 65468, 65471, 65474, 65476,
    65479, 65481, 65483, 65485, 65488, 65489, 65491, 65493, 65495, 65497, 65498, 65500, 65501,
    65503, 65504, 65505, 65507, 65508, 65509, 65510, 65511, 65512, 65513, 65514, 65515, 65516,
    65517, 65517, 65518, 65519, 65520, 65520, 65521, 65522, 65522, 65523, 65523, 65524, 65524,
    65525, 65525, 65526, 65526, 65526, 65527, 65527, 65528, 65528, 65528, 65529, 65529, 65529,
    65529, 65530, 65530, 65530, 65530, 65531, 65531, 65531, 65531, 65531, 65532, 65532, 65532,
    65532, 65532, 65532, 65533, 65533, 65533, 65533, 65533, 65533, 65533, 65533, 65534, 65534,
    65534, 65534, 65534, 65534, 65534, 65534, 65534, 65534, 65535,
};

// TFLite CheckedLog2: the rounded base-2 logarithm in float, and whether
// the scale is a power of two within 1e-3 of an octave.
bool checked_log2(float x, int* log2_rounded) {
  const float x_log2 = std::log(x) * (1.0f / std::log(2.0f));
  const float rounded = std::round(x_log2);
  *log2_rounded = static_cast<int>(rounded);
  return std::abs(x_log2 - rounded) < 1e-3f;
}

// The input in table units: x * multiplier rounded right by the shift, in
// TFLite's int32 arithmetic (wrapping).
int32_t scale_input(int16_t x, const Sigmoid16Params& params) {
  const int32_t round = params.input_left_shift > 0 ? 1 << (params.input_left_shift - 1) : 0;
  const auto product = static_cast<int32_t>(
      static_cast<uint32_t>(int64_t{x} * params.input_multiplier) + static_cast<uint32_t>(round));
  return product >> params.input_left_shift;
}

uint32_t absolute(int32_t x) {
  return x >= 0 ? static_cast<uint32_t>(x) : 0u - static_cast<uint32_t>(x);
}

}  // namespace

uint16_t s16_sigmoid_table(int32_t i) { return kSigmoidTable[i]; }

bool make_s16_sigmoid_like_params(Sigmoid16Function function, float input_scale,
                                  Sigmoid16Params* params) {
  constexpr int kInputIntegerBits = 3;
  int log2_rounded = 0;
  bool power_of_two = checked_log2(input_scale, &log2_rounded);
  const int pot_shift = (15 - kInputIntegerBits) + log2_rounded;
  power_of_two &= pot_shift == 0 || (function == Sigmoid16Function::kTanh && pot_shift == 1);
  if (power_of_two) {
    // The kernels' power-of-two case: multiply by 3 << shift, no shift after.
    params->input_multiplier = 3 << pot_shift;
    params->input_left_shift = 0;
    return true;
  }
  double multiplier = static_cast<double>(input_scale) * 4096.0 * 3.0;
  int shift = 0;
  while (multiplier <= 32767.0 / 2.0 && shift <= 30) {
    ++shift;
    multiplier *= 2.0;
  }
  if (!(multiplier <= 32767.0)) return false;
  params->input_multiplier = static_cast<int32_t>(multiplier);
  params->input_left_shift = shift;
  return true;
}

void s16_logistic(const Sigmoid16Params& params, const Dims& input_dims, const int16_t* input,
                  const Dims& /*output_dims*/, int16_t* output) {
  const int64_t size = input_dims.flat_size();
  for (int64_t i = 0; i < size; ++i) {
    const int32_t x = scale_input(input[i], params);
    const uint32_t magnitude = absolute(x);
    const uint32_t index = magnitude >> 9;  // 7 bits of input conversion, 2 of the 3/4 scale
    uint32_t result = 0x7FFFu << 10;
    if (index < 255) {
      const uint32_t low = kSigmoidTable[index];
      const uint32_t high = kSigmoidTable[index + 1];
      result = (low << 9) + (magnitude & 0x1FF) * (high - low);
    }
    result = x >= 0 ? result + (1u << 9) : (1u << 25) - result + (1u << 9) - 1;
    output[i] = static_cast<int16_t>(result >> 10);
  }
}

void s16_tanh(const Sigmoid16Params& params, const Dims& input_dims, const int16_t* input,
              const Dims& /*output_dims*/, int16_t* output) {
  const int64_t size = input_dims.flat_size();
  for (int64_t i = 0; i < size; ++i) {
    const int32_t x = scale_input(input[i], params);
    const uint32_t magnitude = absolute(x);
    const uint32_t index = magnitude >> 8;
    int32_t result = 0xFFFF << 8;
    if (index < 255) {
      const uint32_t low = kSigmoidTable[index];
      const uint32_t high = kSigmoidTable[index + 1];
      result = static_cast<int32_t>((low << 8) + (magnitude & 0xFF) * (high - low));
    }
    result = x >= 0 ? result - (1 << 23) + (1 << 7) : -result + (1 << 23) + (1 << 7) - 1;
    output[i] = static_cast<int16_t>(result >> 8);
  }
}

}  // namespace vnpu::kernels
