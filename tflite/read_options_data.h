// Internal to the TFLite reader: the builtin options readers of the data-movement
// operators (STRIDED_SLICE, PACK, SPLIT, GATHER, RESIZE_*, ...), or nullptr for
// any other type. builtin_options_reader dispatches to it.
#pragma once

#include "tflite/reader_context.h"

namespace vnpu::tflite::detail {

BuiltinOptionsReader data_options_reader(ir::OpType type);

}  // namespace vnpu::tflite::detail
