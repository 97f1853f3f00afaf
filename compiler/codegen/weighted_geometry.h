// The geometry of a weighted kick-off (compiler/codegen/lower_op.cc): what a
// CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED, TRANSPOSE_CONV or MEAN asks of
// the NPU's kernel registers (sizes, strides, dilations, padding, upscaling),
// derived from the operator as TFLite's prepare functions derive it.
#pragma once

#include <cstdint>
#include <vector>

#include "core/status.h"
#include "ir/graph.h"
#include "isa/register_state.h"

namespace vnpu::compiler::detail {

// What the kick-off needs from the operator, in NPU terms.
struct ConvGeometry {
  int32_t in_h = 1, in_w = 1, in_c = 1;
  int32_t out_h = 1, out_w = 1, out_c = 1;
  int32_t kh = 1, kw = 1, stride_y = 1, stride_x = 1, dilation_y = 1, dilation_x = 1;
  int32_t pad_top = 0, pad_left = 0, pad_bottom = 0, pad_right = 0;
  bool depthwise = false;
  bool fully_connected = false;
  bool transposed = false;  // TRANSPOSE_CONV: the filter is rotated by 180 degrees
  // A dilation above the NPU's 2, spread into the kernel: the filter's taps
  // sit every spread rows/columns of a kh x kw kernel with zeros between
  // (which add nothing to the sum), run with dilation 1.
  int32_t spread_y = 1;
  int32_t spread_x = 1;
  isa::UpscaleMode upscale = isa::UpscaleMode::kNone;
  ir::FusedActivation activation = ir::FusedActivation::kNone;
};

// Where a weighted operator lists its operands (kNoTensor when absent).
struct Operands {
  int32_t ifm = ir::kNoTensor;
  int32_t filter = ir::kNoTensor;
  int32_t bias = ir::kNoTensor;
};

inline Operands operands_of(const ir::Operator& op) {
  auto at = [&](size_t i) { return i < op.inputs.size() ? op.inputs[i] : ir::kNoTensor; };
  if (op.type == ir::OpType::kTransposeConv) return {at(2), at(1), at(3)};
  return {at(0), at(1), at(2)};
}

// The geometry of a CONV_2D, DEPTHWISE_CONV_2D (multiplier 1), FULLY_CONNECTED
// or TRANSPOSE_CONV (a stride-1 convolution over the input upscaled by 2 with
// zeros, the filter turned, padded kernel - 1 - TFLite's pad before), with
// dilations above 2 spread into the kernel; unsupported naming what the NPU
// cannot run, invalid_input for a malformed operator.
Expected<ConvGeometry> conv_geometry(const ir::Graph& graph, const ir::Operator& op);

// MEAN as TFLite computes it (kernels/mean.h): (sum - input zero point x n)
// requantized by input scale / output scale with 1/n folded into the
// multiplier, plus the output zero point. On the NPU that is a DEPTHWISE
// kernel of ones over the reduced window (the IFM zero point subtracted from
// every element), no bias, and the folded multiplier in DBL rounding.
// check_mean_types: operand counts, int8/int16 alike, constant axes.
Status check_mean_types(const ir::Graph& graph, const ir::Operator& op);
// The window: a [1,H,W,C] input over height and/or width as it is, any other
// whose reduced axes are contiguous as [1, before, reduced, after] over the width.
Expected<ConvGeometry> mean_geometry(const ir::Graph& graph, const ir::Operator& op);

}  // namespace vnpu::compiler::detail
