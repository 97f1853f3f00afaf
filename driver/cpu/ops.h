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

PrepareResult prepare_batch_matmul(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});
PrepareResult prepare_transpose_conv(const ir::Graph& graph, const ir::Operator& op,
                             const CpuOptions& cpu_options = CpuOptions{});

}  // namespace vnpu::driver::cpu
