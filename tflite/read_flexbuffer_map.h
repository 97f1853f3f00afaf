// Decodes the custom options of a TFLM signal-library operator: a flexbuffer
// map whose integer and bool entries are the operator's parameters.
//
// flatbuffers' own flexbuffers.h (libflatbuffers-dev, already the reader's
// dependency) does the decoding; its verifier checks every offset, width and
// type of the buffer first, so a malformed buffer gives an error, never a read
// outside it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

#include "core/status.h"

namespace vnpu::tflite {

// The map's integer, unsigned and bool entries by key (bools as 0 or 1); other
// entries (strings, vectors, floats) are left out. Fails, naming `where`, when
// the bytes are not a valid flexbuffer, the root is not a map, or an unsigned
// value exceeds int64.
Expected<std::map<std::string, int64_t>> read_flexbuffer_int_map(const uint8_t* data, size_t size,
                                                                 const std::string& where);

}  // namespace vnpu::tflite
