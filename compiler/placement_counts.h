// Where a compiled model's operators run, counted from the model itself, so
// that ours and Vela's compiled .tflite are counted the same way: each
// `ethos-u` custom operator is one NPU command stream, every other operator is
// left for the CPU. bench and tests compare our placement with Vela's by it.
#pragma once

#include <cstddef>
#include <map>
#include <string>

#include "ir/graph.h"

namespace vnpu::compiler {

struct PlacementCounts {
  size_t ethos_u_operators = 0;
  size_t cpu_operators = 0;
  std::map<std::string, size_t> cpu_operator_types;  // TFLite type name (custom code) -> count
};

PlacementCounts count_placement(const ir::Graph& compiled);

// "QUANTIZE x2, SOFTMAX x1", or "-" when there are none.
std::string cpu_operator_types_text(const PlacementCounts& counts);

}  // namespace vnpu::compiler
