// The graph passes, in the order the pipeline runs them. Each pass lives in
// its own file, rewrites the graph in place and must leave it computing
// byte-identical outputs on the CPU reference runtime (the tests check this).
#pragma once

#include "compiler/options/compiler_options.h"
#include "core/status.h"
#include "ir/graph.h"

namespace vnpu::compiler {

// Replaces SHAPE by the constant shape it outputs.
Status fold_shapes(ir::Graph& graph, const CompilerOptions& options);
// Rewrites an integer UNIDIRECTIONAL_SEQUENCE_LSTM as its time steps (fully
// connected, elementwise and lookup operators) where the NPU runs all of them.
Status unroll_lstm(ir::Graph& graph, const CompilerOptions& options);
// Folds a standalone RELU/RELU6/RELU_N1_TO_1 into the fused-activation field of its producer.
Status fuse_activations(ir::Graph& graph, const CompilerOptions& options);

// Removes an explicit PAD (or PADV2) feeding a VALID convolution or pool when the
// consumer with SAME padding computes the same.
Status fold_pad_into_convolution(ir::Graph& graph, const CompilerOptions& options);

// Rewrites FULLY_CONNECTED as a 1x1 CONV_2D between two reshapes where the NPU runs it.
Status convert_fully_connected_to_conv(ir::Graph& graph, const CompilerOptions& options);

// Rewrites DEPTHWISE_CONV_2D over one input channel with depth multiplier M as a
// CONV_2D with M single-channel filters.
Status convert_depthwise_multiplier_to_conv(ir::Graph& graph, const CompilerOptions& options);

// Rewrites a grouped CONV_2D as one CONV_2D per group between SLICEs of the
// input's channels and a CONCATENATION, where the NPU runs them.
Status split_grouped_convolutions(ir::Graph& graph, const CompilerOptions& options);
// Rewrites PRELU as MAXIMUM (or MINIMUM) of a QUANTIZE and a MUL where that is exact
// for every input and alpha value and the NPU runs all three.
Status decompose_prelu(ir::Graph& graph, const CompilerOptions& options);

// Rewrites a TRANSPOSE_CONV whose strides the NPU's 2x upscale cannot take as zero
// insertion (CONCATENATION with zero-point images, BATCH_TO_SPACE_ND), a PAD and a
// stride-1 CONV_2D with the filter turned, where the NPU runs all four.
Status convert_transpose_conv_strides(ir::Graph& graph, const CompilerOptions& options);

// Rewrites a convolution or pool over a batch of N > 1 images as N per-image
// copies between a SLICE per image and a CONCATENATION, where the NPU runs them.
Status split_batches(ir::Graph& graph, const CompilerOptions& options);

// Rewrites MEAN over height and width as AVERAGE_POOL_2D where the result is identical.
Status lower_mean_to_average_pool(ir::Graph& graph, const CompilerOptions& options);

// Rewrites SPLIT, SPLIT_V and UNPACK as one SLICE per output where the NPU runs every slice.
Status convert_splits_to_slices(ir::Graph& graph, const CompilerOptions& options);

// Removes RESHAPE/SQUEEZE/EXPAND_DIMS whose readers can read the input buffer directly.
Status remove_reshapes(ir::Graph& graph, const CompilerOptions& options);

}  // namespace vnpu::compiler
