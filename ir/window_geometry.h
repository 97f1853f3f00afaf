// The geometry of a sliding window (CONV_2D, DEPTHWISE_CONV_2D, AVERAGE_POOL_2D,
// MAX_POOL_2D) along one spatial axis, in 64-bit arithmetic so that no value a
// file declares can overflow it.
#pragma once

#include <cstdint>

#include "core/status.h"
#include "ir/graph.h"

namespace vnpu::ir {

// (filter - 1) * dilation + 1: the input rows (or columns) one output reads.
int64_t effective_filter_extent(int32_t filter_size, int32_t dilation);

// Rejects a window whose index arithmetic does not fit int32: the effective
// filter extent plus the input extent must stay within INT32_MAX. Then every
// input index a kernel forms (out * stride - pad + tap * dilation), every
// padding and every output size fits int32. `axis` ("height", "width") and
// `value_name` ("dilation", "filter") name the axis and the option for the message.
Status check_window_axis(const char* axis, const char* value_name, int32_t value,
                         int32_t input_size, int32_t filter_size, int32_t dilation);

// The check above for both axes of a window operator; for TRANSPOSE_CONV, that
// (input - 1) * stride + filter fits int32 on both axes (others: ok). Operands of
// the wrong rank, absent options and strides, dilations or filter sizes below 1
// are left to the operator's prepare, which names them.
Status check_window_geometry(const Graph& graph, const Operator& op);

}  // namespace vnpu::ir
