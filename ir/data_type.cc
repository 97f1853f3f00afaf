#include "ir/data_type.h"

namespace vnpu::ir {

size_t element_size(DataType type) {
  switch (type) {
    case DataType::kInt8:
    case DataType::kUInt8:
    case DataType::kBool:
      return 1;
    case DataType::kInt16:
      return 2;
    case DataType::kInt32:
    case DataType::kUInt32:
    case DataType::kFloat32:
    case DataType::kResource:
      return 4;
    case DataType::kInt64:
    case DataType::kUInt64:
      return 8;
  }
  return 0;
}

const char* data_type_name(DataType type) {
  switch (type) {
    case DataType::kInt8:
      return "int8";
    case DataType::kUInt8:
      return "uint8";
    case DataType::kInt16:
      return "int16";
    case DataType::kInt32:
      return "int32";
    case DataType::kInt64:
      return "int64";
    case DataType::kUInt32:
      return "uint32";
    case DataType::kUInt64:
      return "uint64";
    case DataType::kFloat32:
      return "float32";
    case DataType::kBool:
      return "bool";
    case DataType::kResource:
      return "resource";
  }
  return "unknown";
}

}  // namespace vnpu::ir
