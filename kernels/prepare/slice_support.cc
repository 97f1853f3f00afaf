#include "kernels/prepare/slice_support.h"

#include <climits>

namespace vnpu::kernels::prepare {
namespace {

int64_t clamp64(int64_t v, int64_t lo, int64_t hi) { return v < lo ? lo : (v > hi ? hi : v); }

}  // namespace

int64_t strided_slice_start(const ir::StridedSliceOptions& options, int64_t begin, int64_t stride,
                            int32_t axis_size, int axis) {
  if (axis_size == 0) return 0;
  int64_t start = begin;
  if (options.begin_mask & (1 << axis)) start = stride > 0 ? INT_MIN : INT_MAX;
  if (start < 0) start += axis_size;
  return stride > 0 ? clamp64(start, 0, axis_size) : clamp64(start, -1, axis_size - 1);
}

int64_t strided_slice_stop(const ir::StridedSliceOptions& options, int64_t end, int64_t stride,
                           int32_t axis_size, int axis, int64_t start) {
  if (axis_size == 0) return 0;
  if (options.shrink_axis_mask & (1 << axis)) return start + 1;
  int64_t stop = options.offset ? end + start : end;
  if (options.end_mask & (1 << axis)) stop = stride > 0 ? INT_MAX : INT_MIN;
  if (stop < 0) stop += axis_size;
  return stride > 0 ? clamp64(stop, 0, axis_size) : clamp64(stop, -1, axis_size - 1);
}

}  // namespace vnpu::kernels::prepare
