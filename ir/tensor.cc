#include "ir/tensor.h"

#include <limits>

namespace vnpu::ir {

std::optional<int64_t> checked_element_count(const Shape& shape) {
  bool has_zero = false;
  for (int32_t dim : shape) {
    if (dim < 0) return std::nullopt;
    has_zero = has_zero || dim == 0;
  }
  if (has_zero) return 0;  // whatever the other dimensions multiply to
  int64_t count = 1;
  for (int32_t dim : shape) {
    if (__builtin_mul_overflow(count, int64_t{dim}, &count)) return std::nullopt;
  }
  return count;
}

std::optional<int64_t> checked_byte_count(const Shape& shape, DataType type) {
  const std::optional<int64_t> count = checked_element_count(shape);
  int64_t bytes = 0;
  if (!count || __builtin_mul_overflow(*count, static_cast<int64_t>(element_size(type)), &bytes)) {
    return std::nullopt;
  }
  return bytes;
}

int64_t element_count(const Shape& shape) {
  return checked_element_count(shape).value_or(std::numeric_limits<int64_t>::max());
}

int64_t Tensor::size_bytes() const {
  return checked_byte_count(shape, type).value_or(std::numeric_limits<int64_t>::max());
}

int64_t first_invalid_bool(const uint8_t* bytes, int64_t count) {
  for (int64_t i = 0; i < count; ++i) {
    if (bytes[i] > 1) return i;
  }
  return -1;
}

std::string shape_to_string(const Shape& shape) {
  std::string text = "[";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i > 0) text += ",";
    text += std::to_string(shape[i]);
  }
  return text + "]";
}

}  // namespace vnpu::ir
