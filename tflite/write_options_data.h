// Internal to the TFLite writer: the builtin options of the data-movement
// operators, as TensorFlow Lite's converter writes them (an empty table for the
// operators whose table holds nothing, none for EMBEDDING_LOOKUP and
// BROADCAST_ARGS, which have no table).
#pragma once

#include <optional>

#include "tflite/write_options.h"

namespace vnpu::tflite::detail {

// The options of `op`, or nullopt when op is not a data-movement operator.
std::optional<WrittenOptions> write_data_options(flatbuffers::FlatBufferBuilder& fbb,
                                                 const ir::Operator& op);

}  // namespace vnpu::tflite::detail
