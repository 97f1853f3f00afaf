// Prepare-time set-up shared by the element-wise and activation operators
// (ADD, SUB, MUL, SOFTMAX, LOGISTIC, TANH, HARD_SWISH, the ReLU family,
// QUANTIZE, DEQUANTIZE) of the CPU runtime and the compiler: shape and
// quantization checks whose messages name the operand, TFLite's multiplier
// range and the fused activation of ADD, SUB and MUL.
#pragma once

#include <cstdint>

#include "core/status.h"
#include "ir/graph.h"
#include "kernels/dims.h"
#include "kernels/quant_math.h"

namespace vnpu::kernels::prepare {

// The tensor's shape as kernel Dims; invalid_input beyond Dims::kMaxRank.
Expected<kernels::Dims> kernel_dims(const ir::Graph& graph, int32_t index, const char* role);

// invalid_input unless `output` has exactly the shape of `input`.
Status check_same_shape(const ir::Graph& graph, int32_t input, int32_t output);

// invalid_input unless the inputs broadcast (TFLite rules: right-aligned,
// equal or 1) and `output` has their broadcast shape.
Status check_broadcast_output(const ir::Graph& graph, int32_t input1, int32_t input2,
                              int32_t output);

struct TensorQuantization {
  float scale = 0.0f;
  int32_t zero_point = 0;
};

// Per-tensor scale and zero point; unsupported when absent or per-channel.
Expected<TensorQuantization> per_tensor_quantization(const ir::Graph& graph, int32_t index,
                                                     const char* role);

// unsupported unless the tensor's zero point is `zero_point` and its scale is
// within `tolerance` of `scale` (0: exactly), as TFLM requires for fixed outputs.
Status check_fixed_quantization(const ir::Graph& graph, int32_t index, const char* role,
                                float scale, int32_t zero_point, float tolerance);

// unsupported when a requantization multiplier would shift left by more than
// 31 bits (a scale ratio of 2^31 or more), where TFLM's int32 shift is undefined.
Status check_multiplier_range(const kernels::QuantizedMultiplier& multiplier, const char* what);

// Checks two int8 inputs and one int8 output, per-tensor quantized, whose
// shapes broadcast; returns the three quantizations.
struct BinaryQuantization {
  TensorQuantization input1;
  TensorQuantization input2;
  TensorQuantization output;
};
Expected<BinaryQuantization> check_s8_binary_op(const ir::Graph& graph, const ir::Operator& op);

// The same for int16 tensors, whose zero points must be 0 (the 16x8 scheme).
Expected<BinaryQuantization> check_s16_binary_op(const ir::Graph& graph, const ir::Operator& op);

// The fused activation of an ADD, SUB or MUL (kNone without options).
ir::FusedActivation elementwise_activation(const ir::Operator& op);

}  // namespace vnpu::kernels::prepare
