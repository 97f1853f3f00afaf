// Constrained-random single-operator int8 graphs for `vnpu verify --random`:
// one operator of the kinds the compiler lowers to the NPU (CONV_2D,
// DEPTHWISE_CONV_2D, FULLY_CONNECTED, MAX_POOL_2D, AVERAGE_POOL_2D, ADD, SUB,
// MUL with same-shape or broadcast operands, MAXIMUM, MINIMUM, LOGISTIC and
// TANH through the lookup table, SOFTMAX's chain), with random shapes,
// strides, paddings, zero points, scales and fused activations kept where the
// TFLite int8 reference kernels and the NPU lowering accept them. The same
// (seed, index) gives the same graph on every machine.
#pragma once

#include <cstdint>
#include <string>

#include "ir/graph.h"

namespace vnpu::verify {

struct RandomOperation {
  ir::Model model;
  std::string description;  // "CONV_2D 1x9x7x5 -> 1x5x4x12 3x2 s2x2 SAME RELU"
};

RandomOperation random_operation(uint64_t seed, uint32_t index);

}  // namespace vnpu::verify
