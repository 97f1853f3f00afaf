// Element types of IR tensors and their sizes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace vnpu::ir {

enum class DataType : uint8_t {
  kInt8,
  kUInt8,
  kInt16,
  kInt32,
  kInt64,
  kUInt32,  // the signal-library operators' energies and filter-bank sums
  kUInt64,
  kFloat32,
  kBool,
  kResource,  // a resource variable's handle (TFLM stores an int32 id)
};

// Bytes per element.
size_t element_size(DataType type);

// "int8", "uint8", ... as numpy and TensorFlow spell them.
const char* data_type_name(DataType type);

}  // namespace vnpu::ir
