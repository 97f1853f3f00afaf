// NumPy .npy files, format version 1.0, little-endian, C order: the format
// of model inputs, outputs and dumped intermediates.
//
// The writer reproduces numpy 1.24's header byte for byte (sorted dict keys,
// growth padding, 64-byte alignment), so a tensor we write is byte-identical
// to the same tensor saved by numpy.save.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "ir/data_type.h"
#include "ir/tensor.h"

namespace vnpu::driver {

struct NpyArray {
  ir::DataType type = ir::DataType::kInt8;
  ir::Shape shape;
  std::vector<uint8_t> data;  // element_count(shape) * element_size(type) bytes
};

// Parses .npy bytes; `source_name` prefixes error messages.
Expected<NpyArray> parse_npy(const std::vector<uint8_t>& bytes, const std::string& source_name);
Expected<NpyArray> load_npy(const std::string& path);

// Supported: int8, uint8, int16, int32, float32 (and int64, bool).
std::vector<uint8_t> serialize_npy(const NpyArray& array);
Status save_npy(const std::string& path, const NpyArray& array);

}  // namespace vnpu::driver
