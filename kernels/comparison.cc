#include "kernels/comparison.h"

namespace vnpu::kernels {

ComparisonRescale make_comparison_rescale(float input1_scale, int32_t input1_zero_point,
                                          float input2_scale, int32_t input2_zero_point) {
  ComparisonRescale params;
  params.input1_offset = -input1_zero_point;
  params.input2_offset = -input2_zero_point;
  params.input1_multiplier = quantize_multiplier(static_cast<double>(input1_scale));
  params.input2_multiplier = quantize_multiplier(static_cast<double>(input2_scale));
  return params;
}

void s8_compare(Comparison kind, const ComparisonRescale& params, const Dims& input1_dims,
                const int8_t* input1, const Dims& input2_dims, const int8_t* input2,
                const Dims& output_dims, bool* output) {
  const BroadcastWalk walk = make_broadcast_walk(input1_dims, input2_dims, output_dims);
  const int32_t scale = 1 << params.left_shift;
  for_each_broadcast(walk, [&](int64_t i1, int64_t i2, int64_t o) {
    const int32_t shifted1 = (params.input1_offset + input1[i1]) * scale;
    const int32_t shifted2 = (params.input2_offset + input2[i2]) * scale;
    output[o] = compare(kind, multiply_by_quantized_multiplier(shifted1, params.input1_multiplier),
                        multiply_by_quantized_multiplier(shifted2, params.input2_multiplier));
  });
}

}  // namespace vnpu::kernels
