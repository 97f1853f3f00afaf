// Writes the IR as a TensorFlow Lite flatbuffer (.tflite), the way the TFLite
// converter lays one out: file identifier "TFL3", schema version 3, buffer 0 the
// empty sentinel, one buffer per constant tensor (activations use buffer 0) and
// one per metadata entry, operator codes deduplicated in order of first use with
// builtin_code and deprecated_builtin_code = min(code, 127) both set, builtin
// options written back (the empty options tables of PAD, PADV2, QUANTIZE,
// DEQUANTIZE and HARD_SWISH too), custom operators with their custom code and
// option bytes. The output is a pure function of the model: byte-identical for
// equal models.
//
// The writer does not run ir::verify_model and writes indices, shapes and data
// as they are, so tests can produce deliberately inconsistent files. The only
// failure is a model too large for a flatbuffer (2 GiB).
//
// Round trip: read_tflite(write_tflite(m)) == m for every model read_tflite
// returns. The "ethos-u" operator's scratch operands, which the reader marks
// is_variable, are written without the flag, as Vela writes them.
#pragma once

#include <cstdint>
#include <vector>

#include "core/status.h"
#include "ir/graph.h"

namespace vnpu::tflite {

Expected<std::vector<uint8_t>> write_tflite(const ir::Model& model);

}  // namespace vnpu::tflite
