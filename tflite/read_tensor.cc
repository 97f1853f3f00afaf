// Reads one TFLite tensor: type, shape, quantization and constant data, checking
// every value against the file and the IR's limits.
//
// INT4 tensors (two values per byte, low nibble first) are constant weights in
// TFLite Micro, which unpacks them to int8 before running its int8 kernels; the
// reader does the same once, so the IR holds them as int8 tensors (values in
// [-8, 7], quantization unchanged) and every later layer sees plain int8 weights.
#include <cmath>
#include <limits>
#include <vector>

#include "core/input_limits.h"
#include "tflite/reader_context.h"

namespace vnpu::tflite::detail {
namespace {

constexpr size_t kMaxRank = 6;

Expected<ir::DataType> map_type(schema::TensorType type, const std::string& where) {
  switch (type) {
    case schema::TensorType_INT8:
      return ir::DataType::kInt8;
    case schema::TensorType_UINT8:
      return ir::DataType::kUInt8;
    case schema::TensorType_INT16:
      return ir::DataType::kInt16;
    case schema::TensorType_INT32:
      return ir::DataType::kInt32;
    case schema::TensorType_INT64:
      return ir::DataType::kInt64;
    case schema::TensorType_UINT32:
      return ir::DataType::kUInt32;
    case schema::TensorType_UINT64:
      return ir::DataType::kUInt64;
    case schema::TensorType_FLOAT32:
      return ir::DataType::kFloat32;
    case schema::TensorType_BOOL:
      return ir::DataType::kBool;
    case schema::TensorType_RESOURCE:
      return ir::DataType::kResource;
    default:
      break;
  }
  const std::string name = schema::EnumNameTensorType(type);
  return Status::unsupported(
      where + ": unsupported tensor type " +
      (name.empty() ? "code " + std::to_string(static_cast<int>(type)) : name));
}

Status read_shape(ReadContext& context, const schema::Tensor& source, ir::Tensor& tensor,
                  const std::string& where) {
  auto dims = copy_vector(context, source.shape(), where);
  if (!dims) return dims.status();
  if (dims->size() > kMaxRank) {
    return Status::invalid_input(where + ": rank " + std::to_string(dims->size()) +
                                 " exceeds the maximum of " + std::to_string(kMaxRank));
  }
  tensor.shape = std::move(*dims);
  const int64_t element_bytes = static_cast<int64_t>(ir::element_size(tensor.type));
  int64_t bytes = element_bytes;
  for (int32_t dim : tensor.shape) {
    if (dim < 0) {
      return Status::invalid_input(where + ": negative dimension in shape " +
                                   ir::shape_to_string(tensor.shape));
    }
    if (dim != 0 && bytes > kMaxTensorBytes / dim) {
      return Status::invalid_input(where + ": shape " + ir::shape_to_string(tensor.shape) + " of " +
                                   ir::data_type_name(tensor.type) +
                                   " exceeds the tensor size limit of " +
                                   std::to_string(kMaxTensorBytes) + " bytes");
    }
    bytes *= dim;
  }
  return context.add_tensor_bytes(bytes, where);
}

// Range of zero points for integer types a zero point applies to; false for others.
bool zero_point_range(ir::DataType type, int64_t& low, int64_t& high) {
  switch (type) {
    case ir::DataType::kInt8:
      low = -128;
      high = 127;
      return true;
    case ir::DataType::kUInt8:
      low = 0;
      high = 255;
      return true;
    case ir::DataType::kInt16:
      low = -32768;
      high = 32767;
      return true;
    case ir::DataType::kInt32:
      low = std::numeric_limits<int32_t>::min();
      high = std::numeric_limits<int32_t>::max();
      return true;
    default:
      return false;
  }
}

Status check_per_channel(const ir::Tensor& tensor, const std::string& where) {
  const ir::Quantization& q = tensor.quantization;
  const auto rank = static_cast<int32_t>(tensor.shape.size());
  if (q.axis >= rank) {
    return Status::invalid_input(where + ": quantized dimension " + std::to_string(q.axis) +
                                 " outside shape " + ir::shape_to_string(tensor.shape));
  }
  const int32_t channels = tensor.shape[static_cast<size_t>(q.axis)];
  if (static_cast<int64_t>(q.scales.size()) != channels) {
    return Status::invalid_input(where + ": " + std::to_string(q.scales.size()) +
                                 " per-channel scales for dimension " + std::to_string(q.axis) +
                                 " of shape " + ir::shape_to_string(tensor.shape) + " (size " +
                                 std::to_string(channels) + ")");
  }
  return Status::ok();
}

Status read_quantization(ReadContext& context, const schema::QuantizationParameters* source,
                         ir::Tensor& tensor, const std::string& where) {
  if (source == nullptr) return Status::ok();
  if (source->details_type() != schema::QuantizationDetails_NONE) {
    return Status::unsupported(where + ": custom quantization details are not supported");
  }
  auto scales = copy_vector(context, source->scale(), where);
  if (!scales) return scales.status();
  auto zero_points = copy_vector(context, source->zero_point(), where);
  if (!zero_points) return zero_points.status();
  ir::Quantization& q = tensor.quantization;
  q.scales = std::move(*scales);
  q.zero_points = std::move(*zero_points);
  q.axis = source->quantized_dimension();
  if (q.scales.empty() && !q.zero_points.empty()) {
    return Status::invalid_input(where + ": " + std::to_string(q.zero_points.size()) +
                                 " quantization zero points but no scales");
  }
  if (!q.zero_points.empty() && q.zero_points.size() != q.scales.size()) {
    return Status::invalid_input(where + ": " + std::to_string(q.scales.size()) +
                                 " quantization scales but " +
                                 std::to_string(q.zero_points.size()) + " zero points");
  }
  // TOCO wrote per-channel biases (rank 1) with their filter's quantized dimension;
  // the only axis such a tensor has is 0, which is what TFLite uses for them.
  if (tensor.shape.size() == 1 && q.scales.size() > 1 && q.axis > 0 &&
      static_cast<int64_t>(q.scales.size()) == tensor.shape[0]) {
    q.axis = 0;
  }
  if (q.axis < 0 || (q.axis > 0 && static_cast<size_t>(q.axis) >= tensor.shape.size())) {
    return Status::invalid_input(where + ": quantized dimension " + std::to_string(q.axis) +
                                 " outside shape " + ir::shape_to_string(tensor.shape));
  }
  if (q.scales.size() > 1) {
    Status status = check_per_channel(tensor, where);
    if (!status) return status;
  }
  int64_t low = 0;
  int64_t high = 0;
  if (!zero_point_range(tensor.type, low, high)) return Status::ok();
  for (int64_t zero_point : q.zero_points) {
    if (zero_point < low || zero_point > high) {
      return Status::invalid_input(where + ": zero point " + std::to_string(zero_point) +
                                   " outside the " + ir::data_type_name(tensor.type) + " range [" +
                                   std::to_string(low) + "," + std::to_string(high) + "]");
    }
  }
  return Status::ok();
}

// Unpacks ceil(n / 2) bytes of packed INT4 into n sign-extended int8 values.
std::vector<uint8_t> unpack_int4(const uint8_t* packed, int64_t count) {
  std::vector<uint8_t> values(static_cast<size_t>(count));
  for (int64_t i = 0; i < count; ++i) {
    const uint8_t byte = packed[i / 2];
    const auto nibble = static_cast<uint8_t>(i % 2 == 0 ? byte & 0x0F : byte >> 4);
    values[static_cast<size_t>(i)] = nibble >= 8 ? static_cast<uint8_t>(nibble | 0xF0) : nibble;
  }
  return values;
}

// An INT4 tensor (read with type int8): its packed constant data, unpacked.
Status read_int4_data(ReadContext& context, uint32_t buffer_index, ir::Tensor& tensor,
                      const std::string& where) {
  const std::vector<ByteSpan>& buffers = context.buffers();
  if (buffer_index == 0 || buffer_index >= buffers.size() || buffers[buffer_index].size == 0) {
    return Status::unsupported(where + ": INT4 tensors are supported as constant weights only");
  }
  const ByteSpan span = buffers[buffer_index];
  const int64_t count = tensor.element_count();
  if (static_cast<int64_t>(span.size) != (count + 1) / 2) {
    return Status::invalid_input(where + ": buffer " + std::to_string(buffer_index) + " holds " +
                                 std::to_string(span.size) + " bytes, shape " +
                                 ir::shape_to_string(tensor.shape) + " INT4 needs " +
                                 std::to_string((count + 1) / 2));
  }
  Status charged = context.charge(static_cast<uint64_t>(count), where);
  if (!charged) return charged;
  tensor.data = unpack_int4(span.data, count);
  return Status::ok();
}

Status read_data(ReadContext& context, uint32_t buffer_index, ir::Tensor& tensor,
                 const std::string& where) {
  if (buffer_index == 0) return Status::ok();  // buffer 0 is the empty sentinel
  const std::vector<ByteSpan>& buffers = context.buffers();
  if (buffer_index >= buffers.size()) {
    return Status::invalid_input(where + ": buffer " + std::to_string(buffer_index) +
                                 " out of range (model has " + std::to_string(buffers.size()) +
                                 " buffers)");
  }
  const ByteSpan span = buffers[buffer_index];
  if (span.size == 0) return Status::ok();  // an activation with its own empty buffer
  if (static_cast<int64_t>(span.size) != tensor.size_bytes()) {
    return Status::invalid_input(
        where + ": buffer " + std::to_string(buffer_index) + " holds " + std::to_string(span.size) +
        " bytes, shape " + ir::shape_to_string(tensor.shape) + " " +
        ir::data_type_name(tensor.type) + " needs " + std::to_string(tensor.size_bytes()));
  }
  Status charged = context.charge(span.size, where);
  if (!charged) return charged;
  tensor.data.assign(span.data, span.data + span.size);
  return Status::ok();
}

}  // namespace

Expected<ir::Tensor> read_tensor(ReadContext& context, const schema::Tensor& source,
                                 const std::string& where) {
  ir::Tensor tensor;
  const flatbuffers::String* name = source.name();
  if (name != nullptr) {
    Status charged = context.charge(name->size(), where);
    if (!charged) return charged;
    tensor.name = name->str();
  }
  if (source.sparsity() != nullptr) {
    return Status::unsupported(where + ": sparse tensors are not supported");
  }
  const bool int4 = source.type() == schema::TensorType_INT4;
  auto type = int4 ? Expected<ir::DataType>(ir::DataType::kInt8) : map_type(source.type(), where);
  if (!type) return type.status();
  tensor.type = *type;
  tensor.is_variable = source.is_variable();
  Status status = read_shape(context, source, tensor, where);
  if (status) status = read_quantization(context, source.quantization(), tensor, where);
  if (status) {
    status = int4 ? read_int4_data(context, source.buffer(), tensor, where)
                  : read_data(context, source.buffer(), tensor, where);
  }
  if (!status) return status;
  return tensor;
}

}  // namespace vnpu::tflite::detail
