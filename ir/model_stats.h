// Static cost figures of a graph: multiply-accumulates per operator and
// parameter bytes, as `vnpu inspect` and `vnpu run` report them. Formulas:
//   CONV_2D            MACs = N * OH * OW * OC * KH * KW * IC
//   DEPTHWISE_CONV_2D  MACs = N * OH * OW * OC * KH * KW       (one input channel per output)
//   FULLY_CONNECTED    MACs = batches * OUT * IN
//   MUL                MACs = output elements
// Pooling, MEAN and element-wise additions do no multiply-accumulates with
// weights and count 0.
#pragma once

#include <cstdint>

#include "ir/graph.h"

namespace vnpu::ir {

int64_t mac_count(const Graph& graph, const Operator& op);

struct ParameterBytes {
  int64_t stored_bytes = 0;   // bytes of every constant tensor as stored (int8 weights, int32 bias, ...)
  int64_t float32_bytes = 0;  // the same elements as float32
  int64_t elements = 0;
};

ParameterBytes parameter_bytes(const Graph& graph);

}  // namespace vnpu::ir
