// The prepare-time set-up of TFLite Micro's int8 one-input activations
// (RELU, RELU_N1_TO_1, RELU6, LEAKY_RELU, LOGISTIC, TANH, HARD_SWISH) and of
// integer requantization (QUANTIZE): operand and quantization checks whose
// messages name the operand, then the kernel's params. The CPU runtime wraps
// the params in a CpuOp; the compiler runs the kernels on the 256 int8 inputs
// to fill a lookup table. Each function mirrors the TFLM Prepare its kernel
// header names.
#pragma once

#include "core/status.h"
#include "ir/graph.h"
#include "kernels/activations.h"
#include "kernels/hard_swish.h"
#include "kernels/logistic.h"
#include "kernels/prepare/elementwise_support.h"
#include "kernels/quantize.h"
#include "kernels/sigmoid_s16.h"

namespace vnpu::kernels::prepare {

struct UnaryQuantization {
  TensorQuantization input;
  TensorQuantization output;
};

// One input and one output of `type` and the same shape, both per-tensor quantized.
Expected<UnaryQuantization> check_unary_op(const ir::Graph& graph, const ir::Operator& op,
                                           ir::DataType type);

// One int8 input, one int8 output of the same shape, both per-tensor quantized.
Expected<UnaryQuantization> check_s8_unary_op(const ir::Graph& graph, const ir::Operator& op);

// RELU and RELU_N1_TO_1 (s8_relu, s8_relu_n1_to_1).
Expected<kernels::ReluParams> s8_relu_params(const ir::Graph& graph, const ir::Operator& op);

// RELU6 (s8_relu6): unsupported unless input and output quantization match.
Expected<kernels::Relu6Params> s8_relu6_params(const ir::Graph& graph, const ir::Operator& op);

// LEAKY_RELU (s8_leaky_relu).
Expected<kernels::LeakyReluParams> s8_leaky_relu_params(const ir::Graph& graph,
                                                        const ir::Operator& op);

// The int16 RELU, RELU6 and LEAKY_RELU (s16_relu, s16_relu6, s16_leaky_relu).
Expected<kernels::ReluParams> s16_relu_params(const ir::Graph& graph, const ir::Operator& op);
Expected<kernels::Relu6Params> s16_relu6_params(const ir::Graph& graph, const ir::Operator& op);
Expected<kernels::LeakyReluParams> s16_leaky_relu_params(const ir::Graph& graph,
                                                         const ir::Operator& op);

// LOGISTIC (s8_logistic): output scale 1/256, zero point -128.
Expected<kernels::SigmoidLikeParams> s8_logistic_params(const ir::Graph& graph,
                                                        const ir::Operator& op);

// TANH (s8_tanh): output scale 1/128, zero point 0.
Expected<kernels::SigmoidLikeParams> s8_tanh_params(const ir::Graph& graph, const ir::Operator& op);

// The int16 LOGISTIC and TANH (s16_logistic, s16_tanh): zero points 0, output
// scale 2^-15 (TFLM's CheckedLog2 test), an input scale TFLM can rescale.
Expected<kernels::Sigmoid16Params> s16_sigmoid_like_params(const ir::Graph& graph,
                                                           const ir::Operator& op);

// HARD_SWISH (s8_hard_swish).
Expected<kernels::HardSwishParams> s8_hard_swish_params(const ir::Graph& graph,
                                                        const ir::Operator& op);

// Integer QUANTIZE (requantize): per-tensor input and output quantization and
// a multiplier TFLM can apply. The operand types are the caller's to check.
Expected<kernels::RequantizeParams> requantize_params(const ir::Graph& graph,
                                                      const ir::Operator& op);

}  // namespace vnpu::kernels::prepare
