// Shared prepare checks of the TFLM signal-library operators
// (signal_spectrum_ops.cc, signal_filter_bank_ops.cc).
#pragma once

#include <cstdint>

#include "core/status.h"
#include "ir/graph.h"

namespace vnpu::driver::cpu::signal {

// The custom option `key` (decoded by the reader into CustomOptions::params),
// checked to lie in [min, max]; invalid_input naming the option otherwise.
Expected<int64_t> custom_param(const ir::Operator& op, const char* key, int64_t min, int64_t max);

// Checks the tensor's type and that it has rank 1; returns its length.
Expected<int32_t> vector_length(const ir::Graph& graph, int32_t index, ir::DataType type,
                                const char* role);

// invalid_input unless the tensor has `expected` elements.
Status check_element_count(const ir::Graph& graph, int32_t index, int64_t expected,
                           const char* role);

}  // namespace vnpu::driver::cpu::signal
