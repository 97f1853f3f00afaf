// s8_concatenation: joins int8 tensors along one axis, bit-exact with
// TensorFlow Lite Micro's reference_ops::Concatenation, which copies the
// bytes of every input unchanged (TFLite Micro does not requantize int8
// inputs, so prepare requires one quantization for all inputs and output).
#pragma once

#include <cstdint>

#include "kernels/dims.h"

namespace vnpu::kernels {

struct ConcatenationParams {
  int32_t axis = 0;         // in [0, rank)
  int32_t input_count = 0;  // entries of the input arrays below
};

// All inputs and the output have the same rank and agree on every dimension
// but `axis`; output_dims[axis] is the sum of the inputs' extents.
void s8_concatenation(const ConcatenationParams& params, const Dims* const* input_dims,
                      const int8_t* const* inputs, const Dims& output_dims, int8_t* output);

// The int16 variant: the same copy of 2-byte elements.
void s16_concatenation(const ConcatenationParams& params, const Dims* const* input_dims,
                       const int16_t* const* inputs, const Dims& output_dims, int16_t* output);

// The unquantized int32 variant (TFLM EvalUnquantized<int32_t>).
void s32_concatenation(const ConcatenationParams& params, const Dims* const* input_dims,
                       const int32_t* const* inputs, const Dims& output_dims, int32_t* output);

}  // namespace vnpu::kernels
