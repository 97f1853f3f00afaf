// Internal to the TFLite writer: options tables of the stateful and
// control-flow operators (see read_options_state.h).
#pragma once

#include <optional>

#include "tflite/write_options.h"

namespace vnpu::tflite::detail {

// The options table of `op` when it is one of these operators, nullopt otherwise.
std::optional<WrittenOptions> write_state_options(flatbuffers::FlatBufferBuilder& fbb,
                                                  const ir::Operator& op);

}  // namespace vnpu::tflite::detail
