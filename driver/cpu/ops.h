// Prepare functions of every CPU operator (see cpu_op.h for the contract).
// One file per op family under driver/cpu/ops/.
#pragma once

#include "driver/cpu/cpu_op.h"

namespace vnpu::driver::cpu {


PrepareResult prepare_conv2d(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_depthwise_conv2d(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_fully_connected(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_average_pool2d(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_max_pool2d(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_mean(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_pad(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});  // PAD and PADV2
PrepareResult prepare_concatenation(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_reshape(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});  // RESHAPE, SQUEEZE

PrepareResult prepare_add(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_sub(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_mul(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_softmax(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_logistic(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_tanh(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_hard_swish(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_relu(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});  // RELU, RELU6, RELU_N1_TO_1
PrepareResult prepare_leaky_relu(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_quantize(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_dequantize(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});

// Element-wise, comparison, selection and reduction operators (CpuOptions unused).
PrepareResult prepare_abs(const ir::Graph& graph, const ir::Operator& op, const CpuOptions&);
PrepareResult prepare_rsqrt(const ir::Graph& graph, const ir::Operator& op, const CpuOptions&);
PrepareResult prepare_maximum(const ir::Graph& graph, const ir::Operator& op, const CpuOptions&);
PrepareResult prepare_minimum(const ir::Graph& graph, const ir::Operator& op, const CpuOptions&);
PrepareResult prepare_equal(const ir::Graph& graph, const ir::Operator& op, const CpuOptions&);
PrepareResult prepare_not_equal(const ir::Graph& graph, const ir::Operator& op,
                                const CpuOptions&);
PrepareResult prepare_greater(const ir::Graph& graph, const ir::Operator& op, const CpuOptions&);
PrepareResult prepare_greater_equal(const ir::Graph& graph, const ir::Operator& op,
                                    const CpuOptions&);
PrepareResult prepare_less(const ir::Graph& graph, const ir::Operator& op, const CpuOptions&);
PrepareResult prepare_less_equal(const ir::Graph& graph, const ir::Operator& op,
                                 const CpuOptions&);
PrepareResult prepare_select(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions&);  // SELECT and SELECT_V2
PrepareResult prepare_sum(const ir::Graph& graph, const ir::Operator& op, const CpuOptions&);
PrepareResult prepare_reduce_max(const ir::Graph& graph, const ir::Operator& op,
                                 const CpuOptions&);
PrepareResult prepare_reduce_min(const ir::Graph& graph, const ir::Operator& op,
                                 const CpuOptions&);
PrepareResult prepare_arg_max(const ir::Graph& graph, const ir::Operator& op, const CpuOptions&);
PrepareResult prepare_arg_min(const ir::Graph& graph, const ir::Operator& op, const CpuOptions&);
PrepareResult prepare_prelu(const ir::Graph& graph, const ir::Operator& op, const CpuOptions&);
PrepareResult prepare_squared_difference(const ir::Graph& graph, const ir::Operator& op,
                                         const CpuOptions&);
PrepareResult prepare_div(const ir::Graph& graph, const ir::Operator& op, const CpuOptions&);
PrepareResult prepare_add_n(const ir::Graph& graph, const ir::Operator& op, const CpuOptions&);
PrepareResult prepare_elu(const ir::Graph& graph, const ir::Operator& op, const CpuOptions&);
PrepareResult prepare_l2_normalization(const ir::Graph& graph, const ir::Operator& op,
                                       const CpuOptions&);
PrepareResult prepare_log_softmax(const ir::Graph& graph, const ir::Operator& op,
                                  const CpuOptions&);
PrepareResult prepare_cumsum(const ir::Graph& graph, const ir::Operator& op, const CpuOptions&);
// CEIL, FLOOR, ROUND, COS, SIN, LOG, SQRT, SQUARE, EXP, NEG (float32).
PrepareResult prepare_float_unary(const ir::Graph& graph, const ir::Operator& op,
                                  const CpuOptions&);
PrepareResult prepare_floor_div_mod(const ir::Graph& graph, const ir::Operator& op,
                                    const CpuOptions&);  // FLOOR_DIV, FLOOR_MOD (float32)
PrepareResult prepare_logical(const ir::Graph& graph, const ir::Operator& op,
                              const CpuOptions&);  // LOGICAL_AND, LOGICAL_OR, LOGICAL_NOT

}  // namespace vnpu::driver::cpu
