// TensorFlow Lite's STRIDED_SLICE index resolution (StartForAxis/StopForAxis of
// strided_slice_logic.h), shared by the CPU runtime's prepare
// (driver/cpu/ops/data_slice_ops.cc) and the compiler's lowering of a slice
// to a sub-box copy (compiler/codegen/lower_slice.cc).
#pragma once

#include <cstdint>

#include "ir/operator.h"

namespace vnpu::kernels::prepare {

// The first index visited along `axis` (begin_mask and negative indices
// resolved, clamped to the axis).
int64_t strided_slice_start(const ir::StridedSliceOptions& options, int64_t begin, int64_t stride,
                            int32_t axis_size, int axis);

// One past the last index along `axis`: end_mask, shrink_axis_mask (start + 1)
// and the `offset` option (end counted from start) resolved, clamped.
int64_t strided_slice_stop(const ir::StridedSliceOptions& options, int64_t end, int64_t stride,
                           int32_t axis_size, int axis, int64_t start);

}  // namespace vnpu::kernels::prepare
