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
// Data-movement operators (driver/cpu/ops/data_*_ops.cc).
PrepareResult prepare_strided_slice(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_slice(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_transpose(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_reverse_v2(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_depth_to_space(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_space_to_depth(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_broadcast_to(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_expand_dims(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_pack(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_unpack(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_split(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_split_v(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_shape(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_fill(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_zeros_like(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_broadcast_args(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_cast(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_gather(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_gather_nd(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_embedding_lookup(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_dynamic_update_slice(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_space_to_batch_nd(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_batch_to_space_nd(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_mirror_pad(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_resize_nearest_neighbor(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_resize_bilinear(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});

// Stateful and control-flow operators.
PrepareResult prepare_svdf(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_unidirectional_sequence_lstm(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_if(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_while(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_call_once(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_var_handle(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_read_variable(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_assign_variable(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});

// TRANSPOSE_CONV and BATCH_MATMUL.
PrepareResult prepare_batch_matmul(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_transpose_conv(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});

// TFLM signal-library custom operators (signal_spectrum_ops.cc, signal_filter_bank_ops.cc).
PrepareResult prepare_signal_window(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_signal_fft_auto_scale(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_signal_rfft(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_signal_energy(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_signal_filter_bank(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_signal_filter_bank_square_root(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_signal_filter_bank_spectral_subtraction(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_signal_filter_bank_log(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_signal_pcan(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});

}  // namespace vnpu::driver::cpu
