#include "compiler/codegen/softmax_lut.h"

#include <gemmlowp/fixedpoint/fixedpoint.h>

#include "kernels/quant_math.h"

namespace vnpu::compiler {
namespace {

constexpr int kScaledDiffIntegerBits = 5;  // TFLite's Q5.26 input of exp
using ScaledDiff = gemmlowp::FixedPoint<int32_t, kScaledDiffIntegerBits>;

}  // namespace

int32_t softmax_exp_entry(const kernels::SoftmaxParams& params, int32_t difference) {
  if (difference < params.diff_min) return 0;
  const int32_t rescaled = kernels::multiply_by_quantized_multiplier(
      difference, params.input_multiplier, params.input_left_shift);
  return gemmlowp::exp_on_negative_values(ScaledDiff::FromRaw(rescaled)).raw();
}

std::vector<uint8_t> softmax_exp_table(const kernels::SoftmaxParams& params) {
  std::vector<uint8_t> table;
  table.reserve(kSoftmaxTableBytes);
  for (int32_t i = 0; i < kSoftmaxTableEntries; ++i) {
    const auto word = static_cast<uint32_t>(softmax_exp_entry(params, i - (kSoftmaxTableEntries - 1)));
    for (int byte = 0; byte < 4; ++byte) table.push_back(static_cast<uint8_t>(word >> (8 * byte)));
  }
  return table;
}

}  // namespace vnpu::compiler
