#include "kernels/mul.h"

#include "kernels/broadcast.h"

namespace vnpu::kernels {

MulParams make_s8_mul_params(float input1_scale, int32_t input1_zero_point, float input2_scale,
                             int32_t input2_zero_point, float output_scale,
                             int32_t output_zero_point) {
  MulParams params;
  params.input1_offset = -input1_zero_point;
  params.input2_offset = -input2_zero_point;
  params.output_offset = output_zero_point;
  const double real_multiplier = static_cast<double>(input1_scale) *
                                 static_cast<double>(input2_scale) /
                                 static_cast<double>(output_scale);
  params.output_multiplier = quantize_multiplier(real_multiplier);
  return params;
}

namespace {

template <typename T>
void mul(const MulParams& params, const Dims& input1_dims, const T* input1,
         const Dims& input2_dims, const T* input2, const Dims& output_dims, T* output) {
  const BroadcastWalk walk = make_broadcast_walk(input1_dims, input2_dims, output_dims);
  for_each_broadcast(walk, [&](int64_t i1, int64_t i2, int64_t o) {
    const int32_t value1 = params.input1_offset + input1[i1];
    const int32_t value2 = params.input2_offset + input2[i2];
    const int32_t result =
        params.output_offset +
        multiply_by_quantized_multiplier(value1 * value2, params.output_multiplier);
    output[o] = static_cast<T>(clamp_to(result, params.activation_min, params.activation_max));
  });
}

}  // namespace

void s8_mul(const MulParams& params, const Dims& input1_dims, const int8_t* input1,
            const Dims& input2_dims, const int8_t* input2, const Dims& output_dims,
            int8_t* output) {
  mul(params, input1_dims, input1, input2_dims, input2, output_dims, output);
}

void s16_mul(const MulParams& params, const Dims& input1_dims, const int16_t* input1,
             const Dims& input2_dims, const int16_t* input2, const Dims& output_dims,
             int16_t* output) {
  mul(params, input1_dims, input1, input2_dims, input2, output_dims, output);
}

}  // namespace vnpu::kernels
