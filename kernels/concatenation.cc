#include "kernels/concatenation.h"

#include <cstring>

namespace vnpu::kernels {

namespace {

template <typename T>
void concatenation(const ConcatenationParams& params, const Dims* const* input_dims,
                   const T* const* inputs, const Dims& output_dims, T* output) {
  int64_t outer_size = 1;
  for (int i = 0; i < params.axis; ++i) outer_size *= output_dims[i];
  int64_t inner_size = 1;
  for (int i = params.axis + 1; i < output_dims.rank(); ++i) inner_size *= output_dims[i];

  T* out = output;
  for (int64_t k = 0; k < outer_size; ++k) {
    for (int32_t i = 0; i < params.input_count; ++i) {
      const int64_t copy_size = (*input_dims[i])[params.axis] * inner_size;
      if (copy_size > 0) {
        std::memcpy(out, inputs[i] + k * copy_size, static_cast<size_t>(copy_size) * sizeof(T));
      }
      out += copy_size;
    }
  }
}

}  // namespace

void s8_concatenation(const ConcatenationParams& params, const Dims* const* input_dims,
                      const int8_t* const* inputs, const Dims& output_dims, int8_t* output) {
  concatenation(params, input_dims, inputs, output_dims, output);
}

void s16_concatenation(const ConcatenationParams& params, const Dims* const* input_dims,
                       const int16_t* const* inputs, const Dims& output_dims, int16_t* output) {
  concatenation(params, input_dims, inputs, output_dims, output);
}

void s32_concatenation(const ConcatenationParams& params, const Dims* const* input_dims,
                       const int32_t* const* inputs, const Dims& output_dims, int32_t* output) {
  concatenation(params, input_dims, inputs, output_dims, output);
}

}  // namespace vnpu::kernels
