// What feeds one output element of a layer, for the first-mismatch report of
// `vnpu verify`: the IFM window of a convolution, depthwise convolution or
// pool (with the bias), the input row of a fully connected layer, the operand
// pair of an elementwise operator (broadcast resolved), otherwise the inputs'
// elements at the same position. Values are the stored integers.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "ir/graph.h"

namespace vnpu::verify {

// (n, h, w, c) of element `flat` of a tensor of `shape`: rank 4 as is, rank 3
// as (1, h, w, c), rank 2 as (n, 1, 1, c), rank 1 as (1, 1, 1, c).
std::array<int64_t, 4> nhwc_coordinate(const ir::Shape& shape, int64_t flat);

// Element `index` of a tensor's bytes as a signed or unsigned integer.
int64_t element_value(ir::DataType type, const std::vector<uint8_t>& bytes, int64_t index);

// `tensors[i]`: the bytes of tensor i in the reference run (constants included).
std::vector<std::string> contributing_inputs(const ir::Graph& graph, const ir::Operator& op,
                                             const std::vector<std::vector<uint8_t>>& tensors,
                                             const std::array<int64_t, 4>& coordinate);

}  // namespace vnpu::verify
