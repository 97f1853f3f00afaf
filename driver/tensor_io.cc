#include "driver/tensor_io.h"

#include <cctype>
#include <cstring>

#include "core/deterministic_rng.h"

namespace vnpu::driver {

Expected<std::vector<uint8_t>> input_bytes_from_npy(const NpyArray& array,
                                                    const ir::Tensor& tensor,
                                                    const std::string& label) {
  if (array.type != tensor.type || array.shape != tensor.shape) {
    return Status::invalid_input(label + " '" + tensor.name + "': .npy is " +
                                 ir::data_type_name(array.type) + " " +
                                 ir::shape_to_string(array.shape) + ", model expects " +
                                 ir::data_type_name(tensor.type) + " " +
                                 ir::shape_to_string(tensor.shape));
  }
  return array.data;
}

std::vector<uint8_t> random_input_bytes(const ir::Tensor& tensor, uint64_t seed) {
  DeterministicRng rng(seed);
  std::vector<uint8_t> bytes(static_cast<size_t>(tensor.size_bytes()));
  if (tensor.type == ir::DataType::kFloat32) {
    for (size_t i = 0; i + 4 <= bytes.size(); i += 4) {
      const auto value = static_cast<float>(rng.unit() * 2.0 - 1.0);
      std::memcpy(bytes.data() + i, &value, 4);
    }
    return bytes;
  }
  const uint64_t mask = tensor.type == ir::DataType::kBool ? 1 : 0xFF;  // a bool is 0 or 1
  for (uint8_t& byte : bytes) byte = static_cast<uint8_t>(rng.next() & mask);
  return bytes;
}

NpyArray tensor_to_npy(const ir::Tensor& tensor, const uint8_t* data) {
  NpyArray array;
  array.type = tensor.type;
  array.shape = tensor.shape;
  array.data.assign(data, data + tensor.size_bytes());
  return array;
}

std::string intermediate_file_name(int32_t tensor_index, const std::string& tensor_name) {
  std::string sanitized;
  for (char c : tensor_name) {
    const bool keep = std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
    sanitized += keep ? c : '_';
  }
  if (sanitized.size() > 64) sanitized.resize(64);
  while (!sanitized.empty() && sanitized.back() == '_') sanitized.pop_back();
  return "t" + std::to_string(tensor_index) + "_" + sanitized + ".npy";
}

}  // namespace vnpu::driver
