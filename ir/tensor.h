// IR tensors: shape, element type, quantization and (for constants) data.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ir/data_type.h"

namespace vnpu::ir {

using Shape = std::vector<int32_t>;

// Number of elements of a shape (1 for rank 0), or nullopt when a dimension is
// negative or the product does not fit int64.
std::optional<int64_t> checked_element_count(const Shape& shape);

// Bytes of a shape of `type`, or nullopt as checked_element_count, or when the
// byte count does not fit int64.
std::optional<int64_t> checked_byte_count(const Shape& shape, DataType type);

// Number of elements of a shape (1 for rank 0). Dimensions must be >= 0; a
// product beyond int64 saturates at INT64_MAX (readers reject such shapes with
// the checked_ functions first).
int64_t element_count(const Shape& shape);

// "[1,49,10,1]".
std::string shape_to_string(const Shape& shape);

// Affine quantization real = scale * (q - zero_point), per tensor (one scale)
// or per channel along `axis` (one scale and zero point per index of that axis).
struct Quantization {
  std::vector<float> scales;
  std::vector<int64_t> zero_points;
  int32_t axis = 0;

  bool is_quantized() const { return !scales.empty(); }
  bool is_per_channel() const { return scales.size() > 1; }
  float scale() const { return scales.empty() ? 0.0f : scales[0]; }
  int32_t zero_point() const { return zero_points.empty() ? 0 : static_cast<int32_t>(zero_points[0]); }
};

struct Tensor {
  std::string name;
  DataType type = DataType::kInt8;
  Shape shape;
  Quantization quantization;
  // Constant contents (weights, biases, shape operands), little-endian, exactly
  // element_count(shape) * element_size(type) bytes; empty for activations.
  std::vector<uint8_t> data;
  // Storage that exists from the start and keeps its value across invocations
  // (TFLite's variable tensors; reset to the zero point, or 0, at start-up).
  bool is_variable = false;
  // A variable whose contents nothing relies on between operators (an NPU
  // operator's scratch area, which may hold other tensors): never reset.
  bool is_scratch = false;

  bool is_constant() const { return !data.empty(); }
  int64_t element_count() const { return ir::element_count(shape); }
  // Saturates at INT64_MAX like element_count.
  int64_t size_bytes() const;
};

// The index of the first byte of `bytes` that is not a bool (0 or 1), or -1. Bool
// tensors hold one byte per element; kernels read them as C++ bool, for which any
// other byte value is undefined, so every way bytes enter a bool tensor (model
// constants, runtime inputs) is checked with this.
int64_t first_invalid_bool(const uint8_t* bytes, int64_t count);

}  // namespace vnpu::ir
