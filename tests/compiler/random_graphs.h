// Random int8 graphs for the whole-graph compile test: 1-4 operators chained
// from a graph input (CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED,
// MAX_POOL_2D, AVERAGE_POOL_2D), and ADD/SUB/MUL joining the chain with an
// earlier tensor (a residual), with a parallel branch from an earlier tensor,
// or with a second graph input of the same or a broadcast shape. Shapes,
// strides, dilations, paddings, zero points, per-channel scales and fused
// activations are random, kept where the TFLite int8 reference kernels accept
// them; one case in six has feature maps of tens of kilobytes (many NPU
// blocks, weights worth slicing). The same seed gives the same graph on every
// machine (SplitMix64, core/deterministic_rng.h).
#pragma once

#include <cstdint>
#include <string>

#include "ir/graph.h"

namespace vnpu::compiler::testing {

struct RandomGraph {
  ir::Model model;
  // One line: the input and each operator, e.g. "in0 1x12x9x5 zp 3 | t1 = conv 3x3 s2x1 d1x2
  // SAME in0 ->1x6x9x16 per-channel RELU6 | t2 = t1[1x6x9x16] + in1[1x1x1x16] (broadcast) NONE".
  std::string description;
  int32_t operator_count = 0;
};

RandomGraph random_graph(uint64_t seed);

}  // namespace vnpu::compiler::testing
