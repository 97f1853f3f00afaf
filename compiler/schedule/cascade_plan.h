// Which operators the scheduler cascades (cascade.h), and what that changes:
// the intermediates' ring sizes and the lifetimes in the arena plan, and the
// interleaved kick-offs of a cascade.
//
// A pair of consecutive kick-off operators of one segment may be cascaded when
// the first's output is read only by the second (as its IFM), is not an
// output of the graph or the segment, and both run as one kick-off of a
// convolution, depthwise convolution or pooling without a lookup table.
// Cascades chain: a pair next to an existing cascade extends it.
#pragma once

#include <cstdint>
#include <vector>

#include "compiler/schedule/arena_plan.h"
#include "compiler/schedule/cascade.h"
#include "compiler/schedule/npu_segments.h"
#include "compiler/schedule/op_lowering.h"
#include "ir/graph.h"

namespace vnpu::compiler {

struct CascadeGroup {
  std::vector<int32_t> ops;            // consecutive operator indices, at least two
  std::vector<int32_t> intermediates;  // the tensor between ops[k] and ops[k+1]
  std::vector<RowGeometry> geometry;   // per operator
  std::vector<CascadeStep> steps;      // the interleaved kick-offs
  std::vector<int32_t> ring_rows;      // per intermediate
};

// Cascades the largest eligible intermediate among the feature maps live at the
// peak of the plan (with the current cascades); false when there is none.
bool cascade_at_peak(const ir::Graph& graph, const std::vector<AliasPair>& aliases,
                     const std::vector<NpuSegment>& segments, std::vector<OpLowering>* lowerings,
                     std::vector<CascadeGroup>* cascades);

// Ring sizes of the intermediates and the lifetimes the interleaving needs.
ArenaAdjustments cascade_adjustments(const ir::Graph& graph,
                                     const std::vector<CascadeGroup>& cascades);

}  // namespace vnpu::compiler
