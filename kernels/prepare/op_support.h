// TensorFlow Lite's prepare-time arithmetic and operand checks, shared by the
// CPU runtime's prepare functions and the compiler's lowering (one source for
// each fact): operand checks with messages that name the operand, TFLite's
// activation ranges, output sizes and padding.
#pragma once

#include <cstdint>
#include <string>

#include "core/status.h"
#include "ir/graph.h"

namespace vnpu::kernels::prepare {

// Checks min_inputs <= inputs <= max_inputs and the exact output count.
Status check_operand_counts(const ir::Operator& op, size_t min_inputs, size_t max_inputs,
                            size_t outputs);

// Checks that operand `index` (a tensor index, not kNoTensor) has `type`.
// `role` names it in the message ("input", "filter", "bias", "output").
Status check_type(const ir::Graph& graph, int32_t index, ir::DataType type, const char* role);

// Checks that the tensor is quantized per tensor (one scale).
Status check_per_tensor_quantized(const ir::Graph& graph, int32_t index, const char* role);

// Checks the tensor has rank `rank`.
Status check_rank(const ir::Graph& graph, int32_t index, size_t rank, const char* role);

// Checks the tensor holds constant data.
Status check_constant(const ir::Graph& graph, int32_t index, const char* role);

// "'name' [1,2,3] int8".
std::string describe_tensor(const ir::Graph& graph, int32_t index);

struct ActivationRange {
  int32_t min = 0;
  int32_t max = 0;
};

// TFLite CalculateActivationRangeQuantized for an output of `type` (int8, uint8, int16).
ActivationRange quantized_activation_range(ir::FusedActivation activation, ir::DataType type,
                                           float output_scale, int32_t output_zero_point);

// TFLite ComputeOutSize and ComputePadding (the top/left amount).
int32_t compute_out_size(ir::Padding padding, int32_t in_size, int32_t filter_size,
                         int32_t stride, int32_t dilation);
int32_t compute_padding(int32_t stride, int32_t dilation, int32_t in_size, int32_t filter_size,
                        int32_t out_size);

}  // namespace vnpu::kernels::prepare
