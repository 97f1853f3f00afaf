// Cascading: consecutive kernel operators run interleaved in horizontal
// stripes so that the feature map between two of them never exists whole: it
// lives in a ring buffer of a few rows in the arena. The last operator's
// output is cut into stripes of `stripe_rows`; before each stripe every
// earlier operator computes just the rows the next one needs (its input
// window: stride, dilated kernel, padding). A ring holds the rows still
// needed; reads and writes that wrap around its end use the NPU's feature-map
// tiles (rows below HEIGHT0 come from tile 2, the ring's start).
//
// Used by the scheduler when the feature maps do not fit the arena-cache
// budget: cascading the largest intermediate at the peak is what lets them fit.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "compiler/schedule/kick_offs.h"

namespace vnpu::compiler {

// The row geometry of one kernel kick-off, read from its whole-operator state.
struct RowGeometry {
  int32_t in_height = 1;
  int32_t out_height = 1;
  int32_t stride = 1;
  int32_t kernel = 1;  // dilated extent
  int32_t pad_top = 0;
  uint64_t in_row_bytes = 0;   // IFM stride_y
  uint64_t out_row_bytes = 0;  // OFM stride_y
};

RowGeometry row_geometry(const isa::RegisterState& state);

// Input rows [first, last) that output rows [begin, end) read, clipped to the input.
std::pair<int32_t, int32_t> input_rows(const RowGeometry& op, int32_t begin, int32_t end);

// One kick-off of a cascade: output rows [row_begin, row_end) of operator `position`.
struct CascadeStep {
  size_t position = 0;
  int32_t row_begin = 0;
  int32_t row_end = 0;
};

// The interleaved kick-offs of a cascade of operators (ops[k+1] reads ops[k]'s output).
std::vector<CascadeStep> cascade_steps(const std::vector<RowGeometry>& ops, int32_t stripe_rows);

// Rows each intermediate ring must hold (one entry per ops[k] -> ops[k+1]).
std::vector<int32_t> ring_rows(const std::vector<RowGeometry>& ops,
                               const std::vector<CascadeStep>& steps);

// Where an operator's rows live: a whole tensor at `base`, or a ring of `ring`
// rows at `base`.
struct RowStore {
  uint64_t base = 0;
  int32_t ring = 0;  // 0: the whole tensor
};

// The kick-off computing output rows [begin, end) of `whole` (its geometry
// `op`), reading its IFM from `input` and writing its OFM to `output`. The
// whole kick-off's feature maps must be at offset 0 (as lowered).
KickOff stripe_kick_off(const KickOff& whole, const RowGeometry& op, int32_t begin, int32_t end,
                        const RowStore& input, const RowStore& output);

}  // namespace vnpu::compiler
