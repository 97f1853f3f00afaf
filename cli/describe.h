// Human-readable one-line descriptions of IR pieces for CLI reports.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ir/graph.h"

namespace vnpu::cli {

// "k10x4 s2x2 d1x1 SAME RELU" and the like; empty for ops without options.
std::string describe_options(const ir::Graph& graph, const ir::Operator& op);

// "scale 0.5847 zp 83", "per-channel axis 0: 64 scales 0.0012..0.0051", or "-".
std::string describe_quantization(const ir::Quantization& quantization);

// The first `max_values` elements of a tensor's little-endian bytes, as numbers
// separated by spaces ("-3 17 ...", "0.25 -1.5", "true false"), with " ..."
// when there are more.
std::string preview_elements(ir::DataType type, const std::vector<uint8_t>& bytes,
                             size_t max_values = 16);

// Width of a table's operator-name column: 18, or the graph's longest operator
// name (SignalFilterBankSpectralSubtraction), so the columns after it stay aligned.
int operator_column_width(const ir::Graph& graph);

// 1234567 -> "1,234,567".
std::string with_thousands(int64_t value);

}  // namespace vnpu::cli
