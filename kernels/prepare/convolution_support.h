// Operand checks and the per-channel multiplier set-up shared by CONV_2D and
// DEPTHWISE_CONV_2D (CPU runtime and compiler), which differ only
// in the filter axis that holds the output channels (0 for CONV_2D's
// [Cout,KH,KW,Cin], 3 for DEPTHWISE_CONV_2D's [1,KH,KW,C*M]).
#pragma once

#include <vector>

#include "core/status.h"
#include "ir/graph.h"
#include "kernels/quant_math.h"

namespace vnpu::kernels::prepare {

// Operand counts, int8 filter and int8 input/output (or int16 with zero point
// 0: the 16x8 scheme) of rank 4, constant filter, per-tensor input and output
// quantization, optional constant bias with one value per output channel:
// int32, or with int16 activations int32 or int64.
Status check_convolution_operands(const ir::Graph& graph, const ir::Operator& op,
                                  int channel_axis);

// int16 activations (the 16x8 scheme): input 0 and output 0 must have zero point 0.
Status check_16x8_zero_points(const ir::Graph& graph, const ir::Operator& op);

// TFLite's requantization of an int64 accumulator takes shifts below 8 only
// (a scale ratio below 2^7); unsupported otherwise.
Status check_64bit_requantization(const std::vector<kernels::QuantizedMultiplier>& multipliers);

// Filter scales: one, or one per output channel along `channel_axis`; zero
// points 0 (TFLM's per-channel kernels ignore them, so a non-zero one would be
// silently wrong).
Status check_convolution_filter_quantization(const ir::Graph& graph, int32_t filter,
                                             int channel_axis);

// TFLM's real requantization ratio of one output channel, as
// PopulateConvolutionQuantizationParams computes it for CONV_2D,
// DEPTHWISE_CONV_2D and per-channel FULLY_CONNECTED:
// double(input_scale) * double(filter_scale) / double(output_scale).
double per_channel_scale_ratio(float input_scale, float filter_scale, float output_scale);

// FULLY_CONNECTED with per-tensor weights (TFLM GetQuantizedConvolutionMultipler):
// the scale product in float, then widened: double(input_scale * filter_scale) /
// double(output_scale).
double per_tensor_fully_connected_scale_ratio(float input_scale, float filter_scale,
                                              float output_scale);

// One requantization multiplier per output channel, as TFLM's
// PopulateConvolutionQuantizationParams computes it (per_channel_scale_ratio). A ratio
// of 2^31 or more (TFLite's left shift would be undefined) is unsupported.
Expected<std::vector<kernels::QuantizedMultiplier>> per_channel_multipliers(
    const ir::Graph& graph, const ir::Operator& op, int channel_axis);

}  // namespace vnpu::kernels::prepare
